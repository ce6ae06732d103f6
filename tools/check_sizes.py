"""Fail when a file in src/guishu is over its line limit, or a function over its own (``make lint``).

The limits and the allowlist of today's offenders are ``[tool.guishu.sizes]`` in pyproject.toml.
An entry is a path (the file may be long) or ``path::qualified.name`` (the function may be long).
The allowlist may only shrink: an entry that no longer breaks its limit is an error too, so that
it is struck off as soon as its file or function is split.
"""

from __future__ import annotations

import ast
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def functions(tree: ast.AST, prefix: str = "") -> Iterator[tuple[str, int]]:
    """Every function and method, nested ones too, as (qualified name, lines from ``def`` to its end)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            name = prefix + node.name
            if not isinstance(node, ast.ClassDef):
                yield name, (node.end_lineno or node.lineno) - node.lineno + 1
            yield from functions(node, name + ".")
        else:
            yield from functions(node, prefix)


def offenders(root: Path, package: str, max_file: int, max_function: int) -> Iterator[tuple[str, str]]:
    """(allowlist key, what is too long) for every file and function over its limit."""
    for path in sorted((root / package).rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        text = path.read_text(encoding="utf-8")
        lines = len(text.splitlines())
        if lines > max_file:
            yield rel, f"{rel}: {lines} lines (limit {max_file})"
        for name, length in functions(ast.parse(text, filename=rel)):
            if length > max_function:
                yield f"{rel}::{name}", f"{rel}: function {name} is {length} lines (limit {max_function})"


def main(root: Path = ROOT) -> int:
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["guishu"]["sizes"]
    allowed = set(config["allow"])
    found = dict(offenders(root, config["package"], config["max-file-lines"], config["max-function-lines"]))
    errors = [what for key, what in found.items() if key not in allowed]
    errors += [
        f"{key}: no longer over its limit — strike it off [tool.guishu.sizes] allow in pyproject.toml"
        for key in sorted(allowed - found.keys())
    ]
    for line in errors:
        print(line)
    if errors:
        print(f"文件或函数过长（{len(errors)} 处） / {len(errors)} size problem(s): split them, see STYLE.md")
        return 1
    print(f"sizes: every file and function within its limit ({len(allowed)} allowed for now)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
