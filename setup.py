"""The build hook: compile the engine's modules with mypyc (the one place that knows how).

The engine is plain, strictly typed Python; mypyc turns the modules of ``COMPILED`` into
C extensions that give the same rulings several times faster. They are compiled unless
``GUISHU_PURE=1``, mypyc is not installed or there is no C compiler; the engine then stays pure
Python. Every compiled build records the digest of the engine sources it was built from
(``guishu/engine-sources.sha256``); ``guishu/_compiled.py`` refuses to load a build whose
digest no longer matches the sources.

- ``pip install .`` builds a wheel through PEP 517 (``[build-system]`` in pyproject.toml pins
  setuptools and mypy): the compiled modules sit beside their sources.
- ``make engine`` (run by ``make setup``) builds into ``build/engine/guishu/``: the compiled
  modules with a copy of the engine's sources, which ``import guishu`` puts first on the
  package's path when the build is current (``GUISHU_PURE=1`` leaves it out).
"""

from __future__ import annotations

import os
import runpy
import shutil
import sysconfig
from pathlib import Path
from typing import Any

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = Path(__file__).resolve().parent
ENGINE = HERE / "src" / "guishu" / "engine"

# The compiled modules, one per line: adding a module to the compiled engine is adding its line here.
COMPILED = [
    "src/guishu/engine/events.py",
    "src/guishu/engine/errors.py",
    "src/guishu/engine/site.py",
    "src/guishu/engine/views.py",
    "src/guishu/engine/calendar.py",
    "src/guishu/engine/staff.py",
    "src/guishu/engine/book.py",
    "src/guishu/engine/ledger.py",
    "src/guishu/engine/decision.py",
    "src/guishu/engine/state.py",
    "src/guishu/engine/rotation.py",
    "src/guishu/engine/windows.py",
    "src/guishu/engine/phones.py",
    "src/guishu/engine/splits.py",
    "src/guishu/engine/policy.py",
    "src/guishu/engine/rulings.py",
    "src/guishu/engine/wording/__init__.py",
    "src/guishu/engine/wording/terms.py",
    "src/guishu/engine/wording/reception.py",
    "src/guishu/engine/wording/records.py",
    "src/guishu/engine/wording/refusals.py",
    "src/guishu/engine/rules/common.py",
    "src/guishu/engine/rules/switches.py",
    "src/guishu/engine/rules/protection.py",
    "src/guishu/engine/rules/claims.py",
    "src/guishu/engine/rules/receptions.py",
    "src/guishu/engine/rules/walkins.py",
    "src/guishu/engine/rules/park.py",
    "src/guishu/engine/rules/visits.py",
    "src/guishu/engine/rules/contacts.py",
    "src/guishu/engine/rules/deals.py",
    "src/guishu/engine/rules/links.py",
    "src/guishu/engine/rules/management.py",
    "src/guishu/engine/snapshot/codec.py",
    "src/guishu/engine/snapshot/records.py",
    "src/guishu/engine/snapshot/customers.py",
    "src/guishu/engine/snapshot/document.py",
]

# the digest and the list of engine files, shared with the runtime check (stdlib only, loaded by path)
_build = runpy.run_path(str(HERE / "src" / "guishu" / "_compiled.py"))


def _why_pure() -> str | None:
    """None when the engine can be compiled here, else the reason it stays pure Python."""
    if os.environ.get("GUISHU_PURE") == "1":
        return "GUISHU_PURE=1"
    try:
        import mypyc.build  # noqa: F401
    except ImportError:
        return "mypyc is not installed"
    compiler = (os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(compiler) is None:
        return f"no C compiler ({compiler})"
    return None


def _engine_extensions() -> list[Extension]:
    why = _why_pure()
    if why is not None:
        print(f"guishu: the engine stays pure Python ({why})")
        return []
    from mypyc.build import mypycify

    # "--config-file=": not pyproject's [tool.mypy], whose Django plugins the framework-free engine does not need
    # (and a PEP 517 build does not install); one shared library, guishu/engine__mypyc, holds the compiled code
    options = ["--config-file=", *COMPILED]
    return list(mypycify(options, opt_level="3", separate=False, group_name="guishu.engine"))


class BuildEngine(build_ext):
    """build_ext, then the digest of the sources compiled, beside the compiled modules."""

    def run(self) -> None:
        super().run()
        if not self.extensions:
            return
        package = ENGINE.parent if self.inplace else Path(self.build_lib) / "guishu"
        if not self.inplace:
            # a build directory is a whole engine package: sources and presets beside the compiled modules
            for source in _build["engine_files"](ENGINE):
                target = package / "engine" / source.relative_to(ENGINE)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
        (package / _build["DIGEST_FILE"]).write_text(_build["sources_digest"](ENGINE) + "\n")


setup_args: dict[str, Any] = {"ext_modules": _engine_extensions(), "cmdclass": {"build_ext": BuildEngine}}
setup(**setup_args)
