"""Deals (成交) and their credit/commission split.

Implements P-8 (commission follows credit unless a clause splits them; Decimal shares that
total 100), P-10 (a buyer keeps their owner), RCPT-3/5/6, RE-1/5/6/10, MC-5/6, DF-1/6,
DEAL-1/2/3/7, FC-1/3, CASES-4 and the helper rule ROT-5.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

from .. import splits
from ..decision import Decision, refusal
from ..events import Deal
from ..rulings import Split
from ..state import HOUSE, Customer, DealRecord
from .common import first_clause
from .protection import renew

if TYPE_CHECKING:
    from ..site import Site


def on_deal(site: Site, e: Deal, d: Decision) -> None:
    cust = site.book.known(e.phone, "phone")
    closer = site.roster.check(e.by, "by", active=True)
    arranged = site.roster.check(e.arranged_by, "arranged_by") if e.arranged_by is not None else None
    if e.amount is not None:
        try:
            amount = Decimal(str(e.amount))
            if not amount.is_finite() or amount < 0:
                raise ValueError
        except Exception as exc:
            raise refusal(site.voice, "amount", "refuse.bad_amount", value=e.amount) from exc
    site.book.refresh(cust, e.at)
    d.customer = cust
    credit, commission, clauses, key, values, new_owner = _split(site, cust, e, closer, arranged)
    if new_owner == KEEP:
        new_owner = cust.owner
    # the deal's reason is kept with it (the deal ledger shows it), so it is worded as it happens
    zh, en = site.voice.words(key, **values)
    record = site.ledger.add(cust.key, e.at, closer, e.amount, (credit, commission, tuple(clauses), zh, en), site.count)
    if new_owner != cust.owner:
        site.book.set_owner(cust, new_owner, e.at, tuple(clauses), zh)
    cust.family_pending = None
    cust.deals.append(record.number - 1)
    d.cite_all(clauses)
    d.say(key, **values)
    renew(site, cust, e.at, "deal", d)
    if d.explain:
        if not site.policy.has("DF-2") and any(c in site.policy.clauses for c in ("MC-2", "PARK-3", "DEAL-1")):
            d.cite("P-10")
        d.split = Split(record.number, credit, commission, tuple(clauses), zh, en)


# the shares of credit (业绩) and commission (佣金), the clauses, the sentence and its values, the owner after
Outcome = tuple[dict[str, Decimal], dict[str, Decimal], list[str], str, dict[str, Any], str | None]
KEEP: Final = "\x00keep"  # the owner stays who they are


def _same(
    credit: dict[str, Decimal], clauses: list[str], key: str, new_owner: str | None = KEEP, **values: Any
) -> Outcome:
    """Commission follows credit (P-8)."""
    return credit, dict(credit), clauses, key, values, new_owner


def _split(site: Site, cust: Customer, e: Deal, closer: str, arranged: str | None) -> Outcome:
    """The deal's shares, the clauses that decided them, the reason, and the owner afterwards."""
    found = _arranged_or_family(site, cust, e, closer, arranged)
    if found is not None:
        return found
    p = site.policy
    owner = cust.owner
    if owner is None or owner == HOUSE:
        new_owner = HOUSE if (owner == HOUSE and p.has("PARK-2")) else closer
        key = "deal.park_customer" if new_owner == HOUSE else "deal.nobody_owned"
        return _same(splits.whole(closer), _pool_clauses(site, cust), key, new_owner, closer=closer)
    if cust.shared and owner in cust.shared:
        clause = cust.shared_clause or "FC-3"
        key = "deal.two_points_shared" if clause == "FC-3" else "deal.half_and_half"
        return _same(splits.equal(cust.shared, closer), [clause, "P-8"], key, staff=list(cust.shared))
    if closer == owner:
        if cust.bought and p.has("DEAL-3"):
            return _same(splits.whole(owner), ["DEAL-3"], "deal.buys_again", owner=owner)
        return _same(splits.whole(owner), [first_clause(p)], "deal.owner_closed", owner=owner)
    return _helped(site, cust, e, closer, owner)


def _arranged_or_family(site: Site, cust: Customer, e: Deal, closer: str, arranged: str | None) -> Outcome | None:
    """MC-5's arranged signing, DEAL-7's developer relation, and the family rules RE-6 and DEAL-2."""
    p = site.policy
    today = site.today(e.at)
    if arranged is not None and p.has("MC-5"):
        return _same(splits.whole(arranged), ["MC-5"], "deal.arranged", owner=arranged)
    if (
        p.has("DEAL-7")
        and not cust.bought
        and cust.first_source == "developer_relation"
        and cust.first_reception_at is not None
        and site.today(cust.first_reception_at) == today
    ):
        team = [c for c, m in site.staff.items() if m.role == "sales" and site.status.get(c) != "departed"]
        return _same(splits.equal(team, closer), ["DEAL-7", "P-8"], "deal.developer_relation")
    if p.has("RE-6") and cust.family is not None:
        first = _family_first(site, cust)
        if first is not None and first != closer:
            commission = splits.equal([first, closer], closer)
            values = {"first": first}
            return splits.whole(first), commission, ["RE-6", "P-8"], "deal.family_first_registered", values, cust.owner
    if cust.family_split is not None and cust.family_split[1] == today and p.has("DEAL-2"):
        original = cust.family_split[0]
        if original != closer:
            shares = splits.equal([original, closer], closer)
            return _same(shares, ["DEAL-2", "P-8"], "deal.family_recognised_on_the_spot", original=original)
    if cust.family_pending is not None and p.has("DEAL-2"):
        second, day = cust.family_pending
        if day == today and closer == second:
            return _same(splits.whole(closer), ["DEAL-2"], "deal.family_closed_same_visit", closer, closer=closer)
    return None


