"""The `guishu` command: `scenario run` prints PASS/FAIL per file, `N passed, M failed`, and its exit code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from guishu.cli import main

PASSING = """\
title: 新客户归首接
policy: re-office
staff: [A, B]
events:
  - at: 2026-03-01 10:00
    visit: {phone: "13800000001"}
expect:
  - owner: {"13800000001": A}
  - next: B
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_run_a_passing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "ok.yaml", PASSING)
    assert main(["scenario", "run", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("PASS")
    assert out.splitlines()[-1] == "1 passed, 0 failed"


def test_run_a_failing_file_shows_expected_and_got(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "bad.yaml", PASSING.replace("next: B", "next: A"))
    assert main(["scenario", "run", str(path)]) == 1
    out = capsys.readouterr().out
    assert "FAIL" in out and "expected 'A'" in out and "got 'B'" in out
    assert out.splitlines()[-1] == "0 passed, 1 failed"


def test_an_unreadable_file_counts_as_failed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, "a.yaml", PASSING)
    write(tmp_path, "b.yaml", PASSING.replace("title:", "titel:"))
    assert main(["scenario", "run", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "titel" in out
    assert out.splitlines()[-1] == "1 passed, 1 failed"


def test_run_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "ok.yaml", PASSING)
    assert main(["scenario", "run", "--json", str(path)]) == 0
    out = capsys.readouterr().out
    body, last = out.rsplit("\n", 2)[0], out.splitlines()[-1]
    data = json.loads(body)
    assert data["passed"] == 1 and data["failed"] == 0
    assert data["files"][0]["passed"] is True
    assert last == "1 passed, 0 failed"


def test_run_nothing_found(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scenario", "run", str(tmp_path)]) == 1
    assert capsys.readouterr().out.strip() == "0 passed, 0 failed"


@pytest.mark.parametrize(
    ("lang", "word"), [pytest.param("zh", "A", id="chinese"), pytest.param("en", "A", id="english")]
)
def test_explain(tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, word: str) -> None:
    path = write(tmp_path, "ok.yaml", PASSING)
    assert main(["scenario", "explain", "--lang", lang, str(path)]) == 0
    out = capsys.readouterr().out
    assert "13800000001" in out or "138****0001" in out
    assert word in out


def test_explain_an_unreadable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "bad.yaml", PASSING.replace("visit:", "vist:"))
    assert main(["scenario", "explain", str(path)]) == 2
    assert "vist" in capsys.readouterr().err


def test_presets_lists_every_preset(capsys: pytest.CaptureFixture[str]) -> None:
    from guishu.engine import preset_ids

    assert main(["presets"]) == 0
    out = capsys.readouterr().out
    assert [line.split()[0] for line in out.splitlines()] == preset_ids()
