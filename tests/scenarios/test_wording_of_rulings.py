"""The rulings of every scenario file read as a user reads them: names unspaced in Chinese, English in
English (the users' own data aside), and one way of showing a deadline."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from guishu.engine import StaffMember
from guishu.scenarios.explain import explain
from guishu.scenarios.loader import Scenario, ScenarioError, load_scenario
from guishu.scenarios.runner import replay

HERE = Path(__file__).parent
FILES = sorted((HERE / "agreed").glob("*.yaml")) + sorted((HERE / "own").glob("*.yaml"))
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+")


def _load(path: Path) -> Scenario:
    """The scenario with a Chinese name for every staff member, so that their labels show in every sentence."""
    try:
        scenario = load_scenario(path)
    except ScenarioError as exc:  # the scenario tests report a bad file
        pytest.skip(str(exc))
    named = [(s, s.name if s.name and s.name != s.code else f"王{s.code}") for s in scenario.staff]
    staff = [StaffMember(s.code, name, s.team, s.role, s.region, s.status) for s, name in named]
    return dataclasses.replace(scenario, staff=staff)


def _users_words(scenario: Scenario) -> set[str]:
    """What the users typed (staff names, customer names, regions, points, …): shown as typed in English too."""
    found = {s.name for s in scenario.staff if s.name}
    for entry in scenario.events:
        if entry.event is not None:
            found.update(v for v in entry.event.body().values() if isinstance(v, str))
    return {w for w in found if CJK.search(w)}


def _english_only(text: str, users: set[str]) -> list[str]:
    for word in sorted(users, key=len, reverse=True):
        text = text.replace(word, "")
    return CJK.findall(text)


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_the_rulings_of_a_scenario_read_well(path: Path) -> None:
    scenario = _load(path)
    site, rulings = replay(scenario)
    users = _users_words(scenario)
    labels = [site.voice.label(s.code) for s in scenario.staff]
    assert all("（" in label for label in labels)
    for r in rulings:
        where = f"{path.name} #{r.index}"
        # a name is never spaced inside a Chinese sentence
        for label in labels:
            assert f" {label}" not in r.reason and f"{label} " not in r.reason, where
        # the English reason, its splits and its notices are English (what users typed aside)
        english = [r.reason_en, *(s.reason_en for s in r.amended), *(n.message_en for n in r.notices)]
        if r.split is not None:
            english.append(r.split.reason_en)
        for text in english:
            assert not _english_only(text, users), f"{where}: {text}"
        # a deadline is exclusive and always shown as "… 前"
        if r.protected_until is not None:
            shown = site.voice.time(r.protected_until)
            assert shown not in r.reason or f"{shown} 前" in r.reason, f"{where}: {r.reason}"
        assert not re.search(r"至 \d{4}-\d{2}-\d{2} 23:59", r.reason), where  # never the inclusive way


@pytest.mark.parametrize("path", FILES[::7], ids=[p.stem for p in FILES[::7]])
def test_explain_in_english_carries_no_chinese_but_the_users_own(path: Path) -> None:
    scenario = _load(path)
    users = _users_words(scenario) | {scenario.title}
    text = explain(scenario, "en")
    assert not _english_only(text, users), text
    assert "=" not in text.replace("==", ""), "values are shown in words, not as key=value"
