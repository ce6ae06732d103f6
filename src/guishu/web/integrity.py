"""guishu verify / guishu rebuild: the log's hash chain, its replay, and the projections.

``verify_site`` walks the chain (every event's hash covers its fields and the previous
hash, so a row edited in the database no longer matches), replays the log through the
engine and compares every stored ruling and the projections with what the replay gives.
"""

from __future__ import annotations

import json
from typing import Any

from django.db import transaction

from guishu.engine import EventError, FormatError

from . import engine_state
from . import models as m
from .services.events import ruling_dict


def _plain(value: Any) -> Any:
    return json.loads(json.dumps(value, ensure_ascii=False, default=str))


def verify_site(site: m.Site) -> list[str]:
    problems: list[str] = []
    rows = list(site.events.order_by("seq"))
    prev = m.GENESIS
    for expected_seq, row in enumerate(rows, 1):
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
    if problems:
        return problems
    try:
        engine, rulings = engine_state.replay(site, rows)
    except (engine_state.LogError, EventError, FormatError, ValueError) as exc:
        return [f"站点 {site.slug}：日志无法重放：{exc} / the log does not replay"]
    for row, ruling in zip(rows, rulings, strict=True):
        if _plain(ruling_dict(ruling)) != _plain(row.ruling):
            problems.append(f"站点 {site.slug} 事件 {row.seq}：重放的裁决与记录的不同 / the replayed ruling differs")
    problems.extend(f"站点 {site.slug}：{p}" for p in engine_state.projection_differences(site, engine))
    return problems


def rebuild_site(site: m.Site) -> int:
    """Rewrite the site's projections from its log; returns the number of customers."""
    with transaction.atomic():
        m.Site.objects.select_for_update().filter(pk=site.pk).first()
        with engine_state.site_lock(site.pk):
            engine = engine_state.rebuild_projections(site)
    return len(engine.customers)
