"""The reception queue (ROT-1, ROT-2, ROT-4, RCPT-1, GM-5) on the Queue itself, and through a Site."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from guishu.engine import Site, StaffMember, load_policy
from guishu.engine.events import Status, Visit
from guishu.engine.rotation import Queue

SH = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 3, 1)
NEXT_DAY = date(2026, 3, 2)


def q(*codes: str) -> Queue:
    return Queue(list(codes))


@pytest.mark.parametrize(
    ("order", "status", "receiver", "turn_of", "skipped"),
    [
        pytest.param("ABC", {}, "A", "A", (), id="first_on_duty"),
        pytest.param("ABC", {"A": "busy"}, "B", "B", ("A",), id="busy_is_skipped"),
        pytest.param("ABC", {"A": "official", "B": "busy"}, "C", "C", ("A", "B"), id="two_skipped"),
        pytest.param("ABC", {"A": "away"}, "B", "B", ("A",), id="away_is_skipped_without_rcpt1"),
        pytest.param("ABC", {"A": "leave"}, "B", "B", ("A",), id="status_not_on_duty_is_skipped"),
    ],
)
def test_choose(order: str, status: dict[str, str], receiver: str, turn_of: str, skipped: tuple[str, ...]) -> None:
    # given a queue and the staff's statuses / when the rotation chooses
    choice = q(*order).choose(status, DAY, away_keeps_turn=False)
    # then the first available receives and it is their turn; the ones passed over are listed
    assert choice is not None
    assert (choice.receiver, choice.turn_of, choice.skipped) == (receiver, turn_of, skipped)


def test_choose_with_nobody_available_is_none() -> None:
    assert q("A", "B").choose({"A": "busy", "B": "rest"}, DAY, away_keeps_turn=False) is None


def test_choose_does_not_change_the_queue() -> None:
    queue = q("A", "B", "C")
    queue.choose({"A": "busy"}, DAY, away_keeps_turn=False)
    assert queue.order == ["A", "B", "C"]
    assert queue.makeup == {}


def test_take_moves_the_turn_to_the_end_and_keeps_a_makeup_for_the_passed_over() -> None:
    # given A busy
    queue = q("A", "B", "C")
    choice = queue.choose({"A": "busy"}, DAY, away_keeps_turn=False)
    assert choice is not None
    # when B's turn is taken
    queue.take(choice, DAY)
    # then B goes to the end; A keeps their place and a make-up
    assert queue.order == ["A", "C", "B"]
    assert queue.makeup == {"A": DAY}


def test_a_passed_over_salesperson_gets_exactly_one_makeup() -> None:
    # given A busy while three customers are received by others
    queue = q("A", "B", "C")
    busy = {"A": "busy"}
    for _ in range(3):
        choice = queue.choose(busy, DAY, away_keeps_turn=False)
        assert choice is not None and choice.turn_of != "A"
        queue.take(choice, DAY)
    # when A is back on duty
    on_duty: dict[str, str] = {}
    first = queue.choose(on_duty, DAY, away_keeps_turn=False)
    assert first is not None and first.turn_of == "A"
    queue.take(first, DAY)
    # then A gets one turn only, and the others come before A again
    nxt = queue.choose(on_duty, DAY, away_keeps_turn=False)
    assert nxt is not None and nxt.turn_of != "A"
    assert queue.order[-1] == "A"
    assert "A" not in queue.makeup


def test_rcpt1_away_keeps_the_turn_and_the_next_helps() -> None:
    # given the one whose turn it is stepped away (RCPT-1)
    queue = q("A", "B", "C")
    choice = queue.choose({"A": "away"}, DAY, away_keeps_turn=True)
    # then the next available receives for them and the turn stays A's
    assert choice is not None
    assert (choice.receiver, choice.turn_of) == ("B", "A")
    # when it is taken / then A goes to the end and the helper B keeps their place
    queue.take(choice, DAY)
    assert queue.order == ["B", "C", "A"]


def test_rcpt1_away_with_no_helper_is_none() -> None:
    assert q("A", "B").choose({"A": "away", "B": "busy"}, DAY, away_keeps_turn=True) is None


def test_rcpt1_busy_is_still_skipped() -> None:
    choice = q("A", "B").choose({"A": "busy"}, DAY, away_keeps_turn=True)
    assert choice is not None and (choice.receiver, choice.turn_of) == ("B", "B")


def test_gm5_expire_makeups_sends_yesterdays_makeups_to_the_end() -> None:
    # given A was passed over yesterday and B today
    queue = Queue(["A", "B", "C", "D"], {"A": DAY, "B": NEXT_DAY})
    # when the make-ups expire on the next day
    queue.expire_makeups(NEXT_DAY)
    # then only yesterday's make-up is lost (过期不补): A goes to the end
    assert queue.order == ["B", "C", "D", "A"]
    assert queue.makeup == {"B": NEXT_DAY}


def test_gm5_expire_makeups_same_day_changes_nothing() -> None:
    queue = Queue(["A", "B"], {"A": DAY})
    queue.expire_makeups(DAY)
    assert queue.order == ["A", "B"] and queue.makeup == {"A": DAY}


@pytest.mark.parametrize(
    ("status", "among", "exclude", "expected"),
    [
        pytest.param({}, None, None, "C", id="last_in_the_queue"),
        pytest.param({"C": "busy"}, None, None, "B", id="last_available"),
        pytest.param({}, None, "C", "B", id="excluding_the_owner"),
        pytest.param({}, ("A", "B"), None, "B", id="within_a_group"),
        pytest.param({"A": "busy", "B": "busy", "C": "busy"}, None, None, None, id="nobody"),
    ],
)
def test_last_available(
    status: dict[str, str], among: tuple[str, ...] | None, exclude: str | None, expected: str | None
) -> None:
    assert q("A", "B", "C").last_available(status, among, exclude) == expected


def test_join_and_leave() -> None:
    queue = q("A", "B")
    queue.join("A")
    queue.join("C")
    assert queue.order == ["A", "B", "C"]
    queue.makeup["B"] = DAY
    queue.leave("B")
    assert queue.order == ["A", "C"] and "B" not in queue.makeup


def test_copy_is_independent() -> None:
    queue = Queue(["A", "B"], {"A": DAY})
    other = queue.copy()
    other.use_turn("A")
    assert queue.order == ["A", "B"] and queue.makeup == {"A": DAY}


# ------------------------------------------------------------ through a Site
def at(h: int, mi: int = 0, d: int = 1) -> datetime:
    return datetime(2026, 3, d, h, mi, tzinfo=SH)


def site_of(preset: str, codes: str = "ABC") -> Site:
    return Site(load_policy(preset), [StaffMember(c) for c in codes])


def walk_in(phone: str, t: datetime) -> Visit:
    return Visit(at=t, id=None, phone=phone)


def test_rest_then_back_joins_at_the_end() -> None:
    # given A rests and comes back (ROT-2: out of the queue, back at the end)
    site = site_of("re-office")
    site.apply(Status(at=at(9), id=None, staff="A", is_="rest"))
    site.apply(Status(at=at(10), id=None, staff="A", is_="on_duty"))
    # then B and C come before A
    assert site.queue.order == ["B", "C", "A"]
    assert site.next_up(at(10)) == "B"


def test_busy_makeup_through_a_site() -> None:
    # given A busy while B receives a walk-in
    site = site_of("re-office")
    site.apply(Status(at=at(9), id=None, staff="A", is_="busy"))
    r = site.apply(walk_in("13800000001", at(9, 5)))
    assert r.received_by == "B" and r.counted_turn
    # when A is back / then A is next (one make-up), then C, then B
    site.apply(Status(at=at(9, 30), id=None, staff="A", is_="on_duty"))
    assert [site.apply(walk_in(f"1380000000{i}", at(10, i))).turn_of for i in (2, 3, 4)] == ["A", "C", "B"]


def test_gm5_makeup_is_lost_the_next_day_through_a_site() -> None:
    # given A was passed over on March 1st (greenmaple: make-up the same day only)
    site = site_of("greenmaple")
    site.apply(Status(at=at(9), id=None, staff="A", is_="busy"))
    site.apply(walk_in("13800000001", at(9, 5)))
    site.apply(Status(at=at(20), id=None, staff="A", is_="on_duty"))
    # then on the same day A is next, on the next day A has lost the make-up
    assert site.next_up(at(21)) == "A"
    assert site.next_up(at(9, 0, d=2)) == "C"


def test_next_up_does_not_change_the_queue() -> None:
    site = site_of("greenmaple")
    site.apply(Status(at=at(9), id=None, staff="A", is_="busy"))
    site.apply(walk_in("13800000001", at(9, 5)))
    before = (list(site.queue.order), dict(site.queue.makeup))
    site.next_up(at(9, 0, d=5))
    assert (site.queue.order, site.queue.makeup) == before
