"""Deals (成交) and their credit/commission split.

Implements P-8 (commission follows credit unless a clause splits them; Decimal shares that
total 100), P-10 (a buyer keeps their owner), RCPT-3/5/6, RE-1/5/6/10, MC-5/6, DF-1/6,
DEAL-1/2/3/7, FC-1/3, CASES-4 and the helper rule ROT-5.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Final

from .. import splits
from ..decision import Decision, Refusal
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
            raise Refusal("amount", f"成交金额不正确：{e.amount}", f"bad amount {e.amount!r}") from exc
    site.book.refresh(cust, e.at)
    d.customer = cust
    credit, commission, clauses, zh, en, new_owner = _split(site, cust, e, closer, arranged)
    if new_owner == KEEP:
        new_owner = cust.owner
    record = site.ledger.add(cust.key, e.at, closer, e.amount, (credit, commission, tuple(clauses), zh, en), site.count)
    if new_owner != cust.owner:
        site.book.set_owner(cust, new_owner, e.at, tuple(clauses), zh)
    cust.family_pending = None
    cust.deals.append(record.number - 1)
    d.cite(*clauses)
    if d.explain:
        d.say(zh, en)
    renew(site, cust, e.at, "deal", d)
    if d.explain:
        if not site.policy.has("DF-2") and any(c in site.policy.clauses for c in ("MC-2", "PARK-3", "DEAL-1")):
            d.cite("P-10")
        d.split = Split(record.number, credit, commission, tuple(clauses), zh, en)


Outcome = tuple[dict[str, Decimal], dict[str, Decimal], list[str], str, str, str | None]
KEEP: Final = "\x00keep"  # the owner stays who they are


def _same(credit: dict[str, Decimal], clauses: list[str], zh: str, en: str, new_owner: str | None = KEEP) -> Outcome:
    """Commission follows credit (P-8)."""
    return credit, dict(credit), clauses, zh, en, new_owner


def _split(site: Site, cust: Customer, e: Deal, closer: str, arranged: str | None) -> Outcome:
    """The deal's shares, the clauses that decided them, the reason, and the owner afterwards."""
    found = _arranged(site, cust, e, closer, arranged) or _family(site, cust, e, closer)
    if found is not None:
        return found
    owner = cust.owner
    L = site.label
    if owner is None or owner == HOUSE:
        clauses = _pool_clauses(site, cust)
        new_owner = HOUSE if (owner == HOUSE and site.policy.has("PARK-2")) else closer
        return _same(
            splits.whole(closer),
            clauses,
            ("园区客户" if new_owner == HOUSE else "客户无人归属（公共池/公司），")
            + f"由 {L(closer)} 成交，业绩归 {L(closer)}",
            f"nobody owned the customer: {closer} closed and is credited",
            new_owner,
        )

    if cust.shared and owner in cust.shared:
        clause = cust.shared_clause or "FC-3"
        return _same(
            splits.equal(cust.shared, closer),
            [clause, "P-8"],
            f"按{'分单制' if clause == 'FC-3' else '一人一半'}，由 {'、'.join(L(x) for x in cust.shared)} 平分",
            f"shared between {', '.join(cust.shared)}",
        )

    if closer == owner:
        clauses = [first_clause(site.policy)]
        zh = f"客户归 {L(owner)}，由本人成交，业绩和佣金全归 {L(owner)}"
        if cust.bought and site.policy.has("DEAL-3"):
            clauses = ["DEAL-3"]
            zh = f"老客户再次购房，归原销售人员 {L(owner)}"
        return _same(splits.whole(owner), clauses, zh, f"{owner} owns the customer and closed: all theirs")
    return _designated(site, cust, closer, owner) or _helped(site, cust, e, closer, owner)


