"""Reading scenario files strictly (scenario-format.md): a typo never passes silently.

An unknown field, event type or check, events out of time order and duplicate keys make the
whole file unreadable (ScenarioError); YAML 1.1 boolean words are plain text; an event with a
bad value (a bad phone) is refused on its own and the rest of the file runs.
"""

from __future__ import annotations

import textwrap

import pytest

from guishu.engine.events import Visit
from guishu.scenarios.loader import ScenarioError, parse_scenario
from guishu.scenarios.runner import run_scenario

GOOD = """\
title: a walk-in
policy: re-office
staff: [A, B]
events:
  - at: 2026-03-01 10:00
    visit: {phone: "13800000001"}
expect:
  - owner: {"13800000001": A}
"""


def scenario(text: str) -> str:
    return textwrap.dedent(text)


def test_a_good_file_reads_and_passes() -> None:
    s = parse_scenario(GOOD)
    assert s.policy.preset == "re-office"
    assert [m.code for m in s.staff] == ["A", "B"]
    assert run_scenario(s).passed


BAD_FILES = [
    pytest.param(GOOD.replace("title:", "titel:"), "titel", id="unknown_top_level_field"),
    pytest.param(GOOD.replace("staff: [A, B]", "staff: {A: {nmae: 张伟}, B: {}}"), "nmae", id="unknown_staff_field"),
    pytest.param(GOOD.replace("staff: [A, B]", "staff: {A: {role: boss}}"), "boss", id="unknown_role"),
    pytest.param(GOOD.replace("- owner:", "- ownr:"), "ownr", id="unknown_check"),
    pytest.param(GOOD.replace("visit:", "vist:"), "vist", id="unknown_event_type"),
    pytest.param(
        GOOD.replace('{phone: "13800000001"}', '{phone: "13800000001", by_: A}'), "by_", id="unknown_event_field"
    ),
    pytest.param(GOOD.replace("policy: re-office", "policy: re_office"), "re_office", id="unknown_preset"),
    pytest.param(
        GOOD.replace("policy: re-office", "policy: re-office\nparams: {recogniton_window: 1mo}"),
        "recogniton_window",
        id="unknown_parameter",
    ),
    pytest.param(
        GOOD.replace("policy: re-office", "policy: re-office\nparams: {recognition_window: 1month}"),
        "1month",
        id="bad_parameter_value",
    ),
    pytest.param(GOOD.replace("policy: re-office\n", ""), "policy", id="no_policy"),
    pytest.param(GOOD.replace("staff: [A, B]\n", ""), "staff", id="no_staff"),
    pytest.param(GOOD.replace("staff: [A, B]", "staff: [A, house]"), "house", id="house_is_reserved"),
    pytest.param(GOOD.replace("staff: [A, B]", "staff: [A, A]"), "A", id="duplicate_staff"),
    pytest.param(
        GOOD.replace("title: a walk-in", "title: a walk-in\ntitle: again"), "title", id="duplicate_top_level_key"
    ),
    pytest.param(
        GOOD.replace('{phone: "13800000001"}', '{phone: "13800000001", phone: "13900000002"}'),
        "phone",
        id="duplicate_event_key",
    ),
    pytest.param(GOOD + "  - {next: A, penalty: {}}\n", "", id="two_checks_in_one"),
    pytest.param(GOOD + "  - {turn: {event: 7, counted: true}}\n", "7", id="check_names_a_missing_event"),
    pytest.param(GOOD + "  - {cites: {event: nope, clause: RE-1}}\n", "nope", id="check_names_an_unknown_id"),
    pytest.param(GOOD + "  - {deal: 1, credit: [A]}\n", "credit", id="credit_not_a_mapping"),
    pytest.param(GOOD.replace("2026-03-01 10:00", "2026-03-01 25:00"), "25:00", id="bad_time"),
    pytest.param(GOOD + "timezone: Mars/Olympus\n", "Mars/Olympus", id="unknown_time_zone"),
    pytest.param("title: [unclosed\n", "YAML", id="bad_yaml"),
    pytest.param("- just a list\n", "", id="not_a_mapping"),
]


@pytest.mark.parametrize(("text", "named"), BAD_FILES)
def test_a_file_that_cannot_be_read_is_a_scenario_error_naming_the_fault(text: str, named: str) -> None:
    # given a file with one fault / when it is read / then the whole file is an error that names the fault
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(text)
    assert named in str(caught.value)


