"""The service's ``guishu`` subcommands (called from ``guishu.cli`` after Django is set up)."""

from __future__ import annotations

import os
import sys
from typing import Any

DEMO_PASSWORD = "guishu-demo"


def migrate(args: Any) -> int:
    from django.core.management import call_command

    from .settings import DATA_DIR

    DATA_DIR.mkdir(parents=True, exist_ok=True)
    call_command("migrate", interactive=False, verbosity=1 if args.verbose else 0)
    print("数据库已迁移 / database migrated")
    from . import models as m
    from .integrity import rebuild_site
    from .projections import SHAPE

    # projections written by an older version of the service are written again from the log
    for site in m.Site.objects.filter(projections__lt=SHAPE).order_by("id"):
        print(f"{site.slug}: 投影已按新版本重建，{rebuild_site(site)} 位客户 / projections rebuilt")
    return 0


def serve(args: Any) -> int:
    from django.conf import settings
    from django.core.management import call_command

    settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)
    call_command("collectstatic", interactive=False, verbosity=0)
    cmd = [
        sys.executable,
        "-m",
        "gunicorn",
        "guishu.web.wsgi:application",
        "--bind",
        f"{args.host}:{args.port}",
        "--workers",
        str(args.workers),
        "--threads",
        str(args.threads),
        "--timeout",
        "120",
        "--graceful-timeout",
        "5",
    ]
    if args.access_log:
        cmd += ["--access-logfile", "-"]
    print(f"归属服务：http://{args.host}:{args.port}/  （API 文档 /api/v1/docs）", flush=True)
    os.execv(sys.executable, cmd)
    return 0  # not reached


def demo(args: Any) -> int:
    from .demo import demo_load

    logins = demo_load(reset=args.reset)
    print(f"演示登录 / demo logins（密码 / password: {DEMO_PASSWORD}）")
    for site, username, role, name in logins:
        print(f"  {site:14} {username:22} {role:8} {name}")
    return 0


class ProgressBar:
    """``\r载入 12,345/100,000 事件 (12%)`` on stderr, rewritten in place; ``end`` closes the line."""

    def __init__(self, stream: Any = None) -> None:
        self.stream = stream or sys.stderr
        self.shown = False

    def __call__(self, done: int, total: int | None) -> None:
        shown = f"{done:,}/{total:,} 事件 ({100 * done // total}%)" if total else f"{done:,} 事件"
        self.stream.write(f"\r载入 {shown}")
        self.stream.flush()
        self.shown = True

    def end(self) -> None:
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()


def site_load(args: Any) -> int:
    from guishu.scenarios.loader import ScenarioError

    from .errors import ServiceError
    from .services import site_from_scenario

    # the bar only where someone watches (a terminal), or when asked for
    bar = ProgressBar() if getattr(args, "progress", False) or sys.stderr.isatty() else None
    try:
        loaded = site_from_scenario(
            path=args.file, name=args.name, company=args.company, no_events=args.no_events, progress=bar
        )
    except (ScenarioError, ServiceError) as exc:
        if bar:
            bar.end()
        print(f"✗ {getattr(exc, 'zh', exc)}", file=sys.stderr)
        return 2
    if bar:
        bar.end()
    for line in loaded.refused:
        print(f"  {line}")
    print(
        f"站点 {loaded.site.slug} 已创建：策略 {loaded.scenario.policy.preset}，员工 {len(loaded.scenario.staff)} 人，"
        f"事件 {loaded.logged} 条 / site {loaded.site.slug} created"
    )
    return 0


def token_create(args: Any) -> int:
    from . import models as m
    from .errors import ServiceError
    from .services import token_create as create

    site = None
    if args.site:
        site = m.Site.objects.filter(slug=args.site).first()
        if site is None:
            print(f"✗ 站点不存在：{args.site} / no site {args.site!r}", file=sys.stderr)
            return 2
    try:
        token = create(username=args.username, role=args.role, site=site)
    except ServiceError as exc:
        print(f"✗ {exc.zh}", file=sys.stderr)
        return 2
    print(token)
    return 0


def _sites(args: Any) -> list[Any]:
    from . import models as m

    qs = m.Site.objects.order_by("id")
    return list(qs.filter(slug=args.site) if args.site else qs)


def rebuild(args: Any) -> int:
    from .integrity import rebuild_site

    for site in _sites(args):
        print(f"{site.slug}: {rebuild_site(site)} 位客户已重建 / customers rebuilt")
    return 0


def snapshot(args: Any) -> int:
    from .integrity import snapshot_site

    for site in _sites(args):
        print(f"{site.slug}: 已保存第 {snapshot_site(site)} 条事件后的快照 / snapshot stored")
    return 0


def verify(args: Any) -> int:
    from .integrity import verify_site

    bad = 0
    for site in _sites(args):
        problems = verify_site(site)
        if problems:
            bad += 1
            print(f"FAIL {site.slug}")
            for p in problems:
                print(f"  ✗ {p}")
        else:
            print(
                f"OK   {site.slug}: {site.events.count()} 条事件，"
                "哈希链完整，投影与重放一致 / chain intact, projections match"
            )
    return 1 if bad else 0
