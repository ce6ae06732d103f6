"""POST /api/v1/sites/{site}/events: the one write path over HTTP, and bad input that changes nothing."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from guishu.web import models as m

from .conftest import post_event


def _state(site: m.Site) -> tuple[int, int, int]:
    return (
        m.Event.objects.filter(site=site).count(),
        m.Customer.objects.filter(site=site).count(),
        m.CustomerPhone.objects.filter(site=site).count(),
    )


def test_a_first_visit_is_ruled_logged_and_projected(make_site, client_for):
    # given a site and a salesperson posting their own first reception
    site = make_site()
    a = client_for("A", site=site)
    # when
    r = post_event(a, site, {"visit": {"phone": "138-0000-0001", "by": "A"}})
    # then the reply carries the event and the engine's ruling with its clauses
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["event"] == 1
    ruling = body["ruling"]
    assert ruling["owner"] == "A" and ruling["received_by"] == "A" and ruling["counted_turn"] is True
    assert "RE-1" in ruling["clauses"] and ruling["reason"]
    event = m.Event.objects.get(site=site, seq=1)
    assert event.body == {"phone": "138-0000-0001", "by": "A"}
    assert event.author_code == "A" and not event.backdated and event.hash == event.compute_hash()
    customer = m.Customer.objects.get(site=site, key="13800000001")
    assert customer.owner == "A"
    assert list(m.QueueEntry.objects.filter(site=site).values_list("staff_code", flat=True)) == ["B", "C", "D", "A"]


def test_events_chain_and_the_desk_lets_the_rotation_choose(make_site, client_for):
    site = make_site()
    desk = client_for("front", role="desk", site=site)
    owners = [
        post_event(desk, site, {"visit": {"phone": f"1380000000{i}"}}).json()["ruling"]["received_by"]
        for i in range(1, 6)
    ]
    assert owners == ["A", "B", "C", "D", "A"]
    events = list(m.Event.objects.filter(site=site).order_by("seq"))
    assert [e.prev_hash for e in events[1:]] == [e.hash for e in events[:-1]]


def test_a_manager_may_backdate_and_it_is_recorded(make_site, client_for):
    site = make_site()
    boss = client_for("boss", role="manager", site=site)
    at = (timezone.now() - timedelta(days=2)).isoformat()
    r = post_event(boss, site, {"at": at, "visit": {"phone": "13800000001", "by": "B"}})
    assert r.status_code == 201, r.content
    assert m.Event.objects.get(site=site, seq=1).backdated is True


BAD = [
    # case name, who posts, the raw body (a str is sent as is), status, field
    ("malformed_json", "A", '{"visit": {"phone": ', 400, None),
    ("not_an_object", "A", "[1, 2]", 400, None),
    ("unknown_event_type", "A", {"visitt": {"phone": "13800000009", "by": "A"}}, 400, "visitt"),
    (
        "two_event_types",
        "A",
        {"visit": {"phone": "13800000009", "by": "A"}, "call": {"phone": "13800000009"}},
        400,
        None,
    ),
    ("unknown_field", "A", {"visit": {"phone": "13800000009", "by": "A", "colour": "red"}}, 400, "colour"),
    ("invalid_phone", "A", {"visit": {"phone": "1380000000", "by": "A"}}, 400, "phone"),
    ("phone_with_letters", "A", {"visit": {"phone": "1380000000x", "by": "A"}}, 400, "phone"),
    ("missing_phone", "A", {"visit": {"by": "A"}}, 400, "phone"),
    ("bad_enum_value", "A", {"visit": {"phone": "13800000009", "by": "A", "source": "tv"}}, 400, "source"),
    ("unknown_staff", "boss", {"visit": {"phone": "13800000009", "by": "Z"}}, 400, "by"),
    ("sales_posts_as_someone_else", "A", {"visit": {"phone": "13800000009", "by": "B"}}, 403, "by"),
    ("sales_leaves_by_to_the_rotation", "A", {"visit": {"phone": "13800000009"}}, 403, "by"),
    ("sales_assigns", "A", {"assign": {"phone": "13800000001", "to": "A"}}, 403, "assign"),
    ("future_at", "boss", {"at": "2099-01-01 10:00", "visit": {"phone": "13800000009", "by": "A"}}, 400, "at"),
    ("bad_at", "boss", {"at": "yesterday", "visit": {"phone": "13800000009", "by": "A"}}, 400, "at"),
    ("sales_backdates", "A", {"at": "2026-01-01 10:00", "visit": {"phone": "13800000009", "by": "A"}}, 403, "at"),
    (
        "before_the_last_logged_event",
        "boss",
        {"at": "2020-01-01 10:00", "visit": {"phone": "13800000009", "by": "A"}},
        400,
        "at",
    ),
    ("deal_for_an_unknown_customer", "boss", {"deal": {"phone": "13900000009", "by": "A"}}, 400, "phone"),
]


@pytest.mark.parametrize(("who", "raw", "status", "field"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_input_is_refused_clearly_and_changes_nothing(make_site, client_for, who, raw, status, field):
    # given a site with one logged event (so that "before the last event" has a meaning)
    site = make_site()
    clients = {"A": client_for("A", site=site), "boss": client_for("boss", role="manager", site=site)}
    assert post_event(clients["A"], site, {"visit": {"phone": "13800000001", "by": "A"}}).status_code == 201
    before = _state(site)
    # when
    if isinstance(raw, str):
        r = clients[who].post(f"/api/v1/sites/{site.slug}/events", raw, content_type="application/json")
    else:
        r = post_event(clients[who], site, raw)
    # then: a clear error, Chinese first, naming the field, and nothing written
    assert r.status_code == status, r.content
    body = r.json()
    assert body["field"] == field
    assert body["error"] and any("\u4e00" <= ch <= "\u9fff" for ch in body["error"])
    assert _state(site) == before
    # and the site still works after a refusal (its cached engine state was not left ahead)
    r2 = post_event(clients["A"], site, {"visit": {"phone": "13800000002", "by": "A"}})
    assert r2.status_code == 201, r2.content


def test_without_credentials_nothing_is_answered(make_site, client):
    site = make_site()
    r = client.get(f"/api/v1/sites/{site.slug}/rotation")
    assert r.status_code == 401
    assert "error" in r.json()
    r = client.post(
        f"/api/v1/sites/{site.slug}/events",
        json.dumps({"visit": {"phone": "13800000001"}}),
        content_type="application/json",
        HTTP_AUTHORIZATION="Bearer nope",
    )
    assert r.status_code == 401
    assert m.Event.objects.count() == 0


def test_an_unknown_site_is_404(make_site, client_for):
    site = make_site()
    boss = client_for("boss", role="manager", site=site)
    assert boss.get("/api/v1/sites/nowhere/rotation").status_code == 404


def test_someone_not_on_the_staff_is_refused(make_site, client_for):
    site = make_site()
    other = make_site(slug="s2")
    stranger = client_for("A2", role="manager", site=other)
    assert stranger.get(f"/api/v1/sites/{site.slug}/rotation").status_code == 403


def test_the_schema_and_docs_are_served(make_site, client_for):
    site = make_site()
    boss = client_for("boss", role="manager", site=site)
    schema = boss.get("/api/v1/schema", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    document = json.loads(schema.content)
    assert "/api/v1/sites/{site}/events" in document["paths"]
    from drf_spectacular.validation import validate_schema

    validate_schema(document)  # a valid OpenAPI 3 document
    assert boss.get("/api/v1/docs").status_code == 200


def test_an_unknown_address_answers_json(make_site, client_for):
    site = make_site()
    boss = client_for("boss", role="manager", site=site)
    r = boss.get("/api/v1/nowhere")
    assert r.status_code == 404 and "error" in r.json()


def test_a_manager_rehearses_a_scenario(make_site, client_for):
    site = make_site()
    boss = client_for("boss", role="manager", site=site)
    doc = {
        "policy": "re-office",
        "staff": ["A", "B"],
        "events": [
            {"at": "2026-03-01 10:00", "visit": {"phone": "13800000001", "by": "A"}},
            {"at": "2026-03-02 10:00", "visit": {"phone": "13800000001", "by": "B"}},
        ],
        "expect": [{"owner": {"13800000001": "A"}}, {"owner": {"13800000001": "B"}}],
    }
    r = boss.post("/api/v1/scenarios/run", doc, format="json")
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["passed"] is False
    assert [c["ok"] for c in body["checks"]] == [True, False]
    assert [x["owner"] for x in body["rulings"]] == ["A", "A"]
    # the same as YAML text
    text = "policy: re-office\nstaff: [A]\nevents:\n  - {at: 2026-03-01 10:00, visit: {phone: '13800000001'}}\n"
    assert boss.post("/api/v1/scenarios/run", {"yaml": text}, format="json").json()["rulings"][0]["owner"] == "A"
    # nothing of a rehearsal touches the live site
    assert m.Event.objects.count() == 0


def test_a_bad_scenario_is_a_clear_400(make_site, client_for):
    site = make_site()
    boss = client_for("boss", role="manager", site=site)
    r = boss.post("/api/v1/scenarios/run", {"policy": "re-office", "staff": ["A"], "evnts": []}, format="json")
    assert r.status_code == 400 and "evnts" in r.json()["error"]


def test_a_bad_instant_in_a_query_is_a_400(make_site, client_for):
    site = make_site()
    boss = client_for("boss", role="manager", site=site)
    r = boss.get(f"/api/v1/sites/{site.slug}/rotation", {"at": "tomorrow"})
    assert r.status_code == 400 and r.json()["field"] == "at"


def test_refused_events_do_not_cost_the_cached_engine_state(make_site, client_for):
    from guishu.web import engine_state

    site = make_site()
    a = client_for("A", site=site)
    assert post_event(a, site, {"visit": {"phone": "13800000001", "by": "A"}}).status_code == 201
    cached = engine_state._CACHE[site.pk]
    assert post_event(a, site, {"visit": {"phone": "1380000000", "by": "A"}}).status_code == 400
    assert engine_state._CACHE[site.pk] is cached
    # a refusal the engine decides leaves the engine as it was: the same state serves the next write
    assert post_event(a, site, {"deal": {"phone": "13900000001", "by": "A"}}).status_code == 400
    assert engine_state._CACHE[site.pk] is cached
    assert post_event(a, site, {"visit": {"phone": "13800000002", "by": "A"}}).json()["event"] == 2
    assert engine_state._CACHE[site.pk] is cached and cached.seq == 2
