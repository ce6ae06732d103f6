"""Visits to the park (园区, the preset ``park``): PARK-2..5.

An agent's report decides: a customer brought by the agent within the report window is theirs
and their chase window starts (PARK-2, PARK-3); a customer who comes alone but matches a report
is the reporting agent's, whose team head is told at the next morning's check (PARK-4); another
agent stepping in changes nothing while the first report or chase holds (PARK-5). A customer who
comes alone without a report that holds is the park's own (``house``).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from ..decision import Decision, refusal
from ..events import Visit
from ..state import HOUSE, Customer, Notice
from ..windows import start_of_day

if TYPE_CHECKING:
    from ..site import Site


def park_visit(site: Site, e: Visit, d: Decision, cust: Customer | None, phone: str, by: str | None) -> None:
    choice = site.rotation.choose(e.at)
    receiver = by if by is not None else (choice.receiver if choice else None)
    if receiver is None:
        raise refusal(site.voice, "by", "refuse.nobody_at_the_park")
    first = cust is None or cust.first_reception_at is None
    owner = cust.owner if cust is not None else None
    if cust is None:
        cust = site.book.register(phone, e.at, receiver, "visit", e.name)
    d.customer = cust
    if owner not in (None, HOUSE):
        assert owner is not None
        _reported(site, e, d, cust, owner)
    elif owner == HOUSE:
        d.cite("PARK-2")
        d.say("park.own_customer")
    else:
        _unreported(site, e, d, cust)
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


def _reported(site: Site, e: Visit, d: Decision, cust: Customer, owner: str) -> None:
    """The customer is an agent's, by a report (or a chase) that still holds."""
    agent = e.agent
    if agent is not None and agent != owner:
        d.cite("PARK-5")
        held = "park.chase_holds_against_agent" if cust.chase_started else "park.report_holds_against_agent"
        d.say(held, agent=agent, owner=owner)
    if not cust.chase_started:
        d.cite("PARK-2")
        if agent is None:
            d.cite("PARK-4")
            d.say("park.walk_in_matches_report", owner=owner)
            _notify_lead(site, e, d, cust, owner)
        elif agent == owner:
            d.say("park.brought_in_time", owner=owner)
        _start_chase(site, cust, e.at, d)
    else:
        d.cite("PARK-3")
        held = "park.within_chase" if cust.protected_until is not None else "park.kept_by_deposit"
        d.say(held, until=cust.protected_until, owner=owner)


def _unreported(site: Site, e: Visit, d: Decision, cust: Customer) -> None:
    """Nobody holds the customer: the agent who brought them, or the park itself."""
    lapsed = cust.report is not None or cust.previous_owner is not None
    original = cust.report.by if cust.report is not None else cust.previous_owner
    agent = e.agent
    if agent is not None:
        site.book.set_owner(cust, agent, e.at, ("PARK-2",))
        d.cite("PARK-2")
        d.say("park.brought_after_lapse" if lapsed else "park.brought_by_agent", original=original, agent=agent)
        _start_chase(site, cust, e.at, d)
    else:
        site.book.set_owner(cust, HOUSE, e.at, ("PARK-2",))
        d.cite("PARK-2")
        d.say("park.came_alone_after_lapse" if lapsed else "park.came_alone", original=original)


def _start_chase(site: Site, cust: Customer, at: datetime, d: Decision) -> None:
    p = site.policy
    cust.chase_started = True
    if cust.deposit_at is not None or cust.bought:
        site.book.restore_window(cust, None, cust.window_clause)  # no time limit once paid
        return
    window = p.duration("chase_window")
    until = window.deadline(at, p.tz)
    site.book.renew(cust, until, "PARK-3")
    d.cite("PARK-3")
    d.say("park.chase_started", window=window, until=until)


def _notify_lead(site: Site, e: Visit, d: Decision, cust: Customer, agent: str) -> None:
    p = site.policy
    team = site.staff[agent].team
    leads = [c for c, m in site.staff.items() if m.role == "lead" and team is not None and m.team == team]
    if not leads:
        leads = [c for c, m in site.staff.items() if m.role in ("lead", "manager")]
    day = site.today(e.at) + timedelta(days=1)
    clock = p.clock("reconcile_at")
    when = start_of_day(day, p.tz).replace(hour=clock.hour, minute=clock.minute)
    zh, en = site.voice.words("notice.report_matched", phone=cust.key, agent=agent)
    for code in [*leads, agent]:
        d.notices.append(Notice("notification", code, "PARK-4", when, zh, cust.key, message_en=en))
    d.say("park.leads_told" if leads else "park.department_told", clock=clock, staff=leads)
