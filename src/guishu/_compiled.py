"""Which engine ``import guishu.engine`` gets: the mypyc build when it is current, never a stale one.

``setup.py`` compiles the engine and records the digest of the sources it compiled
(``engine-sources.sha256``). At import, that digest is compared with the sources:

- modules compiled in place (an installed wheel) are always the ones Python loads, so they
  must be current;
- a checkout's build (``make engine``: ``build/engine/guishu/``, compiled modules with a copy of
  the engine's sources) is searched before ``src/guishu`` when current, and left out with
  ``GUISHU_PURE=1``, which then runs the pure-Python source.

A build that no longer matches the sources raises :class:`StaleEngineBuild` instead of answering.
This module uses only the standard library: ``setup.py`` loads it by path for the same digest.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

DIGEST_FILE = "engine-sources.sha256"
PACKAGE = Path(__file__).resolve().parent
CHECKOUT_BUILD = PACKAGE.parent.parent / "build" / "engine" / "guishu"
COMPILED_SUFFIXES = (".so", ".pyd")


class StaleEngineBuild(ImportError):
    """The compiled engine was built from other sources than the ones beside it."""


def engine_files(engine: Path) -> Iterator[Path]:
    """The engine's sources and data, in a fixed order: what a build copies and its digest covers."""
    yield from sorted(p for p in engine.rglob("*") if p.suffix in (".py", ".toml") and "__pycache__" not in p.parts)


def sources_digest(engine: Path) -> str:
    digest = hashlib.sha256()
    for path in engine_files(engine):
        digest.update(path.relative_to(engine).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def _check(build: Path, remedy_zh: str, remedy_en: str) -> None:
    stamp = build / DIGEST_FILE
    built = stamp.read_text().strip() if stamp.is_file() else "(none)"
    if built != sources_digest(PACKAGE / "engine"):
        raise StaleEngineBuild(
            f"编译版引擎已过期：{build} 中的编译产物不是由当前引擎源码生成的。{remedy_zh} / "
            f"The compiled engine in {build} was not built from the current engine sources: {remedy_en}."
        )


def engine_build_path() -> list[str]:
    """The directories to search before ``guishu``'s own for ``guishu.engine``: a current checkout build, or none.

    Raises StaleEngineBuild when the build that would be loaded does not match the sources.
    """
    if any(p.suffix in COMPILED_SUFFIXES for p in (PACKAGE / "engine").rglob("*")):
        # compiled in place (an installed wheel): Python loads these whatever GUISHU_PURE says
        _check(
            PACKAGE,
            "请重新安装 guishu；在源码目录中请运行 make setup（它会移除 src/guishu/engine 中遗留的编译文件）。",
            "reinstall guishu; in a checkout run `make setup`, which removes compiled files left in src/guishu/engine",
        )
        return []
    if os.environ.get("GUISHU_PURE") == "1" or not (CHECKOUT_BUILD / DIGEST_FILE).is_file():
        return []
    _check(
        CHECKOUT_BUILD,
        "请运行 make setup 重新编译，或设置 GUISHU_PURE=1 使用纯 Python 引擎。",
        "run `make setup` to rebuild it, or set GUISHU_PURE=1 to run the pure-Python engine",
    )
    return [str(CHECKOUT_BUILD)]


def engine_is_compiled() -> bool:
    """Whether the engine imported in this process is the compiled one."""
    site = sys.modules.get("guishu.engine.site")
    return site is not None and str(getattr(site, "__file__", "")).endswith(COMPILED_SUFFIXES)
