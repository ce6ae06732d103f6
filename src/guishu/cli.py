"""The ``guishu`` command."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any


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
        print(
            json.dumps(
                {"files": [r.as_dict() for r in results], "passed": passed, "failed": failed},
                ensure_ascii=False,
                indent=2,
            )
        )
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


def _django(func: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Run a service subcommand with Django set up (settings from the environment)."""

    def run(args: argparse.Namespace) -> int:
        import os

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guishu.web.settings")
        import django

        django.setup()
        return func(args)

    return run


def _web(name: str) -> Callable[[argparse.Namespace], int]:
    def call(args: argparse.Namespace) -> int:
        from guishu.web import commands

        return int(getattr(commands, name)(args))

    return _django(call)


def _add_service_commands(sub: Any) -> None:
    mg = sub.add_parser("migrate", help="创建或升级数据库 / create or upgrade the database (DATABASE_URL)")
    mg.add_argument("-v", "--verbose", action="store_true")
    mg.set_defaults(func=_web("migrate"))
    sv = sub.add_parser("serve", help="启动服务（gunicorn）/ serve the API with gunicorn")
    sv.add_argument("--port", type=int, default=8000)
    sv.add_argument("--host", default="127.0.0.1")
    sv.add_argument("--workers", type=int, default=2)
    sv.add_argument("--threads", type=int, default=4)
    sv.add_argument("--access-log", action="store_true", help="打印访问日志 / print the access log")
    sv.set_defaults(func=_web("serve"))
    dm = sub.add_parser("demo", help="载入演示公司 / load the demo company (idempotent)")
    dm.add_argument("--reset", action="store_true", help=argparse.SUPPRESS)
    dm.set_defaults(func=_web("demo"))
    st = sub.add_parser("site", help="站点 / sites")
    stsub = st.add_subparsers(dest="action", required=True)
    ld = stsub.add_parser("load", help="由场景文件创建站点 / create a site from a scenario file")
    ld.add_argument("file")
    ld.add_argument("--name", required=True)
    ld.add_argument("--company", default="本公司")
    ld.add_argument("--no-events", action="store_true", help="只建策略与员工，不登记事件 / policy and staff only")
    ld.add_argument("--progress", action="store_true", help="在标准错误输出显示进度 / show progress on stderr")
    ld.set_defaults(func=_web("site_load"))
    tk = sub.add_parser("token", help="API 令牌 / API tokens")
    tksub = tk.add_subparsers(dest="action", required=True)
    tc = tksub.add_parser("create", help="创建令牌（最后一行）/ create a bearer token (printed as the last line)")
    tc.add_argument("username")
    tc.add_argument("--role", choices=("sales", "agent", "lead", "manager", "desk", "finance", "admin"))
    tc.add_argument("--site")
    tc.set_defaults(func=_web("token_create"))
    for name, text in (
        ("rebuild", "由日志重建投影 / rebuild the projections from the log"),
        ("verify", "校验哈希链、投影与快照 / check the hash chain, and that projections and snapshot equal a replay"),
        ("snapshot", "立即保存站点的引擎快照 / store a snapshot of each site's engine state now"),
    ):
        cmd = sub.add_parser(name, help=text)
        cmd.add_argument("--site", help="只处理该站点 / only this site")
        cmd.set_defaults(func=_web(name))


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
    _add_service_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
