"""The wording: every sentence in one table, zh and en, worded only for a ruling, names never spaced."""

from __future__ import annotations

import ast
import re
from datetime import datetime, time
from pathlib import Path
from string import Formatter
from zoneinfo import ZoneInfo

import pytest

from guishu.engine import HOUSE, Site, StaffMember, load_policy
from guishu.engine import events as ev
from guishu.engine.clauses import CLAUSES, CLAUSES_EN
from guishu.engine.decision import Decision
from guishu.engine.rules.claims import FIRST, OLD, ROWS, claim
from guishu.engine.windows import Duration
from guishu.engine.wording import EN, KINDS, MESSAGES, STAFF, ZH, Voice, words

RULES = Path(__file__).parents[2] / "src" / "guishu" / "engine" / "rules"
TZ = ZoneInfo("Asia/Shanghai")
T0 = datetime(2026, 3, 1, 10, 0, tzinfo=TZ)
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")  # Chinese characters and punctuation

# one value of each kind, staff named so that their labels show
SAMPLE: dict[str, object] = {
    **{name: "S02" for name, kind in KINDS.items() if kind == STAFF},
    "staff": ["S02", "S03"],
    "at": T0,
    "until": datetime(2026, 3, 8, 0, 0, tzinfo=TZ),
    "window": Duration(3, "d"),
    "clock": time(17, 0),
    "status": "busy",
    "old": "on_duty",
    "new": "away",
    "contact": "wechat",
    "evidence": "register",
    "reason": "pool",
    "field": "phone",
    "fields": ["name", "property"],
    "event": "visit",
    "phone": "13800000001",
    "region": "West",
    "clause": "RE-4",
    "n": 3,
    "amount": 50,
    "value": "12345",
    "detail": "has 5 digits, not 11",
}


def test_every_value_a_sentence_may_name_has_a_sample() -> None:
    assert set(SAMPLE) == set(KINDS)


def test_say_records_the_sentence_with_its_values_by_name() -> None:
    d = Decision(True)
    d.say("visit.owner_receives", owner="A")
    assert d.said == [("visit.owner_receives", {"owner": "A"})]
    assert d.word(Voice({"A": StaffMember("A", "张伟")}, TZ)) == (
        "已登记的老客户，由原接待人张伟（A）接待，不计轮次。",
        "a registered customer, received by the owner 张伟 (A); no turn used.",
    )


