"""Replay benchmark: one million synthetic events through the engine against a plain-dict baseline.

Not a test: ``make bench`` (or ``python bench/replay.py --quick``) prints a small table.

The stream is a year of a chain of 200 sites with 10 to 30 salespeople each, under the presets
``re-office``, ``appointment-7d`` and ``deal-1mo`` in turn. It is generated up front from a seed
as engine event dataclasses, so only the replay is timed:

- ~55% visits: new walk-ins without ``by`` (the rotation chooses), returning customers, some with
  a name, some naming or designating a salesperson;
- ~20% follow-ups, ~8% calls, ~5% status changes (busy/on_duty and rest/on_duty pairs),
  ~5% deposits, ~3% deals, ~2% links and ~2% assignments.

The baseline is what any system must do at least: a dict ``phone -> (owner, expiry)`` per site;
a visit of an unknown or expired phone sets the owner (``by`` or a round-robin salesperson) and
a 30-day expiry, every other event renews it.

Timing is interleaved (baseline, engine, baseline, engine, ...) and the median of the runs is
reported. Memory is measured in separate passes under ``tracemalloc`` (which slows the code
down, so it never shares a pass with the timing), for the full stream and for its first quarter
over the same customer population, to show that the engine's memory follows customers, not events.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import cast
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from guishu.engine import Site, StaffMember, load_policy
from guishu.engine import events as ev
from guishu.engine.policy import Policy

TZ = ZoneInfo("Asia/Shanghai")
PRESETS = ("re-office", "appointment-7d", "deal-1mo")
SITES = 200
CUSTOMERS_PER_SITE = 400  # the customer population does not depend on the number of events
START = datetime(2026, 1, 1, tzinfo=TZ)
BASELINE_EXPIRY = timedelta(days=30)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"


@dataclass
class SiteStream:
    preset: str
    staff: list[str]
    events: list[ev.Event]


# ------------------------------------------------------------------ generation
def generate(total: int, seed: int) -> list[SiteStream]:
    """``total`` events over ``SITES`` sites, each site's events in time order."""
    rng = random.Random(seed)
    streams = []
    for site_no in range(SITES):
        count = total // SITES + (1 if site_no < total % SITES else 0)
        preset = PRESETS[site_no % len(PRESETS)]
        staff = [f"S{n:02d}" for n in range(rng.randint(10, 30))]
        streams.append(SiteStream(preset, staff, _site_events(rng, site_no, staff, count)))
    return streams


def _site_events(rng: random.Random, site_no: int, staff: list[str], count: int) -> list[ev.Event]:
    # business hours over a year, sorted: the minute of the year of each event
    minutes = sorted(rng.randrange(365) * 1440 + rng.randrange(9 * 60, 21 * 60) for _ in range(count))
    phones = [f"139{site_no:03d}{n:05d}" for n in range(CUSTOMERS_PER_SITE)]
    registered: list[str] = []
    unregistered = 0  # index of the next phone never seen at the desk
    off: list[str] = []  # staff currently busy or resting, to be brought back on duty
    out: list[ev.Event] = []
    for minute in minutes:
        at = START + timedelta(minutes=minute)
        r = rng.random()
        if not registered or r < 0.55:
            if unregistered < len(phones) and (not registered or rng.random() < 0.6):
                phone = phones[unregistered]
                unregistered += 1
                registered.append(phone)
                designates = rng.choice(staff) if rng.random() < 0.05 else None
                out.append(ev.Visit(at=at, id=None, phone=phone, name=_name(rng, 0.5), designates=designates))
            else:
                phone = rng.choice(registered)
                names = rng.choice(staff) if rng.random() < 0.1 else None
                out.append(ev.Visit(at=at, id=None, phone=phone, name=_name(rng, 0.2), names=names, first_visit=False))
        elif r < 0.75:
            out.append(
                ev.Followup(
                    at=at,
                    id=None,
                    phone=rng.choice(registered),
                    by=rng.choice(staff),
                    kind=rng.choice(ev.FOLLOWUP_KINDS),
                )
            )
        elif r < 0.83:
            if unregistered < len(phones) and rng.random() < 0.3:
                phone = phones[unregistered]
                unregistered += 1
                registered.append(phone)
            else:
                phone = rng.choice(registered)
            out.append(ev.Call(at=at, id=None, phone=phone, name=_name(rng, 0.5), by=rng.choice(staff)))
        elif r < 0.88:
            if off and (rng.random() < 0.5 or len(off) * 3 >= len(staff)):
                code = off.pop(rng.randrange(len(off)))
                out.append(ev.Status(at=at, id=None, staff=code, is_="on_duty"))
            else:
                code = rng.choice([s for s in staff if s not in off])
                off.append(code)
                out.append(ev.Status(at=at, id=None, staff=code, is_="busy" if rng.random() < 0.7 else "rest"))
        elif r < 0.93:
            out.append(ev.Deposit(at=at, id=None, phone=rng.choice(registered), by=rng.choice(staff)))
        elif r < 0.96:
            out.append(
                ev.Deal(
                    at=at,
                    id=None,
                    phone=rng.choice(registered),
                    by=rng.choice(staff),
                    amount=str(rng.randrange(300_000, 3_000_000)),
                )
            )
        elif r < 0.98:
            a, b = rng.choice(registered), rng.choice(registered)
            out.append(ev.Link(at=at, id=None, phones=(a, b), by=rng.choice(staff), as_="same_person"))
        else:
            out.append(ev.Assign(at=at, id=None, phone=rng.choice(registered), to=rng.choice(staff)))
    return out


