"""Sites, policies and staff: created, versioned, joined later — and the replay agrees."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from guishu.engine import StaffMember
from guishu.web import models as m
from guishu.web.errors import ServiceError
from guishu.web.integrity import verify_site
from guishu.web.roles import Actor
from guishu.web.services import event_append, policy_set, staff_add
from guishu.web.settings import database_from_url

from .conftest import post_event


def test_a_policy_is_checked_by_the_engine_and_versioned(make_site):
    site = make_site()
    with pytest.raises(ServiceError):
        policy_set(site=site, preset="re-office", params={"no_such_param": "1d"})
    policy_set(site=site, preset="greenmaple")
    assert list(site.policies.values_list("preset", flat=True)) == ["re-office", "greenmaple"]


def test_a_policy_version_cannot_rewrite_the_logged_past(make_site, client_for):
    # given a site with a visit logged today
    site = make_site()
    assert (
        post_event(client_for("A", site=site), site, {"visit": {"phone": "13800000001", "by": "A"}}).status_code == 201
    )
    # when a new version is to take effect today (or earlier), it is refused: today's rulings are logged
    with pytest.raises(ServiceError) as exc:
        policy_set(site=site, preset="greenmaple", effective=timezone.localdate())
    assert exc.value.field == "effective"
    assert site.policies.count() == 1


def test_a_policy_version_decides_the_events_from_its_date_on(make_site):
    # given a deal-1mo site with a visit today, and a two-month validity from tomorrow on
    site = make_site(preset="deal-1mo")
    today = timezone.localtime()
    manager = Actor(user_id=None, username="m", code=None, role="admin")
    event_append(site=site, actor=manager, raw={"visit": {"phone": "13800000001", "by": "A"}}, now=today)
    policy_set(site=site, preset="deal-1mo", params={"validity": "2mo"}, effective=today.date() + timedelta(days=1))
    # when a customer comes tomorrow
    tomorrow = today + timedelta(days=1)
    ruling = event_append(
        site=site, actor=manager, raw={"visit": {"phone": "13800000002", "by": "B"}}, now=tomorrow
    ).ruling
    # then today's customer keeps one month and tomorrow's gets two, and a replay of the log agrees
    first = m.Customer.objects.get(site=site, key="13800000001").protected_until
    second = datetime.fromisoformat(ruling["protected_until"])
    assert (second - first).days >= 28 + 1
    assert verify_site(site) == []


def test_a_salesperson_who_joins_later_joins_the_end_of_the_queue_and_the_replay_agrees(make_site, client_for):
    # given two walk-ins already received
    site = make_site(staff=("A", "B"))
    desk = client_for("front", role="desk", site=site)
    for i in range(2):
        assert post_event(desk, site, {"visit": {"phone": f"1380000000{i}"}}).status_code == 201
    # when E joins, and two more walk-ins come
    staff_add(site=site, member=StaffMember("E", "新人"))
    got = [
        post_event(desk, site, {"visit": {"phone": f"1390000000{i}"}}).json()["ruling"]["received_by"] for i in range(3)
    ]
    # then E took their place at the end, and a fresh replay of the log agrees with everything stored
    assert got == ["A", "B", "E"]
    assert verify_site(site) == []


@pytest.mark.parametrize(
    ("url", "engine", "name"),
    [
        ("sqlite:////tmp/x/guishu.sqlite3", "django.db.backends.sqlite3", "/tmp/x/guishu.sqlite3"),
        ("sqlite:///data/guishu.sqlite3", "django.db.backends.sqlite3", "data/guishu.sqlite3"),
        ("postgres://postgres:secret@127.0.0.1:5432/guishu", "django.db.backends.postgresql", "guishu"),
    ],
    ids=["sqlite_absolute", "sqlite_relative", "postgres"],
)
def test_database_url(url, engine, name):
    db = database_from_url(url)
    assert db["ENGINE"] == engine and db["NAME"] == name
    if engine.endswith("sqlite3"):
        assert db["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
        assert "journal_mode=WAL" in db["OPTIONS"]["init_command"]
    else:
        assert db["PASSWORD"] == "secret" and db["PORT"] == "5432"


def test_an_unknown_database_url_is_refused():
    with pytest.raises(ValueError, match="DATABASE_URL"):
        database_from_url("mysql://x/y")


def test_staff_codes_stay_unique(make_site):
    site = make_site()
    with pytest.raises(ServiceError):
        staff_add(site=site, member=StaffMember("A"))
    with pytest.raises(ServiceError):
        staff_add(site=site, member=StaffMember("house"))
    assert m.Staff.objects.filter(site=site).count() == 4
