"""Visits at the desk (来访接待): who receives, whose customer it is, whether a turn was used.

Implements ROT-1..5 for visits, RE-3/5, RCPT-3, GM-2/3/5, MC-4/5, CASES-5, DF-6 and P-1/P-2 here;
what the customer says at the door is the claim table (``claims``: RE-4/5/6/9, RCPT-4, GM-4/5,
FC-2/5, DEAL-1/2/4/5/6, CASES-2/5/6, DF-3, DECO-1, STORE-1), a customer nobody claims is a walk-in
(``walkins``), what every reception records is ``receptions``, and the park is ``park``.

The desk looks the phone up first (ROT-4). A registered customer with an owner is an *old*
customer: the owner receives, or a helper does, and no turn is used. Everyone else — unknown,
in the pool, or held by the house — is received as a *new* customer; then what the customer
says at the door (names, designates, referred_by, brought_by, …) may give them to someone
by a clause, and otherwise the receptionist owns them and the turn counts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from ..decision import Decision, refusal
from ..events import Visit
from ..rotation import Choice
from ..state import HOUSE, Customer, Help
from .claims import Claim, claim
from .common import OLD_CUSTOMER, first_clause, require_name
from .park import park_visit
from .receptions import helper_for, notify_owner_named, record_reception
from .walkins import walk_in

if TYPE_CHECKING:
    from ..site import Site

_STAFF_FIELDS: Final = ("names", "designates", "knows", "recognized_by", "invited_by", "relative_of", "agent")
_PHONE_FIELDS: Final = ("referred_by", "brought_by", "family_of")

_NO_REFS: Final[dict[str, Customer | None]] = {}  # never written: a plain visit names nobody


def _plain(e: Visit) -> bool:
    """Nothing said at the door but the phone (the common walk-in)."""
    return (
        e.names is None
        and e.designates is None
        and e.recognized_by is None
        and e.invited_by is None
        and e.referred_by is None
        and e.brought_by is None
        and e.family_of is None
        and e.relative_of is None
        and e.knows is None
        and e.agent is None
        and e.region is None
    )


def on_visit(site: Site, e: Visit, d: Decision) -> None:
    phone = site.book.check_phone(e.phone, "phone")
    d.phone = phone
    require_name(site, e.name, phone)
    by = site.roster.check(e.by, "by", active=True) if e.by is not None else None
    plain = _plain(e)
    refs = _NO_REFS if plain else _said_at_the_door(site, e, phone)
    cust = site.book.find(phone)
    if cust is not None:
        site.book.refresh(cust, e.at)
    if site.switch.agent_reports:
        park_visit(site, e, d, cust, phone, by)
        return
    if cust is not None and cust.owner not in (None, HOUSE):
        _old_customer(site, e, d, cust, by)
    else:
        found = None if plain else claim(site, e, cust, refs)
        if found is None:
            walk_in(site, e, d, cust, phone, by)
        else:
            _claimed(site, e, d, cust, phone, by, refs, found)


def _said_at_the_door(site: Site, e: Visit, phone: str) -> dict[str, Customer | None]:
    """Check the staff and phones named at the door (refusing a bad one); the customers named by phone."""
    refs: dict[str, Customer | None] = {}
    for field_name in _STAFF_FIELDS:
        value = getattr(e, field_name)
        if value is not None:
            site.roster.check(value, field_name)
    for field_name in _PHONE_FIELDS:
        value = getattr(e, field_name)
        if value is not None:
            ref_phone = site.book.check_phone(value, field_name)
            if ref_phone == phone:
                raise refusal(site.voice, field_name, "refuse.own_phone", value=ref_phone)
            ref = site.book.find(ref_phone)
            if ref is not None:
                site.book.refresh(ref, e.at)
            refs[field_name] = ref
    return refs


# ---------------------------------------------------------------- old customers
def _old_customer(site: Site, e: Visit, d: Decision, cust: Customer, by: str | None) -> None:
    p = site.policy
    owner = cust.owner
    assert owner is not None
    owner_here = site.available(owner)
    receiver, how, choice = _old_receiver(site, e, cust, owner, owner_here, by)
    d.received_by, d.counted_turn, d.turn_of = receiver, False, None
    d.customer = cust
    if d.explain:  # a returning customer is the commonest visit after a walk-in: a replay skips why
        _old_reason(site, d, owner, receiver, how, owner_here, choice)
    if e.names is not None and e.names == owner and p.has("GM-3"):
        d.cite("GM-3")
        if not owner_here:
            notify_owner_named(site, e, d, cust, owner)
    if e.names is not None and e.names == owner and p.has("CASES-5"):
        d.cite("CASES-5")
    if receiver != owner:
        helped = cust.helpers.get(receiver)
        if helped is None:
            cust.helpers[receiver] = Help(e.at, owner_away=not owner_here, reverse=by is None)
        else:
            helped.at, helped.owner_away, helped.reverse = e.at, not owner_here, by is None
    if e.designates is not None and e.designates != owner:
        d.say("visit.register_decides", named=e.designates, owner=owner)
    record_reception(site, cust, e, receiver, d)


def _old_receiver(
    site: Site, e: Visit, cust: Customer, owner: str, owner_here: bool, by: str | None
) -> tuple[str, str, Choice | None]:
    """Who receives an old customer, how they were found (``reverse``/``head``/``team``; "" otherwise),
    and the rotation's pick where it matters (MC-4 and agents' customers)."""
    p = site.policy
    sales_owner = site.is_sales(owner)
    choice = site.rotation.choose(e.at) if (not sales_owner or site.switch.owner_makeup) else None
    if by is not None:
        return by, "", choice
    if owner_here and sales_owner:
        return owner, "", choice
    if not sales_owner:
        if choice is None:
            raise refusal(site.voice, "by", "refuse.nobody_to_receive")
        return choice.receiver, "", choice
    # RCPT-3: the salesperson on duty (当值) receives for the absent original; GM-5: the last of the
    # buyer's group; elsewhere the reverse rotation (ROT-4)
    rule = "head" if p.has("RCPT-3") else "team" if p.has("GM-5") and cust.bought else "reverse"
    receiver, how = helper_for(site, owner, rule, e.at)
    return receiver, how, choice


def _old_reason(
    site: Site, d: Decision, owner: str, receiver: str, how: str, owner_here: bool, choice: Choice | None
) -> None:
    p = site.policy
    old = first_clause(p, OLD_CUSTOMER) if d.explain else ""
    if receiver == owner:
        d.cite("ROT-4", old)
        d.say("visit.owner_receives", owner=owner)
        if site.switch.owner_makeup and choice is not None and choice.turn_of == owner:
            d.cite("MC-4")
            d.say("visit.owner_skips_turn", owner=owner)
    elif owner_here:
        d.cite("ROT-5", old)
        d.say("visit.helps_owner_here", owner=owner, receiver=receiver)
    else:
        d.cite("ROT-4", old)
        away = site.status.get(owner, "")
        d.say("visit.owner_away." + how if how else "visit.owner_away", owner=owner, status=away, receiver=receiver)
        if p.has("MC-5") and away == "busy":
            d.cite("MC-5")
            d.say("visit.busy_owner_split_today")
        if p.has("DF-6"):
            d.cite("DF-6")
        if p.has("RCPT-3"):
            d.say("visit.helper_deal_70_30")


# ---------------------------------------------------------------- new customers a clause gives to someone
def _claimed(
    site: Site,
    e: Visit,
    d: Decision,
    cust: Customer | None,
    phone: str,
    by: str | None,
    refs: dict[str, Customer | None],
    found: Claim,
) -> None:
    receiver, how, counted = _claim_receiver(site, e, found, by)
    if cust is None:
        cust = site.book.register(phone, e.at, receiver, "visit", e.name)
    reason = site.voice.zh(found.key, owner=found.owner, phone=found.phone, region=found.region)
    site.book.set_owner(cust, found.owner, e.at, found.clauses, reason)
    d.customer = cust
    d.received_by, d.counted_turn, d.turn_of = receiver, counted, receiver if counted else None
    if d.explain:  # (a replay's claimed visits: see Decision.say)
        d.cite_all(found.clauses)
        d.say(found.key, owner=found.owner, phone=found.phone, region=found.region)
    if receiver != found.owner:
        _claim_helped(site, e, d, cust, found, receiver, how, by)
    elif d.explain:
        d.say("visit.turn_counted" if counted else "visit.no_turn", turn_of=receiver)
    if "DEAL-2" in found.clauses and found.handover:
        cust.family_pending = (receiver, site.today(e.at))
    family = refs.get("family_of")
    if family is not None:
        site.book.join_family(cust, family)
    if refs.get("referred_by") is not None:
        cust.referrer = refs["referred_by"].key  # type: ignore[union-attr]
    record_reception(site, cust, e, receiver, d)


def _claim_receiver(site: Site, e: Visit, found: Claim, by: str | None) -> tuple[str, str, bool]:
    """Who receives a claimed customer, how a helper was found, and whether it counts as their turn."""
    choice = site.rotation.choose(e.at)
    if found.handover:
        # the rotation's pick receives and hands the customer over (RE-4, CASES-2, DEAL-2)
        receiver = by if by is not None else (choice.receiver if choice else None)
        return (found.owner if receiver is None else receiver), "", False
    if by is not None:
        receiver, how = by, ""
    elif site.available(found.owner):
        receiver, how = found.owner, ""
    else:
        receiver, how = helper_for(site, found.owner, found.absent, e.at)
    counted = False
    if receiver == found.owner and found.count == "always":
        counted = site.rotation.counted(receiver, e.at)
    elif receiver == found.owner and found.count == "if_head":
        if choice is not None and choice.turn_of == receiver:
            site.rotation.take_turn(choice, e.at)
            counted = True
    return receiver, how, counted


def _claim_helped(
    site: Site, e: Visit, d: Decision, cust: Customer, found: Claim, receiver: str, how: str, by: str | None
) -> None:
    """Someone other than the claimant received: a handover, help while they are here, or help for them."""
    owner_here = site.available(found.owner)
    cust.helpers[receiver] = Help(e.at, owner_away=not owner_here, reverse=by is None)
    if found.handover:
        d.say("visit.handed_over", receiver=receiver, owner=found.owner)
    elif owner_here:
        d.cite("ROT-5")
        d.say("visit.helps_claimant_here", owner=found.owner, receiver=receiver)
    else:
        d.cite("ROT-4")
        d.say("visit.claimant_away." + how if how else "visit.claimant_away", owner=found.owner, receiver=receiver)
        if site.policy.has("GM-3") and e.names == found.owner:
            notify_owner_named(site, e, d, cust, found.owner)
        if "RE-5" in found.clauses:
            cust.designated, cust.designated_clause = found.owner, "RE-5"
            d.say("visit.on_duty_closes_shares")