def _name(rng: random.Random, p: float) -> str | None:
    return rng.choice(SURNAMES) + "先生" if rng.random() < p else None


# ------------------------------------------------------------------ the two replays
def replay_engine(streams: Sequence[SiteStream], policies: dict[str, Policy]) -> list[Site]:
    sites = []
    for stream in streams:
        site = Site(policies[stream.preset], [StaffMember(code) for code in stream.staff])
        apply = site.apply
        for event in stream.events:
            apply(event)
        sites.append(site)
    return sites


def replay_engine_bulk(streams: Sequence[SiteStream], policies: dict[str, Policy]) -> list[Site]:
    """``Site.replay``: the same folding without building a Ruling per event (rebuilding projections)."""
    sites = []
    for stream in streams:
        site = Site(policies[stream.preset], [StaffMember(code) for code in stream.staff])
        site.replay(stream.events)  # type: ignore[attr-defined]
        sites.append(site)
    return sites


def replay_baseline(streams: Sequence[SiteStream]) -> list[dict[str, tuple[str, datetime]]]:
    """phone -> (owner, expiry); a visit of an unknown or expired phone takes an owner, all else renews."""
    out = []
    for stream in streams:
        owners: dict[str, tuple[str, datetime]] = {}
        staff = stream.staff
        turn = 0
        for e in stream.events:
            kind = e.KIND
            if kind == "status":
                continue
            phones = e.phones if kind == "link" else (e.phone,)  # type: ignore[attr-defined]
            for phone in phones:
                held = owners.get(phone)
                if held is None or held[1] <= e.at:
                    if kind != "visit":
                        continue
                    by = e.by  # type: ignore[attr-defined]
                    if by is None:
                        by = staff[turn % len(staff)]
                        turn += 1
                    owners[phone] = (by, e.at + BASELINE_EXPIRY)
                else:
                    owners[phone] = (held[0], e.at + BASELINE_EXPIRY)
        out.append(owners)
    return out


# ------------------------------------------------------------------ measuring
def timed(fn: Callable[[], object]) -> float:
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def peak_memory(fn: Callable[[], object]) -> tuple[int, object]:
    gc.collect()
    tracemalloc.start()
    try:
        result = fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, result


def check_pass(streams: Sequence[SiteStream], policies: dict[str, Policy]) -> dict[str, int]:
    """One untimed pass that also counts refusals and any exception the engine should not raise."""
    counts = {"accepted": 0, "refused": 0, "crashed": 0}
    crashes: dict[str, int] = {}
    for stream in streams:
        site = Site(policies[stream.preset], [StaffMember(code) for code in stream.staff])
        for event in stream.events:
            try:
                ruling = site.apply(event)
            except Exception as exc:  # a crash is an engine bug worth reporting, not a refusal
                counts["crashed"] += 1
                key = f"{event.KIND}: {type(exc).__name__}: {exc}"[:160]
                crashes[key] = crashes.get(key, 0) + 1
                continue
            counts["accepted" if ruling.accepted else "refused"] += 1
    for key, n in sorted(crashes.items(), key=lambda kv: -kv[1])[:5]:
        print(f"  ! engine crash x{n}: {key}")
    return counts


@dataclass
class Footprint:
    """The peak memory of one replay and what it left: customer records, phones in them, deals."""

    peak: int
    customers: int
    phones: int = 0
    deals: int = 0


