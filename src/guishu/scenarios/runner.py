"""Running a scenario: replay its events through the engine and evaluate every check.

A check with ``at`` is evaluated on the state of that instant: the events up to and
including that instant are replayed into a fresh site, and the engine is asked at that
time. Checks without ``at`` are asked right after the last event.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from guishu.engine import HOUSE, Ruling, Site, StaffMember
from guishu.engine.phones import PhoneError, normalize_phone

from .loader import Check, EventEntry, Scenario, ScenarioError, load_scenario

TOLERANCE = Decimal("0.01")


@dataclass
class CheckResult:
    check: Check
    ok: bool
    what: str
    expected: Any
    got: Any
    clauses: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "check": self.check.kind,
            "what": self.what,
            "ok": self.ok,
            "expected": _jsonable(self.expected),
            "got": _jsonable(self.got),
            "clauses": self.clauses,
            **({"at": self.check.at.isoformat()} if self.check.at else {}),
        }


@dataclass
class FileResult:
    path: str
    title: str = ""
    error: str | None = None
    checks: list[CheckResult] = field(default_factory=list)
    rulings: list[Ruling] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return self.error is None and all(c.ok for c in self.checks)

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "title": self.title,
            "passed": self.passed,
            "error": self.error,
            "checks": [c.as_dict() for c in self.checks],
        }


def replay(scenario: Scenario, until: datetime | None = None) -> tuple[Site, list[Ruling]]:
    """A fresh site with the scenario's staff and its events up to ``until`` (inclusive) applied."""
    site = Site(scenario.policy, [StaffMember(s.code, s.name, s.team, s.role, s.region) for s in scenario.staff])
    rulings = [apply_entry(site, entry) for entry in scenario.events if until is None or entry.at <= until]
    return site, rulings


def apply_entry(site: Site, entry: EventEntry) -> Ruling:
    if entry.event is not None:
        return site.apply(entry.event)
    assert entry.error is not None
    return site.refuse(entry.kind, entry.at, entry.event_id, entry.error.field or "", entry.error.zh, entry.error.en)


def run_scenario(scenario: Scenario) -> FileResult:
    result = FileResult(scenario.path, scenario.title)
    site, rulings = replay(scenario)
    result.rulings = rulings
    end = scenario.events[-1].at if scenario.events else datetime.now().astimezone(scenario.policy.tz)
    snapshots: dict[datetime, tuple[Site, list[Ruling]]] = {}
    for check in scenario.checks:
        if check.at is None:
            state, at = (site, rulings), end
        else:
            if check.at not in snapshots:
                snapshots[check.at] = replay(scenario, check.at)
            state, at = snapshots[check.at], check.at
        result.checks.append(evaluate(scenario, state[0], rulings, check, at))
    return result


def run_file(path: str | Path) -> FileResult:
    try:
        scenario = load_scenario(path)
    except ScenarioError as exc:
        return FileResult(str(path), error=str(exc))
    try:
        return run_scenario(scenario)
    except Exception as exc:  # an engine fault must show as a failed file, with its cause
        return FileResult(str(path), scenario.title, error=f"运行出错 / engine error: {type(exc).__name__}: {exc}")


def collect(paths: Iterable[str | Path]) -> list[Path]:
    files: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files.extend(sorted(q for q in p.rglob("*.yaml") if q.is_file()))
            files.extend(sorted(q for q in p.rglob("*.yml") if q.is_file()))
        else:
            files.append(p)
    return files


def run_paths(paths: Iterable[str | Path]) -> list[FileResult]:
    return [run_file(p) for p in collect(paths)]


def _ruling(scenario: Scenario, rulings: list[Ruling], ref: Any) -> Ruling | None:
    for entry, ruling in zip(scenario.events, rulings, strict=False):
        if isinstance(ref, int) and not isinstance(ref, bool):
            if entry.position == ref:
                return ruling
        elif entry.event_id == str(ref):
            return ruling
    return None


def evaluate(scenario: Scenario, site: Site, rulings: list[Ruling], check: Check, at: datetime) -> CheckResult:
    """The result of one check, asked of ``site`` at ``at``; an unknown kind is a :class:`ScenarioError`."""
    judge = _CHECKS.get(check.kind)
    if judge is None:
        raise ScenarioError(f"未知的检查项：{check.kind}", f"unknown check {check.kind}")
    return judge(_Ask(scenario, site, rulings, check, at))


@dataclass(frozen=True)
class _Ask:
    """What one check is asked of: the scenario, the site's state, every ruling and the instant."""

    scenario: Scenario
    site: Site
    rulings: list[Ruling]
    check: Check
    at: datetime


def _check_owner(ask: _Ask) -> CheckResult:
    value = ask.check.value
    got: dict[str, Any] = {}
    ok = True
    for phone, expected in value.items():
        want = None if expected is None else str(expected)
        try:
            owner = ask.site.owner(normalize_phone(phone), ask.at)
        except PhoneError:
            owner = "<invalid phone>"
        got[str(phone)] = owner
        ok = ok and owner == want
    return CheckResult(ask.check, ok, "owner", {str(k): v for k, v in value.items()}, got, _owner_clauses(ask))


def _owner_clauses(ask: _Ask) -> list[str]:
    """The clauses behind the current owners of the check's customers, each once, in order."""
    clauses: list[str] = []
    for phone in ask.check.value:
        customer = ask.site.customer_view(str(phone))
        if customer is not None:
            clauses.extend(x for x in customer.owner_clauses if x and x not in clauses)
    return clauses


