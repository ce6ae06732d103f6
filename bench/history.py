"""A synthetic history of one site for the service benchmark: N customers over some months.

Not a test. ``bench/service.py`` loads it into a live site with the bulk loader; ``python
bench/history.py --customers 10000 --out site.yaml`` writes it as a scenario file for
``guishu site load site.yaml --name … --progress``.

The site has 20 salespeople (S01…S20, the reception rotation), a front desk (desk1) and a manager
(boss1), under ``re-office`` or ``appointment-7d``. Its history covers ``months`` months of
business hours (9:00–21:00, weekends half as busy again as weekdays) ending the day before
``end``, about three events per customer:

- exactly ``customers`` new customers, each first seen as a walk-in (``visit`` without ``by``:
  the rotation chooses; 5% designate a salesperson, half give a name) or a phone call (25%, by a
  salesperson), spread evenly over the history;
- the other events, on customers already registered: revisits (30%, a tenth naming a
  salesperson), follow-ups (40%), calls (4%), deposits (8%), deals (4%), a manager's assignments
  (2%), and salespeople going busy or resting and back on duty (12%; never more than a third off
  at once, and everyone back on duty at the end, so the benchmark's walk-ins find a full queue).

The mix follows ``bench/replay.py``'s generator (its names and its proportions of visits,
follow-ups and deals); phones are ``138`` + 8 digits for the history's customers and ``137`` + 8
digits for phones it never uses (the benchmark's new walk-ins). The events are API bodies (the
scenario format), generated lazily from the seed: a million customers do not sit in memory twice.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.replay import _name  # the same names as the replay benchmark's

TZ_NAME = "Asia/Shanghai"
TZ = ZoneInfo(TZ_NAME)
PRESETS = ("re-office", "appointment-7d")
SALES = tuple(f"S{n:02d}" for n in range(1, 21))
DESK, MANAGER = "desk1", "boss1"
EVENTS_PER_CUSTOMER = 3.0
OPEN_MINUTE, CLOSE_MINUTE = 9 * 60, 21 * 60
# what happens to customers already registered, by share of those events (the rest of the stream)
MIX = (
    ("revisit", 0.30),
    ("followup", 0.40),
    ("call", 0.04),
    ("deposit", 0.08),
    ("deal", 0.04),
    ("assign", 0.02),
    ("status", 0.12),
)


def customer_phone(n: int) -> str:
    """The phone of the history's customer number ``n`` (0-based)."""
    return f"138{n:08d}"


def new_phone(n: int) -> str:
    """A phone no history uses: the benchmark's new walk-ins."""
    return f"137{n:08d}"


@dataclass
class History:
    """``customers`` customers of one site over ``months`` months before ``end``; iterate for the events."""

    customers: int
    preset: str = "re-office"
    months: int = 6
    seed: int = 20260301
    end: date = field(default_factory=lambda: datetime.now(TZ).date())

    @property
    def staff(self) -> list[dict[str, str]]:
        """The site's staff as the scenario format lists them: code, name, role."""
        sales = [{"code": c, "name": f"顾问{c}", "role": "sales"} for c in SALES]
        others = [{"code": DESK, "name": "前台", "role": "desk"}, {"code": MANAGER, "name": "经理", "role": "manager"}]
        return sales + others

    @property
    def first_day(self) -> date:
        return self.end - timedelta(days=30 * self.months)

    def __len__(self) -> int:
        return max(self.customers, round(self.customers * EVENTS_PER_CUSTOMER))

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return _Stream(self).events()


