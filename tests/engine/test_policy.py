"""Policies: every preset of rules.md loads; overrides are checked and refused in Chinese first."""

from __future__ import annotations

from datetime import date, time
from typing import Any

import pytest

from guishu.engine import PolicyError, load_policy, preset_ids
from guishu.engine.clauses import CLAUSES
from guishu.engine.policy import PLATFORM_CLAUSES
from guishu.engine.windows import Duration

RULES_MD_PRESETS = {
    "park",
    "reception-37",
    "re-office",
    "greenmaple",
    "first-contact",
    "appointment-7d",
    "deal-1mo",
    "consultant",
    "dafang",
    "decoration",
    "store-region",
    "agency",
}


def test_every_preset_of_rules_md_is_shipped() -> None:
    assert set(preset_ids()) == RULES_MD_PRESETS


@pytest.mark.parametrize("preset", preset_ids())
def test_every_preset_loads_with_known_clauses(preset: str) -> None:
    # given a shipped preset / when it is loaded
    policy = load_policy(preset)
    # then it has a title, its own clauses are all in the catalogue, and the platform clauses apply
    assert policy.preset == preset and policy.title
    assert policy.clauses and all(c in CLAUSES for c in policy.clauses)
    assert all(policy.has(c) for c in PLATFORM_CLAUSES)
    assert all(policy.has(c) for c in policy.clauses)
    assert str(policy.tz) == "Asia/Shanghai"


@pytest.mark.parametrize(
    ("preset", "param", "expected"),
    [
        pytest.param("re-office", "recognition_window", Duration(1, "mo"), id="re_office_one_month"),
        pytest.param("park", "report_visit_window", Duration(5, "d"), id="park_five_days"),
        pytest.param("park", "chase_window", Duration(3, "mo"), id="park_chase_three_months"),
        pytest.param("park", "report_cutoff", time(17, 0), id="park_cutoff_17h"),
        pytest.param("appointment-7d", "keep_visit", Duration(7, "d"), id="mc_keep_visit_7d"),
        pytest.param("appointment-7d", "keep_call", Duration(14, "d"), id="mc_keep_call_14d"),
        pytest.param("appointment-7d", "station_minutes", 15, id="mc_station_15min"),
        pytest.param("appointment-7d", "opening", None, id="mc_not_yet_opened"),
        pytest.param("greenmaple", "flag_after", 3, id="gm_flag_after_3"),
        pytest.param("dafang", "abandon_fine", 50, id="df_fine_50"),
        pytest.param("deal-1mo", "validity", Duration(1, "mo"), id="deal_validity_1mo"),
    ],
)
def test_preset_parameters_are_read(preset: str, param: str, expected: Any) -> None:
    assert load_policy(preset).params[param] == expected


@pytest.mark.parametrize(
    ("preset", "flag"),
    [
        pytest.param("dafang", "phone_rotation", id="dafang_has_a_phone_rotation"),
        pytest.param("dafang", "require_name", id="dafang_requires_a_name"),
        pytest.param("first-contact", "require_name", id="first_contact_requires_a_name"),
    ],
)
def test_preset_flags(preset: str, flag: str) -> None:
    assert getattr(load_policy(preset), flag) is True
    assert getattr(load_policy("re-office"), flag) is False


def test_rot6_only_with_a_phone_rotation() -> None:
    assert load_policy("dafang").has("ROT-6")
    assert not load_policy("re-office").has("ROT-6")


@pytest.mark.parametrize(
    ("overrides", "param", "expected"),
    [
        pytest.param({"recognition_window": "2mo"}, "recognition_window", Duration(2, "mo"), id="a_longer_window"),
        pytest.param({"recognition_window": "45d"}, "recognition_window", Duration(45, "d"), id="in_days"),
        pytest.param({"keep_visit": "10d"}, "keep_visit", Duration(10, "d"), id="a_known_parameter_of_another_preset"),
    ],
)
def test_overrides_apply(overrides: dict[str, Any], param: str, expected: Any) -> None:
    assert load_policy("re-office", overrides).params[param] == expected


def test_opening_override_reads_a_date() -> None:
    policy = load_policy("appointment-7d", {"opening": "2026-04-18"})
    assert policy.day("opening") == date(2026, 4, 18)


def test_unknown_preset_is_refused_in_chinese_naming_it() -> None:
    with pytest.raises(PolicyError) as caught:
        load_policy("re_office")
    assert str(caught.value).startswith("未知的策略预设")
    assert "re_office" in str(caught.value)


@pytest.mark.parametrize(
    ("preset", "overrides", "named"),
    [
        pytest.param("re-office", {"recogniton_window": "1mo"}, "recogniton_window", id="typo"),
        pytest.param("park", {"cutoff": "16:00"}, "cutoff", id="park_cutoff_short_name"),
        pytest.param("agency", {"validity": "1mo", "foo": 1}, "foo", id="second_override_unknown"),
    ],
)
def test_unknown_parameter_override_is_refused_naming_it(preset: str, overrides: dict[str, Any], named: str) -> None:
    with pytest.raises(PolicyError) as caught:
        load_policy(preset, overrides)
    assert named in str(caught.value)
    assert str(caught.value).startswith("未知的策略参数")


@pytest.mark.parametrize(
    ("preset", "overrides", "named"),
    [
        pytest.param("re-office", {"recognition_window": "one month"}, "one month", id="duration_in_words"),
        pytest.param("re-office", {"recognition_window": "1 month"}, "1 month", id="duration_long_unit"),
        pytest.param("park", {"chase_window": ""}, "chase_window", id="empty_duration"),
        pytest.param("park", {"report_cutoff": "5pm"}, "5pm", id="clock_in_english"),
        pytest.param("park", {"report_cutoff": "25:00"}, "25:00", id="clock_out_of_range"),
        pytest.param("greenmaple", {"flag_after": "three"}, "three", id="count_in_words"),
        pytest.param("greenmaple", {"flag_after": -1}, "-1", id="negative_count"),
        pytest.param("greenmaple", {"flag_after": True}, "flag_after", id="count_a_boolean"),
        pytest.param("appointment-7d", {"opening": "2026-13-01"}, "2026-13-01", id="impossible_date"),
    ],
)
def test_bad_parameter_values_are_refused(preset: str, overrides: dict[str, Any], named: str) -> None:
    with pytest.raises(PolicyError) as caught:
        load_policy(preset, overrides)
    assert named in str(caught.value)
    assert "参数" in str(caught.value)


def test_unknown_time_zone_is_refused() -> None:
    with pytest.raises(PolicyError) as caught:
        load_policy("re-office", timezone="Mars/Olympus")
    assert "Mars/Olympus" in str(caught.value)


def test_a_site_time_zone_is_kept() -> None:
    assert str(load_policy("re-office", timezone="Asia/Urumqi").tz) == "Asia/Urumqi"


def test_overrides_do_not_leak_into_the_next_load() -> None:
    load_policy("re-office", {"recognition_window": "2mo"})
    assert load_policy("re-office").params["recognition_window"] == Duration(1, "mo")
