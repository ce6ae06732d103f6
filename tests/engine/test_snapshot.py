"""Snapshots: a site loaded from a snapshot decides every later event exactly as the original does.

(a) random stories cut at a random event: the rest decided identically, the final states identical;
(b) ``dump(load(d)) == d``; (c) the bytes round trip; (d) refusals with clear errors that load nothing;
(e) every preset's own scenarios, cut after every event; (f) a customer with every attribute set, and
one with none. The format against the engine and its documentation: ``test_snapshot_format.py``.
"""

from __future__ import annotations

import json
import zlib
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guishu.engine import GuishuError, Site, StaffMember, load_policy, preset_ids
from guishu.engine import events as ev
from guishu.engine import snapshot as snap
from guishu.engine.snapshot.codec import Codec
from guishu.engine.state import Help, ReportInfo
from guishu.scenarios.loader import Scenario, load_scenario
from guishu.scenarios.runner import apply_entry

from .test_properties import SETTINGS, Story, stories

OWN = Path(__file__).resolve().parents[1] / "scenarios" / "own"
SH = ZoneInfo("Asia/Shanghai")


def _through_json(data: dict[str, Any]) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(json.dumps(data, ensure_ascii=False))
    return loaded


def _text(site: Site) -> str:
    """The whole state as text: equal texts mean equal states, orders included."""
    return json.dumps(snap.dump(site), ensure_ascii=False)


# ------------------------------------------------------------ (a) a loaded site decides like the original
@SETTINGS
@given(story=stories(), cut=st.floats(0, 1))
def test_a_site_loaded_from_a_snapshot_decides_the_rest_of_the_story_identically(story: Story, cut: float) -> None:
    # given a story replayed up to a random event into site A, and B loaded from A's snapshot (through JSON)
    k = round(cut * len(story.events))
    a = story.site()
    for e in story.events[:k]:
        a.apply(e)
    b = snap.load(_through_json(snap.dump(a)), a.policy)
    # when the rest of the story is applied to both
    for e in story.events[k:]:
        ra, rb = a.apply(e), b.apply(e)
        # then every ruling is the same, and so is what it says the event changed
        assert ra.as_dict() == rb.as_dict(), e
        assert ra.changes == rb.changes, e
    # and the final states are identical, down to the order of every collection
    assert _text(a) == _text(b)
    later = story.events[-1].at + timedelta(days=100)
    assert [b.owner(c, later) for c in a.customers] == [a.owner(c, later) for c in a.customers]
    assert b.queue_view(later) == a.queue_view(later) and b.next_up(later) == a.next_up(later)


# ------------------------------------------------------------ (b) dump(load(d)) == d
@SETTINGS
@given(stories())
def test_a_loaded_snapshot_dumps_to_the_same_document(story: Story) -> None:
    site = story.site()
    for e in story.events:
        site.apply(e)
    data = _through_json(snap.dump(site))
    again = snap.dump(snap.load(data, site.policy))
    assert again == data
    assert json.dumps(again, ensure_ascii=False) == json.dumps(data, ensure_ascii=False)


# ------------------------------------------------------------ (c) the bytes round trip
@SETTINGS
@given(stories(max_events=30))
def test_the_bytes_round_trip_and_are_the_same_every_time(story: Story) -> None:
    site = story.site()
    for e in story.events:
        site.apply(e)
    blob = snap.to_bytes(site)
    assert blob == snap.to_bytes(site)
    loaded = snap.from_bytes(blob, site.policy)
    assert snap.to_bytes(loaded) == blob
    assert json.loads(zlib.decompress(blob)) == snap.dump(site)


# ------------------------------------------------------------ (d) refusals
def _some_site(preset: str = "re-office", timezone_name: str = "Asia/Shanghai") -> Site:
    site = Site(load_policy(preset, timezone=timezone_name), [StaffMember("A"), StaffMember("B")])
    at = datetime(2026, 3, 2, 10, 0, tzinfo=ZoneInfo(timezone_name))
    site.apply(ev.Visit(at=at, id=None, phone="13900000001", name="王"))
    site.apply(ev.Visit(at=at + timedelta(hours=1), id=None, phone="13900000002"))
    site.apply(ev.Deal(at=at + timedelta(days=2), id=None, phone="13900000001", by="A", amount="800000"))
    return site


