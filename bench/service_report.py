"""The service benchmark's table, its targets (issue 6, "Done when") marked met or missed, and its JSON."""

from __future__ import annotations

import json
import math
from datetime import datetime
from pathlib import Path
from typing import Any

SMALL, LARGE = 1_000, 100_000
POSTS = ("walk-in", "revisit")


def _ms(value: float) -> str:
    if value != value:
        return "–"
    return f"{value / 1000:.1f} s" if value >= 10_000 else f"{value:.0f} ms" if value >= 10 else f"{value:.1f} ms"


def _x(value: float) -> str:
    if value != value:
        return "–"
    return f"{value:.3f}" if value < 1 else f"{value:.2f}" if value < 10 else f"{value:.0f}"


def table(run: dict[str, Any]) -> list[str]:
    head = (
        "| database | customers | events | load (× executemany) | walk-in: ratio · p99 · anchor p99 "
        "| revisit: ratio · p99 · anchor p99 | 判客: ratio · p99 · anchor p99 | refused → good "
        "| cold: POST · 判客 | RSS: warm → after |"
    )
    lines = [head, "|" + " --- |" * 10]
    for c in run["configs"]:
        load, cc = c["load"], c["concurrent"]
        cells = [
            c["db"],
            f"{c['customers']:,}",
            f"{load['events']:,}",
            f"{load['load_s']:.1f} s ({_x(load['load_s'] / load['executemany_s'])}×)",
        ]
        for op in ("walk-in", "revisit", "判客"):
            x = cc[op]
            cells.append(f"{_x(x['ratio'])} · {_ms(x['p99_ms'])} · {_ms(x['anchor_p99_ms'])}")
        cells.append(_ms(c["refused_then_good"]["median_ms"]))
        cold = c["cold"]
        cells.append(f"{_ms(cold['post_s'] * 1000)} · {_ms(cold['lookup_s'] * 1000)}")
        cells.append(f"{c['rss_warm_mb']:.0f} → {c['rss_mb']:.0f} MB")
        lines.append("| " + " | ".join(cells) + " |")
    for c in run["configs"]:
        if "one_client" in c:
            one = c["one_client"]
            lines.append(
                f"one client, {c['db']}, {c['customers']:,} customers: p99 "
                + ", ".join(f"{op} {_ms(one[op]['p99_ms'])}" for op in one)
            )
    return lines


def targets(run: dict[str, Any]) -> list[tuple[str, str, bool]]:
    """(what, measured, met) for every target the run has the numbers of."""
    out: list[tuple[str, str, bool]] = []
    for db in dict.fromkeys(c["db"] for c in run["configs"]):
        by_size = {c["customers"]: c for c in run["configs"] if c["db"] == db}
        small = by_size.get(SMALL)
        if small:
            cc = small["concurrent"]
            for op in POSTS:
                x = cc[op]
                out.append((f"{db} 1k: POST {op} ≥ 50% of the anchor's req/s", _x(x["ratio"]), x["ratio"] >= 0.5))
                out.append(
                    (
                        f"{db} 1k: POST {op} p99 ≤ 2× the anchor's",
                        f"{_ms(x['p99_ms'])} vs {_ms(x['anchor_p99_ms'])}",
                        x["p99_ms"] <= 2 * x["anchor_p99_ms"],
                    )
                )
            for op in POSTS:
                p99 = small.get("one_client", {}).get(op, {}).get("p99_ms", math.nan)
                out.append((f"{db} 1k: POST {op} p99 with one client ≤ 25 ms", _ms(p99), p99 <= 25))
        for size, c in sorted(by_size.items()):
            cc = c["concurrent"]
            tag = f"{db} {size // 1000:,}k"
            lookup = cc["判客"]["ratio"]
            out.append((f"{tag}: 判客 ≥ 50% of the anchor's req/s", _x(lookup), lookup >= 0.5))
            # one connection, one request at a time: against the one-client p99 (runs before it had one: 4 clients')
            good = c["refused_then_good"]["median_ms"]
            alone = "one_client" in c
            usual = c["one_client"]["walk-in"]["p99_ms"] if alone else cc["walk-in"]["p99_ms"]
            what = f"{tag}: good write after a refusal ≤ 2× the usual p99 ({'one client' if alone else '4 clients'})"
            out.append((what, f"{_ms(good)} vs {_ms(usual)}", good <= 2 * usual))
            if size < LARGE:
                continue
            if small:
                for op in (*POSTS, "判客"):
                    big, base = cc[op], small["concurrent"][op]
                    out.append(
                        (
                            f"{tag}: {op} req/s ≥ 80% of 1k's",
                            f"{big['rps']:.1f} vs {base['rps']:.1f}",
                            big["rps"] >= 0.8 * base["rps"],
                        )
                    )
                    out.append(
                        (
                            f"{tag}: {op} p99 ≤ 1.5× 1k's",
                            f"{_ms(big['p99_ms'])} vs {_ms(base['p99_ms'])}",
                            big["p99_ms"] <= 1.5 * base["p99_ms"],
                        )
                    )
            cold = c["cold"]
            for key, what in (("post_s", "POST"), ("lookup_s", "判客")):
                out.append((f"{tag}: cold first {what} ≤ 1 s", _ms(cold[key] * 1000), cold[key] <= 1.0))
            rss = max(c["rss_warm_mb"], c["rss_mb"])
            out.append((f"{tag}: server RSS ≤ 300 MB", f"{rss:.0f} MB", rss <= 300))
            load = c["load"]
            ratio = load["load_s"] / load["executemany_s"]
            out.append((f"{tag}: load ≤ 3× an executemany of the same rows", f"{_x(ratio)}×", ratio <= 3))
    return out


def report(run: dict[str, Any], folder: Path) -> Path:
    """Print the table and the targets; write the run as JSON; return the file written."""
    print()
    print(
        f"Service benchmark, {run['date']} ({run['cores']} cores, {run['engine']} engine, {run['clients']} clients, "
        f"median of {run['rounds']} rounds; ratio = req/s of the endpoint / req/s of its anchor, same server, "
        f"interleaved)"
    )
    for line in table(run):
        print(line)
    print()
    checks = targets(run)
    for what, measured, met in checks:
        print(f"  {'met   ' if met else 'MISSED'} {what}: {measured}")
    met = sum(ok for *_, ok in checks)
    print(f"targets: {met} met, {len(checks) - met} missed; the whole run took {run['seconds'] / 60:.1f} min")
    run["targets"] = [{"target": w, "measured": m, "met": ok} for w, m, ok in checks]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"service-{datetime.now().date().isoformat()}.json"
    path.write_text(json.dumps(run, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")
    print(f"written: {path}")
    return path
