"""Service benchmark: the real server against minimal views in the same server, same run.

Not a test: ``make bench`` runs it after ``bench/replay.py`` (``make bench-large`` adds a site of
1,000,000 customers). For SQLite and PostgreSQL (skipped, with a message, when it does not answer
at 127.0.0.1:5432), and for a site of 1,000 and of 100,000 customers, it

1. loads a synthetic history (``bench/history.py``) into a fresh database with the bulk loader
   and times it against an ``executemany`` of the same log rows (``bench/service_load.py``);
2. starts the real server (``guishu serve``: gunicorn, its default workers and threads) on
   127.0.0.1 and a free port, with ``GUISHU_BENCH_ANCHOR=1`` (``guishu.web.bench_anchor``);
3. with 4 concurrent clients, five rounds, each interleaving the anchor and the real endpoint:
   POST a new walk-in, POST a revisit of a known customer (both against the write anchor: one
   indexed SELECT and one INSERT), and GET 判客 (against one indexed SELECT and one INSERT into
   the look-up log); reports the medians of the rounds' req/s ratios and p99s;
4. the same with one client (p99); a refused event followed by a good one on one connection;
   the server's resident memory (master and workers, from /proc) after the warm-up and after
   all of that; then restarts it and times its first POST, and again its first 判客.

It prints a table with each target of issue 6 marked met or missed, and writes
``bench/results/service-<date>.json``. Every loop is bounded by a count and a time limit.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.history import customer_phone, new_phone
from bench.service_client import Client, Phase, Request, Server, run_phase
from bench.service_report import report

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
CLIENTS = 4
SITE = "/api/v1/sites/bench"
ANCHOR = "/api/v1/bench/sites/bench"
OPS = ("walk-in", "revisit", "判客")


def pg_answers() -> bool:
    try:
        import psycopg

        psycopg.connect(PG_ADMIN, connect_timeout=3).close()
        return True
    except Exception:
        return False


class Ops:
    """The requests of one site: phones never seen for walk-ins, the history's own for the rest."""

    def __init__(self, customers: int, seed: int = 1) -> None:
        self.customers = customers
        self.fresh = itertools.count()
        self.rng = random.Random(seed)

    def known(self) -> str:
        return customer_phone(self.rng.randrange(self.customers))

    def real(self, op: str) -> Callable[[], Request]:
        if op == "walk-in":
            return lambda: Request("POST", f"{SITE}/events", {"visit": {"phone": new_phone(next(self.fresh))}}, 201)
        if op == "revisit":
            return lambda: Request("POST", f"{SITE}/events", {"visit": {"phone": self.known()}}, 201)
        return lambda: Request("GET", f"{SITE}/customers/{self.known()}")

    def anchor(self, op: str) -> Callable[[], Request]:
        if op == "判客":
            return lambda: Request("GET", f"{ANCHOR}/lookup/{self.known()}")
        return lambda: Request("POST", f"{ANCHOR}/write", {"visit": {"phone": new_phone(next(self.fresh))}}, 201)

    def refused(self) -> Request:
        # refused by the engine (an unknown salesperson), not by the checks before it
        return Request("POST", f"{SITE}/events", {"visit": {"phone": new_phone(next(self.fresh)), "by": "NOBODY"}}, 400)


def summary(phase: Phase) -> dict[str, Any]:
    return {
        "n": len(phase.latencies),
        "rps": phase.rps,
        "p50_ms": phase.pct(50) * 1000,
        "p99_ms": phase.pct(99) * 1000,
        "errors": phase.errors,
        **({"first_error": phase.first_error} if phase.errors else {}),
    }


def median(values: list[float]) -> float:
    values = [v for v in values if v == v]  # NaN: a round where nothing was answered
    return statistics.median(values) if values else float("nan")