def _refused(data: Any, field: str | None = None, policy_preset: str = "re-office") -> snap.SnapshotError:
    with pytest.raises(snap.SnapshotError) as caught:
        snap.load(data, load_policy(policy_preset))
    err = caught.value
    assert isinstance(err, GuishuError) and isinstance(err, ValueError)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in err.zh[:12]), err.zh  # Chinese first
    assert err.en and str(err) == err.zh
    if field is not None:
        assert err.field == field, (err.field, err.zh)
    return err


def test_a_snapshot_of_another_format_is_refused_and_says_to_replay() -> None:
    data = snap.dump(_some_site())
    for version in (2, 0, "1", None, True):
        err = _refused({**data, "format": version}, "format")
        assert "重放" in err.zh and str(snap.FORMAT) in err.zh
    _refused({k: v for k, v in data.items() if k != "format"}, "format")
    _refused({**data, "engine": "other"}, "engine")
    _refused([1, 2, 3], "engine")


@pytest.mark.parametrize(
    ("preset", "overrides", "zone"),
    [
        pytest.param("deal-1mo", {}, "Asia/Shanghai", id="other_preset"),
        pytest.param("re-office", {"recognition_window": "2mo"}, "Asia/Shanghai", id="other_parameters"),
        pytest.param("re-office", {}, "Asia/Tokyo", id="other_zone"),
    ],
)
def test_a_snapshot_taken_under_another_policy_is_refused(preset: str, overrides: dict[str, str], zone: str) -> None:
    data = snap.dump(_some_site())
    other = load_policy(preset, overrides, timezone=zone)
    assert snap.policy_digest(other) != data["policy"]
    with pytest.raises(snap.SnapshotError) as caught:
        snap.load(data, other)
    assert caught.value.field == "policy" and "策略" in caught.value.zh


def test_the_same_policy_loaded_again_has_the_same_digest() -> None:
    assert snap.policy_digest(load_policy("re-office")) == snap.policy_digest(load_policy("re-office"))
    assert snap.policy_digest(load_policy("re-office", {"recognition_window": "1mo"})) == snap.policy_digest(
        load_policy("re-office")
    )


