"""guishu verify and guishu rebuild: an edit made directly in the database is detected, and the
projections can always be thrown away and rebuilt from the log."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from guishu.cli import main
from guishu.web import models as m
from guishu.web.integrity import rebuild_site, verify_site

from .conftest import post_event


def _history(make_site, client_for):
    site = make_site()
    desk = client_for("front", role="desk", site=site)
    for raw in (
        {"visit": {"phone": "13800000001"}},
        {"visit": {"phone": "13800000002"}},
        {"status": {"staff": "C", "is": "rest"}},
        {"visit": {"phone": "13800000003"}},
    ):
        assert post_event(desk, site, raw).status_code == 201
    return site


def _tamper(sql: str, params: list[object]) -> None:
    """What only someone with the database's keys can do: drop the append-only guard, then edit."""
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute("DROP TRIGGER guishu_event_no_update")
            cur.execute("DROP TRIGGER guishu_event_no_delete")
        else:
            cur.execute("SET LOCAL session_replication_role = replica")  # user triggers off, this transaction only
        cur.execute(sql, params)


def test_the_database_refuses_to_edit_or_delete_a_logged_event(make_site, client_for):
    site = _history(make_site, client_for)
    for sql in (
        "UPDATE guishu_event SET body = '{}' WHERE site_id = %s",
        "DELETE FROM guishu_event WHERE site_id = %s",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cur:
            cur.execute(sql, [site.pk])
    assert m.Event.objects.filter(site=site).count() == 4
    assert verify_site(site) == []


def test_an_intact_log_verifies(make_site, client_for, capsys):
    site = _history(make_site, client_for)
    assert verify_site(site) == []
    assert main(["verify"]) == 0
    assert "OK" in capsys.readouterr().out


def test_verify_names_an_event_edited_directly_in_the_database(make_site, client_for, capsys):
    # given a log of four events
    site = _history(make_site, client_for)
    # when someone edits the second one's body behind the service's back
    _tamper(
        "UPDATE guishu_event SET body = %s WHERE site_id = %s AND seq = 2",
        ['{"phone": "13800000002", "by": "D"}', site.pk],
    )
    # then verify fails and names that event
    problems = verify_site(site)
    assert problems and "事件 2" in problems[0] and "event 2" in problems[0]
    assert main(["verify"]) == 1
    out = capsys.readouterr().out
    assert "FAIL s1" in out and "事件 2" in out


def test_verify_catches_a_deleted_event(make_site, client_for):
    site = _history(make_site, client_for)
    with connection.cursor() as cur:
        cur.execute(
            "DELETE FROM guishu_eventphone WHERE event_id IN "
            "(SELECT id FROM guishu_event WHERE site_id = %s AND seq = 3)",
            [site.pk],
        )
    _tamper("DELETE FROM guishu_event WHERE site_id = %s AND seq = 3", [site.pk])
    assert any("事件 4" in p for p in verify_site(site))


def test_sqlite_runs_in_wal_mode(db):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cur:
        cur.execute("PRAGMA journal_mode")
        assert cur.fetchone()[0] == "wal"


def test_the_model_refuses_to_change_a_logged_event(make_site, client_for):
    site = _history(make_site, client_for)
    event = m.Event.objects.get(site=site, seq=1)
    event.body = {"phone": "13800000001", "by": "B"}
    try:
        event.save()
    except RuntimeError as exc:
        assert "append-only" in str(exc)
    else:
        raise AssertionError("an event was changed")


def test_tampered_projections_are_detected_and_rebuilt(make_site, client_for, capsys):
    # given a projection changed behind the log's back
    site = _history(make_site, client_for)
    m.Customer.objects.filter(site=site, key="13800000001").update(owner="D")
    m.QueueEntry.objects.filter(site=site).delete()
    problems = verify_site(site)
    assert any("13800000001" in p for p in problems) and any("轮序" in p for p in problems)
    # when the projections are rebuilt from the log
    assert main(["rebuild"]) == 0
    # then they equal a fresh replay again
    assert verify_site(site) == []
    assert m.Customer.objects.get(site=site, key="13800000001").owner == "A"
    assert rebuild_site(site) == 3


def test_a_number_sent_as_a_float_still_verifies(make_site, client_for):
    site = make_site()
    boss = client_for("boss", role="manager", site=site)
    assert post_event(boss, site, {"visit": {"phone": "13800000001", "by": "A"}}).status_code == 201
    r = post_event(boss, site, {"deal": {"phone": "13800000001", "by": "A", "amount": 1e20}})
    assert r.status_code == 201, r.content
    assert m.Event.objects.get(site=site, seq=2).body["amount"] == "100000000000000000000"
    assert verify_site(site) == []
