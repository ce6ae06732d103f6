"""Use the mypyc-compiled engine only when it was built from the engine's current sources.

``make setup`` compiles the engine's modules in place (``setup.py``); Python prefers a compiled
module over its ``.py``. If any engine source changed since that build — an edit, a checkout —
the whole engine is imported from source instead (all or nothing, because compiled modules call
each other directly), so a stale build can never answer. ``GUISHU_PURE=1`` always uses the source.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType

ENGINE = Path(__file__).resolve().parent / "engine"
STAMP = ENGINE / ".compiled-sources"


def sources_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(ENGINE.rglob("*.py")):
        digest.update(path.relative_to(ENGINE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def write_stamp() -> None:
    """After a successful build: record the sources it was built from."""
    STAMP.write_text(sources_digest() + "\n")


def clean() -> None:
    """Remove the compiled engine (before a build, or to go back to pure Python)."""
    STAMP.unlink(missing_ok=True)
    for path in list(ENGINE.rglob("*.so")) + list(ENGINE.parent.parent.glob("*__mypyc*.so")):
        path.unlink()


def compiled_is_current() -> bool:
    if os.environ.get("GUISHU_PURE") == "1" or not STAMP.is_file():
        return False
    return STAMP.read_text().strip() == sources_digest()


class _SourceFirst(importlib.abc.MetaPathFinder):
    """Finds ``guishu.engine`` modules as ``.py`` files, ignoring compiled ones."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname != "guishu.engine" and not fullname.startswith("guishu.engine."):
            return None
        parts = fullname.split(".")[2:]
        base = ENGINE.joinpath(*parts)
        if base.is_dir() and (base / "__init__.py").is_file():
            return importlib.util.spec_from_file_location(
                fullname, base / "__init__.py", submodule_search_locations=[str(base)]
            )
        source = base.with_suffix(".py")
        if source.is_file():
            return importlib.util.spec_from_file_location(fullname, source)
        return None


def install() -> None:
    compiled = any(ENGINE.rglob("*.so"))
    if compiled and not compiled_is_current() and not any(isinstance(f, _SourceFirst) for f in sys.meta_path):
        sys.meta_path.insert(0, _SourceFirst())


def engine_is_compiled() -> bool:
    site = sys.modules.get("guishu.engine.site")
    return site is not None and str(getattr(site, "__file__", "")).endswith((".so", ".pyd"))
