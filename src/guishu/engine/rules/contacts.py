"""Calls, reports, follow-ups and deposits.

Calls (来电): FC-1 and DF-10 give the customer to whoever answered; CASES-6 records the
answerer as the customer's; RE-7 and MC-1 leave the customer to the manager's assignment;
elsewhere a call is registered without ownership. DF-10's phone rotation chooses the answerer
when ``by`` is omitted (ROT-6); without one the call is refused.

Reports (报备): PARK-1/2/5 (an agent's report, its cut-off and window), MC-6 (a colleague's
exhibition or flyer registration), AG-1 (the first *complete* registration has priority),
and otherwise a pre-registration to the reporter.

Follow-ups and deposits renew protection windows (MC-2, DF-2), satisfy MC-2's first
follow-up, stop PARK-3's chase window, and start GM-4's objection window.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Final

from ..decision import Decision, Refusal
from ..events import Call, Deposit, Followup, Report
from ..state import HOUSE, Customer, Notice, ReportInfo
from ..windows import deadline_from_date
from .protection import renew

if TYPE_CHECKING:
    from ..site import Site

_KIND_ZH: Final = {"call": "电话", "wechat": "微信", "sms": "短信", "appointment": "约访"}


def _require_name(site: Site, name: str | None, phone: str) -> None:
    p = site.policy
    if p.require_name and not (name or "").strip():
        clause = "DF-9" if p.has("DF-9") else "FC-4"
        raise Refusal(
            "name",
            f"登记无效：客户 {phone} 须登记全名或姓氏（{clause}）",
            f"a record needs the customer's name or surname ({clause})",
        )


def on_call(site: Site, e: Call, d: Decision) -> None:
    phone = site.book.check_phone(e.phone, "phone")
    d.phone = phone
    _require_name(site, e.name, phone)
    by = _answerer(site, e, d)
    d.received_by = by
    cust = site.book.find(phone)
    if cust is not None:
        site.book.refresh(cust, e.at)
    d.customer = cust
    if cust is not None and cust.owner not in (None, HOUSE):
        owner = cust.owner
        if d.explain:
            d.say(f"已登记客户，归 {site.label(owner)}", f"a registered customer of {owner}")
        d.cite("ROT-4")
        if owner == by:
            renew(site, cust, e.at, "call", d)
        return
    if cust is None:
        cust = site.book.register(phone, e.at, by, "call", e.name)
        d.customer = cust
    _new_caller(site, e, d, cust, by)


def _answerer(site: Site, e: Call, d: Decision) -> str:
    """Who answered: the one named, or the phone rotation's pick (DF-10, ROT-6)."""
    p = site.policy
    if e.by is not None:
        by = site.roster.check(e.by, "by", active=True)
        if p.phone_rotation:
            site.rotation.answered(by)
            d.cite("ROT-6")
        return by
    if p.phone_rotation:
        answerer = site.rotation.answer(e.at)
        if answerer is None:
            raise Refusal("by", "当前没有可接听电话的销售员，请填写接听人", "nobody on duty to answer the phone")
        by = answerer
        d.cite("DF-10", "ROT-6")
        if d.explain:
            d.say(f"公司电话轮流接听，由 {site.label(by)} 接听", f"the phone rotation gives the call to {by}")
        return by
    raise Refusal(
        "by", "本策略没有电话轮接，请填写接听人（by）", "this policy has no phone rotation: name who answered"
    )


def _new_caller(site: Site, e: Call, d: Decision, cust: Customer, by: str) -> None:
    """A caller nobody owns: FC-1/DF-10/CASES-6 give them to the answerer; RE-7/MC-1 to the manager."""
    p = site.policy
    if p.has("FC-1") or p.has("DF-10") or p.has("CASES-6"):
        clause = "FC-1" if p.has("FC-1") else "DF-10" if p.has("DF-10") else "CASES-6"
        site.book.set_owner(cust, by, e.at, (clause,))
        d.cite(clause)
        if d.explain:
            d.say(
                f"来电由 {site.label(by)} 接听，第一接触点归 {site.label(by)}",
                f"{by} answered the call: first contact owns",
            )
        renew(site, cust, e.at, "call", d)
    elif p.has("RE-7") or p.has("MC-1"):
        clause = "RE-7" if p.has("RE-7") else "MC-1"
        d.cite(clause)
        if d.explain:
            d.say(
                "来电客户已登记在来电登记表，由经理分配，接听人不因此拥有客户",
                "a phone inquiry is registered for the manager to assign; answering does not own",
            )
    else:
        d.cite("P-1")
        if d.explain:
            d.say("来电已登记，来电本身不产生归属", "the call is registered; a call alone gives no ownership")