def _arranged(site: Site, cust: Customer, e: Deal, closer: str, arranged: str | None) -> Outcome | None:
    """What decides a deal before ownership does: MC-5's arranged signing, DEAL-7's developer relation."""
    p = site.policy
    today = site.today(e.at)
    L = site.label
    first_deal = not cust.bought

    if arranged is not None and p.has("MC-5"):
        return _same(
            splits.whole(arranged),
            ["MC-5"],
            f"由 {L(arranged)} 事先约好今天签约，业绩和佣金全归 {L(arranged)}",
            f"the signing was arranged by {arranged}: all theirs",
        )

    if (
        p.has("DEAL-7")
        and first_deal
        and cust.first_source == "developer_relation"
        and cust.first_reception_at is not None
        and site.today(cust.first_reception_at) == today
    ):
        team = [c for c, m in site.staff.items() if m.role == "sales" and site.status.get(c) != "departed"]
        return _same(
            splits.equal(team, closer),
            ["DEAL-7", "P-8"],
            "开发商、建筑商关系首次带来并当场成交，业绩由全体项目销售人员平分",
            "a developer relation closed on the first visit: shared by the whole team",
        )

    return None


def _family(site: Site, cust: Customer, e: Deal, closer: str) -> Outcome | None:
    """A family registered apart (RE-6) or recognised at the reception (DEAL-2) decides before ownership."""
    p = site.policy
    owner = cust.owner
    today = site.today(e.at)
    L = site.label
    if p.has("RE-6") and cust.family is not None:
        first = _family_first(site, cust)
        if first is not None and first != closer:
            commission = splits.equal([first, closer], closer)
            return (
                splits.whole(first),
                commission,
                ["RE-6", "P-8"],
                f"同一家庭客户分别登记，业绩归先登记的 {L(first)}，佣金两人平分",
                f"one family registered separately: credit to {first}, commission shared",
                owner,
            )

    if cust.family_split is not None and cust.family_split[1] == today and p.has("DEAL-2"):
        original = cust.family_split[0]
        if original != closer:
            return _same(
                splits.equal([original, closer], closer),
                ["DEAL-2", "P-8"],
                f"接待过程中原接待 {L(original)} 认出家人，当场成交由两名销售人员平分",
                f"the original {original} recognised the family on the spot: 50/50",
            )

    if cust.family_pending is not None and p.has("DEAL-2"):
        second, day = cust.family_pending
        if day == today and closer == second:
            return _same(
                splits.whole(closer),
                ["DEAL-2"],
                f"家人当次查明但当次即由 {L(closer)} 成交，成交归 {L(closer)}",
                f"closed on the same visit by {closer}",
                closer,
            )
    return None


def _designated(site: Site, cust: Customer, closer: str, owner: str) -> Outcome | None:
    """RE-5/RE-10: someone other than the owner was designated to receive; RCPT-5/RCPT-3 weigh the work."""
    p = site.policy
    L = site.label
    helped = cust.helpers.get(closer)
    if cust.designated_clause == "RE-5" and cust.designated == owner and helped is not None:
        return (
            splits.whole(closer),
            splits.equal([owner, closer], closer),
            ["RE-5", "P-8"],
            f"指定的 {L(owner)} 不在，由当值的 {L(closer)} 接待成交：业绩归 {L(closer)}，佣金两人平分",
            f"the designated {owner} was absent: credit to {closer}, commission shared",
            owner,
        )
    if cust.designated_clause == "RE-10" and cust.designated == closer:
        return (
            splits.whole(owner),
            splits.equal([owner, closer], closer),
            ["RE-10", "P-8"],
            f"投诉非销售员原因，业绩仍归原销售员 {L(owner)}；经理指定的 {L(closer)} 接待成交，佣金平分",
            f"the complaint was not {owner}'s fault: credit stays, commission shared with {closer}",
            owner,
        )
    if (
        p.has("RCPT-5")
        and cust.first_engagement == "brochure"
        and cust.first_receptionist == owner
        and cust.receptions_by.get(closer)
    ):
        return _same(
            splits.weighted({owner: 30, closer: 70}, closer),
            ["RCPT-5", "RCPT-6", "P-8"],
            f"{L(owner)} 首次只递了资料和名片，{L(closer)} 做了大量工作促成成交，按 3:7 分成",
            f"{owner} only handed over a brochure; {closer} did the work: 30/70",
        )
    if p.has("RCPT-3"):
        return _same(
            splits.weighted({owner: 70, closer: 30}, closer),
            ["RCPT-3", "RCPT-6", "P-8"],
            f"老客户在后续接待人 {L(closer)} 手上成交，原接待人 {L(owner)} 占70%，后续接待人占30%",
            f"the returning customer closed with {closer}: 70% {owner}, 30% {closer}",
        )
    return None


