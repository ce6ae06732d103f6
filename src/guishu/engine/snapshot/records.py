"""The records of a snapshot: staff members, queues, deals and notices, each to a JSON object and back.

A record's fields equal to their default are not written; a reader refuses fields it does not
know. Customers, the bulk of a snapshot, are in ``customers.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from ..rotation import Queue
from ..state import DealRecord, Notice, StaffMember
from .codec import (
    Codec,
    as_int,
    as_list,
    as_mapping,
    as_opt_text,
    as_record,
    as_shares,
    as_text,
    as_texts,
    shares_out,
)

_STAFF: Final = frozenset({"code", "name", "team", "role", "region", "status"})
_QUEUE: Final = frozenset({"order", "makeup"})
_DEAL: Final = frozenset(
    {"number", "customer", "phone", "at", "by", "amount", "credit", "commission", "clauses", "reason"}
    | {"reason_en", "event_index", "amended_by"}
)
_NOTICE: Final = frozenset({"kind", "staff", "clause", "at", "message", "phone", "amount", "message_en"})
_BLANK_MEMBER: Final = StaffMember("")


def staff_out(m: StaffMember) -> dict[str, Any]:
    out: dict[str, Any] = {"code": m.code}
    blank = _BLANK_MEMBER
    if m.name != blank.name:
        out["name"] = m.name
    if m.team != blank.team:
        out["team"] = m.team
    if m.role != blank.role:
        out["role"] = m.role
    if m.region != blank.region:
        out["region"] = m.region
    if m.status != blank.status:
        out["status"] = m.status
    return out


def staff_in(rec: Any) -> StaffMember:
    m = as_record(rec, _STAFF)
    blank = _BLANK_MEMBER
    return StaffMember(
        as_text(m["code"]),
        as_text(m.get("name", blank.name)),
        as_opt_text(m.get("team", blank.team)),
        as_text(m.get("role", blank.role)),
        as_opt_text(m.get("region", blank.region)),
        as_text(m.get("status", blank.status)),
    )


def queue_out(queue: Queue) -> dict[str, Any]:
    return {"order": list(queue.order), "makeup": {code: day.isoformat() for code, day in queue.makeup.items()}}


def queue_in(queue: Queue, rec: Any, c: Codec, staff: Mapping[str, StaffMember]) -> None:
    """Fill ``queue`` (a part's own, which the site's views share) with the snapshot's order and make-ups."""
    m = as_record(rec, _QUEUE)
    order = as_texts(m["order"])
    if len(set(order)) != len(order) or any(code not in staff for code in order):
        raise ValueError(f"the queue {order} repeats someone or names unknown staff")
    makeup = {as_text(code): c.day_in(day) for code, day in as_mapping(m["makeup"]).items()}
    queue.order[:] = order
    queue.makeup.clear()
    queue.makeup.update(makeup)


def deal_out(d: DealRecord, c: Codec) -> dict[str, Any]:
    out: dict[str, Any] = {
        "number": d.number,
        "customer": d.customer,
        "phone": d.phone,
        "at": c.time_out(d.at),
        "by": d.by,
    }
    if d.amount is not None:
        out["amount"] = d.amount
    out["credit"] = shares_out(d.credit)
    out["commission"] = shares_out(d.commission)
    out["clauses"] = list(d.clauses)
    out["reason"] = d.reason
    out["reason_en"] = d.reason_en
    out["event_index"] = d.event_index
    if d.amended_by:
        out["amended_by"] = list(d.amended_by)
    return out


def deal_in(rec: Any, c: Codec, number: int) -> DealRecord:
    m = as_record(rec, _DEAL)
    if as_int(m["number"]) != number:
        raise ValueError(f"deal number {m['number']} where {number} was expected")
    deal = DealRecord(
        number,
        as_text(m["customer"]),
        as_text(m["phone"]),
        c.time_in(m["at"]),
        as_text(m["by"]),
        as_opt_text(m.get("amount")),
        as_shares(m["credit"]),
        as_shares(m["commission"]),
        tuple(as_texts(m["clauses"])),
        as_text(m["reason"]),
        as_text(m["reason_en"]),
        as_int(m["event_index"]),
    )
    if "amended_by" in m:
        deal.amended_by = tuple(as_int(n) for n in as_list(m["amended_by"]))
    return deal


def notice_out(n: Notice, c: Codec) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": n.kind, "staff": n.staff, "clause": n.clause, "at": c.time_out(n.at)}
    out["message"] = n.message
    if n.phone is not None:
        out["phone"] = n.phone
    if n.amount:
        out["amount"] = n.amount
    if n.message_en:
        out["message_en"] = n.message_en
    return out


def notice_in(rec: Any, c: Codec) -> Notice:
    m = as_record(rec, _NOTICE)
    return Notice(
        as_text(m["kind"]),
        as_text(m["staff"]),
        as_text(m["clause"]),
        c.time_in(m["at"]),
        as_text(m["message"]),
        as_opt_text(m.get("phone")),
        as_int(m.get("amount", 0)),
        as_text(m.get("message_en", "")),
    )