def _check_deal(ask: _Ask) -> CheckResult:
    check, value = ask.check, ask.check.value
    record = ask.site.deal(value)
    if record is None:
        return CheckResult(check, False, f"deal {value}", check.extra, "没有这笔成交 / no such deal")
    got: dict[str, Any] = {}
    ok = True
    for key in ("credit", "commission"):
        if key not in check.extra:
            continue
        shares = record.credit if key == "credit" else record.commission
        got[key] = {k: float(v) for k, v in shares.items()}
        ok = ok and _shares_match(check.extra[key], shares)
    return CheckResult(check, ok, f"deal {value}", check.extra, got, list(record.clauses))


def _check_next(ask: _Ask) -> CheckResult:
    got = ask.site.next_up(ask.at)
    want = None if ask.check.value is None else str(ask.check.value)
    return CheckResult(ask.check, got == want, "next", want, got)


def _check_event(judge: Callable[[Check, Ruling, str], CheckResult]) -> Callable[[_Ask], CheckResult]:
    """A check on the ruling of one event (``value["event"]``): a missing event fails, else ``judge`` decides."""

    def check_event(ask: _Ask) -> CheckResult:
        value = ask.check.value
        what = f"{ask.check.kind} event {value['event']}"
        ruling = _ruling(ask.scenario, ask.rulings, value["event"])
        if ruling is None:
            return CheckResult(ask.check, False, what, value, "事件不存在 / no such event")
        return judge(ask.check, ruling, what)

    return check_event


def _received(check: Check, ruling: Ruling, what: str) -> CheckResult:
    by = str(check.value["by"])
    ok = ruling.accepted and ruling.received_by == by
    got = ruling.received_by if ruling.accepted else f"refused: {ruling.reason}"
    return CheckResult(check, ok, what, by, got, list(ruling.clauses))


def _turn(check: Check, ruling: Ruling, what: str) -> CheckResult:
    counted = check.value["counted"]
    ok = ruling.accepted and ruling.counted_turn is counted
    return CheckResult(check, ok, what, counted, ruling.counted_turn, list(ruling.clauses))


def _cites(check: Check, ruling: Ruling, what: str) -> CheckResult:
    clause = str(check.value["clause"])
    ok = ruling.accepted and clause in ruling.clauses
    return CheckResult(check, ok, what, clause, list(ruling.clauses), list(ruling.clauses))


def _rejected(check: Check, ruling: Ruling, what: str) -> CheckResult:
    reason = str(check.value["reason"])
    ok = not ruling.accepted and (reason == ruling.field or reason in ruling.reason or reason in ruling.reason_en)
    got = f"refused ({ruling.field}): {ruling.reason}" if not ruling.accepted else "accepted"
    return CheckResult(check, ok, what, f"refused: {reason}", got, list(ruling.clauses))


def _check_penalty(ask: _Ask) -> CheckResult:
    value = ask.check.value
    totals = ask.site.penalties(ask.at)
    got = {k: totals.get(str(k), 0) for k in value}
    ok = all(Decimal(str(totals.get(str(k), 0))) == Decimal(str(v)) for k, v in value.items())
    return CheckResult(ask.check, ok, "penalty", value, {**got, **totals})


def _check_flagged(ask: _Ask) -> CheckResult:
    want = sorted(map(str, ask.check.value))
    flagged = ask.site.flagged(ask.at)
    return CheckResult(ask.check, want == flagged, "flagged", want, flagged)


def _check_notice(kinds: tuple[str, ...]) -> Callable[[_Ask], CheckResult]:
    """A check that the site gave ``value["staff"]`` a notice of one of ``kinds`` citing ``value["clause"]``."""

    def check_notice(ask: _Ask) -> CheckResult:
        value = ask.check.value
        notices = [n for n in ask.site.notices_at(ask.at) if n.kind in kinds]
        hit = any(n.staff == str(value["staff"]) and n.clause == str(value["clause"]) for n in notices)
        return CheckResult(ask.check, hit, ask.check.kind, value, [f"{n.staff}:{n.clause}" for n in notices])

    return check_notice


_CHECKS: dict[str, Callable[[_Ask], CheckResult]] = {
    "owner": _check_owner,
    "deal": _check_deal,
    "next": _check_next,
    "received": _check_event(_received),
    "turn": _check_event(_turn),
    "cites": _check_event(_cites),
    "rejected": _check_event(_rejected),
    "penalty": _check_penalty,
    "flagged": _check_flagged,
    "warned": _check_notice(("warning", "penalty")),
    "notified": _check_notice(("notification",)),
}
"""Every check kind of the scenario format, and the function that evaluates it."""


def _shares_match(expected: dict[Any, Any], got: dict[str, Decimal]) -> bool:
    try:
        want = {str(k): Decimal(str(v)) for k, v in expected.items()}
    except InvalidOperation:
        return False
    if set(want) != {k for k, v in got.items() if v != 0}:
        return False
    if abs(sum(want.values()) - Decimal(100)) > TOLERANCE * max(1, len(want)) or sum(got.values()) != Decimal(100):
        return False
    return all(abs(got[k] - v) <= TOLERANCE for k, v in want.items())


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    return value


__all__ = ["HOUSE", "CheckResult", "FileResult", "evaluate", "replay", "run_file", "run_paths", "run_scenario"]
