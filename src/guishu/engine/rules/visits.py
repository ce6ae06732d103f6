"""Visits at the desk (来访接待): who receives, whose customer it is, whether a turn was used.

Implements ROT-1..5 for visits, RE-1/3/4/5/6/8/9, RCPT-1..5, GM-2..5, FC-1/2/5, MC-3..6,
DEAL-1/2/4/5/6, CASES-1..7, DF-1/3/9/11, DECO-1, STORE-1, PARK-1..5 and P-1/P-2/P-3.

The desk looks the phone up first (ROT-4). A registered customer with an owner is an *old*
customer: the owner receives, or a helper does, and no turn is used. Everyone else — unknown,
in the pool, or held by the house — is received as a *new* customer; then what the customer
says at the door (names, designates, referred_by, brought_by, …) may give them to someone
by a clause, and otherwise the receptionist owns them and the turn counts.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Final

from ..decision import Decision, Refusal
from ..events import Visit
from ..state import HOUSE, Customer, Help, Notice
from ..windows import start_of_day
from .common import OLD_CUSTOMER, first_clause
from .protection import renew

if TYPE_CHECKING:
    from ..site import Site


class _Departed:
    """``code in departed`` without building the set for every visit."""

    __slots__ = ("status",)

    def __init__(self, status: Mapping[str, str]) -> None:
        self.status = status

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and self.status.get(code) == "departed"


class Claim:
    """A clause gives a new customer to ``owner`` on arrival."""

    def __init__(
        self,
        owner: str,
        clauses: tuple[str, ...],
        zh: str,
        en: str,
        handover: bool = False,
        count: str = "never",
        absent: str = "reverse",
    ) -> None:
        self.owner = owner
        self.clauses = clauses
        self.zh = zh
        self.en = en
        self.handover = handover  # received by the rotation's pick and handed over (RE-4, CASES-2, DEAL-2)
        self.count = count  # never | always (RE-9) | if_head (RCPT-4)
        self.absent = absent  # who helps when the owner is away: reverse | head | team


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
    p = site.policy
    phone = site.book.check_phone(e.phone, "phone")
    d.phone = phone
    if p.require_name and not (e.name or "").strip():
        clause = "DF-9" if p.has("DF-9") else "FC-4"
        raise Refusal(
            "name",
            f"登记无效：客户 {phone} 须登记全名或姓氏（{clause}）",
            f"a record needs the customer's name or surname ({clause})",
        )
    by = site.roster.check(e.by, "by", active=True) if e.by is not None else None
    refs: dict[str, Customer | None] = _NO_REFS
    plain = _plain(e)
    if not plain:
        refs = {}
        for field_name in _STAFF_FIELDS:
            value = getattr(e, field_name)
            if value is not None:
                site.roster.check(value, field_name)
        for field_name in _PHONE_FIELDS:
            value = getattr(e, field_name)
            if value is not None:
                ref_phone = site.book.check_phone(value, field_name)
                if ref_phone == phone:
                    raise Refusal(
                        field_name,
                        f"{field_name} 不能是客户本人的手机号 {ref_phone}",
                        f"{field_name} cannot be the customer's own phone",
                    )
                ref = site.book.find(ref_phone)
                if ref is not None:
                    site.book.refresh(ref, e.at)
                refs[field_name] = ref
    cust = site.book.find(phone)
    if cust is not None:
        site.book.refresh(cust, e.at)
    if site.switch.agent_reports:
        _park_visit(site, e, d, cust, phone, by)
        return
    if cust is not None and cust.owner not in (None, HOUSE):
        _old_customer(site, e, d, cust, by)
    else:
        _new_customer(site, e, d, cust, phone, by, refs, plain)


# ---------------------------------------------------------------- old customers
def _old_customer(site: Site, e: Visit, d: Decision, cust: Customer, by: str | None) -> None:
    p = site.policy
    owner = cust.owner
    assert owner is not None
    owner_here = site.available(owner)
    old = first_clause(p, OLD_CUSTOMER) if d.explain else ""
    sales_owner = site.is_sales(owner)
    # the rotation's pick matters only to MC-4 (the owner's own turn) and to agents' customers
    choice = site.rotation.choose(e.at) if (not sales_owner or site.switch.owner_makeup) else None
    if by is not None:
        receiver = by
    elif owner_here and sales_owner:
        receiver = owner
    elif not sales_owner:
        if choice is None:
            raise Refusal("by", "当前没有可接待的销售员，请指定接待人", "nobody is available to receive")
        receiver = choice.receiver
    else:
        # RCPT-3: the salesperson on duty (当值) receives for the absent original; GM-5: the last of the
        # buyer's group; elsewhere the reverse rotation (ROT-4)
        rule = "head" if p.has("RCPT-3") else "team" if p.has("GM-5") and cust.bought else "reverse"
        receiver = _helper_for(site, owner, rule, e.at)
    d.received_by, d.counted_turn, d.turn_of = receiver, False, None
    d.customer = cust
    if receiver == owner:
        d.cite("ROT-4", old)
        if d.explain:
            d.say(
                f"已登记的老客户，由原接待人 {site.label(owner)} 接待，不计轮次",
                f"a registered customer, received by the owner {owner}; no turn used",
            )
        if site.switch.owner_makeup and choice is not None and choice.turn_of == owner:
            d.cite("MC-4")
            if d.explain:
                d.say(
                    f"{site.label(owner)} 先接待老客户，本轮轮空，之后补正排轮一次",
                    f"{owner} takes the old customer and keeps one make-up turn",
                )
    elif owner_here:
        d.cite("ROT-5", old)
        if d.explain:
            d.say(
                f"客户属于 {site.label(owner)}，{site.label(receiver)} 属义务帮忙，不计轮次、不改变归属",
                f"the customer is {owner}'s; {receiver} helps: no turn, no change of owner",
            )
    else:
        d.cite("ROT-4", old)
        away = site.status.get(owner, "")
        if d.explain:
            d.say(
                f"原接待人 {site.label(owner)} 不在（{_status_zh(away)}），"
                f"由 {site.label(receiver)} 义务接待，不计轮次",
                f"the owner {owner} is {away}; {receiver} receives as a helper, no turn used",
            )
        if p.has("MC-5") and away == "busy":
            d.cite("MC-5")
            if d.explain:
                d.say(
                    "当天由接待人成交的分单50%，未成交客户仍归原置业顾问",
                    "a deal today by the helper is split 50/50; otherwise the owner keeps the customer",
                )
        if p.has("DF-6"):
            d.cite("DF-6")
        if p.has("RCPT-3"):
            if d.explain:
                d.say(
                    "如在后续接待人手上成交，原接待人七成、后续接待人三成",
                    "a deal by the helper: 70% owner, 30% helper",
                )
    if e.names is not None and e.names == owner and p.has("GM-3"):
        d.cite("GM-3")
        if not owner_here:
            _notify_gm3(site, e, d, cust, owner)
    if e.names is not None and e.names == owner and p.has("CASES-5"):
        d.cite("CASES-5")
    if receiver != owner:
        helped = cust.helpers.get(receiver)
        if helped is None:
            cust.helpers[receiver] = Help(e.at, owner_away=not owner_here, reverse=by is None)
        else:
            helped.at, helped.owner_away, helped.reverse = e.at, not owner_here, by is None
    if e.designates is not None and e.designates != owner:
        if d.explain:
            d.say(
                f"客户已在登记表中属于 {site.label(owner)}，以登记为准",
                "the register decides: the customer is already owned",
            )
    _record_reception(site, cust, e, receiver, d)


def _notify_gm3(site: Site, e: Visit, d: Decision, cust: Customer, owner: str) -> None:
    msg = f"客户 {cust.key} 说出原接待人 {site.label(owner)}，其不在，已由同事接待（当天通报）"
    targets = [owner] + [c for c, m in site.staff.items() if m.role in ("lead", "manager") and c != owner]
    for code in targets:
        d.notices.append(Notice("notification", code, "GM-3", e.at, msg, cust.key))
    if d.explain:
        d.say(f"当天通报原接待人 {site.label(owner)} 及主管", f"the owner {owner} and the supervisor are told today")


# ---------------------------------------------------------------- new customers
def _new_customer(
    site: Site,
    e: Visit,
    d: Decision,
    cust: Customer | None,
    phone: str,
    by: str | None,
    refs: dict[str, Customer | None],
    plain: bool,
) -> None:
    p = site.policy
    claim = None if plain else _claim(site, e, cust, refs)
    if claim is None:
        _walk_in(site, e, d, cust, phone, by)
        return
    choice = site.rotation.choose(e.at)
    counted = False
    turn_of: str | None = None
    if claim.handover:
        receiver = by if by is not None else (choice.receiver if choice else None)
        if receiver is None:
            receiver = claim.owner
    else:
        if by is not None:
            receiver = by
        elif site.available(claim.owner):
            receiver = claim.owner
        else:
            receiver = _helper_for(site, claim.owner, claim.absent, e.at)
        if receiver == claim.owner and claim.count == "always":
            counted = site.rotation.counted(receiver, e.at)
        elif receiver == claim.owner and claim.count == "if_head":
            if choice is not None and choice.turn_of == receiver:
                site.rotation.take_turn(choice, e.at)
                counted = True
        turn_of = receiver if counted else None
    if cust is None:
        cust = site.book.register(phone, e.at, receiver, "visit", e.name)
    site.book.set_owner(cust, claim.owner, e.at, claim.clauses, claim.zh)
    d.customer = cust
    d.received_by, d.counted_turn, d.turn_of = receiver, counted, turn_of
    d.cite(*claim.clauses)
    if d.explain:
        d.say(claim.zh, claim.en)
    if receiver != claim.owner:
        owner_here = site.available(claim.owner)
        cust.helpers[receiver] = Help(e.at, owner_away=not owner_here, reverse=by is None)
        if claim.handover:
            if d.explain:
                d.say(
                    f"{site.label(receiver)} 接待后交给 {site.label(claim.owner)}，不计轮次",
                    f"{receiver} hands the customer over to {claim.owner}; no turn used",
                )
        elif owner_here:
            d.cite("ROT-5")
            if d.explain:
                d.say(f"{site.label(receiver)} 义务帮忙接待，不计轮次", f"{receiver} helps; no turn used")
        else:
            d.cite("ROT-4")
            if d.explain:
                d.say(
                    f"{site.label(claim.owner)} 不在，由 {site.label(receiver)} 义务接待，不计轮次",
                    f"{claim.owner} is not here; {receiver} helps, no turn used",
                )
            if p.has("GM-3") and e.names == claim.owner:
                _notify_gm3(site, e, d, cust, claim.owner)
            if "RE-5" in claim.clauses:
                cust.designated, cust.designated_clause = claim.owner, "RE-5"
                if d.explain:
                    d.say(
                        "当值人员成交的，业绩归当值人员，佣金两人平分",
                        "if the on-duty salesperson closes: credit to them, commission shared equally",
                    )
    elif counted:
        if d.explain:
            d.say(f"计 {site.label(receiver)} 一次有效轮值", f"counts as {receiver}'s turn")
    else:
        if d.explain:
            d.say("不计轮次", "no turn used")
    if "DEAL-2" in claim.clauses and claim.handover:
        cust.family_pending = (receiver, site.today(e.at))
    family = refs.get("family_of")
    if family is not None:
        site.book.join_family(cust, family)
    if refs.get("referred_by") is not None:
        cust.referrer = refs["referred_by"].key  # type: ignore[union-attr]
    _record_reception(site, cust, e, receiver, d)


def _claim(site: Site, e: Visit, cust: Customer | None, refs: dict[str, Customer | None]) -> Claim | None:
    """What the customer says at the door, in the order the rulebooks weigh it (P-2)."""
    p = site.policy
    previous = cust.previous_owner if cust is not None else None
    house = cust is not None and cust.owner == HOUSE
    departed = _Departed(site.status)

    x = e.recognized_by
    if x is not None and x not in departed:
        clauses: tuple[str, ...]
        if p.has("RE-4"):
            clauses = ("RE-4",)
        elif p.has("CASES-2"):
            clauses = ("CASES-2",)
        elif p.has("DEAL-1") and previous == x:
            clauses = ("DEAL-1",)
        elif p.has("GM-4"):
            clauses = ("GM-2", "GM-4")
        else:
            clauses = (first_clause(p),)
        return Claim(
            x,
            clauses,
            f"{site.label(x)} 认出这是自己接待过的客户，客户归 {site.label(x)}",
            f"{x} recognises the customer as their own",
            handover=True,
        )

    x = e.names
    if x is not None and x not in departed:
        if e.family_of is not None and p.has("DEAL-2"):
            return Claim(
                x,
                ("DEAL-2",),
                f"客户说明家人来访过并指明由 {site.label(x)} 接待，成交归第一个销售人员",
                f"the customer states the family visit and names {x}",
            )
        if house and cust is not None and cust.callback == x and p.has("DEAL-6"):
            return Claim(
                x,
                ("DEAL-6", "P-3"),
                f"客户指明回访人 {site.label(x)}，归该销售人员",
                f"the customer names the callback salesperson {x}",
            )
        if p.has("DEAL-1") and previous == x:
            return Claim(
                x,
                ("DEAL-1",),
                f"有效期已过，但客户指明原销售人员 {site.label(x)}，归原销售人员",
                f"past the validity, but the customer names the original salesperson {x}",
            )
        if p.has("CASES-6") and (e.called_before or (cust is not None and cust.channel == "call")):
            return Claim(
                x,
                ("CASES-6",),
                f"客户打过电话并说出接电话的 {site.label(x)}，归该置业顾问",
                f"the customer called before and names {x}, who answered",
            )
        if p.has("CASES-5"):
            return Claim(x, ("CASES-5",), f"客户说出置业顾问 {site.label(x)}，由其接待", f"the customer names {x}")
        if p.has("GM-3"):
            return Claim(
                x,
                ("GM-3",),
                f"客户说出原接待人 {site.label(x)}，交回原接待人",
                f"the customer names the original receptionist {x}",
            )
        if p.has("DEAL-6") and house:
            pass  # DEAL-6: naming anyone but the callback salesperson changes nothing
        else:
            clause = "RCPT-3" if p.has("RCPT-3") else first_clause(p, OLD_CUSTOMER)
            return Claim(
                x,
                (clause,),
                f"客户说出原接待人 {site.label(x)}，交由原接待人",
                f"the customer names the original receptionist {x}",
            )

    x = e.designates
    if x is not None and x not in departed:
        referred = e.referred_by is not None
        if p.has("RCPT-4"):
            return Claim(
                x,
                ("RCPT-4",),
                f"首次来访客户进门即指定 {site.label(x)}，算作该售楼员的客户",
                f"a first-time customer asks for {x}",
                count="if_head",
            )
        if p.has("RE-5"):
            return Claim(
                x,
                ("RE-5",),
                f"新客户接待前指定 {site.label(x)}，归指定销售员",
                f"a new customer asks for {x} before reception",
                absent="head",
            )
        if referred and p.has("FC-5"):
            return Claim(
                x,
                ("FC-5",),
                f"介绍来的客户指定 {site.label(x)} 接待，归该指定销售员",
                f"a referred customer asks for {x}",
            )
        if referred and p.has("DEAL-5"):
            return Claim(
                x,
                ("DEAL-5",),
                f"新客户说明由老客户介绍并指明 {site.label(x)}，无论其在与不在都归其",
                f"a referred customer asks for {x}: theirs whether present or not",
            )
        if referred and p.has("DECO-1"):
            return Claim(x, ("DECO-1",), f"转介绍客户由介绍人指定 {site.label(x)}", f"the referrer designates {x}")
        if p.has("STORE-1"):
            return Claim(
                x, ("STORE-1",), f"尊重客户意愿，由客户指定的 {site.label(x)} 负责", f"the customer's wish: {x}"
            )
        return Claim(
            x, ("P-2", first_clause(p)), f"客户指定 {site.label(x)} 接待，归指定销售员", f"the customer asks for {x}"
        )

    x = e.invited_by
    if x is not None and x not in departed:
        return Claim(x, ("P-2", first_clause(p)), f"客户由 {site.label(x)} 电话邀约而来，归邀约人", f"invited by {x}")

    x = e.relative_of
    if x is not None and x not in departed and p.has("FC-2"):
        return Claim(
            x, ("FC-2",), f"客户是 {site.label(x)} 的亲戚或朋友，优先归该销售人员", f"a relative or friend of {x}"
        )

    ref = refs.get("referred_by")
    if e.referred_by is not None:
        ro = ref.owner if ref is not None else None
        if ro not in (None, HOUSE) and ro not in departed:
            assert ro is not None
            if p.has("FC-2"):
                return Claim(
                    ro,
                    ("FC-2",),
                    f"老客户介绍的新客户，归介绍人的销售人员 {site.label(ro)}（裙带性原则）",
                    f"referred by a customer of {ro} (referral chain)",
                )
            if p.has("DF-3"):
                return Claim(
                    ro,
                    ("DF-3",),
                    f"老客户介绍来的新客户，由老客户的销售员 {site.label(ro)} 接待并负责",
                    f"referred by a customer of {ro}",
                )

    bro = refs.get("brought_by")
    if bro is not None and bro.owner not in (None, HOUSE) and bro.owner not in departed:
        bo = bro.owner
        assert bo is not None
        if p.has("RE-9"):
            return Claim(
                bo,
                ("RE-9",),
                f"老客户带新客户，由原销售员 {site.label(bo)} 接待，计为有效轮值",
                f"an old customer brings a new one: {bo} receives, counted as a turn",
                count="always",
            )
        if p.has("GM-5") and bro.bought:
            return Claim(
                bo,
                ("GM-5",),
                f"已购房业主带朋友看房，视为原经手人 {site.label(bo)} 的客户，不算接待名额",
                f"a buyer brings a friend: {bo}'s customer, not a turn",
                absent="team",
            )
        if p.has("DEAL-4") and bro.bought:
            clauses = ("DEAL-4", "DEAL-5") if e.family_of or e.referred_by else ("DEAL-5", "DEAL-4")
            return Claim(
                bo,
                clauses,
                f"老客户亲自带来，成交归原销售人员 {site.label(bo)}，他人接待属义务帮忙",
                f"brought in person by a buyer of {bo}",
            )
        if p.has("FC-2"):
            return Claim(
                bo,
                ("FC-2",),
                f"老客户亲自带领上门，归原销售人员 {site.label(bo)}（裙带性原则）",
                f"brought by a customer of {bo}",
            )
        if p.has("DF-3"):
            return Claim(
                bo,
                ("DF-3",),
                f"老客户带来的新客户，由老客户的销售员 {site.label(bo)} 接待并负责",
                f"brought by a customer of {bo}",
            )

    fam = refs.get("family_of")
    if fam is not None and fam.owner not in (None, HOUSE) and fam.owner not in departed:
        fo = fam.owner
        assert fo is not None
        if p.has("DEAL-2") and not fam.bought:
            return Claim(
                fo,
                ("DEAL-2",),
                f"客户明示家人来访过，当次查明家人由 {site.label(fo)} 接待，未成交的下次由第一销售人员谈判",
                f"the family visit is stated and found now: {fo} negotiates next time",
                handover=True,
            )
        if p.has("RE-6"):
            return Claim(
                fo,
                ("RE-6",),
                f"同一家庭客户，家人已由 {site.label(fo)} 登记，归先登记的置业顾问",
                f"the same family, registered first with {fo}",
            )

    if e.region is not None and p.has("STORE-1"):
        matches = [c for c, m in site.staff.items() if m.region == e.region and m.role == "sales" and c not in departed]
        if matches:
            here = [c for c in site.queue.order if c in matches and site.available(c)]
            x = here[0] if here else matches[0]
            return Claim(
                x,
                ("STORE-1",),
                f"客户属于 {e.region}，归该区域的销售人员 {site.label(x)}",
                f"the customer's region {e.region} is served by {x}",
            )
    return None


def _walk_in(site: Site, e: Visit, d: Decision, cust: Customer | None, phone: str, by: str | None) -> None:
    """No clause claims the customer: the receptionist owns them and the turn counts (ROT-1, ROT-3)."""
    p = site.policy
    choice = site.rotation.choose(e.at)
    if by is not None:
        receiver = by
        owner = by
        if p.has("RCPT-2") and choice is not None and by not in (choice.receiver, choice.turn_of):
            d.cite("RCPT-2")
            if d.explain:
                d.say(
                    f"未按接待顺序（应为 {site.label(choice.turn_of)}），已提示经理",
                    "out of order: the manager is told",
                )
            amount = p.number("grab_fine") if "grab_fine" in p.params else 0
            d.notices.append(
                Notice(
                    "penalty" if amount else "warning",
                    by,
                    "RCPT-2",
                    e.at,
                    f"{site.label(by)} 未按顺序接待新客户 {phone}",
                    phone,
                    amount,
                )
            )
        counted = site.rotation.counted(by, e.at)
        turn_of = by if counted else None
    else:
        if choice is None:
            raise Refusal(
                "by",
                "当前没有可接待的销售员（全部不在岗），请指定接待人",
                "nobody on duty can receive: name who received",
            )
        receiver = choice.receiver
        owner = choice.turn_of
        site.rotation.take_turn(choice, e.at)
        counted = True
        turn_of = choice.turn_of
    if cust is None:
        cust = site.book.register(phone, e.at, receiver, "visit", e.name)
    d.customer = cust
    d.received_by, d.counted_turn, d.turn_of = receiver, counted, turn_of
    clauses = _walk_in_clauses(site, e, cust)
    site.book.set_owner(cust, owner, e.at, clauses)
    d.cite(*clauses)
    if receiver != owner:
        d.cite("RCPT-1")
        if d.explain:
            d.say(
                f"当值的 {site.label(owner)} 短暂离开，"
                f"由次位 {site.label(receiver)} 义务接待，客户与轮次归 {site.label(owner)}",
                f"{owner} stepped away: {receiver} receives for them; customer and turn are {owner}'s",
            )
    else:
        if d.explain:
            d.say(_walk_in_reason(site, e, cust, owner), f"a new customer: {owner} received them and owns them")
    if counted:
        d.cite("ROT-1", "ROT-3")
        if d.explain:
            d.say(f"计 {site.label(turn_of)} 一次有效轮值", f"counts as {turn_of}'s turn")
    _record_reception(site, cust, e, receiver, d)


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
    if cust.owner == HOUSE or (cust.previous_owner is not None and site.status.get(cust.previous_owner) == "departed"):
        out += [c for c in ("DEAL-6", "FC-4", "DEAL-3") if p.has(c)] + ["P-3"]
    elif cust.previous_owner is not None and p.has("DEAL-1"):
        out.append("DEAL-1")
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
    return tuple(dict.fromkeys(out))


def _walk_in_reason(site: Site, e: Visit, cust: Customer, owner: str) -> str:
    p = site.policy
    who = site.label(owner)
    if cust.owner == HOUSE or (cust.previous_owner is not None and site.status.get(cust.previous_owner) == "departed"):
        return f"原销售人员已离职，客户按新客户接待，归 {who}"
    if cust.previous_owner is not None:
        return f"原保护期已过且客户未指明、无人认出，按新客户接待，归 {who}"
    if e.source in ("exhibition", "flyer") and p.has("MC-6"):
        return f"外展/派单客户未在外面登记过，按新客户接待，归 {who}"
    if e.source == "company_resource" and p.has("RE-8"):
        return f"公司资源客户由经理指定 {who} 接待，计为有效轮值"
    if e.source == "company_resource" and p.has("DF-11"):
        return f"公司关系客户由 {who} 接待，待上级领导分配"
    if e.knows is not None:
        return f"{site.label(e.knows)} 认识客户但客户未指定，按顺序表接待，归 {who}"
    if not e.first_visit:
        return f"客户说来过但说不出接待人、也无人认出，视为新客户，归轮排接待的 {who}"
    if e.called_before:
        return f"客户打过电话但不记得谁接的，归轮排接待的 {who}"
    return f"新客户，由 {who} 首次接待，归 {who}"


def _helper_for(site: Site, owner: str, rule: str, at: datetime) -> str:
    """Who receives for an absent owner: 倒排轮 (ROT-4), the rotation's pick (RE-5) or the team's last (GM-5)."""
    helper: str | None = None
    if rule == "head":
        choice = site.rotation.choose(at)
        helper = choice.receiver if choice else None
    elif rule == "team":
        team = site.staff[owner].team
        if team:
            members = [c for c, m in site.staff.items() if m.team == team]
            helper = site.queue.last_available(site.status, among=members, exclude=owner)
    if helper is None:
        helper = site.queue.last_available(site.status, exclude=owner)
    if helper is None:
        raise Refusal("by", "当前没有可接待的销售员，请指定接待人", "nobody is available to receive: name who received")
    return helper


def _record_reception(site: Site, cust: Customer, e: Visit, receiver: str, d: Decision) -> None:
    p = site.policy
    cust.receptions += 1
    cust.receptions_by[receiver] = cust.receptions_by.get(receiver, 0) + 1
    if e.name and not cust.name:
        cust.name = e.name
    first = cust.first_reception_at is None
    if first:
        cust.first_reception_at = e.at
        cust.first_receptionist = receiver
        cust.first_engagement = e.engagement
        cust.first_source = e.source
        if site.switch.first_followup_due and cust.owner not in (None, HOUSE):
            cust.first_followup_due = site.calendar.deadline("first_followup", e.at)
        if site.switch.off_duty_matters:
            # who was off that day: only they may later find the customer was theirs (CASES-4)
            cust.off_duty = tuple(c for c, st in site.status.items() if st in ("rest", "leave", "official"))
    cust.last_reception_at = e.at
    if cust.channel != "visit":
        cust.channel = "visit"
    if e.point is not None and p.has("FC-3"):
        _points(site, cust, e, receiver, d)
    station = site.station(e.at) if d.explain and p.has("MC-3") else None
    if station is not None:
        d.cite("MC-3")
        if d.explain:
            d.say(f"迎宾岗 {site.label(station)} 负责辨客", f"{station} is at the greeting station")
    renew(site, cust, e.at, "visit", d)


def _points(site: Site, cust: Customer, e: Visit, receiver: str, d: Decision) -> None:
    """FC-3 分单制: received on the same day at two sales points by different salespeople."""
    assert e.point is not None
    today = site.today(e.at)
    if cust.day_points is None or cust.day_points[0] != today:
        cust.day_points = (today, {})
    points = cust.day_points[1]
    points.setdefault(e.point, set()).add(receiver)
    if len(points) >= 2:
        people: list[str] = []
        if cust.owner is not None and cust.owner != HOUSE:
            people.append(cust.owner)
        for staff_at_point in points.values():
            people.extend(sorted(staff_at_point))
        people = list(dict.fromkeys(people))
        if len(people) >= 2:
            cust.shared = people
            cust.shared_clause = "FC-3"
            d.cite("FC-3")
            if d.explain:
                d.say(
                    "同一天在两个销售现场由不同销售人员接待，"
                    f"按分单制由 {'、'.join(site.label(x) for x in people)} 平分",
                    f"received at two sales points on one day: split between {', '.join(people)}",
                )


# ---------------------------------------------------------------- the park
def _park_visit(site: Site, e: Visit, d: Decision, cust: Customer | None, phone: str, by: str | None) -> None:
    """PARK-2..5: an agent's report decides; a customer who comes alone is the park's own (house)."""
    choice = site.rotation.choose(e.at)
    receiver = by if by is not None else (choice.receiver if choice else None)
    if receiver is None:
        raise Refusal("by", "当前没有客服/销售在岗，请指定登记人", "nobody on duty to register the visit")
    first = cust is None or cust.first_reception_at is None
    agent = e.agent
    owner = cust.owner if cust is not None else None
    if cust is None:
        cust = site.book.register(phone, e.at, receiver, "visit", e.name)
    d.customer = cust
    if owner not in (None, HOUSE):
        assert owner is not None
        if agent is not None and agent != owner:
            d.cite("PARK-5")
            if d.explain:
                d.say(
                    f"客户仍属第一登记业务员 {site.label(owner)}，{site.label(agent)} 介入不改变归属",
                    f"the customer stays with the first registered agent {owner}; {agent} intervening changes nothing",
                )
        if not cust.chase_started:
            d.cite("PARK-2")
            if agent is None:
                d.cite("PARK-4")
                if d.explain:
                    d.say(
                        f"客户自行来园区，与 {site.label(owner)} 的报备信息雷同，客户归报备业务员",
                        f"the walk-in matches {owner}'s report: the customer is the agent's",
                    )
                _notify_lead(site, e, d, cust, owner)
            else:
                if d.explain:
                    d.say(
                        f"{site.label(owner)} 报备后在期限内带客户来园区参观，客户归 {site.label(owner)}",
                        f"{owner} brought the customer within the report window",
                    )
            _start_chase(site, cust, e.at, d)
        else:
            d.cite("PARK-3")
            if d.explain:
                d.say(
                    f"追单期内（至 {_fmt(cust.protected_until)}），客户属于 {site.label(owner)}",
                    f"within the chase window the customer is {owner}'s",
                )
    elif owner == HOUSE:
        d.cite("PARK-2")
        if d.explain:
            d.say("园区自有客户，归园区", "the park's own customer")
    else:
        lapsed = cust.report is not None or cust.previous_owner is not None
        if agent is not None:
            site.book.set_owner(cust, agent, e.at, ("PARK-2",))
            d.cite("PARK-2")
            if d.explain:
                d.say(
                    ("原报备已失效，" if lapsed else "")
                    + f"由业务员 {site.label(agent)} 带来园区，客户归 {site.label(agent)}",
                    f"brought by the agent {agent}: the customer is theirs",
                )
            _start_chase(site, cust, e.at, d)
        else:
            site.book.set_owner(cust, HOUSE, e.at, ("PARK-2",))
            d.cite("PARK-2")
            if d.explain:
                d.say(
                    ("报备已失效，" if lapsed else "") + "客户自行来园区参观，归园区",
                    "the customer came alone: the park's customer",
                )
    if first:
        if by is not None:
            counted = site.rotation.counted(by, e.at)
        elif choice is not None:
            site.rotation.take_turn(choice, e.at)
            counted = True
        else:
            counted = False
    else:
        counted = False
    d.received_by, d.counted_turn, d.turn_of = receiver, counted, receiver if counted else None
    cust.receptions += 1
    cust.receptions_by[receiver] = cust.receptions_by.get(receiver, 0) + 1
    if cust.first_reception_at is None:
        cust.first_reception_at, cust.first_receptionist = e.at, receiver
        cust.first_source, cust.first_engagement = e.source, e.engagement
    cust.last_reception_at = e.at
    cust.channel = "visit"


def _start_chase(site: Site, cust: Customer, at: datetime, d: Decision) -> None:
    p = site.policy
    cust.chase_started = True
    if cust.deposit_at is not None or cust.bought:
        site.book.restore_window(cust, None, cust.window_clause)  # no time limit once paid
        return
    until = p.duration("chase_window").deadline(at, p.tz)
    site.book.renew(cust, until, "PARK-3")
    d.cite("PARK-3")
    if d.explain:
        d.say(
            f"追单期 {p.duration('chase_window').zh}，至 {_fmt(cust.protected_until)} 前须交定金或全款",
            f"the chase window runs until {until.isoformat()}",
        )


def _notify_lead(site: Site, e: Visit, d: Decision, cust: Customer, agent: str) -> None:
    p = site.policy
    team = site.staff[agent].team
    leads = [c for c, m in site.staff.items() if m.role == "lead" and team is not None and m.team == team]
    if not leads:
        leads = [c for c, m in site.staff.items() if m.role in ("lead", "manager")]
    day = site.today(e.at) + timedelta(days=1)
    clock = p.clock("reconcile_at")
    when = start_of_day(day, p.tz).replace(hour=clock.hour, minute=clock.minute)
    msg = f"次日核对：客户 {cust.key} 为业务员 {site.label(agent)} 报备的客户，请督促其抓紧追单"
    for code in [*leads, agent]:
        d.notices.append(Notice("notification", code, "PARK-4", when, msg, cust.key))
    if d.explain:
        d.say(
            f"次日 {clock.strftime('%H:%M')} 核对后通知 {'、'.join(site.label(x) for x in leads) or '销售部'}",
            "the team head is told at the next morning's reconciliation",
        )


def _fmt(at: datetime | None) -> str:
    return at.strftime("%Y-%m-%d %H:%M") if at is not None else "—"


def _status_zh(status: str) -> str:
    return {
        "busy": "正忙",
        "away": "短暂离开",
        "official": "因公外出",
        "leave": "请假",
        "rest": "休息",
        "departed": "已离职",
        "on_duty": "在岗",
    }.get(status, status)
