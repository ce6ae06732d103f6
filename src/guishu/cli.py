"""The ``guishu`` command."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence


def _scenario_run(args: argparse.Namespace) -> int:
    from guishu.scenarios.runner import collect, run_file

    files = collect(args.paths)
    if not files:
        print("没有找到场景文件 / no scenario files found", file=sys.stderr)
        print("0 passed, 0 failed")
        return 1
    results = [run_file(f) for f in files]
    passed = sum(r.passed for r in results)
    failed = len(results) - passed
    if args.json:
        print(json.dumps({"files": [r.as_dict() for r in results], "passed": passed, "failed": failed},
                         ensure_ascii=False, indent=2))
        print(f"{passed} passed, {failed} failed")
        return 0 if failed == 0 else 1
    for r in results:
        print(f"{'PASS' if r.passed else 'FAIL'} {r.path}" + (f"  {r.title}" if r.title else ""))
        if r.error:
            print(f"  ✗ {r.error}")
        for c in r.checks:
            if not c.ok:
                at = f" @ {c.check.at:%Y-%m-%d %H:%M}" if c.check.at else ""
                cited = f"  [clauses: {', '.join(c.clauses)}]" if c.clauses else ""
                print(f"  ✗ {c.what}{at}: expected {c.expected!r}, got {c.got!r}{cited}")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


def _scenario_explain(args: argparse.Namespace) -> int:
    from guishu.scenarios.explain import explain
    from guishu.scenarios.loader import ScenarioError, load_scenario

    try:
        scenario = load_scenario(args.file)
    except ScenarioError as exc:
        print(f"✗ {exc}", file=sys.stderr)
        return 2
    print(explain(scenario, args.lang))
    return 0


def _presets(args: argparse.Namespace) -> int:
    from guishu.engine import load_policy, preset_ids

    for pid in preset_ids():
        policy = load_policy(pid)
        params = ", ".join(f"{k}={v}" for k, v in policy.describe_params().items())
        print(f"{pid:16} {policy.title}  [{', '.join(policy.clauses)}]" + (f"  {params}" if params else ""))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="guishu", description="归属 Guishu：客户归属规则引擎与服务")
    sub = parser.add_subparsers(dest="command", required=True)
    sc = sub.add_parser("scenario", help="策略演练：运行或解释场景文件 / run or explain scenario files")
    scsub = sc.add_subparsers(dest="action", required=True)
    run = scsub.add_parser("run", help="运行场景文件或文件夹 / run files or folders of *.yaml")
    run.add_argument("paths", nargs="+")
    run.add_argument("--json", action="store_true", help="以 JSON 输出 / print JSON")
    run.set_defaults(func=_scenario_run)
    ex = scsub.add_parser("explain", help="打印裁决过程 / print the ruling history")
    ex.add_argument("file")
    ex.add_argument("--lang", choices=("zh", "en"), default="zh")
    ex.set_defaults(func=_scenario_explain)
    pr = sub.add_parser("presets", help="列出策略预设 / list the policy presets")
    pr.set_defaults(func=_presets)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
