"""Loading a history into a site: one fold through the engine, then bulk writes.

Posting a history event by event (``event_append`` for each) costs the square of its size: each
write brings the cached state up to date and projects what changed. Here the events are decided
in order by ONE engine ``Site`` in memory, after the same checks as the write path
(``event_prepare``, ``check_order``): a refused event is reported and not stored, as it would have
been if posted. The accepted ones go to the log in batches with the same fields and the same hash
chain (``log_row``), with their phone index, and the projections are then written in bulk
(``projections.write_all``). All of it is one transaction with the site locked: the site shows the
whole history or none of it.

The events must come in time order (as a scenario file's do); a refused event changes nothing,
in the engine as in the log, exactly as when it is posted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sized
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.db import connection, transaction
from django.utils import timezone

from guishu.engine import OrderError

from .. import engine_state, projections
from .. import models as m
from ..errors import Invalid, ServiceError
from ..locks import writer_lock
from ..roles import Actor
from .events import check_order, event_phones, event_prepare, log_row

BATCH = 2000  # log entries per INSERT, and how often progress is told

# told (events read so far, how many there are or None when the events come from a generator)
Progress = Callable[[int, int | None], None]


@dataclass
class Refused:
    position: int  # 1-based, in the order the events were given
    error: ServiceError


@dataclass
class HistoryLoaded:
    logged: int = 0
    refused: list[Refused] = field(default_factory=list)
    customers: int = 0
    last_seq: int = 0


def history_load(
    *,
    site: m.Site,
    events: Iterable[Mapping[str, Any]],
    actor: Actor,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> HistoryLoaded:
    """Decide ``events`` (API bodies, each with its ``at``) in order as posted by ``actor`` and
    append the accepted ones to the site's log, with the projections, in one transaction."""
    now = now or timezone.now()
    total = len(events) if isinstance(events, Sized) else None
    loaded = HistoryLoaded()
    with writer_lock(), engine_state.site_lock(site.pk), transaction.atomic():
        if connection.vendor != "sqlite":  # SQLite's writer lock is already held
            m.Site.objects.select_for_update().filter(pk=site.pk).first()
        try:
            _fold(site, events, actor, now, loaded, total, progress)
        finally:
            engine_state.drop(site.pk)
    return loaded


def _fold(
    site: m.Site,
    events: Iterable[Mapping[str, Any]],
    actor: Actor,
    now: datetime,
    loaded: HistoryLoaded,
    total: int | None,
    progress: Progress | None,
) -> None:
    tz = ZoneInfo(site.timezone)
    engine, rulings, folder = engine_state.replay(site)  # the log so far (none on a new site)
    timeline = folder.line
    notices = projections.notices_of(rulings)
    last = site.events.order_by("-seq").first()
    batch: list[tuple[m.Event, list[str]]] = []
    position = 0
    for position, raw in enumerate(events, 1):
        try:
            p = event_prepare(site=site, actor=actor, raw=raw, now=now).dated(last, tz)
            check_order(p.at, last, tz)
            try:
                ruling = timeline.apply(engine, p.event)
            except OrderError as exc:
                raise Invalid(exc.zh, exc.en, "at") from None
            if not ruling.accepted:
                raise Invalid(ruling.reason, ruling.reason_en, ruling.field)
        except ServiceError as exc:
            loaded.refused.append(Refused(position, exc))
            continue
        last = log_row(site, actor, p, ruling, last)
        notices.extend((last.seq, n) for n in ruling.notices)
        batch.append((last, event_phones(p.body, ruling)))
        if len(batch) >= BATCH:
            _write(site, batch)
            loaded.logged += len(batch)
            batch = []
            if progress is not None:
                progress(position, total)
    _write(site, batch)
    loaded.logged += len(batch)
    loaded.last_seq = last.seq if last else 0
    loaded.customers = projections.write_all(site, engine, loaded.last_seq, notices)
    if last is not None and loaded.logged:
        # the next process to write starts from here instead of replaying the history just loaded
        loaded_state = engine_state.CachedSite(last.seq, last.hash, site.revision, engine, timeline)
        engine_state.snapshot_write(site, loaded_state)
    if progress is not None:
        progress(position, total)


def _write(site: m.Site, batch: list[tuple[m.Event, list[str]]]) -> None:
    if not batch:
        return
    projections.insert_rows(m.Event, [row for row, _ in batch])
    first, last = batch[0][0].seq, batch[-1][0].seq
    ids = dict(site.events.filter(seq__gte=first, seq__lte=last).values_list("seq", "pk"))
    phones = [(ids[row.seq], site.pk, phone) for row, names in batch for phone in names]
    projections.insert_values(m.EventPhone, ("event", "site", "phone"), phones)
