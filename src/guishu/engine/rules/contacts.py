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
from typing import TYPE_CHECKING

from ..decision import Decision, refusal
from ..events import Call, Deposit, Followup, Report
from ..state import HOUSE, Customer, Notice, ReportInfo
from ..windows import deadline_from_date
from .common import require_name
from .protection import renew

if TYPE_CHECKING:
    from ..site import Site


def on_call(site: Site, e: Call, d: Decision) -> None:
    p = site.policy
    phone = site.book.check_phone(e.phone, "phone")
    d.phone = phone
    require_name(site, e.name, phone)
    by = _answerer(site, e, d)
    d.received_by = by
    cust = site.book.find(phone)
    if cust is not None:
        site.book.refresh(cust, e.at)
    d.customer = cust
    if cust is not None and cust.owner not in (None, HOUSE):
        owner = cust.owner
        if d.explain:  # (a replay's calls: see Decision.say)
            d.say("call.known_customer", owner=owner)
            d.cite("ROT-4")
        if owner == by:
            renew(site, cust, e.at, "call", d)
        return
    if cust is None:
        cust = site.book.register(phone, e.at, by, "call", e.name)
        d.customer = cust
    if p.has("FC-1") or p.has("DF-10") or p.has("CASES-6"):
        clause = "FC-1" if p.has("FC-1") else "DF-10" if p.has("DF-10") else "CASES-6"
        site.book.set_owner(cust, by, e.at, (clause,))
        d.cite(clause)
        d.say("call.first_contact", by=by)
        renew(site, cust, e.at, "call", d)
    elif d.explain:  # (a replay's calls: see Decision.say)
        clause = "RE-7" if p.has("RE-7") else "MC-1" if p.has("MC-1") else "P-1"
        d.cite(clause)
        d.say("call.registered" if clause == "P-1" else "call.for_the_manager")


def _answerer(site: Site, e: Call, d: Decision) -> str:
    """Who answered: the one named, or the phone rotation's pick (DF-10, ROT-6)."""
    if e.by is not None:
        by = site.roster.check(e.by, "by", active=True)
        if site.policy.phone_rotation:
            site.rotation.answered(by)
            d.cite("ROT-6")
        return by
    if site.policy.phone_rotation:
        answerer = site.rotation.answer(e.at)
        if answerer is None:
            raise refusal(site.voice, "by", "refuse.nobody_to_answer")
        d.cite("DF-10", "ROT-6")
        d.say("call.rotation_answers", by=answerer)
        return answerer
    raise refusal(site.voice, "by", "refuse.no_phone_rotation")


def on_report(site: Site, e: Report, d: Decision) -> None:
    p = site.policy
    phone = site.book.check_phone(e.phone, "phone")
    d.phone = phone
    require_name(site, e.name, phone)
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
        d.say("report.already_registered", owner=owner)
        return
    if cust is None:
        cust = site.book.register(phone, e.at, by, "report", e.name)
        d.customer = cust
    cust.report = ReportInfo(by, e.at, True)
    clauses = ("PARK-1", "PARK-2") if p.has("PARK-1") else ("MC-6",) if p.has("MC-6") else ()
    site.book.set_owner(cust, by, e.at, clauses)
    if p.has("PARK-1"):
        _agent_report(site, e, d, cust, by)
        return
    if p.has("MC-6"):
        d.cite("MC-6")
        d.say("report.outside_registration", by=by)
    else:
        d.cite("P-1")
        d.say("report.pre_registered", by=by)
    renew(site, cust, e.at, "report", d)


def _agency_report(site: Site, e: Report, d: Decision, cust: Customer | None, phone: str, by: str) -> None:
    """AG-1: the first *complete* registration (identity, contact, property) has priority."""
    owner = cust.owner if cust is not None else None
    complete = bool((e.name or "").strip() and (e.property or "").strip())
    held = cust is not None and cust.report is not None and cust.report.complete and owner not in (None, HOUSE)
    if cust is None:
        cust = site.book.register(phone, e.at, by, "report", e.name)
        d.customer = cust
    d.cite("AG-1")
    if held:
        assert owner is not None
        d.say("report.priority_kept", owner=owner)
        return
    if not complete:
        if d.explain:
            missing = [field for field, v in (("name", e.name), ("property", e.property)) if not (v or "").strip()]
            d.say("report.incomplete", fields=missing)
        if cust.report is None:
            cust.report = ReportInfo(by, e.at, False)
        return
    cust.report = ReportInfo(by, e.at, True)
    site.book.set_owner(cust, by, e.at, ("AG-1",))
    d.say("report.first_complete", by=by)


def _agent_report(site: Site, e: Report, d: Decision, cust: Customer, by: str) -> None:
    """PARK-1/2: the agent must bring the customer within the window, counted from the next day after the cut-off."""
    p = site.policy
    cutoff = p.clock("report_cutoff")
    local = e.at.astimezone(p.tz)
    start = local.date() if local.time() < cutoff else local.date() + timedelta(days=1)
    window = p.duration("report_visit_window")
    until = deadline_from_date(start, window, p.tz)
    site.book.renew(cust, until, "PARK-2")
    d.cite("PARK-1", "PARK-2")
    key = "report.agent_window" if start == local.date() else "report.agent_window_next_day"
    d.say(key, by=by, clock=cutoff, window=window, until=until)


def on_followup(site: Site, e: Followup, d: Decision) -> None:
    p = site.policy
    cust = site.book.known(e.phone, "phone")
    by = site.roster.check(e.by, "by", active=True)
    site.book.refresh(cust, e.at)
    d.customer = cust
    cust.followups[by] = e.at
    if cust.owner != by:
        if d.explain:  # (a replay's follow-ups: see Decision.say)
            d.say("followup.for_owner", by=by, contact=e.kind, owner=cust.owner)
            d.cite("P-4")
        return
    d.say("followup.recorded", by=by, contact=e.kind)
    if site.switch.first_followup_due and cust.first_followup_due is not None and not cust.first_followup_done:
        cust.first_followup_done = True
        d.cite("MC-2")
        if e.at >= cust.first_followup_due:
            window = p.duration("first_followup")
            zh, en = site.voice.words("notice.first_followup_late", phone=cust.key, window=window)
            d.notices.append(Notice("warning", by, "MC-2", cust.first_followup_due, zh, cust.key, message_en=en))
            d.say("followup.first_late", window=window, until=cust.first_followup_due)
    renew(site, cust, e.at, "followup", d)
    if cust.protected_until is not None:
        d.say("window.protected_until", until=cust.protected_until)


def on_deposit(site: Site, e: Deposit, d: Decision) -> None:
    p = site.policy
    cust = site.book.known(e.phone, "phone")
    by = site.roster.check(e.by, "by", active=True)
    site.book.refresh(cust, e.at)
    d.customer = cust
    if cust.deposit_at is None:
        cust.deposit_at = e.at
    if d.explain:  # (a replay's deposits: see Decision.say)
        d.say("deposit.taken", by=by, owner=cust.owner)
    if p.has("PARK-3") and cust.owner not in (None, HOUSE):
        site.book.clear_window(cust)
        d.cite("PARK-3")
        d.say("deposit.keeps_chase")
    if p.has("GM-4"):
        end = p.duration("objection_window").deadline(cust.deposit_at, p.tz)
        d.cite("GM-4")
        d.say("deposit.objections_until", until=end)
    if p.has("GM-7") and len([c for c in cust.receptions_by if c != cust.owner]) >= 1:
        d.cite("GM-7")
        d.say("deposit.first_reception_decides")
    if cust.owner == by:
        renew(site, cust, e.at, "deposit", d)
