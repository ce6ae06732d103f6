"""A Site as a caller meets it: time order, refusals naming the field, windows asked at any instant."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from guishu.engine import HOUSE, OrderError, Site, StaffMember, load_policy
from guishu.engine import events as ev

SH = ZoneInfo("Asia/Shanghai")
T0 = datetime(2026, 3, 1, 10, 0, tzinfo=SH)
P1 = "13800000001"


def site_of(preset: str = "appointment-7d", codes: str = "AB") -> Site:
    return Site(load_policy(preset), [StaffMember(c) for c in codes])


def test_events_out_of_time_order_raise_order_error() -> None:
    site = site_of()
    site.apply(ev.Visit(at=T0, id=None, phone=P1))
    with pytest.raises(OrderError):
        site.apply(ev.Visit(at=T0 - timedelta(minutes=1), id=None, phone="13800000002"))


def test_events_at_the_same_instant_are_fine() -> None:
    site = site_of()
    site.apply(ev.Visit(at=T0, id=None, phone=P1))
    assert site.apply(ev.Visit(at=T0, id=None, phone="13800000002")).accepted


@pytest.mark.parametrize(
    ("event", "field", "named"),
    [
        pytest.param(ev.Visit(at=T0, id=None, phone="12345"), "phone", "12345", id="bad_phone"),
        pytest.param(ev.Visit(at=T0, id=None, phone=P1, by="Z"), "by", "Z", id="unknown_receiver"),
        pytest.param(ev.Visit(at=T0, id=None, phone=P1, designates="Z"), "designates", "Z", id="unknown_designated"),
        pytest.param(
            ev.Visit(at=T0, id=None, phone=P1, referred_by="12345"), "referred_by", "12345", id="bad_referrer_phone"
        ),
        pytest.param(ev.Visit(at=T0, id=None, phone=P1, referred_by=P1), "referred_by", P1, id="referred_by_oneself"),
        pytest.param(ev.Followup(at=T0, id=None, phone=P1, by="A"), "phone", P1, id="followup_of_an_unknown_customer"),
        pytest.param(ev.Deal(at=T0, id=None, phone=P1, by="A"), "phone", P1, id="deal_of_an_unknown_customer"),
        pytest.param(ev.Status(at=T0, id=None, staff="Z", is_="rest"), "staff", "Z", id="status_of_unknown_staff"),
        pytest.param(ev.Call(at=T0, id=None, phone=P1), "by", "by", id="call_without_a_phone_rotation"),
    ],
)
def test_a_refusal_names_the_field_and_the_value_in_chinese_first(event: ev.Event, field: str, named: str) -> None:
    # given a fresh site / when a faulty event arrives / then it is refused naming the field and the value
    site = site_of()
    r = site.apply(event)
    assert not r.accepted
    assert r.field == field
    assert named in r.reason
    assert re.search("[\u4e00-\u9fff]", r.reason), r.reason  # the reason is in Chinese
    assert r.reason_en and not re.search("[\u4e00-\u9fff]", r.reason_en)  # with an English version beside it
    assert r.as_dict()["error"] == r.reason
    assert site.customers == {}


def test_nobody_on_duty_refuses_a_walk_in_without_by() -> None:
    site = site_of()
    site.apply(ev.Status(at=T0, id=None, staff="A", is_="rest"))
    site.apply(ev.Status(at=T0, id=None, staff="B", is_="leave"))
    assert site.next_up(T0) is None
    r = site.apply(ev.Visit(at=T0, id=None, phone=P1))
    assert not r.accepted and r.field == "by"


def test_a_departed_salesperson_cannot_receive() -> None:
    site = site_of()
    site.apply(ev.Status(at=T0, id=None, staff="A", is_="departed"))
    r = site.apply(ev.Visit(at=T0, id=None, phone=P1, by="A"))
    assert not r.accepted and r.field == "by" and "A" in r.reason


def test_a_departed_salespersons_customers_go_to_the_house() -> None:
    # P-3: the sales department holds them until the manager assigns them
    site = site_of()
    site.apply(ev.Visit(at=T0, id=None, phone=P1))
    site.apply(ev.Status(at=T0 + timedelta(hours=1), id=None, staff="A", is_="departed"))
    assert site.owner(P1, T0 + timedelta(hours=1)) == HOUSE


@pytest.mark.parametrize(
    ("asked", "owner"),
    [
        pytest.param(datetime(2026, 3, 8, 23, 59, tzinfo=SH), "A", id="last_minute_of_day_D_plus_7"),
        pytest.param(datetime(2026, 3, 9, 0, 0, tzinfo=SH), None, id="midnight_after_is_the_pool"),
        pytest.param(datetime(2026, 3, 8, 15, 59, tzinfo=ZoneInfo("UTC")), "A", id="asked_in_utc_before"),
        pytest.param(datetime(2026, 3, 8, 16, 0, tzinfo=ZoneInfo("UTC")), None, id="asked_in_utc_after"),
    ],
)
def test_mc2_seven_days_from_the_last_visit(asked: datetime, owner: str | None) -> None:
    # given a walk-in on March 1st under the 7-day appointment rule (MC-2)
    site = site_of()
    site.apply(ev.Visit(at=T0, id=None, phone=P1))
    # when asked later / then A owns them until the end of March 8th, local time
    assert site.owner(P1, asked) == owner


def test_mc2_a_followup_renews_the_window() -> None:
    site = site_of()
    site.apply(ev.Visit(at=T0, id=None, phone=P1))
    site.apply(ev.Followup(at=T0 + timedelta(days=5), id=None, phone=P1, by="A"))
    assert site.owner(P1, datetime(2026, 3, 13, 23, 0, tzinfo=SH)) == "A"
    assert site.owner(P1, datetime(2026, 3, 14, 0, 0, tzinfo=SH)) is None


def test_p10_a_buyer_stays_with_the_owner() -> None:
    # given a walk-in who buys the next day (appointment-7d has a 7-day window)
    site = site_of()
    site.apply(ev.Visit(at=T0, id=None, phone=P1))
    r = site.apply(ev.Deal(at=T0 + timedelta(days=1), id=None, phone=P1, by="A"))
    # then the window no longer applies: a year later they are still A's
    assert "P-10" in r.clauses
    assert site.owner(P1, T0 + timedelta(days=365)) == "A"


@pytest.mark.parametrize("typed", ["+86 138 0000 0001", "138-0000-0001", "0086 13800000001"])
def test_queries_normalise_the_phone(typed: str) -> None:
    site = site_of()
    site.apply(ev.Visit(at=T0, id=None, phone=P1))
    assert site.owner(typed, T0) == "A"
    assert site.desk_advice(typed, T0).phone == P1
    assert site.customer_view(typed).key == P1  # type: ignore[union-attr]


def test_an_invalid_phone_in_a_query_is_nobody() -> None:
    assert site_of().owner("12345", T0) is None


@pytest.mark.parametrize("amount", ["abc", "-1", "NaN"])
def test_a_bad_deal_amount_is_refused(amount: str) -> None:
    site = site_of()
    site.apply(ev.Visit(at=T0, id=None, phone=P1))
    r = site.apply(ev.Deal(at=T0, id=None, phone=P1, by="A", amount=amount))
    assert not r.accepted and r.field == "amount" and amount in r.reason
    assert site.deals == []


def test_an_infinite_deal_amount_is_refused() -> None:
    site = site_of()
    site.apply(ev.Visit(at=T0, id=None, phone=P1))
    r = site.apply(ev.Deal(at=T0, id=None, phone=P1, by="A", amount="Infinity"))
    assert not r.accepted and r.field == "amount"


def test_a_phones_refusal_cites_p1_whichever_path_refused_it() -> None:
    # given the same fault (a bad phone in a link) refused by the engine and refused before the event was built
    site = site_of()
    site.apply(ev.Visit(at=T0, id=None, phone=P1))
    by_engine = site.apply(ev.Link(at=T0, id=None, phones=(P1, "12345"), by="A"))
    by_parser = site.refuse("link", T0, None, "phones", "phones 应为两个手机号的列表", "phones must list two phones")
    # then both cite the registers rule P-1
    assert by_engine.clauses == ("P-1",)
    assert by_parser.clauses == by_engine.clauses


def test_the_rotation_choice_is_reported_on_the_ruling() -> None:
    site = site_of(codes="ABC")
    r1 = site.apply(ev.Visit(at=T0, id=None, phone=P1))
    r2 = site.apply(ev.Visit(at=T0, id=None, phone="13800000002"))
    assert (r1.received_by, r1.counted_turn, r1.turn_of) == ("A", True, "A")
    assert (r2.received_by, r2.turn_of) == ("B", "B")
    assert site.next_up(T0) == "C"


def test_an_old_customer_is_received_by_the_owner_without_a_turn() -> None:
    # ROT-4: the desk looks the phone up first
    site = site_of(codes="ABC")
    site.apply(ev.Visit(at=T0, id=None, phone=P1))
    r = site.apply(ev.Visit(at=T0 + timedelta(days=1), id=None, phone=P1))
    assert (r.received_by, r.counted_turn) == ("A", False)
    assert "ROT-4" in r.clauses
    assert site.next_up(T0 + timedelta(days=1)) == "B"


def test_a_new_policy_version_applies_from_the_next_event_on() -> None:
    # given a deal-1mo site whose validity is raised to two months on 3 March
    site = site_of("deal-1mo")
    site.apply(ev.Visit(at=T0, id=None, phone=P1, by="A"))
    site.set_policy(load_policy("deal-1mo", {"validity": "2mo"}))
    site.apply(ev.Visit(at=T0 + timedelta(days=2), id=None, phone="13800000002", by="B"))
    # then the earlier customer keeps the window decided under the old version (end of 1 April)
    # and the later one gets the new one (end of 3 May)
    assert site.owner(P1, datetime(2026, 4, 1, 23, 59, tzinfo=SH)) == "A"
    assert site.owner(P1, datetime(2026, 4, 2, 0, 0, tzinfo=SH)) is None
    assert site.owner("13800000002", datetime(2026, 5, 3, 23, 59, tzinfo=SH)) == "B"
    assert site.owner("13800000002", datetime(2026, 5, 4, 0, 0, tzinfo=SH)) is None


def test_linking_two_families_moves_and_lists_every_member_of_both() -> None:
    # given two families of two, registered at different times
    site = site_of("re-office", "AB")
    phones = [f"1380000000{n}" for n in range(1, 5)]
    for n, phone in enumerate(phones):
        site.apply(ev.Visit(at=T0 + timedelta(minutes=n), id=None, phone=phone))
    at = T0 + timedelta(hours=1)
    site.apply(ev.Link(at=at, id=None, phones=(phones[0], phones[1]), by="A", as_="family"))
    site.apply(ev.Link(at=at, id=None, phones=(phones[2], phones[3]), by="A", as_="family"))
    # when a member of each is found to be of one family
    r = site.apply(ev.Link(at=at, id=None, phones=(phones[0], phones[2]), by="A", as_="family"))
    # then all four are one family, and the ruling lists the one it did not name as changed too
    groups = {site.customer(p).family for p in phones}  # type: ignore[union-attr]
    assert len(groups) == 1 and None not in groups
    assert r.changes is not None and set(phones[2:]) <= r.changes.customers


def _state(site: Site) -> tuple[object, ...]:
    customers = {
        k: (c.owner, c.protected_until, c.window_clause, c.previous_owner, c.lapsed_at, c.owner_clauses, c.owner_reason)
        for k, c in site.customers.items()
    }
    return customers, list(site.queue.order), dict(site.queue.makeup), site.clock, site.day, site.count


def test_a_refused_visit_does_not_let_a_window_lapse() -> None:
    # given an MC-2 customer of A whose 7-day window has ended, and nobody on duty
    site = site_of("appointment-7d", "AB")
    site.apply(ev.Visit(at=T0, id=None, phone=P1, by="A"))
    later = T0 + timedelta(days=10)
    site.apply(ev.Status(at=later, id=None, staff="A", is_="rest"))
    site.apply(ev.Status(at=later, id=None, staff="B", is_="rest"))
    before = _state(site)
    # when the customer walks in with nobody to receive them (the lapse is looked at, then refused)
    r = site.apply(ev.Visit(at=later + timedelta(hours=1), id=None, phone=P1))
    # then the visit is refused and the site is exactly as before: the record still says A, lazily expired
    assert not r.accepted and r.field == "by"
    assert _state(site) == before
    assert site.customer(P1).owner == "A"  # type: ignore[union-attr]


def test_a_refused_visit_does_not_expire_make_ups() -> None:
    # given GM-5 (a missed turn is made up the same day only) and A passed over yesterday
    site = site_of("greenmaple", "ABC")
    site.apply(ev.Status(at=T0, id=None, staff="A", is_="busy"))
    site.apply(ev.Visit(at=T0, id=None, phone=P1, name="王"))
    assert site.queue.makeup == {"A": T0.date()}
    tomorrow = T0 + timedelta(days=1)
    site.apply(ev.Status(at=tomorrow, id=None, staff="B", is_="leave"))
    site.apply(ev.Status(at=tomorrow, id=None, staff="C", is_="busy"))
    before = _state(site)
    # when a walk-in arrives with nobody on duty (the stale make-up is looked at, then refused)
    r = site.apply(ev.Visit(at=tomorrow, id=None, phone="13800000002", name="李"))
    # then it is refused and the queue, its make-ups, the clock and the count are as they were
    assert not r.accepted and r.field == "by"
    assert _state(site) == before


def test_a_refusal_takes_no_place_in_the_count() -> None:
    # given a site with one accepted event
    site = site_of()
    first = site.apply(ev.Visit(at=T0, id=None, phone=P1))
    # when a refused event and then a good one arrive
    refused = site.apply(ev.Visit(at=T0, id=None, phone="12345"))
    good = site.apply(ev.Visit(at=T0, id=None, phone="13800000002"))
    # then the refusal names the place it would have taken, and the good event takes it
    assert (first.index, refused.index, good.index) == (1, 2, 2)
    assert site.count == 2
