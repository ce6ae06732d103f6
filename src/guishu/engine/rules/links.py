"""Links: a later discovery that two records are one person, or one family.

``same_person`` merges the records; who owns the merged customer is the preset's answer to
"an old customer registered again as new": RE-4 (measured from the first reception to the
discovery), GM-4 (the first receptionist's objection proved by the register, before a
deposit or within 3 days of it) with GM-6's count, CASES-3/4 (a resting consultant's recent
follow-up shares the customer), DEAL-1 (a helper within the validity), and otherwise the
earliest registration whose protection still held when the later one was made (RCPT-3,
FC-1, MC-1, DF-1, PARK-5, AG-1, DECO-1, STORE-1).

``family`` groups the records: RE-6 at the deal, DEAL-2 (1)/(3).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from .. import splits
from ..decision import Decision, Refusal
from ..events import Link
from ..state import HOUSE, Customer, Notice
from .common import OLD_CUSTOMER, first_clause
from .deals import amend
from .protection import renew

if TYPE_CHECKING:
    from ..site import Site

# who wins a same-person link, under which clauses, why (zh, en), and whether the deals follow
Verdict = tuple[str | None, list[str], str, str, bool]


def on_link(site: Site, e: Link, d: Decision) -> None:
    if len(e.phones) != 2:
        raise Refusal("phones", "phones 应为两个手机号", "phones must list two phones")
    a = site.book.known(e.phones[0], "phones")
    b = site.book.known(e.phones[1], "phones")
    by = site.roster.check(e.by, "by")
    site.book.refresh(a, e.at)
    site.book.refresh(b, e.at)
    if a is b:
        d.customer = a
        if d.explain:
            d.say("两个手机号已是同一客户", "the phones already belong to one customer")
        return
    older, newer = sorted((a, b), key=lambda c: (c.first_reception_at or c.registered_at, c.registered_at))
    if e.as_ == "family":
        _family(site, e, d, older, newer, by)
    else:
        _same_person(site, e, d, older, newer, by)


def _family(site: Site, e: Link, d: Decision, older: Customer, newer: Customer, by: str) -> None:
    p = site.policy
    site.book.link_families(older, newer)
    d.customer = newer
    if d.explain:
        d.say("已登记为同一家庭", "recorded as one family")
    first, second = older.first_receptionist, newer.owner
    if p.has("RE-6"):
        d.cite("RE-6")
        if first is not None and second not in (None, HOUSE, first):
            if d.explain:
                d.say(
                    f"成交时业绩归先登记的 {site.label(first)}，佣金平分",
                    f"at the deal: credit to {first}, commission shared",
                )
            for index in newer.deals:
                record = site.ledger.at_index(index)
                if first != record.by:
                    amend(
                        site,
                        record,
                        splits.whole(first),
                        splits.equal([first, record.by], record.by),
                        ["RE-6", "P-8"],
                        f"同一家庭分别登记，业绩归先登记的 {site.label(first)}，佣金平分",
                        f"one family: credit to {first}, commission shared",
                        d,
                    )
    if p.has("DEAL-2") and first is not None and second not in (None, HOUSE, first) and not older.bought:
        d.cite("DEAL-2")
        today = site.today(e.at)
        same_day = newer.last_reception_at is not None and site.today(newer.last_reception_at) == today
        if newer.bought or newer.receptions_by.get(second or "", 0) >= 2:
            if d.explain:
                d.say(
                    f"谈判二次以上或成交时/后才查明，归第二接待人 {site.label(second)}",
                    f"found only after two receptions or at the deal: {second} keeps the customer",
                )
        elif same_day and by == first:
            newer.family_split = (first, today)
            if d.explain:
                d.say(
                    f"接待过程中原接待 {site.label(first)} 认出家人：当场成交由两人平分，当次未成交归第二接待人",
                    "recognised during the reception: a deal today is split 50/50, otherwise the second keeps them",
                )
        else:
            if d.explain:
                d.say(f"归第二接待人 {site.label(second)}", f"{second} keeps the customer")


def _same_person(site: Site, e: Link, d: Decision, older: Customer, newer: Customer, by: str) -> None:
    p = site.policy
    first = older.owner if older.owner is not None else older.previous_owner
    second = newer.owner
    original = older.first_receptionist or first
    verdict: Verdict
    if p.has("RE-4"):
        verdict = _recognised(site, e, older, newer, original, second)
    elif p.has("GM-4"):
        verdict = _objected(site, e, d, newer, by, original, second)
    elif p.has("CASES-4"):
        verdict = _followed_up(site, older, newer, by, original, second)
    else:
        verdict = _protected(site, older, newer, first, second)
    winner, clauses, zh, en, amend_deals = verdict
    older_owner = older.owner
    newer_owner, newer_until, newer_clause = newer.owner, newer.protected_until, newer.window_clause
    site.ledger.repoint(site.book.merge(older, newer), older.key)
    keep = older
    site.book.set_owner(keep, winner, e.at, tuple(clauses), zh)
    if winner != older_owner:
        if winner == newer_owner:
            site.book.restore_window(keep, newer_until, newer_clause)
        elif winner not in (None, HOUSE):
            renew(site, keep, e.at, "assign", None)
    if newer.shared:
        keep.shared, keep.shared_clause = newer.shared, newer.shared_clause
    d.customer = keep
    d.cite(*clauses)
    if d.explain:
        d.say(zh, en)
    if amend_deals and original is not None:
        _amend_deals(site, d, keep, winner, clauses, original)


def _recognised(
    site: Site, e: Link, older: Customer, newer: Customer, original: str | None, second: str | None
) -> Verdict:
    """RE-4: measured from the first reception to the discovery."""
    p = site.policy
    window = p.duration("recognition_window")
    start = older.first_reception_at or older.registered_at
    within = e.at < window.deadline(start, p.tz)
    clauses = ["RE-4"]
    if not within:
        winner = second
        zh = f"发现时距初次接待已超过{window.zh}，无论成交与否归第二接待人 {site.label(second)}"
        en = f"found more than {window} after the first reception: {second} keeps the customer"
        return winner, clauses, zh, en, False
    if not newer.bought:
        winner = original
        zh = f"{window.zh}内发现的未成交老客户，归原接待 {site.label(original)}"
        en = f"found within {window} and unsold: back to {original}"
        return winner, clauses, zh, en, False
    winner = second
    zh = f"{window.zh}内发现但已成交：成交业绩归当值人员，佣金由 {site.label(original)} 与当值人员平分"
    en = f"found within {window} but sold: credit to the closer, commission shared with {original}"
    return winner, clauses, zh, en, True


def _objected(
    site: Site, e: Link, d: Decision, newer: Customer, by: str, original: str | None, second: str | None
) -> Verdict:
    """GM-4: the first receptionist's objection, proved by the register, before a deposit or within 3 days of it."""
    p = site.policy
    clauses = ["GM-4", "P-9"]
    objector = by == original and second not in (None, HOUSE, by)
    if not objector:
        winner = second
        zh = f"客户说不出原接待人也未被认出，视为新客户，归 {site.label(second)}"
        en = f"not named nor recognised: treated as new, {second} keeps the customer"
        return winner, clauses, zh, en, False
    opened = _deposit_or_deal(site, newer)
    deadline = p.duration("objection_window").deadline(opened, p.tz) if opened else None
    in_time = deadline is None or e.at < deadline
    count_dispute(site, e.at, d, by, newer.key)
    if in_time:
        winner = by
        zh = f"{site.label(by)} 凭来访登记证明自己是第一接待人，客户无条件交回 {site.label(by)}"
        en = f"{by} proved by the register to be the first receptionist: the customer goes back unconditionally"
        return winner, clauses, zh, en, True
    winner = second
    zh = f"交定金3天后才提出异议，归属不变（{site.label(second)}）"
    en = f"the objection came after the window: {second} keeps the customer"
    return winner, clauses, zh, en, False


