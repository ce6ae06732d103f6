"""One site of the service benchmark, loaded into a fresh database with the bulk loader.

Run by ``bench/service.py`` in a process of its own (Django chooses its database once per process,
from ``DATABASE_URL``); prints one JSON line: the site, the front desk's token, and how long the
load took against an ``executemany`` of the same log rows into the same database.

    DATABASE_URL=sqlite:////tmp/b.sqlite3 python bench/service_load.py --customers 1000
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.history import DESK, History

SLUG = "bench"


def load(customers: int, preset: str, verify: bool) -> dict[str, Any]:
    from django.core.management import call_command
    from django.db import connection

    from guishu.engine import StaffMember
    from guishu.web import bench_anchor
    from guishu.web import models as m
    from guishu.web.commands import ProgressBar
    from guishu.web.integrity import verify_site
    from guishu.web.services import site_create, token_create
    from guishu.web.services.bulk import history_load
    from guishu.web.services.sites import SYSTEM

    call_command("migrate", interactive=False, verbosity=0)
    bench_anchor.ensure_table()
    history = History(customers, preset=preset)
    t0 = time.perf_counter()
    events = list(history)  # made before the clock starts: the load is timed, not the generator
    made_s = time.perf_counter() - t0
    company = m.Company.objects.get_or_create(name="基准测试公司")[0]
    staff = [StaffMember(code=s["code"], name=s["name"], role=s["role"]) for s in history.staff]
    site = site_create(company=company, name=SLUG, slug=SLUG, preset=preset, staff=staff, effective=history.first_day)
    token = token_create(username=DESK, role="desk", site=site)  # the desk's staff record exists: no replay

    bar = ProgressBar() if sys.stderr.isatty() else None
    t0 = time.perf_counter()
    loaded = history_load(site=site, events=events, actor=SYSTEM, progress=bar)
    load_s = time.perf_counter() - t0
    if bar:
        bar.end()
    del events
    baseline_s = executemany_baseline(site)
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:  # what autovacuum would do within a minute of a bulk load
            cur.execute("ANALYZE")
    problems = verify_site(site) if verify else []
    return {
        "slug": site.slug,
        "token": token,
        "customers": loaded.customers,
        "events": loaded.logged,
        "refused": len(loaded.refused),
        "first_refusals": [f"{r.position}: {r.error.zh}" for r in loaded.refused[:3]],
        "generate_s": made_s,
        "load_s": load_s,
        "executemany_s": baseline_s,
        "verified": (not problems) if verify else None,
        "problems": problems[:5],
    }


def executemany_baseline(site: Any) -> float:
    """Seconds to INSERT the site's log rows again with one ``executemany`` in one transaction: what
    storing the rows costs and nothing else. The rows go into a copy of the log's table (same
    columns, keys and indexes; the log's own refuses deletes, and the copy is dropped after)."""
    from django.db import connection, transaction

    from guishu.web import models as m

    table = m.Event._meta.db_table
    copy = f"{table}_executemany"
    columns = [f.column for f in m.Event._meta.concrete_fields if f.column != "id"]
    with connection.cursor() as cur:
        cur.execute(f"SELECT {', '.join(columns)} FROM {table} WHERE site_id = %s ORDER BY seq", [site.pk])
        rows = cur.fetchall()
        for statement in _copy_ddl(cur, connection.vendor, table, copy):
            cur.execute(statement)
    cast = "::jsonb" if connection.vendor == "postgresql" else ""
    marks = ", ".join(f"%s{cast}" if c in ("body", "ruling") else "%s" for c in columns)
    t0 = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cur:
        cur.executemany(f"INSERT INTO {copy} ({', '.join(columns)}) VALUES ({marks})", rows)
    seconds = time.perf_counter() - t0
    with connection.cursor() as cur:
        cur.execute(f"DROP TABLE {copy}")
    return seconds


def _copy_ddl(cur: Any, vendor: str, table: str, copy: str) -> list[str]:
    if vendor == "postgresql":
        # LIKE … INCLUDING ALL: columns, identity, keys and indexes (not the foreign keys)
        return [f"CREATE TABLE {copy} (LIKE {table} INCLUDING ALL)"]
    cur.execute(
        "SELECT sql FROM sqlite_master WHERE tbl_name = %s AND type IN ('table', 'index') AND sql IS NOT NULL "
        "ORDER BY type DESC",
        [table],
    )
    out = []
    for (sql,) in cur.fetchall():  # the table first, then its indexes renamed
        sql = sql.replace(f'"{table}"', f'"{copy}"')
        out.append(sql.replace('INDEX "', 'INDEX "x_', 1))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--customers", type=int, required=True)
    parser.add_argument("--preset", default="re-office")
    parser.add_argument("--verify", action="store_true", help="guishu verify the site after the load")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guishu.web.settings")
    import django

    django.setup()
    print(json.dumps(load(args.customers, args.preset, args.verify), ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
