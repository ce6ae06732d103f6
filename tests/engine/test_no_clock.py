"""The engine never reads the clock: time is passed in (STYLE.md, "Pass `now` in")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ENGINE = Path(__file__).resolve().parents[2] / "src" / "guishu" / "engine"
FORBIDDEN = [
    r"datetime\.now\b",
    r"datetime\.utcnow\b",
    r"date\.today\b",
    r"time\.time\b",
    r"time\.monotonic\b",
    r"time\.perf_counter\b",
    r"^\s*import time\b",
    r"^\s*from time import\b",
]
SOURCES = sorted(ENGINE.rglob("*.py"))


def test_the_engine_sources_are_found() -> None:
    assert len(SOURCES) >= 10


@pytest.mark.parametrize("pattern", FORBIDDEN)
def test_the_engine_never_reads_the_clock(pattern: str) -> None:
    # given every source file of the engine / when searched / then no clock is read anywhere
    found = [
        f"{path.relative_to(ENGINE)}:{n}: {line.strip()}"
        for path in SOURCES
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(pattern, line)
    ]
    assert not found, "the engine reads the clock:\n" + "\n".join(found)
