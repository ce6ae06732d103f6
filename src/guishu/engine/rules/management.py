"""The manager's and the staff's own events: objections, complaints, assignments, transfers,
releases, abandoned customers and status changes.

Implements P-3 (departures), P-4/P-9 (objections are recorded, rulings are assign/transfer),
P-6 and DF-5 (penalties), DEAL-1 (refusing one's own customer), DEAL-6 (callback), RE-7,
RE-10, MC-1/MC-2 (assignment and its 14-day window), DF-11, FC-4, DECO-2, STORE-2 and the
rotation's status rules ROT-2 and RCPT-1.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from ..decision import Decision, refusal
from ..events import Abandon, Assign, Complaint, Objection, Release, Status, Transfer
from ..rotation import KEEP_PLACE, OUT_OF_QUEUE
from ..state import HOUSE, Notice
from .links import count_dispute
from .protection import renew

if TYPE_CHECKING:
    from ..site import Site

# the clauses an assignment rests on, by its reason (those the preset has)
_ASSIGN_CLAUSES: Final = {
    "call": ("RE-7", "MC-1", "MC-2"),
    "company_resource": ("DF-11", "RE-8"),
    "departure": ("FC-4", "DEAL-6", "DECO-2"),
    "pool": ("MC-2", "DF-2", "DEAL-1"),
    "region": ("STORE-1", "STORE-2"),
    "other": ("STORE-2", "DECO-2"),
}


def on_objection(site: Site, e: Objection, d: Decision) -> None:
    cust = site.book.known(e.phone, "phone")
    by = site.roster.check(e.by, "by")
    site.book.refresh(cust, e.at)
    d.customer = cust
    d.cite("P-9", "P-4")
    d.say("objection.recorded", by=by, evidence=e.evidence)
    managers = [code for code, member in site.staff.items() if member.role == "manager"]
    if managers:
        zh, en = site.voice.words("notice.objection", by=by, phone=cust.key, evidence=e.evidence)
        for code in managers:
            d.notices.append(Notice("notification", code, "P-4", e.at, zh, cust.key, message_en=en))
    p = site.policy
    if (
        p.has("GM-6")
        and by != cust.owner
        and (cust.deposit_at is not None or cust.bought)
        and cust.first_receptionist != by
    ):
        count_dispute(site, e.at, d, by, cust.key)


def on_complaint(site: Site, e: Complaint, d: Decision) -> None:
    p = site.policy
    cust = site.book.known(e.phone, "phone")
    against = site.roster.check(e.against, "against") if e.against is not None else cust.owner
    to = site.roster.check(e.assign_to, "assign_to", active=True) if e.assign_to is not None else None
    site.book.refresh(cust, e.at)
    d.customer = cust
    clause = "RE-10" if p.has("RE-10") else "DECO-2" if p.has("DECO-2") else "P-4"
    d.cite(clause)
    if clause == "DECO-2" and cust.bought:
        d.say("complaint.after_contract")
        return
    # DECO-2: before the contract the customer's objection alone moves them, whoever was at fault
    if e.fault == "service" or clause == "DECO-2":
        if to is None:
            d.say("complaint.awaiting_replacement", against=against)
            return
        site.book.set_owner(cust, to, e.at, (clause,))
        renew(site, cust, e.at, "assign", d)
        if clause == "DECO-2":
            d.say("complaint.objected_before_contract", to=to)
        else:
            d.say("complaint.service_replaced", against=against, to=to)
    elif to is not None:
        cust.designated, cust.designated_clause = to, "RE-10"
        d.say("complaint.not_their_fault_designated", against=against, to=to)
    else:
        d.say("complaint.not_their_fault", against=against)


def on_assign(site: Site, e: Assign, d: Decision) -> None:
    p = site.policy
    cust = site.book.known(e.phone, "phone")
    to = site.roster.check(e.to, "to", active=True)
    site.book.refresh(cust, e.at)
    d.customer = cust
    if e.reason == "callback":
        cust.callback = to
        d.cite_all([c for c in ("DEAL-6",) if p.has(c)] or ["P-3"])
        d.say("assign.callback", to=to, owner=cust.owner)
        return
    clauses = [c for c in _ASSIGN_CLAUSES[e.reason] if p.has(c)] + (["P-3"] if e.reason == "departure" else [])
    if not clauses:
        clauses = ["P-4"]
    if e.reason == "call":
        cust.channel = "call" if cust.first_reception_at is None else cust.channel
    site.book.set_owner(cust, to, e.at, tuple(clauses))
    d.cite_all(clauses)
    renew(site, cust, e.at, "assign", d)
    if d.explain:  # (a replay's assignments: see Decision.say)
        d.say("assign.assigned", reason=e.reason, to=to)
        if cust.protected_until is not None:
            d.say("window.protected_until", until=cust.protected_until)


def on_transfer(site: Site, e: Transfer, d: Decision) -> None:
    p = site.policy
    cust = site.book.known(e.phone, "phone")
    to = site.roster.check(e.to, "to", active=True)
    site.book.refresh(cust, e.at)
    owner = cust.owner
    if p.has("DECO-2") and owner not in (None, HOUSE) and not e.consent:
        raise refusal(site.voice, "consent", "refuse.needs_consent", owner=owner, clause="DECO-2")
    d.customer = cust
    clauses = [c for c in ("DECO-2", "STORE-2") if p.has(c)] or ["P-4"]
    site.book.set_owner(cust, to, e.at, tuple(clauses))
    d.cite_all(clauses)
    d.say("transfer.moved_with_consent" if e.consent else "transfer.moved", owner=owner, to=to)
    renew(site, cust, e.at, "assign", d)


def on_release(site: Site, e: Release, d: Decision) -> None:
    cust = site.book.known(e.phone, "phone")
    if e.by is not None:
        site.roster.check(e.by, "by")
    site.book.refresh(cust, e.at)
    d.customer = cust
    owner = cust.owner
    site.book.set_owner(cust, None, e.at, ("P-4",))
    d.cite("P-4")
    d.say("release.released", owner=owner)


def on_abandon(site: Site, e: Abandon, d: Decision) -> None:
    p = site.policy
    cust = site.book.known(e.phone, "phone")
    by = site.roster.check(e.by, "by")
    site.book.refresh(cust, e.at)
    d.customer = cust
    d.cite("P-6")
    if p.has("DF-5"):
        fine = p.number("abandon_fine")
        d.cite("DF-5")
        zh, en = site.voice.words("notice.abandon_fined", by=by, phone=cust.key, amount=fine)
        d.notices.append(Notice("penalty", by, "DF-5", e.at, zh, cust.key, fine, message_en=en))
        d.say("abandon.fined", by=by, amount=fine)
    else:
        zh, en = site.voice.words("notice.abandoned", by=by, phone=cust.key)
        d.notices.append(Notice("warning", by, "P-6", e.at, zh, cust.key, message_en=en))
        d.say("abandon.recorded", by=by)
    if p.has("DEAL-1") and cust.owner == by:
        site.book.set_owner(cust, None, e.at, ("DEAL-1",))
        d.cite("DEAL-1")
        d.say("abandon.deal_to_next", by=by)


def on_status(site: Site, e: Status, d: Decision) -> None:
    code = site.roster.check(e.staff, "staff")
    new = e.is_
    old = site.roster.set_status(code, new)
    if d.explain:  # (a replay's status changes: see Decision.say)
        d.say("status.changed", by=code, old=old, new=new)
    if site.staff[code].role == "sales" and old != new:
        _requeue(site, code, new)
        if d.explain:
            _why_requeued(site, d, old, new)
    if new == "departed" and old != "departed":
        _departed(site, e, d, code)


def _requeue(site: Site, code: str, new: str) -> None:
    """ROT-2 and RCPT-1: a salesperson's place in the queues after a change of status."""
    if new in OUT_OF_QUEUE:
        site.rotation.leave(code)
    else:
        site.rotation.join(code)  # back from leave/rest (or rehired): the end of the queue


def _why_requeued(site: Site, d: Decision, old: str, new: str) -> None:
    p = site.policy
    if new in ("leave", "rest"):
        d.cite("RCPT-1" if p.has("RCPT-1") else "ROT-2")
        d.say("status.out_back_last")
    elif new in KEEP_PLACE:
        d.cite("RCPT-1" if p.has("RCPT-1") and new in ("official", "away") else "ROT-2")
        d.say("status.stepped_away" if new == "away" and p.has("RCPT-1") else "status.keeps_place")
    elif new == "on_duty" and old in ("leave", "rest", "departed"):
        d.cite("RCPT-1" if p.has("RCPT-1") else "ROT-2")
        d.say("status.back_last")
    elif new == "on_duty":
        d.cite("ROT-2")


def _departed(site: Site, e: Status, d: Decision, code: str) -> None:
    """P-3: a departed salesperson's customers go to the house (the sales department) for the manager."""
    p = site.policy
    moved = site.book.hand_over(code, e.at, ("P-3",))
    extra = [c for c in ("FC-4", "DEAL-6", "DECO-2") if p.has(c)]
    d.cite("P-3", *extra)
    d.say("status.departed_customers", n=moved)
