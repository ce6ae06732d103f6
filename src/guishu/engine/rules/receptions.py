"""What every reception at the desk records, and who helps an absent owner.

Implements the first-reception facts later clauses read (MC-2's first follow-up, CASES-4's
resting consultants, RCPT-5's brochure), FC-3 (two sales points on one day), MC-3 (the greeting
station), GM-3's same-day notice and the helpers of ROT-4 (倒排轮), RCPT-3/RE-5 (当值) and GM-5 (the team).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from ..decision import Decision, refusal
from ..events import Visit
from ..state import HOUSE, Customer, Notice
from .protection import renew

if TYPE_CHECKING:
    from ..site import Site


def helper_for(site: Site, owner: str, rule: str, at: datetime) -> tuple[str, str]:
    """Who receives for an absent owner, and by which rule they were found: ``head`` (the rotation's pick,
    RCPT-3/RE-5), ``team`` (the last available of the owner's team, GM-5) or ``reverse`` (倒排轮, ROT-4)."""
    helper: str | None = None
    if rule == "head":
        choice = site.rotation.choose(at)
        helper = choice.receiver if choice else None
    elif rule == "team":
        team = site.staff[owner].team
        if team:
            members = [c for c, m in site.staff.items() if m.team == team]
            helper = site.queue.last_available(site.status, among=members, exclude=owner)
    if helper is not None:
        return helper, rule
    helper = site.queue.last_available(site.status, exclude=owner)
    if helper is None:
        raise refusal(site.voice, "by", "refuse.nobody_to_receive")
    return helper, "reverse"


def notify_owner_named(site: Site, e: Visit, d: Decision, cust: Customer, owner: str) -> None:
    """GM-3: the customer names an owner who is away; the owner and the supervisors are told the same day."""
    zh, en = site.voice.words("notice.owner_named_away", phone=cust.key, owner=owner)
    targets = [owner] + [c for c, m in site.staff.items() if m.role in ("lead", "manager") and c != owner]
    for code in targets:
        d.notices.append(Notice("notification", code, "GM-3", e.at, zh, cust.key, message_en=en))
    d.say("visit.owner_told", owner=owner)


def record_reception(site: Site, cust: Customer, e: Visit, receiver: str, d: Decision) -> None:
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
        d.say("visit.greeting_station", station=station)
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
            d.say("visit.two_points_split", staff=people)
