"""Customers in a snapshot: every attribute of ``state.Customer``, one row per customer.

A row is a JSON list of the attributes in the order of ``ATTRIBUTES`` (the snapshot names them
once, in ``customers.fields``). ``null`` stands for the class default — for ``phones``, just the
key — and the nulls at the end of a row are left out, so a customer costs what it knows. The
most common attributes come first. Small tuples are lists: a helper is ``[at, owner_away,
reverse]``, a report ``[by, at, complete]``, a family finding ``[staff, date]``, the day's sales
points ``[date, [[point, [staff, ...]], ...]]``.

Rows rather than objects, and each attribute spelled out rather than looked up by name: loading
100,000 customers is mostly this module, and compiled it then reads and writes fields directly.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, Final

from ..state import Customer, Help, ReportInfo
from .codec import (
    Codec,
    as_flag,
    as_int,
    as_list,
    as_mapping,
    as_opt_text,
    as_pair,
    as_text,
    as_texts,
    as_triple,
)

# a customer with every default: a null in a row is read back as this
_D: Final = Customer("", [], datetime(1970, 1, 1, tzinfo=UTC), None, "")

IDENTITY: Final = ("key", "registered_at", "channel", "registered_by", "phones", "seq")
OWNERSHIP: Final = (
    "name",
    "owner",
    "owner_since",
    "owner_clauses",
    "owner_reason",
    "protected_until",
    "window_clause",
    "previous_owner",
    "lapsed_at",
)
RECEPTIONS: Final = (
    "first_reception_at",
    "first_receptionist",
    "last_reception_at",
    "receptions",
    "receptions_by",
    "followups",
    "helpers",
    "deposit_at",
    "deals",
    "first_engagement",
    "first_source",
    "first_followup_due",
    "first_followup_done",
)
RELATIONS: Final = (
    "family",
    "referrer",
    "report",
    "designated",
    "designated_clause",
    "shared",
    "shared_clause",
    "day_points",
    "family_pending",
    "family_split",
    "chase_started",
    "callback",
    "off_duty",
)
# the order of a row: the constructor's and the order of registration, then the most common first
ATTRIBUTES: Final = IDENTITY + OWNERSHIP + RECEPTIONS + RELATIONS
_O: Final = len(IDENTITY)
_R: Final = _O + len(OWNERSHIP)
_L: Final = _R + len(RECEPTIONS)
_PAD: Final[list[Any]] = [None] * len(ATTRIBUTES)


def customer_out(cust: Customer, c: Codec) -> list[Any]:
    row: list[Any] = [
        cust.key,
        c.time_out(cust.registered_at),
        cust.channel,
        cust.registered_by,
        None if cust.phones == [cust.key] else list(cust.phones),
        cust.seq if cust.seq != _D.seq else None,
    ]
    _ownership_out(cust, c, row)
    _receptions_out(cust, c, row)
    _relations_out(cust, c, row)
    while row[-1] is None:
        row.pop()
    return row


def customer_in(rec: Any, c: Codec) -> Customer:
    row = as_list(rec)
    if not 3 <= len(row) <= len(ATTRIBUTES):
        raise ValueError(f"a customer row has {len(row)} values (3 to {len(ATTRIBUTES)})")
    if len(row) < len(ATTRIBUTES):
        row = row + _PAD[len(row) :]
    key, at, channel, by, phones, seq = row[:_O]
    key = as_text(key)
    cust = Customer(
        key, [key] if phones is None else as_texts(phones), c.time_in(at), as_opt_text(by), as_text(channel)
    )
    if seq is not None:
        cust.seq = as_int(seq)
    _ownership_in(cust, row[_O:_R], c)
    _receptions_in(cust, row[_R:_L], c)
    _relations_in(cust, row[_L:], c)
    return cust


# ------------------------------------------------------------------ writing, in the order of ATTRIBUTES
def _time(at: datetime | None, c: Codec) -> int | str | None:
    return None if at is None else c.time_out(at)


def _ownership_out(cust: Customer, c: Codec, row: list[Any]) -> None:
    row.append(cust.name)
    row.append(cust.owner)
    row.append(_time(cust.owner_since, c))
    row.append(list(cust.owner_clauses) if cust.owner_clauses != _D.owner_clauses else None)
    row.append(cust.owner_reason if cust.owner_reason != _D.owner_reason else None)
    row.append(_time(cust.protected_until, c))
    row.append(cust.window_clause)
    row.append(cust.previous_owner)
    row.append(_time(cust.lapsed_at, c))


def _receptions_out(cust: Customer, c: Codec, row: list[Any]) -> None:
    row.append(_time(cust.first_reception_at, c))
    row.append(cust.first_receptionist)
    row.append(_time(cust.last_reception_at, c))
    row.append(cust.receptions if cust.receptions != _D.receptions else None)
    row.append(dict(cust.receptions_by) if cust.receptions_by else None)
    row.append({code: c.time_out(at) for code, at in cust.followups.items()} if cust.followups else None)
    helpers = cust.helpers
    row.append({code: [c.time_out(h.at), h.owner_away, h.reverse] for code, h in helpers.items()} if helpers else None)
    row.append(_time(cust.deposit_at, c))
    row.append(list(cust.deals) if cust.deals else None)
    row.append(cust.first_engagement if cust.first_engagement != _D.first_engagement else None)
    row.append(cust.first_source if cust.first_source != _D.first_source else None)
    row.append(_time(cust.first_followup_due, c))
    row.append(cust.first_followup_done if cust.first_followup_done != _D.first_followup_done else None)


def _relations_out(cust: Customer, c: Codec, row: list[Any]) -> None:
    row.append(cust.family)
    row.append(cust.referrer)
    report = cust.report
    row.append(None if report is None else [report.by, c.time_out(report.at), report.complete])
    row.append(cust.designated)
    row.append(cust.designated_clause)
    row.append(list(cust.shared) if cust.shared else None)
    row.append(cust.shared_clause)
    points = cust.day_points
    row.append(None if points is None else [points[0].isoformat(), [[p, sorted(s)] for p, s in points[1].items()]])
    pending, split = cust.family_pending, cust.family_split
    row.append(None if pending is None else [pending[0], pending[1].isoformat()])
    row.append(None if split is None else [split[0], split[1].isoformat()])
    row.append(cust.chase_started if cust.chase_started != _D.chase_started else None)
    row.append(cust.callback)
    row.append(list(cust.off_duty) if cust.off_duty != _D.off_duty else None)


# ------------------------------------------------------------------ reading, in the same order
def _ownership_in(cust: Customer, values: list[Any], c: Codec) -> None:
    name, owner, since, clauses, reason, until, window, previous, lapsed = values
    if name is not None:
        cust.name = as_text(name)
    if owner is not None:
        cust.owner = as_text(owner)
    if since is not None:
        cust.owner_since = c.time_in(since)
    if clauses is not None:
        cust.owner_clauses = tuple(as_texts(clauses))
    if reason is not None:
        cust.owner_reason = as_text(reason)
    if until is not None:
        cust.protected_until = c.time_in(until)
    if window is not None:
        cust.window_clause = as_text(window)
    if previous is not None:
        cust.previous_owner = as_text(previous)
    if lapsed is not None:
        cust.lapsed_at = c.time_in(lapsed)


def _receptions_in(cust: Customer, values: list[Any], c: Codec) -> None:
    first_at, first_by, last_at, receptions, by_staff, followups, helpers, deposit_at = values[:8]
    deals, engagement, source, followup_due, followup_done = values[8:]
    if first_at is not None:
        cust.first_reception_at = c.time_in(first_at)
    if first_by is not None:
        cust.first_receptionist = as_text(first_by)
    if last_at is not None:
        cust.last_reception_at = c.time_in(last_at)
    if receptions is not None:
        cust.receptions = as_int(receptions)
    if by_staff is not None:
        cust.receptions_by = {as_text(k): as_int(n) for k, n in as_mapping(by_staff).items()}
    if followups is not None:
        cust.followups = {as_text(k): c.time_in(at) for k, at in as_mapping(followups).items()}
    if helpers is not None:
        cust.helpers = {as_text(k): _help(h, c) for k, h in as_mapping(helpers).items()}
    if deposit_at is not None:
        cust.deposit_at = c.time_in(deposit_at)
    if deals is not None:
        cust.deals = [as_int(n) for n in as_list(deals)]
    if engagement is not None:
        cust.first_engagement = as_text(engagement)
    if source is not None:
        cust.first_source = as_text(source)
    if followup_due is not None:
        cust.first_followup_due = c.time_in(followup_due)
    if followup_done is not None:
        cust.first_followup_done = as_flag(followup_done)


def _relations_in(cust: Customer, values: list[Any], c: Codec) -> None:
    family, referrer, report, designated, designated_clause, shared, shared_clause = values[:7]
    points, pending, split, chase_started, callback, off_duty = values[7:]
    if family is not None:
        cust.family = as_text(family)
    if referrer is not None:
        cust.referrer = as_text(referrer)
    if report is not None:
        by, at, complete = as_triple(report)
        cust.report = ReportInfo(as_text(by), c.time_in(at), as_flag(complete))
    if designated is not None:
        cust.designated = as_text(designated)
    if designated_clause is not None:
        cust.designated_clause = as_text(designated_clause)
    if shared is not None:
        cust.shared = as_texts(shared)
    if shared_clause is not None:
        cust.shared_clause = as_text(shared_clause)
    if points is not None:
        day, at_points = as_pair(points)
        cust.day_points = (c.day_in(day), {as_text(p): set(as_texts(s)) for p, s in map(as_pair, as_list(at_points))})
    if pending is not None:
        cust.family_pending = _day_pair(pending, c)
    if split is not None:
        cust.family_split = _day_pair(split, c)
    if chase_started is not None:
        cust.chase_started = as_flag(chase_started)
    if callback is not None:
        cust.callback = as_text(callback)
    if off_duty is not None:
        cust.off_duty = tuple(as_texts(off_duty))


def _help(value: Any, c: Codec) -> Help:
    at, owner_away, reverse = as_triple(value)
    return Help(c.time_in(at), as_flag(owner_away), as_flag(reverse))


def _day_pair(value: Any, c: Codec) -> tuple[str, date]:
    code, day = as_pair(value)
    return as_text(code), c.day_in(day)