def on_report(site: Site, e: Report, d: Decision) -> None:
    p = site.policy
    phone = site.book.check_phone(e.phone, "phone")
    d.phone = phone
    _require_name(site, e.name, phone)
    by = site.roster.check(e.by, "by", active=True)
    cust = site.book.find(phone)
    if cust is not None:
        site.book.refresh(cust, e.at)
    d.customer = cust
    owner = cust.owner if cust is not None else None
    if p.has("AG-1"):
        _agency_report(site, e, d, cust, phone, by)
        return
    if owner is not None:
        clause = "PARK-5" if p.has("PARK-5") else "MC-6" if p.has("MC-6") else "P-1"
        d.cite(clause)
        if d.explain:
            d.say(
                f"客户已登记，归 {site.label(owner)}，本次报备不改变归属",
                f"already registered to {owner}: this report changes nothing",
            )
        return
    if cust is None:
        cust = site.book.register(phone, e.at, by, "report", e.name)
        d.customer = cust
    cust.report = ReportInfo(by, e.at, True)
    clauses = ("PARK-1", "PARK-2") if p.has("PARK-1") else ("MC-6",) if p.has("MC-6") else ()
    site.book.set_owner(cust, by, e.at, clauses)
    if p.has("PARK-1"):
        _park_report(site, e, d, cust, by)
        return
    if p.has("MC-6"):
        d.cite("MC-6")
        if d.explain:
            d.say(
                f"{site.label(by)} 在外展/派单时登记了客户，以外面的登记为准，客户归 {site.label(by)}",
                f"{by} registered the customer at an exhibition or with a flyer: theirs",
            )
    else:
        d.cite("P-1")
        if d.explain:
            d.say(f"{site.label(by)} 预先登记了客户，客户归 {site.label(by)}", f"{by} pre-registered the customer")
    renew(site, cust, e.at, "report", d)


def _agency_report(site: Site, e: Report, d: Decision, cust: Customer | None, phone: str, by: str) -> None:
    """AG-1: the first complete registration (identity, contact, property) has priority."""
    owner = cust.owner if cust is not None else None
    complete = bool((e.name or "").strip() and (e.property or "").strip())
    held = cust is not None and cust.report is not None and cust.report.complete and owner not in (None, HOUSE)
    if cust is None:
        cust = site.book.register(phone, e.at, by, "report", e.name)
        d.customer = cust
    d.cite("AG-1")
    if held:
        assert owner is not None
        if d.explain:
            d.say(
                f"{site.label(owner)} 已先完整登记该客户（身份、联系方式、意向房源），优先权不变",
                f"{owner} registered the client completely first and keeps priority",
            )
        return
    if not complete:
        missing = "、".join(x for x, v in (("客户身份", e.name), ("意向房源", e.property)) if not (v or "").strip())
        if d.explain:
            d.say(f"登记缺少{missing}，不产生优先权", f"the registration lacks {missing}: no priority")
        if cust.report is None:
            cust.report = ReportInfo(by, e.at, False)
        return
    cust.report = ReportInfo(by, e.at, True)
    site.book.set_owner(cust, by, e.at, ("AG-1",))
    if d.explain:
        d.say(
            f"{site.label(by)} 最先完整登记客户身份、联系方式和意向房源，享有优先权",
            f"{by} is the first to register identity, contact and property: priority",
        )