def _followed_up(
    site: Site, older: Customer, newer: Customer, by: str, original: str | None, second: str | None
) -> Verdict:
    """CASES-3/4: a resting consultant's recent follow-up shares the customer; otherwise the rotation's one keeps."""
    p = site.policy
    winner = second
    recent = older.followups.get(by)
    start = newer.first_reception_at or newer.registered_at
    window = p.duration("recent_followup")
    if (
        by == original
        and second not in (None, HOUSE, by)
        and not newer.bought
        and by in newer.off_duty
        and recent is not None
        and recent <= start < window.deadline(recent, p.tz)
    ):
        clauses = ["CASES-4"]
        zh = (
            f"{site.label(by)} 登记本上有近{window.zh}的追踪记录，"
            f"客户由 {site.label(by)} 与 {site.label(second)} 一人一半"
        )
        en = f"{by} has a follow-up within {window}: shared 50/50 with {second}"
        newer.shared = [x for x in (second, by) if x is not None]
        newer.shared_clause = "CASES-4"
        return winner, clauses, zh, en, False
    clauses = ["CASES-3"]
    zh = f"当时无人认出，归轮排接待的 {site.label(second)}"
    en = f"nobody recognised the customer then: {second} keeps them"
    return winner, clauses, zh, en, False


def _protected(site: Site, older: Customer, newer: Customer, first: str | None, second: str | None) -> Verdict:
    """DF-1's first deal, or the earliest registration whose protection still held when the later one was made."""
    p = site.policy
    held = _held_when(older, newer.registered_at)
    if p.has("DF-1") and (older.bought or newer.bought):
        buyer = older if older.bought and (not newer.bought or older.deals[0] < newer.deals[0]) else newer
        winner: str | None = site.ledger.at_index(buyer.deals[0]).by
        clauses = ["DF-1"]
        zh = f"第一次成交原则，归第一次成交的 {site.label(winner)}"
        en = f"first-deal rule: {winner}"
        return winner, clauses, zh, en, False
    if held and first is not None:
        winner = first
        clauses = [_old_clause(site)]
        zh = f"先登记的记录仍在保护期内，归原接待 {site.label(first)}；后续接待属义务帮忙"
        en = f"the earlier record was still protected: {first} owns, later receptions were help"
        return winner, clauses, zh, en, p.has("DEAL-1")
    winner = second
    clauses = [_old_clause(site)]
    zh = f"先登记的记录已过保护期，归后接待的 {site.label(second)}"
    en = f"the earlier record had lapsed: {second} keeps the customer"
    return winner, clauses, zh, en, False