def measure(server: Server, token: str, ops: Ops, args: argparse.Namespace) -> dict[str, Any]:
    """Five rounds; in each, every operation against its anchor, one after the other, order alternating."""
    go = lambda make, n=CLIENTS: run_phase(server.port, token, make, n, args.requests, args.seconds)  # noqa: E731
    rounds: dict[str, list[dict[str, Any]]] = {op: [] for op in OPS}
    for r in range(args.rounds):
        for op in OPS:
            pair = [("anchor", ops.anchor(op)), ("real", ops.real(op))]
            got = {name: summary(go(make)) for name, make in (pair if r % 2 == 0 else pair[::-1])}
            rounds[op].append(got)
        print(f"    round {r + 1}: " + ", ".join(_round_text(op, rounds[op][-1]) for op in OPS), flush=True)
    out: dict[str, Any] = {}
    for op in OPS:
        rs = rounds[op]
        out[op] = {
            "ratio": median([_ratio(x["real"]["rps"], x["anchor"]["rps"]) for x in rs]),
            "rps": median([x["real"]["rps"] for x in rs]),
            "anchor_rps": median([x["anchor"]["rps"] for x in rs]),
            "p99_ms": median([x["real"]["p99_ms"] for x in rs]),
            "anchor_p99_ms": median([x["anchor"]["p99_ms"] for x in rs]),
            "errors": sum(x["real"]["errors"] + x["anchor"]["errors"] for x in rs),
            "rounds": rs,
        }
    return out


def _ratio(real: float, anchor: float) -> float:
    return real / anchor if anchor else float("nan")


def _round_text(op: str, x: dict[str, Any]) -> str:
    real, anchor = x["real"], x["anchor"]
    ratio = _ratio(real["rps"], anchor["rps"])
    err = f" ({real['errors']} errors: {real.get('first_error', '')[:80]})" if real["errors"] else ""
    return f"{op} {real['rps']:.0f}/{anchor['rps']:.0f} req/s = {ratio:.2f}, p99 {real['p99_ms']:.0f} ms{err}"


def one_client(server: Server, token: str, ops: Ops, args: argparse.Namespace) -> dict[str, Any]:
    out = {}
    for op in OPS:
        phases = [run_phase(server.port, token, ops.real(op), 1, args.requests, args.seconds / 2) for _ in range(3)]
        out[op] = {"p99_ms": median([p.pct(99) * 1000 for p in phases]), "n": sum(len(p.latencies) for p in phases)}
    return out


def refused_then_good(server: Server, token: str, ops: Ops, pairs: int = 3) -> dict[str, Any]:
    """On one connection (one worker): a refused event, then a good walk-in; the good ones' latencies."""
    client = Client(server.port, token)
    good: list[float] = []
    problems = []
    try:
        for _ in range(pairs):
            bad = ops.refused()
            status, data, _ = client.send(bad)
            if status != bad.expect:
                problems.append(f"refused event answered {status}: {data[:120]!r}")
            req = ops.real("walk-in")()
            status, data, seconds = client.send(req)
            if status == req.expect:
                good.append(seconds * 1000)
            else:
                problems.append(f"good event answered {status}: {data[:120]!r}")
    finally:
        client.close()
    return {"good_ms": good, "median_ms": median(good), "max_ms": max(good, default=float("nan")), "problems": problems}


def cold(server: Server, token: str, ops: Ops) -> dict[str, Any]:
    """Restart the server and time its first POST; restart it again and time its first 判客.

    Each first request finds every worker cold: it is answered after the worker has read the log."""
    out: dict[str, Any] = {}
    for name, op in (("post_s", "walk-in"), ("lookup_s", "判客")):
        server.stop()
        out["start_s"] = server.start()
        client = Client(server.port, token)
        req = ops.real(op)()
        status, _, seconds = client.send(req)
        client.close()
        out[name] = seconds if status == req.expect else float("nan")
    return out


