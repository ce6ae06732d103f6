"""Build hook: compile the engine's hot modules with mypyc when it is available.

The engine is plain, strictly typed Python; mypyc turns the modules below into C extensions
that replay a log several times faster. ``GUISHU_PURE=1`` (or a machine without a compiler)
keeps the pure-Python modules, which behave identically. ``make setup`` builds in place and
then records which sources the build is of (``guishu/_compiled.py``), so a stale build is never used.
"""

from __future__ import annotations

import os

from setuptools import setup

COMPILED = [
    "src/guishu/engine/events.py",
    "src/guishu/engine/site.py",
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
    "src/guishu/engine/rules/claims.py",
    "src/guishu/engine/rules/receptions.py",
    "src/guishu/engine/rules/walkins.py",
    "src/guishu/engine/rules/park.py",
    "src/guishu/engine/rules/visits.py",
    "src/guishu/engine/rules/contacts.py",
    "src/guishu/engine/rules/deals.py",
    "src/guishu/engine/rules/links.py",
    "src/guishu/engine/rules/management.py",
]

ext_modules = []
if os.environ.get("GUISHU_PURE") != "1":
    from mypyc.build import mypycify

    ext_modules = mypycify(COMPILED, opt_level="3", separate=False)

setup(ext_modules=ext_modules)