class _Stream:
    def __init__(self, history: History) -> None:
        self.h = history
        self.rng = random.Random(history.seed)
        self.registered = 0  # customers 0 … registered-1 have been seen
        self.off: list[str] = []  # salespeople busy or resting, to be brought back on duty

    def events(self) -> Iterator[dict[str, Any]]:
        total = len(self.h)
        i = 0
        for day, count in self._days(total):
            for minute in sorted(self.rng.randrange(OPEN_MINUTE, CLOSE_MINUTE) for _ in range(count)):
                at = datetime(day.year, day.month, day.day, tzinfo=TZ) + timedelta(minutes=minute)
                kind, body = self._next(total - i)
                i += 1
                yield {"at": at.isoformat(), kind: body}

    def _days(self, total: int) -> Iterator[tuple[date, int]]:
        """Each day of the history with its number of events (weekends weigh 1.5), summing to ``total``."""
        days = [self.h.first_day + timedelta(days=d) for d in range((self.h.end - self.h.first_day).days)]
        weights = [1.5 if d.weekday() >= 5 else 1.0 for d in days]
        scale = total / sum(weights)
        counts = [int(w * scale) for w in weights]
        for k in range(total - sum(counts)):  # the remainder, one each to the first days
            counts[k % len(counts)] += 1
        return zip(days, counts, strict=True)

    def _next(self, remaining: int) -> tuple[str, dict[str, Any]]:
        rng, h = self.rng, self.h
        new_left = h.customers - self.registered
        others_left = remaining - new_left
        if new_left >= remaining or self.registered == 0:
            return self._new()
        if self.off and len(self.off) >= others_left:  # the last events bring everyone back on duty
            return "status", {"staff": self.off.pop(), "is": "on_duty"}
        if rng.random() < new_left / remaining:
            return self._new()
        r = rng.random()
        for kind, share in MIX:
            if r < share:
                return self._known(kind, others_left)
            r -= share
        return self._known("followup", others_left)

    def _new(self) -> tuple[str, dict[str, Any]]:
        rng = self.rng
        phone = customer_phone(self.registered)
        self.registered += 1
        body: dict[str, Any] = {"phone": phone}
        name = _name(rng, 0.5)
        if name:
            body["name"] = name
        if rng.random() < 0.25:
            body["by"] = rng.choice(SALES)
            return "call", body
        if rng.random() < 0.05:
            body["designates"] = rng.choice(SALES)
        return "visit", body

    def _known(self, kind: str, others_left: int) -> tuple[str, dict[str, Any]]:
        rng = self.rng
        phone = customer_phone(rng.randrange(self.registered))
        by = rng.choice(SALES)
        if kind == "revisit":
            body: dict[str, Any] = {"phone": phone, "first_visit": False}
            if rng.random() < 0.1:
                body["names"] = by
            return "visit", body
        if kind == "followup":
            return "followup", {"phone": phone, "by": by, "kind": rng.choice(("call", "wechat", "sms", "appointment"))}
        if kind == "call":
            return "call", {"phone": phone, "by": by}
        if kind == "deposit":
            return "deposit", {"phone": phone, "by": by}
        if kind == "deal":
            return "deal", {"phone": phone, "by": by, "amount": str(rng.randrange(300_000, 3_000_000))}
        if kind == "assign":
            return "assign", {"phone": phone, "to": by}
        return self._status(others_left)

    def _status(self, others_left: int) -> tuple[str, dict[str, Any]]:
        rng = self.rng
        may_leave = len(self.off) * 3 < len(SALES) and len(self.off) + 2 < others_left
        if self.off and (not may_leave or rng.random() < 0.5):
            return "status", {"staff": self.off.pop(rng.randrange(len(self.off))), "is": "on_duty"}
        code = rng.choice([s for s in SALES if s not in self.off])
        self.off.append(code)
        return "status", {"staff": code, "is": "busy" if rng.random() < 0.7 else "rest"}


def scenario_document(history: History) -> dict[str, Any]:
    """The history as a scenario file (times in the site's zone, as the format writes them)."""
    staff = {s["code"]: {"name": s["name"], "role": s["role"]} for s in history.staff}
    events = []
    for raw in history:
        at = datetime.fromisoformat(raw.pop("at"))
        events.append({"at": at.strftime("%Y-%m-%d %H:%M"), **raw})
    return {
        "title": f"合成历史：{history.customers:,} 位客户，{history.months} 个月（基准测试）",
        "policy": history.preset,
        "timezone": TZ_NAME,
        "staff": staff,
        "events": events,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--customers", type=int, default=1000)
    parser.add_argument("--preset", choices=PRESETS, default="re-office")
    parser.add_argument("--months", type=int, default=6)
    parser.add_argument("--seed", type=int, default=20260301)
    parser.add_argument("--out", type=Path, required=True, help="the scenario file to write (YAML)")
    args = parser.parse_args(argv)
    import yaml

    history = History(args.customers, preset=args.preset, months=args.months, seed=args.seed)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    with args.out.open("w", encoding="utf-8") as out:
        yaml.dump(scenario_document(history), out, Dumper=dumper, allow_unicode=True, sort_keys=False, width=200)
    print(f"{args.out}: {len(history):,} events, {history.customers:,} customers, {history.preset}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
