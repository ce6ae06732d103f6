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
from typing import TYPE_CHECKING, Any

from .. import splits
from ..decision import Decision, refusal
from ..events import Link
from ..state import HOUSE, Customer, Notice
from .common import OLD_CUSTOMER, first_clause
from .deals import amend
from .protection import renew

if TYPE_CHECKING:
    from ..site import Site


def on_link(site: Site, e: Link, d: Decision) -> None:
    if len(e.phones) != 2:
        raise refusal(site.voice, "phones", "refuse.two_phones")
    a = site.book.known(e.phones[0], "phones")
    b = site.book.known(e.phones[1], "phones")
    by = site.roster.check(e.by, "by")
    site.book.refresh(a, e.at)
    site.book.refresh(b, e.at)
    if a is b:
        d.customer = a
        d.say("link.already_one")
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
    d.say("link.one_family")
    first, second = older.first_receptionist, newer.owner
    if p.has("RE-6"):
        d.cite("RE-6")
        if first is not None and second not in (None, HOUSE, first):
            d.say("link.family_credit_first", first=first)
            for index in newer.deals:
                record = site.ledger.at_index(index)
                if first != record.by:
                    zh, en = site.voice.words("link.family_resplit", first=first)
                    credit, commission = splits.whole(first), splits.equal([first, record.by], record.by)
                    amend(site, record, credit, commission, ["RE-6", "P-8"], zh, en, d)
    if p.has("DEAL-2") and first is not None and second not in (None, HOUSE, first) and not older.bought:
        d.cite("DEAL-2")
        today = site.today(e.at)
        same_day = newer.last_reception_at is not None and site.today(newer.last_reception_at) == today
        if newer.bought or newer.receptions_by.get(second or "", 0) >= 2:
            d.say("link.family_found_late", second=second)
        elif same_day and by == first:
            newer.family_split = (first, today)
            d.say("link.family_recognised", first=first)
        else:
            d.say("link.family_second_keeps", second=second)


def _same_person(site: Site, e: Link, d: Decision, older: Customer, newer: Customer, by: str) -> None:
    first = older.owner if older.owner is not None else older.previous_owner
    original = older.first_receptionist or first
    winner, clauses, key, values, amend_deals = _who_keeps(site, e, d, older, newer, by, first, original)
    zh = site.voice.zh(key, **values)  # the owner's reason is kept with the customer
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
    d.cite_all(clauses)
    d.say(key, **values)
    if amend_deals and original is not None:
        _amend_deals(site, d, keep, winner, clauses[0], original)


# who keeps the merged customer, the clauses, the sentence and its values, and whether the deals are re-split
Verdict = tuple[str | None, list[str], str, dict[str, Any], bool]


def _who_keeps(
    site: Site,
    e: Link,
    d: Decision,
    older: Customer,
    newer: Customer,
    by: str,
    first: str | None,
    original: str | None,
) -> Verdict:
    p = site.policy
    second = newer.owner
    if p.has("RE-4"):
        window = p.duration("recognition_window")
        start = older.first_reception_at or older.registered_at
        values: dict[str, Any] = {"window": window, "second": second, "original": original}
        if e.at >= window.deadline(start, p.tz):
            return second, ["RE-4"], "link.found_after_window", values, False
        if not newer.bought:
            return original, ["RE-4"], "link.found_within_unsold", values, False
        return second, ["RE-4"], "link.found_within_sold", values, True
    if p.has("GM-4"):
        return _objection(site, e, d, newer, by, second, original)
    if p.has("CASES-4"):
        return _recent_followup(site, older, newer, by, second, original)
    held = _held_when(older, newer.registered_at)
    if p.has("DF-1") and (older.bought or newer.bought):
        buyer = older if older.bought and (not newer.bought or older.deals[0] < newer.deals[0]) else newer
        winner = site.ledger.at_index(buyer.deals[0]).by
        return winner, ["DF-1"], "link.first_deal", {"winner": winner}, False
    if held and first is not None:
        return first, [_old_clause(site)], "link.earlier_still_protected", {"first": first}, p.has("DEAL-1")
    return second, [_old_clause(site)], "link.earlier_lapsed", {"second": second}, False


def _objection(
    site: Site, e: Link, d: Decision, newer: Customer, by: str, second: str | None, original: str | None
) -> Verdict:
    """GM-4: the first receptionist's link is their objection, proved by the register (P-9)."""
    p = site.policy
    clauses = ["GM-4", "P-9"]
    if not (by == original and second not in (None, HOUSE, by)):
        return second, clauses, "link.not_named_nor_recognised", {"second": second}, False
    opened = _deposit_or_deal(site, newer)
    window = p.duration("objection_window")
    deadline = window.deadline(opened, p.tz) if opened else None
    count_dispute(site, e.at, d, by, newer.key)
    if deadline is None or e.at < deadline:
        return by, clauses, "link.objection_proved", {"by": by}, True
    values = {"window": window, "until": deadline, "second": second}
    return second, clauses, "link.objection_too_late", values, False


def _recent_followup(
    site: Site, older: Customer, newer: Customer, by: str, second: str | None, original: str | None
) -> Verdict:
    """CASES-4: a resting consultant's recent follow-up shares the customer; otherwise CASES-3."""
    p = site.policy
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
        newer.shared = [x for x in (second, by) if x is not None]
        newer.shared_clause = "CASES-4"
        values = {"by": by, "window": window, "second": second}
        return second, ["CASES-4"], "link.recent_followup_shares", values, False
    # the sentence names the fact that kept the consultant from sharing
    values = {"by": by, "window": window, "second": second, "at": recent}
    if by != original or second in (None, HOUSE, by):
        key = "link.nobody_recognised"
    elif newer.bought:
        key = "link.found_after_the_deal"
    elif by not in newer.off_duty:
        key = "link.consultant_was_on_duty"
    elif recent is None:
        key = "link.no_recent_followup"
    else:
        key = "link.followup_outside_window"
        values["until"] = window.deadline(recent, p.tz)
    return second, ["CASES-3"], key, values, False


def _amend_deals(site: Site, d: Decision, keep: Customer, winner: str | None, clause: str, original: str) -> None:
    """RE-4: a deal before the discovery keeps its credit, the commission is shared with the original;
    elsewhere the deals of a customer found to be someone else's go to them (help, ROT-5)."""
    for index in keep.deals:
        record = site.ledger.at_index(index)
        if clause == "RE-4" and record.by != original:
            zh, en = site.voice.words("link.sold_resplit", closer=record.by, original=original)
            credit, commission = splits.whole(record.by), splits.equal([original, record.by], record.by)
            amend(site, record, credit, commission, ["RE-4", "P-8"], zh, en, d)
        elif clause != "RE-4" and winner not in (None, HOUSE) and record.credit != splits.whole(winner):
            assert winner is not None
            zh, en = site.voice.words("link.helper_resplit", closer=record.by, winner=winner)
            amend(site, record, splits.whole(winner), splits.whole(winner), [clause], zh, en, d)


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
        zh, en = site.voice.words("notice.flag", by=original, n=count)
        d.notices.append(Notice("flag", original, "GM-6", at, zh, phone, message_en=en))
        d.say("link.flagged", by=original, n=count)


def _old_clause(site: Site) -> str:
    return first_clause(site.policy, OLD_CUSTOMER)
