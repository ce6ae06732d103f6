"""guishu verify / guishu rebuild: the log's hash chain, its replay, the projections, the snapshots.

``verify_site`` walks the chain (every event's hash covers its fields and the previous hash, so a
row edited in the database no longer matches), replays the whole log through the engine from the
beginning and compares every stored ruling, the projections and the latest snapshot with what the
replay gives. ``rebuild_site`` writes the projections again from a replay, with bulk inserts.
"""

from __future__ import annotations

import json
from typing import Any

from django.db import connection, transaction

from guishu.engine import GuishuError, snapshot

from . import engine_state, projections
from . import models as m
from .locks import writer_lock
from .services.events import ruling_dict


def _plain(value: Any) -> Any:
    return json.loads(json.dumps(value, ensure_ascii=False, default=str))


def _chain_problems(site: m.Site) -> list[str]:
    problems = []
    prev = m.GENESIS
    for expected_seq, row in enumerate(site.events.order_by("seq").iterator(chunk_size=2000), 1):
        label = f"站点 {site.slug} 事件 {row.seq}（{row.kind}）/ site {site.slug} event {row.seq}"
        if row.seq != expected_seq:
            problems.append(f"{label}：序号不连续，应为 {expected_seq} / sequence gap")
        if row.prev_hash != prev:
            problems.append(f"{label}：前一哈希不符，日志被改动 / prev_hash does not match the previous event")
        if row.compute_hash() != row.hash:
            problems.append(
                f"{label}：哈希不符，该事件在写入后被改动 / hash mismatch: the event was edited after it was written"
            )
        prev = row.hash
    return problems


def _snapshot_problems(site: m.Site) -> list[str]:
    """The latest snapshot must equal the state a replay reaches at its entry."""
    snap = site.snapshots.order_by("-seq").first()
    if snap is None:
        return []
    label = f"站点 {site.slug} 快照 {snap.seq} / site {site.slug} snapshot {snap.seq}"
    entry = site.events.filter(seq=snap.seq).values_list("hash", flat=True).first()
    if entry != snap.hash:
        return [f"{label}：不在日志的哈希链上 / not on the log's hash chain"]
    if snap.format != snapshot.FORMAT:
        return []  # an older format is never loaded: the service replays the log instead
    engine, _, _ = engine_state.replay(site, upto=snap.seq)
    try:
        stored = snapshot.decode(bytes(snap.data))
    except GuishuError as exc:
        return [f"{label}：无法读取：{exc.zh} / unreadable: {exc.en}"]
    if _plain(stored) != _plain(snapshot.dump(engine)):
        return [f"{label}：与重放到该条的状态不同 / differs from the replay up to its entry"]
    return []


def verify_site(site: m.Site) -> list[str]:
    problems = _chain_problems(site)
    if problems:
        return problems
    try:
        engine, rulings, _ = engine_state.replay(site)
    except (engine_state.LogError, GuishuError, ValueError) as exc:
        return [f"站点 {site.slug}：日志无法重放：{exc} / the log does not replay"]
    rows = site.events.order_by("seq").values_list("seq", "ruling").iterator(chunk_size=2000)
    for (seq, stored), ruling in zip(rows, rulings, strict=True):
        if _plain(ruling_dict(ruling)) != _plain(stored):
            problems.append(f"站点 {site.slug} 事件 {seq}：重放的裁决与记录的不同 / the replayed ruling differs")
    notices = projections.notices_of(rulings)
    problems.extend(f"站点 {site.slug}：{p}" for p in projections.differences(site, engine, notices))
    problems.extend(_snapshot_problems(site))
    return problems


def rebuild_site(site: m.Site) -> int:
    """Rewrite the site's projections from its log; returns the number of customers."""
    with writer_lock(), engine_state.site_lock(site.pk), transaction.atomic():
        if connection.vendor != "sqlite":
            m.Site.objects.select_for_update().filter(pk=site.pk).first()
        engine, rulings, folder = engine_state.replay(site)
        projections.write_all(site, engine, folder.seq, projections.notices_of(rulings))
        engine_state.drop(site.pk)
    return engine.customer_count()


def snapshot_site(site: m.Site) -> int:
    """Store a snapshot of the site's engine state now (``guishu snapshot``); returns its entry."""
    with writer_lock(), engine_state.site_lock(site.pk):
        cached = engine_state.current(site)
        engine_state.snapshot_write(site, cached)
        return cached.seq