def _park_report(site: Site, e: Report, d: Decision, cust: Customer, by: str) -> None:
    """PARK-1/2: the agent must bring the customer within the window, counted from the next day after the cut-off."""
    p = site.policy
    cutoff = p.clock("report_cutoff")
    local = e.at.astimezone(p.tz)
    start = local.date() if local.time() < cutoff else local.date() + timedelta(days=1)
    until = deadline_from_date(start, p.duration("report_visit_window"), p.tz)
    site.book.renew(cust, until, "PARK-2")
    d.cite("PARK-1", "PARK-2")
    late = "" if start == local.date() else f"（{cutoff.strftime('%H:%M')} 以后上报，从次日起算）"
    if d.explain:
        d.say(
            f"业务员 {site.label(by)} 报备客户{late}，须在 {p.duration('report_visit_window').zh}内带客户来园区参观"
            f"（至 {(until - timedelta(minutes=1)).strftime('%Y-%m-%d %H:%M')}）",
            f"{by} reported the customer; the visit must come before {until.isoformat()}",
        )


def on_followup(site: Site, e: Followup, d: Decision) -> None:
    p = site.policy
    cust = site.book.known(e.phone, "phone")
    by = site.roster.check(e.by, "by", active=True)
    site.book.refresh(cust, e.at)
    d.customer = cust
    cust.followups[by] = e.at
    kind = _KIND_ZH.get(e.kind, e.kind) if d.explain else ""
    if cust.owner != by:
        if d.explain:
            d.say(
                f"{site.label(by)} 的{kind}回访已记录（客户归 {site.label(cust.owner)}）",
                f"{by}'s follow-up is recorded (the customer is {cust.owner}'s)",
            )
        d.cite("P-4")
        return
    if d.explain:
        d.say(f"{site.label(by)} {kind}回访已记录", f"{by}'s follow-up is recorded")
    if site.switch.first_followup_due and cust.first_followup_due is not None and not cust.first_followup_done:
        cust.first_followup_done = True
        d.cite("MC-2")
        if e.at >= cust.first_followup_due:
            d.notices.append(
                Notice(
                    "warning",
                    by,
                    "MC-2",
                    cust.first_followup_due,
                    f"客户 {cust.key} 首次来访后 {p.duration('first_followup').zh}内未回访",
                    cust.key,
                )
            )
            if d.explain:
                d.say(
                    f"首次回访已超过 {p.duration('first_followup').zh} 的期限，记提醒一次",
                    "the first follow-up came late: a warning is recorded",
                )
    renew(site, cust, e.at, "followup", d)
    if cust.protected_until is not None:
        if d.explain:
            d.say(
                f"保护期延至 {cust.protected_until.strftime('%Y-%m-%d %H:%M')} 前",
                f"protected until {cust.protected_until.isoformat()}",
            )


def on_deposit(site: Site, e: Deposit, d: Decision) -> None:
    p = site.policy
    cust = site.book.known(e.phone, "phone")
    by = site.roster.check(e.by, "by", active=True)
    site.book.refresh(cust, e.at)
    d.customer = cust
    if cust.deposit_at is None:
        cust.deposit_at = e.at
    if d.explain:
        d.say(f"{site.label(by)} 收取定金，客户归 {site.label(cust.owner)}", f"deposit taken by {by}")
    if p.has("PARK-3") and cust.owner not in (None, HOUSE):
        site.book.clear_window(cust)
        d.cite("PARK-3")
        if d.explain:
            d.say("追单期内已交定金，客户保持归属", "a deposit within the chase window keeps the customer")
    if p.has("GM-4"):
        end = p.duration("objection_window").deadline(cust.deposit_at, p.tz)
        d.cite("GM-4")
        if d.explain:
            d.say(f"异议期至 {end.strftime('%Y-%m-%d %H:%M')} 前", f"objections are heard until {end.isoformat()}")
    if p.has("GM-7") and len([c for c in cust.receptions_by if c != cust.owner]) >= 1:
        d.cite("GM-7")
        if d.explain:
            d.say(
                "多人接待后下定，按第一接访顺序及客户有效期判定，归第一接待人",
                "several receptionists and a deposit: first reception and validity decide",
            )
    if cust.owner == by:
        renew(site, cust, e.at, "deposit", d)