def _helped(site: Site, cust: Customer, e: Deal, closer: str, owner: str) -> Outcome:
    """Someone closed another's customer: a helper's share (MC-5/6, DF-6) or none (ROT-5), or DF-1's first deal."""
    p = site.policy
    L = site.label
    today = site.today(e.at)
    first_deal = not cust.bought
    helped = cust.helpers.get(closer)
    found = _outside(site, cust, e, closer, owner)
    if found is not None:
        return found
    if p.has("MC-5") and helped is not None and helped.owner_away and site.today(helped.at) == today:
        return _same(
            splits.equal([owner, closer], closer),
            ["MC-5", "P-8"],
            f"原置业顾问 {L(owner)} 正忙，由 {L(closer)} 接待并当天成交，分单50%，客户后续仍由 {L(owner)} 维系",
            f"the owner was busy; {closer} received and closed the same day: 50/50",
        )
    if p.has("DF-6") and helped is not None and helped.owner_away:
        return _same(
            splits.equal([owner, closer], closer),
            ["DF-6", "P-8"],
            f"{L(owner)} 休息时老客户来访，由 {L(closer)} 接待并促成成交，业绩、提成五五分",
            f"{owner} was off; {closer} closed: 50/50",
        )
    if p.has("DF-3") and "DF-3" in cust.owner_clauses:
        return _same(
            splits.whole(owner),
            ["DF-3", "DF-1", "ROT-5"],
            f"老客户介绍来的客户归老客户的销售员 {L(owner)}（第一次成交原则的例外），{L(closer)} 属义务帮忙",
            f"a referred customer stays with {owner} (the exception to the first-deal rule)",
        )
    if p.has("DF-1") and first_deal:
        return _same(
            splits.whole(closer),
            ["DF-1"],
            f"第一次成交原则：客户以第一次成交为准，归成交的 {L(closer)}",
            f"first-deal rule: the customer is {closer}'s",
            closer,
        )
    if p.has("MC-6") and cust.first_source in ("exhibition", "flyer") and cust.report is not None:
        return _same(
            splits.whole(owner),
            ["MC-6"],
            f"外展登记过的客户以外面的登记为主，同事帮忙接待不分单，业绩佣金归 {L(owner)}",
            f"the exhibition registration decides; helpers get no split: {owner}",
        )
    clauses = [first_clause(p), "ROT-5"]
    zh = f"客户归 {L(owner)}，{L(closer)} 属义务帮忙，成交业绩和佣金归 {L(owner)}"
    if not first_deal and p.has("DEAL-3"):
        clauses = ["DEAL-3", "ROT-5"]
        zh = f"老客户本人再次购房，成交归原销售人员 {L(owner)}"
    return _same(splits.whole(owner), clauses, zh, f"{closer} helped; the deal is {owner}'s")


def _outside(site: Site, cust: Customer, e: Deal, closer: str, owner: str) -> Outcome | None:
    """MC-6: an exhibition or flyer customer helped the same day: no split before the opening, 50/50 after."""
    p = site.policy
    L = site.label
    helped = cust.helpers.get(closer)
    outside = p.has("MC-6") and cust.report is not None and cust.first_source in ("exhibition", "flyer")
    if not (outside and helped is not None and site.today(helped.at) == site.today(e.at)):
        return None
    if not _opened(site, e):
        return _same(
            splits.whole(owner),
            ["MC-6"],
            f"开盘前外展/派单客户由同事帮忙接待，不纳入分单，业绩佣金归 {L(owner)}",
            f"before the opening, helpers of exhibition customers get no split: {owner}",
        )
    return _same(
        splits.equal([owner, closer], closer),
        ["MC-6", "MC-5", "P-8"],
        f"开盘后外展登记同事 {L(owner)} 未能到场，由 {L(closer)} 接待并当天成交，按老客户规定分单50%",
        f"after the opening the colleague {owner} could not come; {closer} closed the same day: 50/50",
    )


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