@dataclass
class Timings:
    """Seconds of each timed run: the baseline, the engine's apply() and, if it has one, its bulk replay()."""

    baseline: list[float]
    engine: list[float]
    bulk: list[float]


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    policies = {p: load_policy(p) for p in PRESETS}
    t0 = time.perf_counter()
    streams = generate(100_000 if args.quick else args.events, args.seed)
    quarter = [SiteStream(s.preset, s.staff, s.events[: len(s.events) // 4]) for s in streams]
    n_events = sum(len(s.events) for s in streams)
    print(
        f"generated {n_events:,} events for {len(streams)} sites in {time.perf_counter() - t0:.1f}s (seed {args.seed})"
    )
    describe(streams, policies)
    timings = time_runs(streams, policies, args.runs)
    base_peak, base_result = peak_memory(lambda: replay_baseline(streams))
    baseline = Footprint(base_peak, sum(len(owners) for owners in cast("list[dict[str, object]]", base_result)))
    del base_result
    engine = engine_footprint(streams, policies)
    early = engine_footprint(quarter, policies)
    print_table(n_events, args.runs, timings, baseline, engine)
    print()
    print("engine memory vs. events, same customer population (links merge records, so count phones too):")
    print_memory(sum(len(s.events) for s in quarter), early)
    print_memory(n_events, engine)
    return 0


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--events", type=int, default=1_000_000, help="number of events (default 1,000,000)")
    parser.add_argument("--quick", action="store_true", help="100,000 events")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each, interleaved (default 5)")
    parser.add_argument("--seed", type=int, default=20260301)
    return parser.parse_args(argv)


def describe(streams: Sequence[SiteStream], policies: dict[str, Policy]) -> None:
    """Print which engine runs, the mix of event kinds, and the untimed check pass."""
    n_events = sum(len(s.events) for s in streams)
    kinds: dict[str, int] = {}
    for s in streams:
        for e in s.events:
            kinds[e.KIND] = kinds.get(e.KIND, 0) + 1
    from guishu._compiled import engine_is_compiled

    print(
        "  engine: "
        + ("compiled with mypyc" if engine_is_compiled() else "pure Python (GUISHU_PURE=1 or no current build)")
    )
    print(
        "  mix: " + ", ".join(f"{k} {100 * v / n_events:.1f}%" for k, v in sorted(kinds.items(), key=lambda kv: -kv[1]))
    )
    counts = check_pass(streams, policies)
    print(
        f"  engine check pass: {counts['accepted']:,} accepted, {counts['refused']:,} refused, "
        f"{counts['crashed']:,} crashed"
    )


def time_runs(streams: Sequence[SiteStream], policies: dict[str, Policy], runs: int) -> Timings:
    """``runs`` interleaved timed runs of the baseline, the engine's apply() and its bulk replay() if any."""
    bulk = hasattr(Site, "replay")
    times = Timings([], [], [])
    for run in range(runs):
        times.baseline.append(timed(lambda: replay_baseline(streams)))
        times.engine.append(timed(lambda: replay_engine(streams, policies)))
        if bulk:
            times.bulk.append(timed(lambda: replay_engine_bulk(streams, policies)))
        print(
            f"  run {run + 1}: baseline {times.baseline[-1]:.2f}s, engine apply() {times.engine[-1]:.2f}s"
            + (f", engine replay() {times.bulk[-1]:.2f}s" if bulk else "")
        )
    return times


def engine_footprint(streams: Sequence[SiteStream], policies: dict[str, Policy]) -> Footprint:
    peak, result = peak_memory(lambda: replay_engine(streams, policies))
    sites = cast("list[Site]", result)
    return Footprint(
        peak,
        customers=sum(len(site.customers) for site in sites),
        phones=sum(len(c.phones) for site in sites for c in site.customers.values()),
        deals=sum(len(site.deals) for site in sites),
    )


def print_table(n_events: int, runs: int, timings: Timings, baseline: Footprint, engine: Footprint) -> None:
    """The baseline against the engine: throughput, time, peak memory, customers, and the throughput ratios."""
    base_s = statistics.median(timings.baseline)
    engine_s = statistics.median(timings.engine)
    mb = 1024 * 1024
    ratio = base_s / engine_s
    print()
    print(f"{'':28}{'baseline':>14}{'engine apply':>14}")
    print(f"{'events/s (median of ' + str(runs) + ')':28}{n_events / base_s:>14,.0f}{n_events / engine_s:>14,.0f}")
    print(f"{'seconds (median)':28}{base_s:>14.2f}{engine_s:>14.2f}")
    print(f"{'peak MB (tracemalloc)':28}{baseline.peak / mb:>14.1f}{engine.peak / mb:>14.1f}")
    print(f"{'customers':28}{baseline.customers:>14,}{engine.customers:>14,}")
    print(
        f"{'bytes per customer':28}{baseline.peak / max(baseline.customers, 1):>14,.0f}"
        f"{engine.peak / max(engine.customers, 1):>14,.0f}"
    )
    print(
        f"ratio engine/baseline throughput, apply() with a Ruling per event: {ratio:.3f} (target >= 0.20) "
        f"{'OK' if ratio >= 0.20 else 'BELOW TARGET'}"
    )
    if timings.bulk:
        bulk_s = statistics.median(timings.bulk)
        print(
            f"ratio engine/baseline throughput, bulk Site.replay(): {base_s / bulk_s:.3f} "
            f"({n_events / bulk_s:,.0f} events/s, median {bulk_s:.2f}s) "
            f"{'OK' if base_s / bulk_s >= 0.20 else 'BELOW TARGET'}"
        )


def print_memory(n_events: int, engine: Footprint) -> None:
    mb = 1024 * 1024
    print(
        f"  {n_events:>10,} events: peak {engine.peak / mb:7.1f} MB, {engine.phones:,} phones in "
        f"{engine.customers:,} records, {engine.deals:,} deals, {engine.peak / max(engine.phones, 1):,.0f} B/phone"
    )


if __name__ == "__main__":
    sys.exit(main())
