"""A new customer nobody claims at the door (ROT-1, ROT-3): the receptionist owns them and the turn counts.

Also RCPT-1 (the one whose turn it is stepped away: the next receives for them), RCPT-2 (receiving
out of order is reported), the preset's clauses for a customer received as new (CASES-1/3/7,
GM-4, RE-4/8, DEAL-1/3/4/5/6/7, FC-2/4, MC-6, DF-11, DECO-1, RCPT-4, P-3), and the sentence that
says why.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..decision import Decision, refusal
from ..events import Visit
from ..state import HOUSE, Customer, Notice
from .common import first_clause
from .receptions import record_reception

if TYPE_CHECKING:
    from ..site import Site


def walk_in(site: Site, e: Visit, d: Decision, cust: Customer | None, phone: str, by: str | None) -> None:
    receiver, owner, counted = _receiver(site, e, d, phone, by)
    if cust is None:
        cust = site.book.register(phone, e.at, receiver, "visit", e.name)
    d.customer = cust
    d.received_by, d.counted_turn, d.turn_of = receiver, counted, owner if counted else None
    clauses = _walk_in_clauses(site, e, cust)
    if d.explain:  # half of a replay's events are walk-ins: it does not even record why
        _explain(site, e, d, cust, clauses, receiver, owner, counted)
    site.book.set_owner(cust, owner, e.at, clauses)
    record_reception(site, cust, e, receiver, d)


def _explain(
    site: Site,
    e: Visit,
    d: Decision,
    cust: Customer,
    clauses: tuple[str, ...],
    receiver: str,
    owner: str,
    counted: bool,
) -> None:
    """Why the walk-in is the receptionist's, read from the customer as found (before they become the owner)."""
    d.cite_all(clauses)
    if receiver != owner:
        d.cite("RCPT-1")
        d.say("walkin.stepped_away", owner=owner, receiver=receiver)
    else:
        d.say(_why(site, e, cust), owner=owner, original=cust.previous_owner, at=cust.lapsed_at, knows=e.knows)
    if counted:
        d.cite("ROT-1", "ROT-3")
        d.say("visit.turn_counted", turn_of=owner)


def _receiver(site: Site, e: Visit, d: Decision, phone: str, by: str | None) -> tuple[str, str, bool]:
    """Who receives, whose customer and turn it is (they differ under RCPT-1), and whether the turn counted."""
    p = site.policy
    choice = site.rotation.choose(e.at)
    if by is None:
        if choice is None:
            raise refusal(site.voice, "by", "refuse.nobody_to_receive")
        site.rotation.take_turn(choice, e.at)
        return choice.receiver, choice.turn_of, True
    if p.has("RCPT-2") and choice is not None and by not in (choice.receiver, choice.turn_of):
        d.cite("RCPT-2")
        d.say("walkin.out_of_order", turn_of=choice.turn_of)
        amount = p.number("grab_fine") if "grab_fine" in p.params else 0
        zh, en = site.voice.words("notice.out_of_order", by=by, phone=phone)
        d.notices.append(
            Notice("penalty" if amount else "warning", by, "RCPT-2", e.at, zh, phone, amount, message_en=en)
        )
    counted = site.rotation.counted(by, e.at)
    return by, by, counted


def _walk_in_clauses(site: Site, e: Visit, cust: Customer) -> tuple[str, ...]:
    p = site.policy
    if (
        cust.owner is None
        and cust.previous_owner is None
        and e.first_visit
        and not e.called_before
        and e.source == "walk_in"
        and e.knows is None
        and e.referred_by is None
        and e.family_of is None
    ):
        return site.switch.plain_walk_in
    out: list[str] = []
    if p.has("CASES-1"):
        out.append("CASES-7" if e.called_before else "CASES-3" if not e.first_visit else "CASES-1")
    else:
        out.append(first_clause(p))
    if not e.first_visit and p.has("GM-4"):
        out.append("GM-4")
    if not e.first_visit and p.has("RE-4"):
        out.append("RE-4")
    if _original_gone(site, cust):
        out += [c for c in ("DEAL-6", "FC-4", "DEAL-3") if p.has(c)] + ["P-3"]
    elif cust.previous_owner is not None and p.has("DEAL-1"):
        out.append("DEAL-1")
    out += _source_clauses(site, e)
    return tuple(dict.fromkeys(out))


def _original_gone(site: Site, cust: Customer) -> bool:
    """Held by the house, or the previous owner has departed (P-3)."""
    return cust.owner == HOUSE or (
        cust.previous_owner is not None and site.status.get(cust.previous_owner) == "departed"
    )


def _source_clauses(site: Site, e: Visit) -> list[str]:
    """The clauses the customer's source and what they said cite, though nobody claims them."""
    p = site.policy
    out: list[str] = []
    if e.source in ("exhibition", "flyer") and p.has("MC-6"):
        out.append("MC-6")
    if e.source == "company_resource":
        out += [c for c in ("RE-8", "DF-11") if p.has(c)]
    if e.source == "developer_relation" and p.has("DEAL-7"):
        out.append("DEAL-7")
    if e.source == "partner" and p.has("DECO-1"):
        out.append("DECO-1")
    if e.knows is not None:
        out += [c for c in ("RCPT-4", "FC-2") if p.has(c)]
    if e.referred_by is not None:
        out += [c for c in ("DEAL-5", "DECO-1") if p.has(c)]
    if e.family_of is not None and p.has("DEAL-4"):
        out.append("DEAL-4")
    return out


def _why(site: Site, e: Visit, cust: Customer) -> str:
    """The sentence of a walk-in: the fact that made them a new customer of the receptionist."""
    p = site.policy
    if _original_gone(site, cust):
        return "walkin.original_departed"
    if cust.previous_owner is not None:
        lapsed = cust.lapsed_at is not None and (cust.owner_since is None or cust.owner_since <= cust.lapsed_at)
        return "walkin.window_lapsed" if lapsed else "walkin.released"
    if e.source in ("exhibition", "flyer") and p.has("MC-6"):
        return "walkin.outside_unregistered"
    if e.source == "company_resource" and p.has("RE-8"):
        return "walkin.company_resource"
    if e.source == "company_resource" and p.has("DF-11"):
        return "walkin.company_relation"
    if e.knows is not None:
        return "walkin.knows_not_asked"
    if not e.first_visit:
        return "walkin.came_before_unrecognised"
    if e.called_before:
        return "walkin.called_forgot"
    return "walkin.new"