def test_events_out_of_time_order_are_an_error_of_the_file() -> None:
    text = scenario("""\
        policy: re-office
        staff: [A]
        events:
          - at: 2026-03-02 10:00
            visit: {phone: "13800000001"}
          - at: 2026-03-01 10:00
            visit: {phone: "13800000002"}
        expect:
          - next: A
        """)
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(text)
    assert "第 2 个事件" in str(caught.value)


def test_events_at_the_same_instant_keep_the_written_order() -> None:
    text = scenario("""\
        policy: re-office
        staff: [A, B]
        events:
          - at: 2026-03-01 10:00
            visit: {phone: "13800000001"}
          - at: 2026-03-01 10:00
            visit: {phone: "13800000002"}
        expect:
          - received: {event: 1, by: A}
          - received: {event: 2, by: B}
        """)
    assert run_scenario(parse_scenario(text)).passed


@pytest.mark.parametrize(
    "word",
    [pytest.param(w, id=w) for w in ("on", "off", "yes", "no", "y", "n", "On", "YES")],
)
def test_yaml_11_boolean_words_are_text(word: str) -> None:
    # given staff codes that YAML 1.1 would read as booleans
    text = GOOD.replace("staff: [A, B]", f"staff: [{word}, B]").replace(
        '{"13800000001": A}', f'{{"13800000001": {word}}}'
    )
    # when the file is read / then they are the staff codes as written, and the walk-in is theirs
    s = parse_scenario(text)
    assert s.staff[0].code == word
    assert run_scenario(s).passed


def test_a_boolean_word_for_a_boolean_field_refuses_that_event_only() -> None:
    # given `first_visit: yes` (a YAML 1.1 boolean word, which the format does not use)
    text = GOOD.replace('{phone: "13800000001"}', '{phone: "13800000001", first_visit: yes}').replace(
        '- owner: {"13800000001": A}', "- rejected: {event: 1, reason: first_visit}"
    )
    # when the file runs / then that event is refused naming the field, and the file still passes its checks
    s = parse_scenario(text)
    assert s.events[0].event is None and s.events[0].error is not None
    assert s.events[0].error.field == "first_visit"
    assert run_scenario(s).passed


def test_true_and_false_are_booleans() -> None:
    s = parse_scenario(GOOD.replace('{phone: "13800000001"}', '{phone: "13800000001", first_visit: false}'))
    event = s.events[0].event
    assert isinstance(event, Visit) and event.first_visit is False


def test_a_refused_event_does_not_fail_the_file() -> None:
    # given a visit with a bad phone between two good ones
    text = scenario("""\
        policy: re-office
        staff: [A, B]
        events:
          - at: 2026-03-01 10:00
            visit: {phone: "13800000001"}
          - at: 2026-03-01 10:05
            id: bad
            visit: {phone: "12345"}
          - at: 2026-03-01 10:10
            visit: {phone: "13800000002"}
        expect:
          - rejected: {event: bad, reason: phone}
          - rejected: {event: bad, reason: "12345"}
          - owner: {"13800000001": A, "13800000002": B}
          - next: A
        """)
    # when it runs / then the bad event is refused on its own, changes nothing, and the rest runs
    result = run_scenario(parse_scenario(text))
    assert result.passed, [(c.what, c.expected, c.got) for c in result.checks if not c.ok]
    assert [r.accepted for r in result.rulings] == [True, False, True]
    assert result.rulings[1].field == "phone"
    assert result.rulings[1].reason.startswith("手机号（phone）格式不正确")


def test_an_event_naming_unknown_staff_is_refused_on_its_own() -> None:
    text = GOOD.replace('{phone: "13800000001"}', '{phone: "13800000001", by: Z}').replace(
        '- owner: {"13800000001": A}', "- rejected: {event: 1, reason: by}"
    )
    result = run_scenario(parse_scenario(text))
    assert result.passed
    assert result.rulings[0].field == "by" and "Z" in result.rulings[0].reason


def test_the_staff_mapping_keeps_its_key_order_as_the_rotation() -> None:
    text = GOOD.replace("staff: [A, B]", "staff: {B: {name: 李四}, A: {name: 张三, team: 一组}}").replace(
        '{"13800000001": A}', '{"13800000001": B}'
    )
    s = parse_scenario(text)
    assert [m.code for m in s.staff] == ["B", "A"]
    assert s.staff[1].team == "一组" and s.staff[1].name == "张三"
    assert run_scenario(s).passed


def test_a_params_date_is_read_as_text_for_the_policy() -> None:
    text = GOOD.replace("policy: re-office", 'policy: appointment-7d\nparams: {opening: "2026-04-18"}')
    assert str(parse_scenario(text).policy.day("opening")) == "2026-04-18"
