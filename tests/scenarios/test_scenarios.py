"""The scenario files as tests: the agreed cases (a copy of ../shared/scenarios), our own
cases for every clause, and the shared folder itself when it is there."""

from __future__ import annotations

from pathlib import Path

import pytest

from guishu.scenarios.runner import FileResult, run_file
from tests.conftest import SHARED_SCENARIOS

HERE = Path(__file__).parent
AGREED = sorted((HERE / "agreed").glob("*.yaml"))
OWN = sorted((HERE / "own").glob("*.yaml"))
SHARED = sorted(SHARED_SCENARIOS.glob("*.yaml")) if SHARED_SCENARIOS.is_dir() else []


def _explain_failure(result: FileResult) -> str:
    lines = [f"{result.path}: {result.title}"]
    if result.error:
        lines.append(result.error)
    for c in result.checks:
        if not c.ok:
            lines.append(f"  {c.what}: expected {c.expected!r}, got {c.got!r} (clauses {c.clauses})")
    return "\n".join(lines)


def _check(path: Path) -> None:
    result = run_file(path)
    assert result.checks or result.error, f"{path} has no checks"
    assert result.passed, _explain_failure(result)


@pytest.mark.parametrize("path", AGREED, ids=[p.stem for p in AGREED])
def test_agreed_scenario(path: Path) -> None:
    _check(path)


@pytest.mark.parametrize("path", OWN, ids=[p.stem for p in OWN])
def test_own_scenario(path: Path) -> None:
    _check(path)


@pytest.mark.skipif(not SHARED, reason="../shared/scenarios is not beside this checkout")
@pytest.mark.parametrize("path", SHARED, ids=[p.stem for p in SHARED])
def test_shared_scenario(path: Path) -> None:
    _check(path)


def test_the_agreed_copy_is_in_sync_with_shared() -> None:
    if not SHARED:
        pytest.skip("../shared/scenarios is not beside this checkout")
    ours = {p.name: p.read_bytes() for p in AGREED}
    theirs = {p.name: p.read_bytes() for p in SHARED}
    assert ours == theirs, "tests/scenarios/agreed differs from ../shared/scenarios: run `make sync-scenarios`"