def _say_calls() -> list[tuple[str, ast.Call]]:
    """Every ``….say(...)`` in the rules, with where it is."""
    calls = []
    for path in sorted(RULES.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "say":
                calls.append((f"{path.name}:{node.lineno}", node))
    return calls


def test_every_sentence_a_rule_says_exists_and_is_given_the_values_it_names() -> None:
    calls = _say_calls()
    assert len(calls) > 70  # the rules say what they decide
    for where, call in calls:
        given = {k.arg for k in call.keywords if k.arg is not None}
        assert given <= set(KINDS), f"{where}: {given - set(KINDS)} is not a value a sentence may name"
        key = call.args[0]
        if isinstance(key, ast.Constant):  # a literal id: it exists and gets every value its sentences name
            assert key.value in MESSAGES, where
            named = {n for t in MESSAGES[key.value] for _, n, _, _ in Formatter().parse(t) if n}
            assert named <= given or any(k.arg is None for k in call.keywords), f"{where}: {named - given} unsaid"


def test_a_replay_records_no_sentence() -> None:
    d = Decision(False)
    d.say("visit.owner_receives", owner="A")
    assert d.said == []


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_sentence_words_in_both_languages_names_unspaced_and_english_in_english(key: str) -> None:
    zh_template, en_template = MESSAGES[key]
    assert CJK.search(zh_template), "the Chinese sentence is in Chinese"
    assert not CJK.search(en_template), "the English sentence carries no Chinese words or punctuation"
    # given staff with names / when the sentence is worded with a value of each kind
    zh_voice = Voice({"S02": StaffMember("S02", "张伟"), "S03": StaffMember("S03", "李娜")}, TZ)
    zh = zh_voice.words(key, **SAMPLE)[0]
    en = Voice({"S02": StaffMember("S02", "Zhang Wei"), "S03": StaffMember("S03", "Li Na")}, TZ).words(key, **SAMPLE)[1]
    # then a name is never spaced inside the Chinese sentence, and the English one is English only
    names = [name for _, name, _, _ in Formatter().parse(zh_template) if name]
    if any(KINDS[n] == STAFF for n in names):
        assert "张伟（S02）" in zh
    assert " 张伟" not in zh and "（S02） " not in zh, zh
    assert not CJK.search(en), en
    assert "{" not in zh + en


def test_every_refusal_names_the_field_at_fault() -> None:
    for key, (zh, en) in MESSAGES.items():
        if key.startswith("refuse."):
            assert "{field}" in zh or re.search(r"（[a-z_]+）", zh), key
            assert "{field}" in en or re.search(r"\([a-z_]+[,)]", en), key


def test_a_label_is_the_name_and_the_code_the_pool_and_the_company_are_words() -> None:
    voice = Voice({"S02": StaffMember("S02", "张伟"), "A": StaffMember("A")}, TZ)
    assert voice.label("S02", ZH) == "张伟（S02）"
    assert voice.label("S02", EN) == "张伟 (S02)"
    assert voice.label("A") == "A"
    assert voice.label("Z") == "Z"  # unknown staff: the code as typed
    assert (voice.label(None, ZH), voice.label(None, EN)) == ("公共客户池", "the pool")
    assert (voice.label(HOUSE, ZH), voice.label(HOUSE, EN)) == ("公司", "the company")


def test_a_deadline_is_exclusive_and_shown_one_way() -> None:
    voice = Voice({}, TZ)
    zh, en = voice.words("window.protected_until", until=datetime(2026, 3, 8, 0, 0, tzinfo=TZ))
    assert zh == "保护期至 2026-03-08 00:00 前"
    assert en == "protected until 2026-03-08 00:00 (exclusive)"
    assert voice.words("park.chase_started", window=Duration(3, "mo"), until=T0)[1].startswith(
        "the chase window is 3 months"
    )


def test_a_missing_field_names_the_event_and_the_field_in_chinese_words_first() -> None:
    with pytest.raises(ev.EventError) as caught:
        ev.parse_event("visit", {}, T0)
    assert caught.value.field == "phone"
    assert caught.value.zh == "来访（visit）事件缺少必填字段：手机号（phone）"
    assert caught.value.en == "a visit needs the field phone"
    assert words("refuse.not_one_of", field="is", value="x", detail="busy")[0] == "状态（is）的值 x 无效（可用：busy）"


# ------------------------------------------------------------------ the claim table
def test_every_row_of_the_claim_table_has_its_sentence_and_known_clauses() -> None:
    for row in ROWS:
        assert row.key in MESSAGES, row.key
        assert row.clause is None or row.clause in CLAUSES
        assert all(c in CLAUSES or c in (FIRST, OLD) for c in row.clauses)


def test_the_rows_of_a_field_are_together_in_the_order_of_the_door() -> None:
    fields = [row.field for row in ROWS]
    order = list(dict.fromkeys(fields))
    assert fields == sorted(fields, key=order.index)  # each field's rows are contiguous
    assert order == [
        "recognized_by",
        "names",
        "designates",
        "invited_by",
        "relative_of",
        "referred_by",
        "brought_by",
        "family_of",
        "region",
    ]


@pytest.mark.parametrize(
    ("preset", "said", "owner", "clauses", "handover"),
    [
        # recognition comes before a name and a designation: the first row that matches wins
        pytest.param(
            "re-office", {"recognized_by": "B", "designates": "C"}, "B", ("RE-4",), True, id="recognized_first"
        ),
        pytest.param("re-office", {"designates": "C"}, "C", ("RE-5",), False, id="re5_designated"),
        pytest.param("reception-37", {"designates": "C"}, "C", ("RCPT-4",), False, id="rcpt4_asks_on_arrival"),
        # a departed claimant claims nothing: the table goes on to the next field
        pytest.param("re-office", {"names": "D", "designates": "C"}, "C", ("RE-5",), False, id="departed_skipped"),
        pytest.param("re-office", {"invited_by": "B"}, "B", ("P-2", "RE-1"), False, id="invited_first_clause"),
    ],
)
def test_the_claim_table_first_match_wins(
    preset: str, said: dict[str, str], owner: str, clauses: tuple[str, ...], handover: bool
) -> None:
    # given a site where D has departed / when a new customer says this at the door
    site = Site(load_policy(preset), [StaffMember(c) for c in "ABCD"])
    site.apply(ev.Status(at=T0, id=None, staff="D", is_="departed"))
    found = claim(site, ev.Visit(at=T0, id=None, phone="13800000001", **said), None, {})  # type: ignore[arg-type]
    # then the claim is the first matching row's
    assert found is not None
    assert (found.owner, found.clauses, found.handover) == (owner, clauses, handover)


def test_every_clause_has_an_english_title() -> None:
    assert set(CLAUSES_EN) == set(CLAUSES)
    assert not any(CJK.search(title) for title in CLAUSES_EN.values())
