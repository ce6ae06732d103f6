"""The permission matrix (P-5): for each role and each endpoint, allowed, refused (403) or masked.

Given a site where A (sales) owns customer 13800000001 and closed deal 1 with them, each role is
played by someone who is *not* that customer's owner.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from guishu.engine import StaffMember
from guishu.web import models as m

from .conftest import post_event

PHONE = "13800000001"
ACTOR = {"sales": "B", "agent": "G", "lead": "L", "manager": "M", "desk": "D", "finance": "F", "admin": "X"}
SCENARIO = {
    "policy": "re-office",
    "staff": ["A", "B"],
    "events": [{"at": "2026-03-01 10:00", "visit": {"phone": PHONE, "by": "A"}}],
    "expect": [{"owner": {PHONE: "A"}}],
}

# role: lookup, history, rotation, deal, post a visit for A, assign, scenario run, backdate
MATRIX = {
    "sales": ("masked", "masked", 200, 403, 403, 403, 403, 403),
    "agent": ("masked", "masked", 403, 403, 403, 403, 403, 403),
    "lead": ("full", "full", 200, 200, 201, 403, 403, 403),
    "manager": ("full", "full", 200, 200, 201, 201, 200, 201),
    "desk": ("full", "full", 200, 403, 201, 403, 403, 403),
    "finance": ("full", "full", 200, 200, 403, 403, 403, 403),
    "admin": ("full", "full", 200, 200, 201, 201, 200, 201),
}
ENDPOINTS = ("lookup", "history", "rotation", "deal", "post_visit", "assign", "scenario_run", "backdate")


@pytest.fixture
def world(make_site, client_for):
    staff = [
        StaffMember("A", "王丽"),
        StaffMember("B", "张伟"),
        StaffMember("G", "外部业务员", role="agent"),
        StaffMember("L", "组长", role="lead"),
        StaffMember("M", "经理", role="manager"),
        StaffMember("D", "前台", role="desk"),
        StaffMember("F", "财务", role="finance"),
        StaffMember("X", "管理员", role="admin"),
    ]
    site = make_site(staff=tuple(staff))
    owner = client_for("A", site=site)
    clients = {role: client_for(code, site=site) for role, code in ACTOR.items()}
    # the history is registered by the manager three hours ago, so that backdating to an hour ago is possible
    at = (timezone.now() - timedelta(hours=3)).isoformat()
    for raw in ({"visit": {"phone": PHONE, "by": "A", "name": "李先生"}}, {"deal": {"phone": PHONE, "by": "A"}}):
        assert post_event(clients["manager"], site, {"at": at, **raw}).status_code == 201
    return site, owner, clients


def _call(site, client, endpoint: str, n: int):
    base = f"/api/v1/sites/{site.slug}"
    if endpoint == "lookup":
        return client.get(f"{base}/customers/{PHONE}")
    if endpoint == "history":
        return client.get(f"{base}/customers/{PHONE}/events")
    if endpoint == "rotation":
        return client.get(f"{base}/rotation")
    if endpoint == "deal":
        return client.get(f"{base}/deals/1")
    if endpoint == "post_visit":
        return post_event(client, site, {"visit": {"phone": f"1390000{n:04d}", "by": "A"}})
    if endpoint == "assign":
        return post_event(client, site, {"assign": {"phone": PHONE, "to": "B", "reason": "other"}})
    if endpoint == "scenario_run":
        return client.post("/api/v1/scenarios/run", SCENARIO, format="json")
    if endpoint == "backdate":
        at = (timezone.now() - timedelta(hours=1)).isoformat()
        return post_event(client, site, {"at": at, "status": {"staff": "B", "is": "on_duty"}})
    raise AssertionError(endpoint)


CASES = [
    (role, endpoint, expected)
    for role, row in MATRIX.items()
    for endpoint, expected in zip(ENDPOINTS, row, strict=True)
]


@pytest.mark.parametrize(("role", "endpoint", "expected"), CASES, ids=[f"{r}-{e}-{x}" for r, e, x in CASES])
def test_permission_matrix(world, role, endpoint, expected):
    site, _, clients = world
    looked_up = m.LookupLog.objects.count()
    events = m.Event.objects.count()
    r = _call(site, clients[role], endpoint, n=list(MATRIX).index(role))
    if expected in ("full", "masked"):
        assert r.status_code == 200, r.content
        body = r.json()
        assert body["masked"] is (expected == "masked")
        if expected == "masked":
            # they learn only that the customer is protected, and until when
            assert body["phone"] == "138****0001"
            assert body["protected"] is True
            assert "owner" not in body and "name" not in body and "owner_reason" not in body
            assert body.get("events") is None
        else:
            assert body["phone"] == PHONE and body["owner"] == "A"
        # P-5: every look-up is recorded: who, when, which phone
        log = m.LookupLog.objects.order_by("-id").first()
        assert m.LookupLog.objects.count() == looked_up + 1
        assert log.staff_code == ACTOR[role] and log.phone == PHONE and log.masked is (expected == "masked")
    else:
        assert r.status_code == expected, r.content
        if expected == 403:
            assert r.json()["error"]
            assert m.Event.objects.count() == events


def test_the_owner_sees_their_own_customer_and_deal_in_full(world):
    site, owner, _ = world
    body = owner.get(f"/api/v1/sites/{site.slug}/customers/{PHONE}").json()
    assert body["masked"] is False and body["owner"] == "A" and body["name"] == "李先生"
    history = owner.get(f"/api/v1/sites/{site.slug}/customers/{PHONE}/events").json()
    assert [e["kind"] for e in history["events"]] == ["visit", "deal"]
    deal = owner.get(f"/api/v1/sites/{site.slug}/deals/1").json()
    assert deal["credit"] == {"A": "100.00"} or deal["credit"] == {"A": "100"}


def test_the_desk_is_told_who_receives(world):
    site, _, clients = world
    body = clients["desk"].get(f"/api/v1/sites/{site.slug}/customers/{PHONE}").json()
    assert body["desk"]["receive_by"] == "A" and "ROT-4" in body["desk"]["clauses"]
    new = clients["desk"].get(f"/api/v1/sites/{site.slug}/customers/13700000000").json()
    assert new["registered"] is False and new["desk"]["counted_turn"] is True


def test_the_browser_logs_in_with_a_session(make_site, client):
    # given a desk login with a password
    from django.contrib.auth.models import User

    site = make_site(staff=("A", StaffMember("D", "前台", role="desk")))
    user = User.objects.create_user("frontdesk", password="pw-123456")
    m.Staff.objects.filter(site=site, code="D").update(user=user)
    # when the browser logs in through the login page
    page = client.get("/api/v1/auth/login/")
    assert page.status_code == 200
    r = client.post(
        "/api/v1/auth/login/",
        {"username": "frontdesk", "password": "pw-123456", "csrfmiddlewaretoken": page.cookies["csrftoken"].value},
    )
    assert r.status_code == 302
    # then its session is enough to use the API
    assert client.get(f"/api/v1/sites/{site.slug}/rotation").json()["next"] == "A"
