"""The service's commands, in-process on the test database: site load, token create, demo."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import authenticate

from guishu.cli import main
from guishu.scenarios.loader import load_scenario
from guishu.scenarios.runner import replay
from guishu.web import models as m
from guishu.web.integrity import verify_site

AGREED = Path(__file__).resolve().parent.parent / "scenarios" / "agreed"


def test_site_load_makes_a_scenario_a_live_site(db, capsys):
    path = AGREED / "mc-04-skip-then-one-makeup.yaml"
    assert main(["site", "load", str(path), "--name", "mc04"]) == 0
    site = m.Site.objects.get(slug="mc04")
    assert site.policies.get().preset == "appointment-7d"
    assert list(site.staff.values_list("code", flat=True)) == ["A", "B", "C", "D"]
    _, rulings = replay(load_scenario(path))
    assert site.events.count() == sum(r.accepted for r in rulings)
    assert verify_site(site) == []
    assert "mc04" in capsys.readouterr().out


def test_site_load_without_events(db):
    assert main(["site", "load", str(AGREED / "re-01-first-reception.yaml"), "--name", "re01", "--no-events"]) == 0
    assert m.Site.objects.get(slug="re01").events.count() == 0


def test_site_load_refuses_a_bad_file(db, tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("policy: nowhere\nstaff: [A]\n", encoding="utf-8")
    assert main(["site", "load", str(bad), "--name", "bad"]) == 2
    assert "nowhere" in capsys.readouterr().err
    assert not m.Site.objects.filter(slug="bad").exists()


def test_token_create_prints_the_token_last_and_it_works(db, capsys, client):
    assert main(["site", "load", str(AGREED / "re-01-first-reception.yaml"), "--name", "re01"]) == 0
    capsys.readouterr()
    assert main(["token", "create", "xiaowang", "--role", "desk", "--site", "re01"]) == 0
    token = capsys.readouterr().out.strip().splitlines()[-1]
    staff = m.Staff.objects.get(site__slug="re01", code="xiaowang")
    assert staff.role == "desk" and staff.user.username == "xiaowang"
    r = client.get("/api/v1/sites/re01/rotation", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert r.status_code == 200 and r.json()["next"]
    # an existing staff code becomes that person's login
    assert main(["token", "create", "A", "--site", "re01"]) == 0
    assert m.Staff.objects.get(site__slug="re01", code="A").user.username == "A"


def test_demo_loads_once_and_verifies(db, capsys):
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "binjiang-manager" in out and "guishu-demo" in out
    assert authenticate(username="binjiang-manager", password="guishu-demo") is not None
    sites = list(m.Site.objects.all())
    assert len(sites) >= 5 and {s.policies.get().preset for s in sites} >= {"re-office", "greenmaple"}
    assert all(s.events.count() > 100 for s in sites)
    assert all(verify_site(s) == [] for s in sites)
    events = m.Event.objects.count()
    assert main(["demo"]) == 0  # idempotent
    assert m.Event.objects.count() == events
