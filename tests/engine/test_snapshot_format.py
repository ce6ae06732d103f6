"""The snapshot format against the engine and its documentation: every attribute of a customer and
every part of a site is written or knowingly rebuilt, the documented columns are the written ones,
and every time reads back exactly, daylight saving included (see docs/snapshot-format.md).
"""

from __future__ import annotations

import ast
import json
import re
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from guishu.engine import events as ev
from guishu.engine import snapshot as snap
from guishu.engine.snapshot.codec import Codec

from .test_snapshot import SH, _some_site, _text

ENGINE = Path(__file__).resolve().parents[2] / "src" / "guishu" / "engine"


# ------------------------------------------------------------ (f) every attribute, every part
def _class_attributes(path: Path, cls: str) -> set[str]:
    """The attributes a class of the engine declares (class annotations) or sets in ``__init__``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    node = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == cls)
    names = {s.target.id for s in node.body if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)}
    init = next((f for f in node.body if isinstance(f, ast.FunctionDef) and f.name == "__init__"), None)
    for sub in ast.walk(init) if init else ():
        if isinstance(sub, ast.Attribute) and isinstance(sub.ctx, ast.Store) and isinstance(sub.value, ast.Name):
            if sub.value.id == "self":
                names.add(sub.attr)
    return names


def test_the_snapshot_writes_every_attribute_of_a_customer() -> None:
    assert set(snap.CUSTOMER_ATTRIBUTES) == _class_attributes(ENGINE / "state.py", "Customer")
    assert len(snap.CUSTOMER_ATTRIBUTES) == len(set(snap.CUSTOMER_ATTRIBUTES))


def test_the_documented_columns_are_the_written_ones() -> None:
    doc = (ENGINE.parents[2] / "docs" / "snapshot-format.md").read_text(encoding="utf-8")
    columns = re.findall(r"^\| (\d+) \| `([a-z_]+)` \|", doc, re.MULTILINE)
    assert [name for _, name in columns] == list(snap.CUSTOMER_ATTRIBUTES)
    assert [int(n) for n, _ in columns] == list(range(len(snap.CUSTOMER_ATTRIBUTES)))
    fields = re.findall(r"^\| `([a-z_]+)`(?:, `([a-z_]+)`)? \|", doc, re.MULTILINE)
    assert {name for pair in fields for name in pair if name} == set(snap.FIELDS)


# What each part of a site keeps: written to the snapshot (its field), or rebuilt and why. A new
# attribute fails this test until it is added here and, if it influences rulings, to the snapshot.
PARTS = {
    ("site.py", "Site"): {
        "policy": "load's argument (checked by the digest)",
        "switch": "derived from the policy",
        "calendar": "part",
        "roster": "part",
        "book": "part",
        "rotation": "part",
        "ledger": "part",
        "count": "count",
        "staff": "view of roster.members",
        "status": "view of roster.status",
        "queue": "view of rotation.queue",
        "customers": "view of book.customers",
        "deals": "view of ledger.deals",
        "notices": "view of ledger.notices",
        "_scratch": "reused decision, reset per event",
        "_touched_customers": "per event",
        "_touched_deals": "per event",
        "voice": "derived from the policy and the roster (how sentences are worded)",
    },
    ("calendar.py", "Calendar"): {
        "policy": "load's argument",
        "clock": "clock",
        "day": "day",
        "day_end": "worked out again at the next event",
        "_window_day": "memo",
        "_windows": "memo",
        "_day_ends": "memo",
    },
    ("staff.py", "StaffRegister"): {
        "members": "staff",
        "status": "status",
        "changed": "per event",
        "voice": "the site's voice",
    },
    ("book.py", "CustomerBook"): {
        "customers": "customers.rows",
        "index": "rebuilt from every customer's phones",
        "families": "rebuilt from every customer's family, in the order of seq",
        "touched": "per event",
        "lapses": "per event (undone if it is refused)",
        "registered": "customers.registered",
        "_phones": "memo of typed phones",
        "voice": "the site's voice",
    },
    ("rotation.py", "Rotation"): {
        "calendar": "the site's part",
        "status": "the roster's statuses",
        "queue": "queue",
        "phone_queue": "phone_queue",
        "makeups_same_day": "derived from the policy",
        "away_keeps_turn": "derived from the policy",
        "moved": "per event",
        "saved": "per event (put back if it is refused)",
    },
    ("ledger.py", "DealLedger"): {
        "deals": "deals",
        "notices": "notices",
        "disputes": "disputes",
        "touched": "per event",
    },
}


@pytest.mark.parametrize(("module", "cls"), list(PARTS))
def test_every_part_of_a_site_is_written_or_knowingly_rebuilt(module: str, cls: str) -> None:
    assert _class_attributes(ENGINE / module, cls) == set(PARTS[(module, cls)])


def test_every_field_of_the_snapshot_is_of_a_part_or_of_the_header() -> None:
    header = {"format", "engine", "policy", "preset", "zone"}
    of_parts = {kept.split(".")[0] for part in PARTS.values() for kept in part.values()}
    assert set(snap.FIELDS) == header | (of_parts & set(snap.FIELDS))
    assert set(snap.FIELDS) - header <= of_parts


# ------------------------------------------------------------ (g) times read back exactly
NY = ZoneInfo("America/New_York")


@pytest.mark.parametrize(
    "at",
    [
        pytest.param(datetime(2026, 3, 2, 9, 0, tzinfo=SH), id="site_zone"),
        pytest.param(datetime(2026, 3, 2, 9, 0, 1, 999999, tzinfo=SH), id="microseconds"),
        pytest.param(datetime(1969, 12, 31, 23, 59, 59, 500, tzinfo=SH), id="before_1970"),
        pytest.param(datetime(2026, 3, 2, 9, 0, tzinfo=timezone(timedelta(hours=8))), id="fixed_offset"),
        pytest.param(datetime(2026, 3, 2, 1, 0, tzinfo=UTC), id="utc"),
        pytest.param(datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Tokyo")), id="other_zone"),
        pytest.param(datetime(1988, 4, 17, 2, 30, tzinfo=SH), id="shanghai_1988_gap"),
    ],
)
def test_a_time_reads_back_exactly(at: datetime) -> None:
    _round_trip_time(at, SH)


@pytest.mark.parametrize(
    "at",
    [
        pytest.param(datetime(2026, 3, 8, 2, 30, tzinfo=NY), id="gap_fold0"),
        pytest.param(datetime(2026, 3, 8, 2, 30, fold=1, tzinfo=NY), id="gap_fold1"),
        pytest.param(datetime(2026, 11, 1, 1, 30, tzinfo=NY), id="repeated_hour_first"),
        pytest.param(datetime(2026, 11, 1, 1, 30, fold=1, tzinfo=NY), id="repeated_hour_second"),
        pytest.param(datetime(2026, 11, 1, 0, 0, tzinfo=NY), id="midnight_of_a_transition_day"),
        pytest.param(datetime(2026, 11, 1, 23, 59, 59, 1, tzinfo=NY), id="end_of_a_transition_day"),
        pytest.param(datetime(2026, 7, 1, 12, 0, tzinfo=NY), id="summer"),
    ],
)
def test_a_time_in_a_zone_with_daylight_saving_reads_back_exactly(at: datetime) -> None:
    _round_trip_time(at, NY)


def _round_trip_time(at: datetime, zone: ZoneInfo) -> None:
    written = json.loads(json.dumps(Codec(zone).time_out(at)))
    back = Codec(zone).time_in(written)
    assert back.replace(tzinfo=None) == at.replace(tzinfo=None) and back.fold == at.fold
    assert back.utcoffset() == at.utcoffset() and back.isoformat() == at.isoformat()
    assert type(back.tzinfo) is type(at.tzinfo) and back.tzinfo == at.tzinfo
    assert Codec(zone).time_out(back) == written


def test_a_site_in_a_zone_with_daylight_saving_round_trips_across_the_change() -> None:
    # given a site in New York with visits around the spring change (23:00 + 3 h is the skipped 02:00)
    site = _some_site("re-office", "America/New_York")
    at = datetime(2026, 3, 7, 23, 0, tzinfo=NY)
    visits = [
        ev.Visit(at=at + timedelta(hours=h), id=None, phone=f"1390001{h:04d}", name="李") for h in (0, 3, 4, 26, 27)
    ]
    for e in visits[:3]:
        site.apply(e)
    assert any(isinstance(t, str) for t in _times(snap.dump(site)))  # the skipped wall time is written as text
    # when it is saved and loaded, then the rest of the story is decided identically
    loaded = snap.from_bytes(snap.to_bytes(site), site.policy)
    for e in visits[3:]:
        assert loaded.apply(e).as_dict() == site.apply(e).as_dict()
    assert _text(loaded) == _text(site)


def _times(data: dict[str, Any]) -> list[Any]:
    fields = data["customers"]["fields"]
    return [row[fields.index("registered_at")] for row in data["customers"]["rows"]]
