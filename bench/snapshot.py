"""Snapshot benchmark: save and load the engine state of one site with 100,000 customers.

Not a test: ``python bench/snapshot.py`` prints how long ``dump``/``load`` and ``to_bytes``/
``from_bytes`` take (median of the runs) and how many bytes a customer costs, next to the time
a cold process would need to replay the whole log instead.

The history is bench/replay.py's synthetic walk-in mix, on one site: two blocks of phone numbers
generated separately and merged in time order, sized so that the site ends with about
``--customers`` customer records after the links have merged some of them.
"""

from __future__ import annotations

import argparse
import gc
import heapq
import json
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import replay as synthetic
from guishu.engine import Site, StaffMember, load_policy
from guishu.engine import events as ev
from guishu.engine.snapshot import dump, from_bytes, load, to_bytes

BLOCKS = 2  # a block's phone numbers have five digits: two blocks reach well past 100,000 customers


def history(customers: int, seed: int) -> tuple[list[str], list[ev.Event]]:
    """About ``customers`` customer records' worth of events on one site, in time order."""
    rng = random.Random(seed)
    staff = [f"S{n:02d}" for n in range(24)]
    # ~35% of the events register a phone while unregistered ones remain; ~2% of them link two records
    synthetic.CUSTOMERS_PER_SITE = int(customers * 0.55)  # the generator reads it per call
    per_block = int(customers * 1.7)
    blocks = [synthetic._site_events(rng, block, staff, per_block) for block in range(BLOCKS)]
    return staff, list(heapq.merge(*blocks, key=lambda e: e.at))


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float, object]:
    """The median wall-clock and CPU seconds of ``runs`` calls, and the last result.

    The machine may be shared: CPU time (``process_time``) is what the call itself cost, wall time
    what a caller waited.
    """
    walls, cpus = [], []
    result: object = None
    for _ in range(runs):
        result = None
        gc.collect()
        wall, cpu = time.perf_counter(), time.process_time()
        result = fn()
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return statistics.median(walls), statistics.median(cpus), result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--customers", type=int, default=100_000, help="customer records on the site (about)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each (median)")
    parser.add_argument("--preset", default="re-office")
    parser.add_argument("--seed", type=int, default=20260301)
    args = parser.parse_args(argv)

    from guishu._compiled import engine_is_compiled

    policy = load_policy(args.preset)
    staff, events = history(args.customers, args.seed)

    def replayed() -> Site:
        site = Site(policy, [StaffMember(code) for code in staff])
        site.replay(events)
        return site

    replay_s, replay_cpu, built = timed(replayed, 1)
    site = built if isinstance(built, Site) else replayed()
    n = len(site.customers)
    print(f"engine: {'compiled with mypyc' if engine_is_compiled() else 'pure Python'}; preset {args.preset}")
    print(
        f"history: {len(events):,} events -> {n:,} customers, {len(site.book.index):,} phones, "
        f"{len(site.deals):,} deals, {len(site.notices):,} notices; "
        f"full replay {replay_s:.2f}s (CPU {replay_cpu:.2f}s)"
    )

    dump_s, dump_cpu, data = timed(lambda: dump(site), args.runs)
    assert isinstance(data, dict)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    load_s, load_cpu, _ = timed(lambda: load(data, policy), args.runs)
    save_s, save_cpu, blob = timed(lambda: to_bytes(site), args.runs)
    assert isinstance(blob, bytes)
    open_s, open_cpu, loaded = timed(lambda: from_bytes(blob, policy), args.runs)
    # the collector is paused while a site is built; its first young-generation pass afterwards walks
    # every new object once, and the process pays for it at its next allocation
    loaded = None
    gc.collect()
    loaded = from_bytes(blob, policy)
    wall, cpu = time.perf_counter(), time.process_time()
    gc.collect(0)
    young_cpu, young_s = time.process_time() - cpu, time.perf_counter() - wall
    assert isinstance(loaded, Site) and dump(loaded) == data, "the loaded site differs from the saved one"

    rows = [
        ("dump(site) -> dict", dump_s, dump_cpu),
        ("load(dict, policy) -> Site", load_s, load_cpu),
        ("to_bytes(site)  [dump + JSON + zlib]", save_s, save_cpu),
        ("from_bytes(blob) [zlib + JSON + load]", open_s, open_cpu),
        ("  then the first young GC pass", young_s, young_cpu),
    ]
    print(f"\n{'(median of ' + str(args.runs) + ' runs)':40}{'wall s':>9}{'CPU s':>9}{'CPU µs/customer':>17}")
    for label, wall, cpu in rows:
        print(f"{label:40}{wall:>9.3f}{cpu:>9.3f}{cpu / n * 1e6:>17.2f}")
    print(f"\n{'size':40}{'bytes':>13}{'per customer':>13}")
    print(f"{'compact JSON':40}{len(text):>13,}{len(text) / n:>13.1f}")
    print(f"{'zlib-compressed (to_bytes)':40}{len(blob):>13,}{len(blob) / n:>13.1f}")
    verdict = "OK" if open_s < 1.0 or n < 100_000 else "ABOVE TARGET"
    print(
        f"\ncold start from the snapshot: {open_s:.2f}s (CPU {open_cpu:.2f}s) instead of {replay_s:.2f}s "
        f"to replay the whole log; target for from_bytes at 100,000 customers: well under 1 s: {verdict}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