def run_config(db: str, customers: int, args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    print(f"== {db}, {customers:,} customers ==", flush=True)
    name = f"guishu_bench_{os.getpid()}_{customers}"
    env = {**os.environ, "GUISHU_DATA": str(workdir), "GUISHU_BENCH_ANCHOR": "1"}
    if db == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{workdir}/{name}.sqlite3"
    else:
        _pg(f"CREATE DATABASE {name}")
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{name}"
    server = Server(env, workdir / f"{name}.log")
    try:
        loaded = _load(env, customers, args)
        print(
            f"  loaded {loaded['events']:,} events ({loaded['refused']} refused) in {loaded['load_s']:.1f} s; "
            f"executemany of the same rows {loaded['executemany_s']:.2f} s",
            flush=True,
        )
        token, ops = loaded["token"], Ops(customers)
        out: dict[str, Any] = {"db": db, "customers": customers, "load": loaded}
        out["start_s"] = server.start()
        # every worker replays the log on its first request: not part of the rounds (the cold start is timed below)
        warm = [
            run_phase(server.port, token, f(op), CLIENTS, 4, 600)
            for op in ("walk-in", "判客")
            for f in (ops.real, ops.anchor)
        ]
        out["warmup_s"] = sum(p.seconds for p in warm)
        out["rss_warm_mb"] = server.rss_bytes() / 2**20
        print(f"  server up in {out['start_s']:.1f} s, warmed up in {out['warmup_s']:.1f} s", flush=True)
        out["concurrent"] = measure(server, token, ops, args)
        out["one_client"] = one_client(server, token, ops, args)
        out["refused_then_good"] = refused_then_good(server, token, ops, pairs=3 if customers <= 10_000 else 2)
        out["rss_mb"] = server.rss_bytes() / 2**20
        out["cold"] = cold(server, token, ops)
        print(
            f"  refused then good: {out['refused_then_good']['good_ms']} ms; RSS {out['rss_warm_mb']:.0f} MB warm, "
            f"{out['rss_mb']:.0f} MB after the rounds; cold: {out['cold']}",
            flush=True,
        )
        return out
    finally:
        server.stop()
        if db == "postgres":
            _pg(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _load(env: dict[str, str], customers: int, args: argparse.Namespace) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).with_name("service_load.py")), "--customers", str(customers)]
    if customers <= 10_000:
        cmd.append("--verify")
    done = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, text=True, timeout=args.load_timeout, check=True)
    loaded: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    if loaded["verified"] is False:
        raise RuntimeError(f"the loaded site does not verify: {loaded['problems']}")
    return loaded


def _pg(sql: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=5) as conn:
        conn.execute(sql)  # type: ignore[arg-type]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="1000,100000", help="customers on the site, comma-separated")
    parser.add_argument("--large", action="store_true", help="add a site of 1,000,000 customers")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--requests", type=int, default=400, help="at most this many requests a phase")
    parser.add_argument("--seconds", type=float, default=2.0, help="at most this long a phase (and what is in flight)")
    parser.add_argument("--load-timeout", type=float, default=7200.0)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results")
    args = parser.parse_args(argv)
    args.sizes = sorted({int(s) for s in args.sizes.split(",")} | ({1_000_000} if args.large else set()))
    from guishu._compiled import engine_is_compiled

    run: dict[str, Any] = {
        "date": datetime.now().astimezone().isoformat(timespec="seconds"),
        "cores": os.cpu_count(),
        "engine": "compiled" if engine_is_compiled() else "pure Python",
        "clients": CLIENTS,
        "rounds": args.rounds,
        "phase": {"requests": args.requests, "seconds": args.seconds},
        "configs": [],
        "skipped": [],
    }
    t0 = time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="guishu-bench-"))
    try:
        for db in args.databases.split(","):
            if db == "postgres" and not pg_answers():
                print("PostgreSQL not answering at 127.0.0.1:5432: its part of the service benchmark was SKIPPED")
                run["skipped"].append("postgres")
                continue
            for customers in args.sizes:
                run["configs"].append(run_config(db, customers, args, workdir))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    run["seconds"] = time.perf_counter() - t0
    report(run, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