def _amend_deals(
    site: Site, d: Decision, keep: Customer, winner: str | None, clauses: list[str], original: str
) -> None:
    """The merged customer's deals follow the verdict (RE-4's shared commission, or the winner's whole)."""
    for index in keep.deals:
        record = site.ledger.at_index(index)
        if clauses[0] == "RE-4" and record.by != original:
            amend(
                site,
                record,
                splits.whole(record.by),
                splits.equal([original, record.by], record.by),
                ["RE-4", "P-8"],
                f"一个月内发现已成交的老客户：业绩归成交的 {site.label(record.by)}，"
                f"佣金与原接待 {site.label(original)} 平分",
                "sold before the discovery: credit to the closer, commission shared",
                d,
            )
        elif clauses[0] != "RE-4" and winner not in (None, HOUSE) and record.credit != splits.whole(winner):
            assert winner is not None
            amend(
                site,
                record,
                splits.whole(winner),
                splits.whole(winner),
                [clauses[0]],
                f"事后查明 {site.label(record.by)} 属义务帮忙，业绩归 {site.label(winner)}",
                f"found later: {record.by} was helping; the deal is {winner}'s",
                d,
            )


def _held_when(older: Customer, when: datetime) -> bool:
    """Was the older record still owned (its window open) when the newer one was registered?"""
    if older.owner not in (None, HOUSE):
        return older.protected_until is None or when < older.protected_until
    if older.owner is None and older.lapsed_at is not None:
        return when < older.lapsed_at
    return False


def _deposit_or_deal(site: Site, cust: Customer) -> datetime | None:
    times = [t for t in (cust.deposit_at,) if t is not None] + [site.ledger.at_index(i).at for i in cust.deals]
    return min(times) if times else None


def count_dispute(site: Site, at: datetime, d: Decision, original: str, phone: str) -> None:
    """GM-6: a first receptionist whose customers are received by others, or who fights over a
    customer after a deposit, three times or more is flagged for the manager."""
    p = site.policy
    if not p.has("GM-6"):
        return
    count = site.ledger.record_dispute(original)
    d.cite("GM-6")
    if count >= p.number("flag_after") and not site.ledger.flagged_once(original):
        d.notices.append(
            Notice(
                "flag",
                original,
                "GM-6",
                at,
                f"{site.label(original)} 的客户已 {count} 次被他人接待或定金后争抢，提示经理",
                phone,
            )
        )
        if d.explain:
            d.say(
                f"{site.label(original)} 已第 {count} 次出现客户被他人接待，提示经理",
                f"{original}'s customers were received by others {count} times: flagged for the manager",
            )


def _old_clause(site: Site) -> str:
    return first_clause(site.policy, OLD_CUSTOMER)
