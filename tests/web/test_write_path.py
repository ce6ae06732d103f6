"""A write costs what it changes: projections by what the engine says changed, reads from the
projections alone, snapshots and a bounded cache of engine states, staff joining without a replay."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from guishu.engine import StaffMember
from guishu.web import engine_state
from guishu.web import models as m
from guishu.web.integrity import snapshot_site, verify_site
from guishu.web.services import staff_add

from .conftest import post_event


def _walk_ins(client: Any, site: m.Site, n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        r = post_event(client, site, {"visit": {"phone": f"1390000{i:04d}"}})
        assert r.status_code == 201, r.content


def test_a_write_queries_the_same_whatever_the_number_of_customers(make_site, client_for):
    # given a site with 5 customers and one with 60
    small, large = make_site("small"), make_site("large")
    desk_s = client_for("front", role="desk", site=small)
    desk_l = client_for("front2", role="desk", site=large)
    _walk_ins(desk_s, small, 5)
    _walk_ins(desk_l, large, 60)

    # when one more walk-in is posted to each, counting the queries
    def queries(client: Any, site: m.Site, phone: str) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert post_event(client, site, {"visit": {"phone": phone}}).status_code == 201
        return len(ctx.captured_queries)

    # then both cost the same number of queries: the projection writes what changed, not the site
    assert queries(desk_s, small, "13700000001") == queries(desk_l, large, "13700000002")
    assert verify_site(small) == [] and verify_site(large) == []


def test_reads_do_not_load_the_engine(make_site, client_for):
    # given a site with history and no engine state in this process (a fresh worker)
    site = make_site()
    desk = client_for("front", role="desk", site=site)
    boss = client_for("boss", role="manager", site=site)
    _walk_ins(desk, site, 6)
    assert post_event(boss, site, {"deal": {"phone": "13900000000", "by": "A", "amount": 1000000}}).status_code == 201
    engine_state.clear()
    # when the desk looks a customer and a stranger up, and reads the rotation and a deal
    known = desk.get(f"/api/v1/sites/{site.slug}/customers/13900000000").json()
    new = desk.get(f"/api/v1/sites/{site.slug}/customers/13600000009").json()
    rotation = desk.get(f"/api/v1/sites/{site.slug}/rotation").json()
    deal = boss.get(f"/api/v1/sites/{site.slug}/deals/1").json()
    # then each is answered from the projections: no engine state was loaded
    assert site.pk not in engine_state._CACHE
    assert known["owner"] == "A" and known["desk"]["receive_by"] == "A" and known["desk"]["counted_turn"] is False
    assert new["registered"] is False and new["desk"]["receive_by"] == rotation["next"] == "C"
    assert new["desk"]["counted_turn"] is True and "ROT-1" in new["desk"]["clauses"]
    assert [row["staff"] for row in rotation["queue"]] == ["C", "D", "A", "B"]
    assert deal["by"] == "A" and set(deal["credit"]) == {"A"} and deal["clauses"]
    # and the engine, asked the same, agrees with what the projections answered
    with engine_state.site_lock(site.pk):
        engine = engine_state.current(site).engine
    assert engine.desk_advice("13600000009", timezone.now()).receive_by == "C"
    assert engine.desk_advice("13900000000", timezone.now()).receive_by == "A"


def test_the_engine_cache_keeps_at_most_the_configured_number_of_sites(make_site, client_for, settings):
    # given room for two sites in a worker
    settings.GUISHU_ENGINE_SITES = 2
    sites = [make_site(f"s{i}") for i in range(3)]
    for i, site in enumerate(sites):
        desk = client_for(f"desk{i}", role="desk", site=site)
        _walk_ins(desk, site, 2)
    # then the least recently used site fell out, and comes back by loading when written again
    assert list(engine_state._CACHE) == [sites[1].pk, sites[2].pk]
    _walk_ins(client_for("desk0", role="desk", site=sites[0]), sites[0], 1, start=10)
    assert list(engine_state._CACHE) == [sites[2].pk, sites[0].pk]
    assert all(verify_site(s) == [] for s in sites)


def test_a_cold_process_starts_from_the_latest_snapshot(make_site, client_for, settings, monkeypatch):
    # given a snapshot every 5 events and 12 events logged
    settings.GUISHU_SNAPSHOT_EVERY = 5
    site = make_site()
    desk = client_for("front", role="desk", site=site)
    _walk_ins(desk, site, 12)
    assert sorted(site.snapshots.values_list("seq", flat=True)) == [5, 10]
    # when a fresh process (no cache) takes the next write
    engine_state.clear()
    folded: list[int] = []
    original = engine_state.Folder.fold

    def counting(self: Any, rows: Any, **kw: Any) -> Any:
        rows = list(rows)
        folded.extend(r[0] for r in rows)
        return original(self, rows, **kw)

    monkeypatch.setattr(engine_state.Folder, "fold", counting)
    r = post_event(desk, site, {"visit": {"phone": "13600000001"}})
    # then only the log after the snapshot was folded, and the ruling is the rotation's next
    assert r.status_code == 201 and folded == [11, 12]
    assert r.json()["ruling"]["received_by"] == "A"  # 13 walk-ins over A-D: the 13th is A's
    assert verify_site(site) == []


def test_verify_checks_the_latest_snapshot(make_site, client_for):
    # given a site with a snapshot stored on demand
    site = make_site()
    desk = client_for("front", role="desk", site=site)
    _walk_ins(desk, site, 4)
    assert snapshot_site(site) == 4
    assert verify_site(site) == []
    # when the snapshot is replaced by one of another state (a snapshot of the site after 2 events)
    snap = site.snapshots.get()
    other = make_site("other")
    _walk_ins(client_for("front2", role="desk", site=other), other, 2)
    snapshot_site(other)
    m.SiteSnapshot.objects.filter(pk=snap.pk).update(data=other.snapshots.get().data)
    # then verify names the snapshot
    problems = verify_site(site)
    assert problems and "快照" in problems[0] and "snapshot 4" in problems[0]


def test_a_snapshot_in_an_unknown_format_is_not_used(make_site, client_for):
    site = make_site()
    desk = client_for("front", role="desk", site=site)
    _walk_ins(desk, site, 3)
    snapshot_site(site)
    m.SiteSnapshot.objects.filter(site=site).update(format=999, data=b"not a snapshot")
    engine_state.clear()
    r = post_event(desk, site, {"visit": {"phone": "13600000001"}})
    assert r.status_code == 201 and r.json()["ruling"]["received_by"] == "D"
    assert verify_site(site) == []


def test_a_newcomer_joins_the_cached_engine_without_a_replay(make_site, client_for, monkeypatch):
    # given a site whose engine state is cached after a few walk-ins
    site = make_site()
    desk = client_for("front", role="desk", site=site)
    _walk_ins(desk, site, 3)
    cached = engine_state._CACHE[site.pk]
    monkeypatch.setattr(engine_state, "_load", lambda *a: pytest.fail("the site was loaded again"))
    # when a salesperson joins
    staff_add(site=site, member=StaffMember(code="E", name="E"))
    # then the same engine state took them in, at the end of the queue, and the queue rows say so
    assert engine_state._CACHE[site.pk] is cached
    assert [r.staff for r in cached.engine.queue_rows(None) if r.position] == ["D", "A", "B", "C", "E"]
    rows = m.QueueEntry.objects.filter(site=site).exclude(position=None).order_by("position")
    assert [r.staff_code for r in rows] == ["D", "A", "B", "C", "E"]
    _walk_ins(desk, site, 5, start=20)
    assert engine_state._CACHE[site.pk] is cached
    assert verify_site(site) == []


def test_migrate_rebuilds_projections_of_an_older_shape(make_site, client_for):
    from argparse import Namespace

    from guishu.web.commands import migrate

    site = make_site()
    boss = client_for("boss", role="manager", site=site)
    assert post_event(boss, site, {"visit": {"phone": "13900000001", "by": "A"}}).status_code == 201
    assert post_event(boss, site, {"deal": {"phone": "13900000001", "by": "A", "amount": 5}}).status_code == 201
    # given projections as an older version left them: no deals, no staff facts on the queue rows
    m.Deal.objects.filter(site=site).delete()
    m.QueueEntry.objects.filter(site=site).update(name="", role="sales")
    m.Site.objects.filter(pk=site.pk).update(projections=1)
    assert verify_site(site) != []
    # when the database is migrated
    migrate(Namespace(verbose=False))
    # then the site's projections were written again from its log
    assert verify_site(site) == [] and m.Deal.objects.filter(site=site).count() == 1
