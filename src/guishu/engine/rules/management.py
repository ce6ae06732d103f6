"""The manager's and the staff's own events: objections, complaints, assignments, transfers,
releases, abandoned customers and status changes.

Implements P-3 (departures), P-4/P-9 (objections are recorded, rulings are assign/transfer),
P-6 and DF-5 (penalties), DEAL-1 (refusing one's own customer), DEAL-6 (callback), RE-7,
RE-10, MC-1/MC-2 (assignment and its 14-day window), DF-11, FC-4, DECO-2, STORE-2 and the
rotation's status rules ROT-2 and RCPT-1.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from ..decision import Decision, Refusal
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
_ASSIGN_ZH: Final = {
    "call": "来电客户",
    "company_resource": "公司资源/关系客户",
    "departure": "离职人员的客户",
    "pool": "公共池客户",
    "region": "按区域",
    "other": "经理调整",
}
_STATUS_ZH = {
    "on_duty": "在岗",
    "away": "短暂离开",
    "busy": "正忙",
    "leave": "请假/私事",
    "official": "因公外出",
    "rest": "休息",
    "departed": "离职/调离",
}


def on_objection(site: Site, e: Objection, d: Decision) -> None:
    cust = site.book.known(e.phone, "phone")
    by = site.roster.check(e.by, "by")
    site.book.refresh(cust, e.at)
    d.customer = cust
    d.cite("P-9", "P-4")
    evidence = {"register": "来访登记", "followup": "跟进记录", "none": "无书面证据"}[e.evidence]
    if d.explain:
        d.say(
            f"{site.label(by)} 对客户归属提出异议（证据：{evidence}），已记录待经理裁决，归属暂不改变",
            f"{by}'s objection ({e.evidence}) is recorded for the manager; nothing changes by itself",
        )
    for code, member in site.staff.items():
        if member.role == "manager":
            d.notices.append(
                Notice(
                    "notification",
                    code,
                    "P-4",
                    e.at,
                    f"{site.label(by)} 对客户 {cust.key} 提出异议（{evidence}）",
                    cust.key,
                )
            )
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
        if d.explain:
            d.say("合同已签订，投诉记录在案，不再调整销售人员", "the contract is signed: recorded, no reassignment")
        return
    # DECO-2: before the contract the customer's objection alone moves them, whoever was at fault
    if e.fault == "service" or clause == "DECO-2":
        if to is None:
            if d.explain:
                d.say(
                    f"客户投诉 {site.label(against)}，已记录，待经理指定接替人",
                    "the complaint is recorded; the manager has not named a replacement",
                )
            return
        site.book.set_owner(cust, to, e.at, (clause,))
        renew(site, cust, e.at, "assign", d)
        if d.explain and clause == "DECO-2":
            d.say(
                f"合同签订前客户提出异议，部门调整为 {site.label(to)} 负责，今后成交归 {site.label(to)}",
                f"the customer objected before the contract: {to} takes over",
            )
        elif d.explain:
            d.say(
                f"客户投诉 {site.label(against)} 的服务质量，"
                f"经理更换为 {site.label(to)} 负责，今后成交归 {site.label(to)}",
                f"a service complaint against {against}: {to} takes over and owns later deals",
            )
    elif to is not None:
        cust.designated, cust.designated_clause = to, "RE-10"
        if d.explain:
            d.say(
                f"投诉不属于 {site.label(against)} 的原因，业绩佣金仍归原销售员；"
                f"经理指定 {site.label(to)} 接待，如其成交佣金平分",
                f"not {against}'s fault: credit stays; {to} is designated and shares commission if they close",
            )
    elif d.explain:
        d.say(f"投诉不属于 {site.label(against)} 的原因，归属不变", f"not {against}'s fault: nothing changes")


def on_assign(site: Site, e: Assign, d: Decision) -> None:
    p = site.policy
    cust = site.book.known(e.phone, "phone")
    to = site.roster.check(e.to, "to", active=True)
    site.book.refresh(cust, e.at)
    d.customer = cust
    if e.reason == "callback":
        cust.callback = to
        d.cite(*[c for c in ("DEAL-6",) if p.has(c)] or ["P-3"])
        if d.explain:
            d.say(
                f"经理指定 {site.label(to)} 负责回访，回访本身不产生归属（客户仍归 {site.label(cust.owner)}）",
                f"{to} is named to call the customer back; this alone gives no ownership",
            )
        return
    clauses = [c for c in _ASSIGN_CLAUSES[e.reason] if p.has(c)] + (["P-3"] if e.reason == "departure" else [])
    if not clauses:
        clauses = ["P-4"]
    if e.reason == "call":
        cust.channel = "call" if cust.first_reception_at is None else cust.channel
    site.book.set_owner(cust, to, e.at, tuple(clauses))
    d.cite(*clauses)
    reason = _ASSIGN_ZH[e.reason]
    if d.explain:
        d.say(f"{reason}由经理分配给 {site.label(to)}", f"assigned by the manager to {to} ({e.reason})")
    renew(site, cust, e.at, "assign", d)
    if cust.protected_until is not None:
        if d.explain:
            d.say(
                f"保护期至 {cust.protected_until.strftime('%Y-%m-%d %H:%M')} 前",
                f"protected until {cust.protected_until.isoformat()}",
            )


def on_transfer(site: Site, e: Transfer, d: Decision) -> None:
    p = site.policy
    cust = site.book.known(e.phone, "phone")
    to = site.roster.check(e.to, "to", active=True)
    site.book.refresh(cust, e.at)
    owner = cust.owner
    if p.has("DECO-2") and owner not in (None, HOUSE) and not e.consent:
        raise Refusal(
            "consent",
            f"变更销售人员须经原销售人员 {site.label(owner)} 同意（consent），未同意不能变更（DECO-2）",
            f"changing the salesperson needs the consent of {owner} (DECO-2)",
        )
    d.customer = cust
    clauses = [c for c in ("DECO-2", "STORE-2") if p.has(c)] or ["P-4"]
    site.book.set_owner(cust, to, e.at, tuple(clauses))
    d.cite(*clauses)
    consent = "经原销售人员同意，" if e.consent else ""
    if d.explain:
        d.say(
            f"{consent}客户由 {site.label(owner)} 变更为 {site.label(to)} 负责",
            f"the customer moves from {owner} to {to}",
        )
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
    if d.explain:
        d.say(f"客户由 {site.label(owner)} 释放到公共客户池", f"released from {owner} to the pool")


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
        d.notices.append(
            Notice(
                "penalty",
                by,
                "DF-5",
                e.at,
                f"{site.label(by)} 接待客户 {cust.key} 时甩客，罚款 {fine} 元",
                cust.key,
                fine,
            )
        )
        if d.explain:
            d.say(f"{site.label(by)} 接待中甩客，罚款 {fine} 元", f"{by} abandoned a customer: fined {fine} yuan")
    else:
        d.notices.append(Notice("warning", by, "P-6", e.at, f"{site.label(by)} 甩客/怠慢客户 {cust.key}", cust.key))
        if d.explain:
            d.say(f"{site.label(by)} 甩客已记录", f"{by} abandoning the customer is recorded")
    if p.has("DEAL-1") and cust.owner == by:
        site.book.set_owner(cust, None, e.at, ("DEAL-1",))
        d.cite("DEAL-1")
        if d.explain:
            d.say(
                f"{site.label(by)} 不愿接待自己的老客户，成交将归第二个接待该客户的销售人员",
                f"{by} refused their own customer: the deal goes to the next receptionist",
            )


def on_status(site: Site, e: Status, d: Decision) -> None:
    code = site.roster.check(e.staff, "staff")
    new = e.is_
    old = site.roster.set_status(code, new)
    if d.explain:
        d.say(f"{site.label(code)}：{_STATUS_ZH.get(old, old)} → {_STATUS_ZH[new]}", f"{code}: {old} -> {new}")
    if site.staff[code].role == "sales" and old != new:
        _requeue(site, d, code, old, new)
    if new == "departed" and old != "departed":
        _depart(site, e, d, code)


def _requeue(site: Site, d: Decision, code: str, old: str, new: str) -> None:
    """ROT-2/RCPT-1: leave and rest take a salesperson out; back, they join at the end; busy keeps the place."""
    p = site.policy
    if new in OUT_OF_QUEUE:
        site.rotation.leave(code)
    else:
        site.rotation.join(code)  # back from leave/rest (or rehired): the end of the queue
    if new in ("leave", "rest"):
        d.cite("RCPT-1" if p.has("RCPT-1") else "ROT-2")
        if d.explain:
            d.say("出列，回来后排到末位", "out of the queue; back at the end")
    elif new in KEEP_PLACE:
        d.cite("RCPT-1" if p.has("RCPT-1") and new in ("official", "away") else "ROT-2")
        if d.explain:
            d.say(
                "保留轮序位置，回来后补序一次"
                if new != "away" or not p.has("RCPT-1")
                else "短暂离开：轮到时由次位义务接待，客户和轮次仍归本人",
                "keeps the place in the queue",
            )
    elif new == "on_duty" and old in ("leave", "rest", "departed"):
        d.cite("RCPT-1" if p.has("RCPT-1") else "ROT-2")
        if d.explain:
            d.say("回来后列入末位", "back at the end of the queue")
    elif new == "on_duty":
        d.cite("ROT-2")


def _depart(site: Site, e: Status, d: Decision, code: str) -> None:
    """P-3: a departed salesperson's customers go to the sales department (house) for the manager."""
    p = site.policy
    moved = site.book.hand_over(code, e.at, ("P-3",))
    extra = [c for c in ("FC-4", "DEAL-6", "DECO-2") if p.has(c)]
    d.cite("P-3", *extra)
    if d.explain:
        d.say(
            f"离职人员的 {moved} 位客户交销售部（house），由经理重新分配或放入公共池",
            f"{moved} customers go to the sales department (house) for the manager",
        )
