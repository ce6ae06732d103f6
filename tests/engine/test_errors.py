"""One error type: every error the engine raises carries zh (first), en and the field at fault."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from guishu.engine import (
    EventError,
    FormatError,
    GuishuError,
    OrderError,
    PhoneError,
    PolicyError,
    Site,
    StaffMember,
    load_policy,
    normalize_phone,
    parse_event,
    split_event,
)
from guishu.engine import events as ev
from guishu.engine.decision import Refusal
from guishu.engine.windows import DurationError, parse_clock
from guishu.scenarios.loader import ScenarioError, parse_scenario

SH = ZoneInfo("Asia/Shanghai")
AT = datetime(2026, 3, 1, 10, 0, tzinfo=SH)


def _site() -> Site:
    site = Site(load_policy("appointment-7d"), [StaffMember("A")])
    site.apply(ev.Visit(at=AT, id=None, phone="13800000001"))
    return site


@pytest.mark.parametrize(
    ("raise_it", "kind", "field"),
    [
        pytest.param(lambda: normalize_phone("12345"), PhoneError, None, id="phone"),
        pytest.param(lambda: load_policy("no-such-preset"), PolicyError, "preset", id="preset"),
        pytest.param(lambda: load_policy("re-office", {"nope": 1}), PolicyError, "nope", id="parameter"),
        pytest.param(lambda: load_policy("re-office", {"flag_after": "x"}), PolicyError, "flag_after", id="value"),
        pytest.param(lambda: load_policy("re-office", timezone="Mars/Olympus"), PolicyError, "timezone", id="zone"),
        pytest.param(lambda: parse_clock("25:00"), DurationError, None, id="clock"),
        pytest.param(lambda: split_event({"sale": {}}), FormatError, "sale", id="event_type"),
        pytest.param(lambda: parse_event("visit", {"phone": "1", "nope": 1}, AT), FormatError, "nope", id="field"),
        pytest.param(lambda: parse_event("visit", {}, AT), EventError, "phone", id="missing"),
        pytest.param(
            lambda: _site().apply(ev.Visit(at=datetime(2026, 1, 1, tzinfo=SH), id=None, phone="1")),
            OrderError,
            "at",
            id="order",
        ),
        pytest.param(
            lambda: Site(load_policy("re-office"), [StaffMember("A"), StaffMember("A")]),
            GuishuError,
            "code",
            id="staff",
        ),
        pytest.param(
            lambda: parse_scenario("policy: re-office\nstaff: [A]\nbogus: 1\n"), ScenarioError, None, id="scenario"
        ),
    ],
)
def test_every_engine_error_is_one_type_with_zh_en_and_field(
    raise_it: Callable[[], object], kind: type[GuishuError], field: str | None
) -> None:
    # given an input the engine cannot use / when it is given / then the error is a GuishuError of its own kind
    with pytest.raises(kind) as caught:
        raise_it()
    error = caught.value
    assert isinstance(error, GuishuError) and isinstance(error, ValueError)
    # with the Chinese sentence first (and as str()), an English one beside it, never glued together with " / "
    assert error.zh and error.en and str(error) == error.zh
    assert any("\u4e00" <= ch <= "\u9fff" for ch in error.zh), error.zh
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in error.en), error.en
    assert " / " not in error.zh and " / " not in error.en
    assert error.field == field


def test_a_rule_refusal_is_the_same_error_type_naming_its_field() -> None:
    refusal = Refusal("by", "员工 Z 不存在（字段 by）", "unknown staff Z in by")
    assert isinstance(refusal, GuishuError)
    assert (refusal.zh, refusal.en, refusal.field, str(refusal)) == (
        "员工 Z 不存在（字段 by）",
        "unknown staff Z in by",
        "by",
        "员工 Z 不存在（字段 by）",
    )