def _helped(site: Site, cust: Customer, e: Deal, closer: str, owner: str) -> Outcome:
    """Someone other than the owner closed: who helped, and what the preset gives them."""
    p = site.policy
    today = site.today(e.at)
    helped = cust.helpers.get(closer)
    names = {"owner": owner, "closer": closer}
    if cust.designated_clause == "RE-5" and cust.designated == owner and helped is not None:
        shares = splits.equal([owner, closer], closer)
        return splits.whole(closer), shares, ["RE-5", "P-8"], "deal.designated_absent", names, owner
    if cust.designated_clause == "RE-10" and cust.designated == closer:
        shares = splits.equal([owner, closer], closer)
        return splits.whole(owner), shares, ["RE-10", "P-8"], "deal.complaint_not_their_fault", names, owner
    if (
        p.has("RCPT-5")
        and cust.first_engagement == "brochure"
        and cust.first_receptionist == owner
        and cust.receptions_by.get(closer)
    ):
        shares = splits.weighted({owner: 30, closer: 70}, closer)
        return _same(shares, ["RCPT-5", "RCPT-6", "P-8"], "deal.brochure_30_70", **names)
    if p.has("RCPT-3"):
        shares = splits.weighted({owner: 70, closer: 30}, closer)
        return _same(shares, ["RCPT-3", "RCPT-6", "P-8"], "deal.returning_70_30", **names)
    outside = p.has("MC-6") and cust.report is not None and cust.first_source in ("exhibition", "flyer")
    if outside and helped is not None and site.today(helped.at) == today:
        if not _opened(site, e):
            return _same(splits.whole(owner), ["MC-6"], "deal.before_opening_no_split", **names)
        return _same(splits.equal([owner, closer], closer), ["MC-6", "MC-5", "P-8"], "deal.after_opening_half", **names)
    if p.has("MC-5") and helped is not None and helped.owner_away and site.today(helped.at) == today:
        return _same(splits.equal([owner, closer], closer), ["MC-5", "P-8"], "deal.owner_busy_half", **names)
    if p.has("DF-6") and helped is not None and helped.owner_away:
        return _same(splits.equal([owner, closer], closer), ["DF-6", "P-8"], "deal.owner_off_half", **names)
    return _stays_or_first_deal(site, cust, closer, owner)


def _stays_or_first_deal(site: Site, cust: Customer, closer: str, owner: str) -> Outcome:
    """DF-3's referred customer, DF-1's first deal, MC-6's outside registration, or plain help (ROT-5)."""
    p = site.policy
    names = {"owner": owner, "closer": closer}
    if p.has("DF-3") and "DF-3" in cust.owner_clauses:
        return _same(splits.whole(owner), ["DF-3", "DF-1", "ROT-5"], "deal.referred_stays", **names)
    if p.has("DF-1") and not cust.bought:
        return _same(splits.whole(closer), ["DF-1"], "deal.first_deal", closer, closer=closer)
    if p.has("MC-6") and cust.first_source in ("exhibition", "flyer") and cust.report is not None:
        return _same(splits.whole(owner), ["MC-6"], "deal.outside_registration", **names)
    if cust.bought and p.has("DEAL-3"):
        return _same(splits.whole(owner), ["DEAL-3", "ROT-5"], "deal.helper_closed_again", **names)
    return _same(splits.whole(owner), [first_clause(p), "ROT-5"], "deal.helper_closed", **names)


def _opened(site: Site, e: Deal) -> bool:
    opening = site.policy.day("opening")
    return opening is not None and site.today(e.at) >= opening


def _pool_clauses(site: Site, cust: Customer) -> list[str]:
    p = site.policy
    if cust.owner == HOUSE:
        if p.has("PARK-2"):
            return ["PARK-2", "PARK-3"]
        return [c for c in ("DEAL-3", "FC-4") if p.has(c)] + ["P-3"]
    return [first_clause(p)]


def _family_first(site: Site, cust: Customer) -> str | None:
    """RE-6: the salesperson who registered the family first."""
    members = [c for c in site.book.family_members(cust.family) if c.first_receptionist]
    if not members:
        return None
    first = min(members, key=lambda c: c.first_reception_at or c.registered_at)
    return first.first_receptionist


def amend(
    site: Site,
    record: DealRecord,
    credit: dict[str, Decimal],
    commission: dict[str, Decimal],
    clauses: list[str],
    zh: str,
    en: str,
    d: Decision,
) -> None:
    """A later discovery changes a deal's split (RE-4, RE-6, DEAL-1, GM-4); the change is itself a ruling."""
    site.ledger.amend(record, credit, commission, tuple(clauses), zh, en, site.count)
    d.amended.append(Split(record.number, credit, commission, tuple(clauses), zh, en))
