"""Loading a history in bulk (``history_load``, under ``guishu site load``) ends exactly where
posting the same events one by one through the write path ends: the same events logged with the
same rulings, the same refusals, the same projections; and the loaded site verifies."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bench.history import SALES, History, customer_phone
from django.db.models import F

from guishu.cli import main
from guishu.web import models as m
from guishu.web.errors import ServiceError
from guishu.web.integrity import verify_site
from guishu.web.services import event_append, site_from_scenario
from guishu.web.services.bulk import BATCH, history_load
from guishu.web.services.sites import SYSTEM, event_raw

from .conftest import post_event

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
FILES = sorted((SCENARIOS / "agreed").glob("*.yaml")) + sorted((SCENARIOS / "own").glob("*.yaml"))
LOGGED = ("kind", "event_id", "body", "at", "author_role", "backdated", "ruling")


def _log(site: m.Site) -> list[tuple[Any, ...]]:
    return list(site.events.order_by("seq").values_list("seq", *LOGGED))


def _projections(site: m.Site) -> tuple[Any, ...]:
    skip = {"id", "site", "seq", "phones"}  # seq: the bulk load stamps every row with the last entry
    names = [f.name for f in m.Customer._meta.concrete_fields if f.name not in skip]
    customers = sorted(m.Customer.objects.filter(site=site).values_list("key", *names))
    phones = sorted(m.CustomerPhone.objects.filter(site=site).values_list("customer__key", "phone"))
    # a queue row's position is an ordering key: compare the order, and each row's facts
    rows = m.QueueEntry.objects.filter(site=site).order_by(F("position").asc(nulls_last=True), "staff_code")
    queue = [(r.staff_code, r.position is None, r.status, r.makeup, r.makeup_since) for r in rows]
    return customers, phones, queue


@pytest.mark.parametrize("path", FILES, ids=[f"{p.parent.name}/{p.stem}" for p in FILES])
def test_a_scenario_loaded_in_bulk_ends_as_when_posted_one_by_one(db, path):
    try:
        bulk = site_from_scenario(path=path, name="bulk")
    except Exception as exc:  # an unreadable own case: the scenario tests report it
        pytest.skip(f"unreadable scenario: {exc}")
    # given the same scenario as a site without events, each posted through the write path in order
    one = site_from_scenario(path=path, name="one", no_events=True)
    refused = []
    for entry in one.scenario.events:
        try:
            event_append(site=one.site, actor=SYSTEM, raw=event_raw(one.scenario, entry.position))
        except ServiceError as exc:
            refused.append(f"第 {entry.position} 个事件被拒绝：{exc.zh}")
    # then both logged the same events with the same rulings, refused the same ones, project the same
    assert _log(bulk.site) == _log(one.site)
    assert bulk.refused == refused
    assert bulk.logged == len(_log(one.site))
    assert _projections(bulk.site) == _projections(one.site)
    # and the bulk-loaded site's chain and projections verify against a replay
    assert verify_site(bulk.site) == []


def test_refused_events_are_reported_and_not_stored(make_site):
    site = make_site()
    events = [
        {"at": "2026-03-01T10:00:00+08:00", "visit": {"phone": "13800000001"}},
        {"at": "2026-03-01T10:05:00+08:00", "visit": {"phone": "1380000"}},  # P-1: too short
        {"at": "2026-03-01T10:10:00+08:00", "visit": {"phone": "13800000002", "by": "NOBODY"}},  # engine refuses
        {"at": "2026-03-01T10:15:00+08:00", "visit": {"phone": "13800000002"}},
        {"at": "2026-03-01T09:00:00+08:00", "visit": {"phone": "13800000003"}},  # before the last logged
    ]
    loaded = history_load(site=site, events=events, actor=SYSTEM)
    assert [(r.position, r.error.field) for r in loaded.refused] == [(2, "phone"), (3, "by"), (5, "at")]
    assert loaded.logged == 2 and loaded.last_seq == 2 and loaded.customers == 2
    assert [e.body["phone"] for e in site.events.order_by("seq")] == ["13800000001", "13800000002"]
    assert verify_site(site) == []


def test_a_failure_part_way_leaves_nothing_behind(make_site):
    # given a history whose source fails after more than one batch has been written
    site = make_site(staff=SALES)
    written: list[int] = []

    def events():
        for n, raw in enumerate(History(BATCH, end=History(1).end)):
            if n == BATCH + 10:
                raise RuntimeError("the file could not be read further")
            yield raw

    with pytest.raises(RuntimeError):
        history_load(site=site, events=events(), actor=SYSTEM, progress=lambda done, _: written.append(done))
    assert written  # a batch had been written when the source failed
    # then the site has no log entry, no customer and its queue as it was
    assert site.events.count() == 0
    assert m.Customer.objects.filter(site=site).count() == 0
    assert m.CustomerPhone.objects.filter(site=site).count() == 0
    assert verify_site(site) == []


def test_a_load_continues_a_site_s_log(make_site, client_for):
    # given a site with events posted through the API
    site = make_site(staff=("S01", "S02", "S03"))
    desk = client_for("front", role="desk", site=site)
    assert post_event(desk, site, {"visit": {"phone": "13900000001"}}).status_code == 201
    # when a later history is loaded in bulk
    later = [
        {"at": "2099-01-01T10:00:00+08:00", "visit": {"phone": "13900000002"}},  # in the future: refused
    ]
    assert [r.error.field for r in history_load(site=site, events=later, actor=SYSTEM).refused] == ["at"]
    history = [{"visit": {"phone": "13900000002"}}, {"followup": {"phone": "13900000001", "by": "S02"}}]
    loaded = history_load(site=site, events=history, actor=SYSTEM)
    # then the log goes on from where it was and still verifies, customers old and new projected
    assert loaded.logged == 2 and loaded.last_seq == 3 and loaded.customers == 2
    assert verify_site(site) == []
    assert desk.get(f"/api/v1/sites/{site.slug}/customers/13900000002").json()["registered"] is True


def test_progress_is_told_per_batch_and_at_the_end(make_site):
    site = make_site(staff=("S01", "S02"))
    history = History(BATCH, end=History(1).end)
    told: list[tuple[int, int | None]] = []
    history_load(site=site, events=history, actor=SYSTEM, progress=lambda done, total: told.append((done, total)))
    assert told[-1] == (len(history), len(history))
    assert [d for d, _ in told] == sorted(d for d, _ in told) and len(told) > 1
    told.clear()
    history_load(
        site=make_site(slug="s2"), events=iter(list(history)[:10]), actor=SYSTEM, progress=lambda *a: told.append(a)
    )
    assert told == [(10, None)]  # from a generator: the total is not known


def test_the_benchmark_s_history_loads_without_a_refusal_and_verifies(make_site):
    history = History(300, preset="appointment-7d")
    site = make_site(preset="appointment-7d", staff=SALES)
    loaded = history_load(site=site, events=history, actor=SYSTEM)
    assert loaded.refused == []
    assert loaded.logged == len(history) and loaded.customers == 300
    assert m.CustomerPhone.objects.filter(site=site, phone=customer_phone(299)).exists()
    assert set(m.QueueEntry.objects.filter(site=site).values_list("status", flat=True)) == {"on_duty"}
    assert verify_site(site) == []


def test_site_load_shows_a_progress_bar_when_asked(db, capsys):
    path = SCENARIOS / "agreed" / "mc-04-skip-then-one-makeup.yaml"
    assert main(["site", "load", str(path), "--name", "mc04", "--progress"]) == 0
    err = capsys.readouterr().err
    assert "\r载入 " in err and "(100%)" in err and err.endswith("\n")
    assert verify_site(m.Site.objects.get(slug="mc04")) == []
