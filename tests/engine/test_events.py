"""Parsing events of the scenario format: unknown type or field is a FormatError naming it; a bad value is
an EventError naming the field (that one event is refused)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from guishu.engine import EVENT_TYPES, EventError, FormatError, parse_event, split_event
from guishu.engine.events import Deal, Link, Status, Visit, event_fields

AT = datetime(2026, 3, 1, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def test_every_event_type_of_the_format_is_known() -> None:
    assert set(EVENT_TYPES) == {
        "visit",
        "call",
        "report",
        "followup",
        "deposit",
        "deal",
        "link",
        "objection",
        "complaint",
        "assign",
        "transfer",
        "release",
        "abandon",
        "status",
    }


@pytest.mark.parametrize(
    ("raw", "named"),
    [
        pytest.param({"at": AT, "vist": {"phone": "13800000001"}}, "vist", id="typo_in_the_event_type"),
        pytest.param({"at": AT, "sale": {}}, "sale", id="unknown_event_type"),
    ],
)
def test_split_event_refuses_an_unknown_event_type_naming_it(raw: dict[str, Any], named: str) -> None:
    with pytest.raises(FormatError) as caught:
        split_event(raw)
    assert named in str(caught.value)
    assert str(caught.value).startswith("未知的事件类型")


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param({"at": AT}, id="no_event_key"),
        pytest.param({"at": AT, "visit": {"phone": "1"}, "call": {"phone": "1"}}, id="two_event_keys"),
        pytest.param({"at": AT, "visit": "13800000001"}, id="body_not_a_mapping"),
    ],
)
def test_split_event_needs_exactly_one_event_with_a_mapping(raw: dict[str, Any]) -> None:
    with pytest.raises(FormatError):
        split_event(raw)


def test_split_event_returns_the_kind_and_body() -> None:
    assert split_event({"at": AT, "id": "v1", "visit": {"phone": "1"}}) == ("visit", {"phone": "1"})


def test_parse_event_refuses_an_unknown_event_type() -> None:
    with pytest.raises(FormatError) as caught:
        parse_event("sale", {}, AT)
    assert "sale" in str(caught.value)


@pytest.mark.parametrize(
    ("kind", "body", "field"),
    [
        pytest.param("visit", {"phone": "13800000001", "phnoe": "1"}, "phnoe", id="visit_typo"),
        pytest.param("visit", {"phone": "13800000001", "owner": "A"}, "owner", id="visit_owner_is_not_a_field"),
        pytest.param("deal", {"phone": "13800000001", "by": "A", "price": 1}, "price", id="deal_price"),
        pytest.param(
            "link",
            {"phones": ["1", "2"], "by": "A", "as_": "family"},
            "as_",
            id="the_python_spelling_is_not_the_format",
        ),
        pytest.param("status", {"staff": "A", "is": "busy", "until": "x"}, "until", id="status_until"),
    ],
)
def test_parse_event_refuses_an_unknown_field_naming_it(kind: str, body: dict[str, Any], field: str) -> None:
    # given an event body with a field that is not in the format
    # when it is parsed / then the whole document is wrong, and the message names the field
    with pytest.raises(FormatError) as caught:
        parse_event(kind, body, AT)
    assert field in str(caught.value)
    assert str(caught.value).startswith("事件")


@pytest.mark.parametrize(
    ("kind", "body", "field"),
    [
        pytest.param("visit", {}, "phone", id="visit_without_phone"),
        pytest.param("deal", {"phone": "13800000001"}, "by", id="deal_without_by"),
        pytest.param("link", {"by": "A"}, "phones", id="link_without_phones"),
        pytest.param("status", {"staff": "A"}, "is", id="status_without_is"),
        pytest.param("assign", {"phone": "13800000001"}, "to", id="assign_without_to"),
        pytest.param("followup", {"phone": "13800000001", "by": "A", "kind": "email"}, "kind", id="bad_followup_kind"),
        pytest.param("status", {"staff": "A", "is": "sleeping"}, "is", id="bad_status"),
        pytest.param("visit", {"phone": "13800000001", "source": "tv"}, "source", id="bad_source"),
        pytest.param("link", {"phones": ["1", "2"], "by": "A", "as": "cousin"}, "as", id="bad_link_kind"),
        pytest.param("assign", {"phone": "1", "to": "A", "reason": "because"}, "reason", id="bad_assign_reason"),
        pytest.param("visit", {"phone": "13800000001", "first_visit": "yes"}, "first_visit", id="first_visit_a_word"),
        pytest.param("visit", {"phone": "13800000001", "first_visit": 1}, "first_visit", id="first_visit_a_number"),
        pytest.param("visit", {"phone": "13800000001", "first_visit": None}, "first_visit", id="first_visit_null"),
        pytest.param("transfer", {"phone": "1", "to": "A", "consent": "on"}, "consent", id="consent_a_word"),
        pytest.param("visit", {"phone": "13800000001", "by": True}, "by", id="by_a_boolean"),
        pytest.param("visit", {"phone": "13800000001", "by": ["A"]}, "by", id="by_a_list"),
        pytest.param("link", {"phones": ["1"], "by": "A"}, "phones", id="link_with_one_phone"),
    ],
)
def test_parse_event_refuses_a_bad_value_naming_the_field(kind: str, body: dict[str, Any], field: str) -> None:
    # given a body with a missing or wrong value / when parsed / then EventError names the field, Chinese first
    with pytest.raises(EventError) as caught:
        parse_event(kind, body, AT)
    assert caught.value.field == field
    assert field in caught.value.zh
    assert str(caught.value) == caught.value.zh and caught.value.en and caught.value.en != caught.value.zh


def test_parse_visit_with_defaults() -> None:
    e = parse_event("visit", {"phone": "13800000001", "by": "A"}, AT, "v1")
    assert e == Visit(at=AT, id="v1", phone="13800000001", by="A")
    assert isinstance(e, Visit) and e.first_visit is True and e.source == "walk_in"


def test_keywords_of_the_format_map_to_attributes() -> None:
    link = parse_event("link", {"phones": ["13800000001", 13900000002], "as": "family", "by": "A"}, AT)
    assert isinstance(link, Link)
    assert link.phones == ("13800000001", "13900000002") and link.as_ == "family"
    status = parse_event("status", {"staff": "A", "is": "busy"}, AT)
    assert isinstance(status, Status) and status.is_ == "busy"


def test_numbers_become_text() -> None:
    # a phone or amount written without quotes in YAML is still read as text
    deal = parse_event("deal", {"phone": 13800000001, "by": "A", "amount": 1200000}, AT)
    assert isinstance(deal, Deal)
    assert (deal.phone, deal.amount) == ("13800000001", "1200000")


ROUND_TRIP = [pytest.param(k, id=k) for k in sorted(EVENT_TYPES)]


@pytest.mark.parametrize("kind", ROUND_TRIP)
def test_as_dict_round_trips_through_parse_event(kind: str) -> None:
    # given a minimal event of each type / when written as the format and read back / then it is equal
    samples = {
        "visit": {"phone": "13800000001", "name": "王", "first_visit": False},
        "call": {"phone": "13800000001", "by": "A"},
        "report": {"phone": "13800000001", "by": "A", "property": "1-101"},
        "followup": {"phone": "13800000001", "by": "A", "kind": "wechat"},
        "deposit": {"phone": "13800000001", "by": "A"},
        "deal": {"phone": "13800000001", "by": "A", "amount": "100"},
        "link": {"phones": ["13800000001", "13800000002"], "as": "family", "by": "A"},
        "objection": {"phone": "13800000001", "by": "A", "evidence": "register"},
        "complaint": {"phone": "13800000001", "against": "A", "fault": "other"},
        "assign": {"phone": "13800000001", "to": "A", "reason": "pool"},
        "transfer": {"phone": "13800000001", "to": "A", "consent": True},
        "release": {"phone": "13800000001"},
        "abandon": {"phone": "13800000001", "by": "A"},
        "status": {"staff": "A", "is": "rest"},
    }
    event = parse_event(kind, samples[kind], AT, "e1")
    again = event.as_dict()
    assert again["id"] == "e1"
    kind_again, body = split_event(again)
    assert parse_event(kind_again, body, AT, "e1") == event


@pytest.mark.parametrize("kind", sorted(EVENT_TYPES))
def test_event_fields_are_the_format_names(kind: str) -> None:
    names = event_fields(kind)
    assert "at" not in names and "id" not in names
    assert not any(n.endswith("_") for n in names)
