"""The public read API: frozen views of a site, and the desk's decisions as pure functions of values.

The service answers 判客 and shows the rotation from rows it reads from its own projections, with
``desk_advice``, ``next_up`` and ``station``; these tests hold those functions to what the site
itself then does, and to what they are given and nothing else.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guishu.engine import (
    HOUSE,
    CustomerView,
    QueueRow,
    Site,
    StaffMember,
    StaffView,
    desk_advice,
    load_policy,
    next_up,
    station,
)
from guishu.engine import events as ev

from .test_properties import PHONES, SETTINGS, Story, end_of, replay, stories

SH = ZoneInfo("Asia/Shanghai")
T0 = datetime(2026, 3, 2, 10, 0, tzinfo=SH)
P1, P2 = "13800000001", "13800000002"


def _plain_presets() -> tuple[str, ...]:
    # the park decides visits by agents' reports, not at the desk
    from guishu.engine import preset_ids

    return tuple(p for p in preset_ids() if not load_policy(p).has("PARK-2"))


def _as_read_back(site: Site, phone: str) -> tuple[CustomerView | None, list[StaffView], list[QueueRow]]:
    """The site's views as a service would rebuild them from rows of its own (fresh objects, same values)."""
    cust = site.customer_view(phone)
    again = CustomerView(**dataclasses.asdict(cust)) if cust is not None else None
    staff = [StaffView(**dataclasses.asdict(s)) for s in site.staff_views()]
    queue = [QueueRow(**dataclasses.asdict(r)) for r in reversed(site.queue_rows())]  # any order of rows
    return again, staff, queue


@SETTINGS
@given(stories(presets=_plain_presets()), st.sampled_from(PHONES), st.sampled_from([0, 1, 60 * 24 * 10]))
def test_the_desk_advice_is_what_the_desk_then_does(story: Story, phone: str, minutes: int) -> None:
    # given any story, and the desk asked about a phone at some later instant
    site, _ = replay(story)
    at = end_of(story) + timedelta(minutes=minutes)
    advice = site.desk_advice(phone, at)
    # then the pure function over values read back decides exactly the same
    cust, staff, queue = _as_read_back(site, phone)
    assert desk_advice(site.policy, cust, staff, queue, at, phone=phone) == advice
    assert next_up(site.policy, staff, queue, at) == site.next_up(at)
    assert station(site.policy, staff, queue, at) == site.station(at)
    # and asking changed nothing
    assert site.desk_advice(phone, at) == advice
    # when the customer then walks in saying nothing, without anyone named to receive them
    r = site.apply(ev.Visit(at=at, id=None, phone=phone, name="王"))
    p = site.policy
    if advice.owner is None or advice.owner == HOUSE:
        # a new customer: the turn the desk announced is the one used (or nobody could receive)
        assert (r.turn_of if r.accepted else None) == advice.receive_by, (advice, r.as_dict())
        assert advice.counted_turn and (not r.accepted or r.counted_turn)
    elif advice.receive_by == advice.owner:
        # an old customer whose owner is on duty: the owner receives, no turn used
        assert r.accepted and r.received_by == advice.owner and r.counted_turn is False
    elif advice.receive_by is not None and not p.has("RCPT-3") and not (p.has("GM-5") and cust and cust.bought):
        # the owner is away: the reverse rotation's helper the desk named receives (RCPT-3 and GM-5 name others)
        assert r.accepted and r.received_by == advice.receive_by and r.counted_turn is False


def test_views_are_frozen_values_of_the_site() -> None:
    site = Site(load_policy("appointment-7d"), [StaffMember("A", name="张伟", team="一组"), StaffMember("B")])
    site.apply(ev.Visit(at=T0, id=None, phone=P1, name="王先生"))
    site.apply(ev.Deal(at=T0, id=None, phone=P1, by="A", amount="800000"))
    view = site.customer_view("+86 138 0000 0001")
    assert view is not None and (view.key, view.owner, view.bought, view.phones) == (P1, "A", True, (P1,))
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.owner = "B"  # type: ignore[misc]
    assert site.customer_view("12345") is None and site.customer_view(P2) is None
    assert [v.key for v in site.customer_views()] == [P1] and site.customer_count() == 1
    assert site.staff_views()[0] == StaffView("A", "张伟", "一组", "sales", None, "on_duty")
    deal = site.deal_view(1)
    assert deal is not None and (deal.customer, deal.by, deal.amount, dict(deal.credit)) == (
        P1,
        "A",
        "800000",
        {"A": 100},
    )
    assert site.deal_view(2) is None and site.deal_count() == 1


def test_a_merged_away_key_leads_to_the_customer_it_joined() -> None:
    site = Site(load_policy("re-office"), [StaffMember("A"), StaffMember("B")])
    site.apply(ev.Visit(at=T0, id=None, phone=P1))
    site.apply(ev.Visit(at=T0 + timedelta(hours=1), id=None, phone=P2))
    r = site.apply(ev.Link(at=T0 + timedelta(hours=2), id=None, phones=(P1, P2), by="A"))
    assert r.changes is not None and {P1, P2} <= r.changes.customers
    merged = site.customer_view(P2)
    assert merged is not None and merged.key == P1 and merged.phones == (P1, P2)
    assert site.customer_count() == 1


def test_queue_rows_as_of_an_instant_expire_stale_make_ups_without_changing_the_site() -> None:
    # given GM-5 and A passed over today (A keeps a make-up turn)
    site = Site(load_policy("greenmaple"), [StaffMember("A"), StaffMember("B"), StaffMember("C")])
    site.apply(ev.Status(at=T0, id=None, staff="A", is_="busy"))
    site.apply(ev.Visit(at=T0, id=None, phone=P1, name="王"))
    site.apply(ev.Status(at=T0, id=None, staff="A", is_="on_duty"))
    stored = site.queue_rows()
    assert [(r.staff, r.position, r.makeup_since) for r in stored] == [
        ("A", 1, T0.date()),
        ("C", 2, None),
        ("B", 3, None),
    ]
    # when asked about tomorrow / then A's make-up has expired (A goes to the end), and the site is unchanged
    tomorrow = site.queue_rows(T0 + timedelta(days=1))
    assert [(r.staff, r.position, r.makeup_since) for r in tomorrow] == [("C", 1, None), ("B", 2, None), ("A", 3, None)]
    assert site.queue_rows() == stored
    assert site.next_up(T0) == "A" and site.next_up(T0 + timedelta(days=1)) == "C"


def test_the_advice_names_who_to_tell_when_the_owner_is_not_in_the_rotation() -> None:
    # given a customer of a lead (outside the rotation)
    site = Site(load_policy("re-office"), [StaffMember("A"), StaffMember("L", role="lead")])
    site.apply(ev.Visit(at=T0, id=None, phone=P1))
    site.apply(ev.Assign(at=T0, id=None, phone=P1, to="L"))
    advice = site.desk_advice(P1, T0)
    # then the desk is told to notify the owner, without a receiver or a turn
    assert (advice.owner, advice.receive_by, advice.counted_turn, advice.clauses) == ("L", None, False, ("ROT-4",))
    assert "L" in advice.advice and "L" in advice.advice_en