def test_a_truncated_or_garbled_blob_is_refused() -> None:
    policy = load_policy("re-office")
    blob = snap.to_bytes(_some_site())
    for bad in (blob[: len(blob) // 2], blob[:-1], b"", b"\x00" * 40, bytes(x ^ 0x5A for x in blob)):
        with pytest.raises(snap.SnapshotError) as caught:
            snap.from_bytes(bad, policy)
        assert "快照" in caught.value.zh
    with pytest.raises(snap.SnapshotError, match="JSON"):
        snap.from_bytes(zlib.compress(b'{"format": 1, "engine": '), policy)
    with pytest.raises(snap.SnapshotError):
        snap.from_bytes(zlib.compress(b"[1, 2]"), policy)


def _with(data: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    """A deep copy of ``data`` with the value at ``path`` replaced."""
    out: Any = json.loads(json.dumps(data))
    target = out
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return dict(out)


@pytest.mark.parametrize(
    ("path", "value", "where"),
    [
        pytest.param(("customers", "rows", 0, 0), 13900000001, "customers[0]", id="key_not_text"),
        pytest.param(("customers", "rows", 0, 1), "yesterday", "customers[0]", id="time_not_a_time"),
        pytest.param(("customers", "rows", 0, 1), 10**30, "customers[0]", id="time_out_of_range"),
        pytest.param(("customers", "rows", 1, 0), "13900000001", "customers", id="customer_twice"),
        pytest.param(
            ("customers", "rows", 0, 4), ["13900000001", "13900000002"], "customers", id="phone_in_two_records"
        ),
        pytest.param(("customers", "rows", 0), ["13900000001"], "customers[0]", id="row_too_short"),
        pytest.param(("customers", "fields", 0), "phone", "customers", id="other_customer_fields"),
        pytest.param(("customers", "registered"), 1, "customers[1]", id="registered_out_of_turn"),
        pytest.param(("deals", 0, "number"), 2, "deals[0]", id="deal_out_of_order"),
        pytest.param(("deals", 0, "credit", "A"), "lots", "deals[0]", id="share_not_a_number"),
        pytest.param(("deals", 0, "customer"), "13900000009", "customers[0]", id="deal_of_another"),
        pytest.param(("queue", "order"), ["A", "A"], "queue", id="queue_repeats"),
        pytest.param(("queue", "order"), ["Z"], "queue", id="queue_unknown_staff"),
        pytest.param(("status", "Z"), "on_duty", "status", id="status_unknown_staff"),
        pytest.param(("staff", 1, "code"), "A", "staff[1]", id="staff_twice"),
        pytest.param(("staff", 0, "colour"), "red", "staff[0]", id="unknown_staff_field"),
        pytest.param(("count",), "3", "header", id="count_not_a_number"),
        pytest.param(("customers", "rows", 0, 99), "x", "customers[0]", id="row_too_long"),
    ],
)
def test_a_malformed_snapshot_is_refused_naming_where(path: tuple[Any, ...], value: Any, where: str) -> None:
    data = snap.dump(_some_site())
    if path[-1] == 99:  # a row longer than the format's fields
        bad = _with(data, path[:-1], data["customers"]["rows"][0] + [None] * 50 + ["x"])
    else:
        bad = _with(data, path, value)
    err = _refused(bad, where)
    assert "快照内容不完整或已损坏" in err.zh and where in err.en
    # and the good document still loads: nothing was shared or changed by the refusal
    assert snap.dump(snap.load(data, load_policy("re-office"))) == data


def test_a_snapshot_with_a_field_of_another_format_is_refused() -> None:
    data = snap.dump(_some_site())
    _refused({**data, "queues": []}, "queues")
    _refused(_with(data, ("customers", "shards"), 2), "customers")


# ------------------------------------------------------------ (e) every preset's scenarios, cut after every event
def _own_scenarios() -> dict[str, list[Scenario]]:
    by_preset: dict[str, list[Scenario]] = {}
    for path in sorted(OWN.glob("*.yaml")):
        scenario = load_scenario(path)
        by_preset.setdefault(scenario.policy.preset, []).append(scenario)
    return by_preset


OWN_SCENARIOS = _own_scenarios()


def _fresh(scenario: Scenario) -> Site:
    return Site(scenario.policy, [StaffMember(s.code, s.name, s.team, s.role, s.region) for s in scenario.staff])


@pytest.mark.parametrize("preset", preset_ids())
def test_every_preset_round_trips_its_scenarios_cut_after_every_event(preset: str) -> None:
    scenarios = OWN_SCENARIOS.get(preset, [])
    assert scenarios, f"no scenario of tests/scenarios/own uses the preset {preset}"
    for scenario in scenarios:
        # given the scenario replayed straight through
        whole = _fresh(scenario)
        expected = [apply_entry(whole, entry).as_dict() for entry in scenario.events]
        running = _fresh(scenario)
        for k in range(len(scenario.events) + 1):
            # when it is saved after event k and loaded from bytes
            loaded = snap.from_bytes(snap.to_bytes(running), scenario.policy)
            # then the loaded site decides the remaining events as the straight replay did
            got = [apply_entry(loaded, entry).as_dict() for entry in scenario.events[k:]]
            assert got == expected[k:], f"{scenario.path}, saved after event {k}"
            assert _text(loaded) == _text(whole), f"{scenario.path}, saved after event {k}"
            if k < len(scenario.events):
                apply_entry(running, scenario.events[k])


# ------------------------------------------------------------ (f) a customer with every attribute
def _full_customer(site: Site, c_at: datetime) -> None:
    """A customer with every attribute away from its default, written into ``site``'s book."""
    cust = site.book.register("13900000003", c_at, "A", "call", "赵")
    cust.phones.append("13900000004")
    site.book.index["13900000004"] = cust
    values: dict[str, Any] = {
        "owner": "A",
        "owner_since": c_at,
        "owner_clauses": ("RE-1", "ROT-1"),
        "owner_reason": "理由",
        "protected_until": c_at + timedelta(days=30),
        "window_clause": "DEAL-1",
        "previous_owner": "B",
        "lapsed_at": c_at - timedelta(days=1),
        "first_reception_at": c_at,
        "first_receptionist": "B",
        "last_reception_at": c_at + timedelta(minutes=5),
        "receptions": 2,
        "receptions_by": {"B": 1, "A": 1},
        "followups": {"A": c_at + timedelta(hours=2)},
        "helpers": {"B": Help(c_at, True, False)},
        "deposit_at": c_at + timedelta(days=1),
        "deals": [0],
        "first_engagement": "partial",
        "first_source": "exhibition",
        "first_followup_due": c_at + timedelta(days=3),
        "first_followup_done": True,
        "family": "13900000001",
        "referrer": "13900000002",
        "report": ReportInfo("A", c_at, True),
        "designated": "B",
        "designated_clause": "RE-5",
        "shared": ["A", "B"],
        "shared_clause": "FC-3",
        "day_points": (c_at.date(), {"西门": {"B", "A"}, "东门": {"A"}}),
        "family_pending": ("B", c_at.date()),
        "family_split": ("A", c_at.date()),
        "chase_started": True,
        "callback": "B",
        "off_duty": ("B",),
    }
    assert set(values) | {"key", "registered_at", "channel", "registered_by", "phones", "seq", "name"} == set(
        snap.CUSTOMER_ATTRIBUTES
    )
    for name, value in values.items():
        setattr(cust, name, value)
    site.customers["13900000001"].deals = []  # its deal moves to the full customer
    site.ledger.deals[0].customer = cust.key


def _attributes(cust: Any) -> dict[str, Any]:
    out = {}
    for name in snap.CUSTOMER_ATTRIBUTES:
        value = getattr(cust, name)
        if name == "helpers":
            value = {k: (h.at, h.owner_away, h.reverse) for k, h in value.items()}
        elif name == "report" and value is not None:
            value = (value.by, value.at, value.complete)
        out[name] = (value, type(value))
    return out


def test_a_customer_with_every_attribute_set_and_one_with_none_round_trip() -> None:
    site = _some_site()
    at = datetime(2026, 3, 3, 9, 30, 15, 250, tzinfo=SH)
    _full_customer(site, at)
    blank = site.book.register("13900000005", at, None, "visit", None)
    data = _through_json(snap.dump(site))
    loaded = snap.load(data, site.policy)
    for key, cust in site.customers.items():
        assert _attributes(loaded.customers[key]) == _attributes(cust), key
    assert snap.dump(loaded) == data
    assert loaded.book.families == {"13900000001": [loaded.customers["13900000003"]]}
    assert loaded.book.registered == site.book.registered == 4
    # a customer who knows only their identity costs their identity: the defaults are not written
    row = data["customers"]["rows"][-1]
    assert row == ["13900000005", Codec(SH).time_out(at), "visit", None, None, blank.seq]


def test_a_notice_keeps_its_english_message_through_a_snapshot() -> None:
    site = Site(load_policy("re-office", timezone="Asia/Shanghai"), [StaffMember("A", "张伟"), StaffMember("B")])
    at = datetime(2026, 3, 2, 10, 0, tzinfo=SH)
    site.apply(ev.Visit(at=at, id=None, phone="13900000001", name="王"))
    ruling = site.apply(ev.Abandon(at=at + timedelta(hours=1), id=None, phone="13900000001", by="A"))
    assert ruling.accepted and ruling.notices, ruling.reason
    loaded = snap.load(_through_json(snap.dump(site)), site.policy)
    assert [(n.message, n.message_en) for n in loaded.notices] == [(n.message, n.message_en) for n in site.notices]
    assert all(n.message_en and n.message_en != n.message for n in loaded.notices)
