"""The compiled engine is used only when it was built from the current sources (guishu/_compiled.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from guishu import _compiled
from guishu._compiled import DIGEST_FILE, StaleEngineBuild, engine_build_path, engine_files, sources_digest

SO = ".cpython-311-x86_64-linux-gnu.so"


def _engine(root: Path) -> Path:
    engine = root / "engine"
    (engine / "rules").mkdir(parents=True)
    (engine / "presets").mkdir()
    (engine / "__init__.py").write_text('"""engine"""\n')
    (engine / "site.py").write_text("X = 1\n")
    (engine / "rules" / "__init__.py").write_text("")
    (engine / "presets" / "park.toml").write_text("a = 1\n")
    return engine


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A package with its engine sources, and where a checkout's build of it would be."""
    package, build = tmp_path / "src" / "guishu", tmp_path / "build" / "engine" / "guishu"
    _engine(package)
    monkeypatch.setattr(_compiled, "PACKAGE", package)
    monkeypatch.setattr(_compiled, "CHECKOUT_BUILD", build)
    monkeypatch.delenv("GUISHU_PURE", raising=False)
    return package, build


def _build(package: Path, build: Path) -> None:
    (build / "engine").mkdir(parents=True)
    (build / "engine" / ("site" + SO)).write_bytes(b"\x7fELF")
    (build / DIGEST_FILE).write_text(sources_digest(package / "engine") + "\n")


def test_the_digest_covers_sources_and_presets_and_nothing_else(tmp_path: Path) -> None:
    engine = _engine(tmp_path)
    names = [p.relative_to(engine).as_posix() for p in engine_files(engine)]
    assert names == ["__init__.py", "presets/park.toml", "rules/__init__.py", "site.py"]
    before = sources_digest(engine)
    (engine / "__pycache__").mkdir()
    (engine / "__pycache__" / "site.cpython-311.pyc").write_bytes(b"x")
    (engine / ("site" + SO)).write_bytes(b"x")
    assert sources_digest(engine) == before


@pytest.mark.parametrize(
    "change",
    [
        lambda e: (e / "site.py").write_text("X = 2\n"),
        lambda e: (e / "presets" / "park.toml").write_text("a = 2\n"),
        lambda e: (e / "rules" / "new.py").write_text(""),
        lambda e: (e / "site.py").rename(e / "place.py"),
        lambda e: (e / "rules" / "__init__.py").unlink(),
    ],
    ids=["edit", "preset", "new module", "rename", "delete"],
)
def test_any_change_of_the_sources_changes_the_digest(tmp_path: Path, change) -> None:
    engine = _engine(tmp_path)
    before = sources_digest(engine)
    change(engine)
    assert sources_digest(engine) != before


def test_no_build_means_the_source(tree: tuple[Path, Path]) -> None:
    assert engine_build_path() == []


def test_a_current_checkout_build_is_searched_first(tree: tuple[Path, Path]) -> None:
    package, build = tree
    _build(package, build)
    assert engine_build_path() == [str(build)]


def test_pure_leaves_the_checkout_build_out_even_when_stale(
    tree: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    package, build = tree
    _build(package, build)
    (package / "engine" / "site.py").write_text("X = 2\n")
    monkeypatch.setenv("GUISHU_PURE", "1")
    assert engine_build_path() == []


def test_a_stale_checkout_build_refuses_to_load(tree: tuple[Path, Path]) -> None:
    package, build = tree
    _build(package, build)
    (package / "engine" / "site.py").write_text("X = 2\n")
    with pytest.raises(ImportError) as caught:
        engine_build_path()
    assert isinstance(caught.value, StaleEngineBuild)
    message = str(caught.value)
    assert message.startswith("编译版引擎已过期")
    assert "make setup" in message and "GUISHU_PURE=1" in message and str(build) in message


def test_modules_compiled_in_place_must_be_current_whatever_pure_says(
    tree: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    package, _ = tree
    (package / "engine" / ("site" + SO)).write_bytes(b"\x7fELF")
    monkeypatch.setenv("GUISHU_PURE", "1")
    with pytest.raises(StaleEngineBuild, match="reinstall guishu"):
        engine_build_path()  # compiled files without the digest of their sources: left by an older build
    (package / DIGEST_FILE).write_text(sources_digest(package / "engine") + "\n")
    assert engine_build_path() == []  # an installed wheel: its compiled modules sit in place and are current
    (package / "engine" / "site.py").write_text("X = 2\n")
    with pytest.raises(StaleEngineBuild):
        engine_build_path()
