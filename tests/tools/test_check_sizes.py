"""tools/check_sizes.py: files over 400 lines and functions over 60 fail `make lint` unless allowlisted."""

from __future__ import annotations

import ast
import importlib.util
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("check_sizes", ROOT / "tools" / "check_sizes.py")
assert _spec is not None and _spec.loader is not None
check_sizes = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check_sizes)


def _project(root: Path, allow: list[str]) -> None:
    (root / "pyproject.toml").write_text(
        textwrap.dedent(f"""
        [tool.guishu.sizes]
        package = "pkg"
        max-file-lines = 20
        max-function-lines = 5
        allow = {allow!r}
        """)
    )
    (root / "pkg").mkdir()
    (root / "pkg" / "short.py").write_text("def f():\n    return 1\n")
    body = "".join(f"        x{i} = {i}\n" for i in range(5))
    (root / "pkg" / "long.py").write_text(
        "class C:\n    def method(self):\n" + body + "\n" * 15 + "def outer():\n    def inner():\n        return 1\n"
    )


def test_functions_are_named_by_their_qualified_names_with_their_length() -> None:
    source = "class C:\n    def m(self):\n        pass\n\n\ndef f():\n    def g():\n        return 1\n    return g\n"
    tree = ast.parse(source)
    assert list(check_sizes.functions(tree)) == [("C.m", 2), ("f", 4), ("f.g", 2)]


def test_offenders_fail_and_name_themselves(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _project(tmp_path, [])
    assert check_sizes.main(tmp_path) == 1
    out = capsys.readouterr().out
    assert "pkg/long.py: 25 lines (limit 20)" in out
    assert "pkg/long.py: function C.method is 6 lines (limit 5)" in out
    assert "short.py" not in out and "outer" not in out
    assert "2 size problem(s)" in out


def test_allowlisted_offenders_pass(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _project(tmp_path, ["pkg/long.py", "pkg/long.py::C.method"])
    assert check_sizes.main(tmp_path) == 0
    assert "2 allowed for now" in capsys.readouterr().out


def test_the_allowlist_may_only_shrink(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _project(tmp_path, ["pkg/long.py", "pkg/long.py::C.method", "pkg/short.py::f"])
    assert check_sizes.main(tmp_path) == 1
    assert "pkg/short.py::f: no longer over its limit" in capsys.readouterr().out
