"""The engine's view of a site: built from the latest snapshot plus the log after it, cached per process.

A site's engine state is a fold of its log, so it can always be rebuilt. A process keeps the
states of the sites it served most recently (``GUISHU_ENGINE_SITES``, least recently used out
first), each keyed by the last log entry it has folded (sequence number and hash) and the site's
``revision`` (staff or policy changes). A request checks the key against the database: equal, it
is used as it is; behind, the missing entries are folded in; otherwise (ahead after a failed
commit, or a different chain) the state is loaded again. Loading starts from the latest snapshot
(``SiteSnapshot``, the engine's own format) whose entry is still in the chain, and folds only the
entries after it. The engine's ``Site`` is not thread-safe: every use holds the site's process lock.

Reads do not come here: 判客, the rotation and deals are answered from the projections
(``guishu.web.projections``). Only a write (and ``?at=`` in the past) needs the engine.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction

from guishu.engine import Event as EngineEvent
from guishu.engine import GuishuError, Policy, Ruling, StaffMember, load_policy, parse_event, snapshot
from guishu.engine import Site as EngineSite

from . import models as m

log = logging.getLogger(__name__)


class LogError(RuntimeError):
    """The stored log does not replay: an event the engine accepted once is refused now."""


# ------------------------------------------------------------------------ policies
@dataclass
class Timeline:
    """The site's policy versions by the date each took effect.

    An event is decided under the last version in effect on its local date; events before the
    first version's date (a site loaded with history) fall under the first version.
    """

    versions: list[tuple[date, Policy]]

    @classmethod
    def of(cls, site: m.Site) -> Timeline:
        rows = list(site.policies.order_by("effective", "id"))
        if not rows:
            raise LogError(f"站点 {site.slug} 没有策略 / site {site.slug} has no policy")
        return cls(
            [
                (v.effective, load_policy(v.preset, v.params, timezone=site.timezone, effective=v.effective))
                for v in rows
            ]
        )

    @property
    def first(self) -> Policy:
        return self.versions[0][1]

    def at(self, day: date) -> Policy:
        policy = self.versions[0][1]
        for effective, version in self.versions:
            if effective <= day:
                policy = version
        return policy

    def policy_at(self, instant: datetime) -> Policy:
        return self.at(instant.astimezone(self.first.tz).date())

    def apply(self, engine: EngineSite, event: EngineEvent) -> Ruling:
        """Apply ``event`` under the version in effect on its date (switching versions when one begins)."""
        policy = self.policy_at(event.at)
        if policy is not engine.policy:
            engine.set_policy(policy)
        return engine.apply(event)


_TIMELINES: dict[tuple[int, int], Timeline] = {}


def timeline(site: m.Site) -> Timeline:
    """The site's policy timeline, read once per site revision (a policy change bumps the revision)."""
    key = (site.pk, site.revision)
    found = _TIMELINES.get(key)
    if found is None:
        for stale in [k for k in _TIMELINES if k[0] == site.pk]:
            del _TIMELINES[stale]
        found = _TIMELINES[key] = Timeline.of(site)
    return found


# ------------------------------------------------------------------------ the cache
@dataclass
class CachedSite:
    seq: int
    hash: str
    revision: int
    engine: EngineSite
    timeline: Timeline
    snapshot_seq: int = 0  # the newest snapshot stored for this site (0: none)


_CACHE: OrderedDict[int, CachedSite] = OrderedDict()
_CACHE_GUARD = threading.Lock()
_LOCKS: dict[int, threading.Lock] = defaultdict(threading.Lock)


@contextmanager
def site_lock(site_id: int) -> Iterator[None]:
    with _CACHE_GUARD:
        lock = _LOCKS[site_id]
    with lock:
        yield


def drop(site_id: int) -> None:
    with _CACHE_GUARD:
        _CACHE.pop(site_id, None)


def clear() -> None:
    with _CACHE_GUARD:
        _CACHE.clear()
        _TIMELINES.clear()


def _remember(site_id: int, cached: CachedSite) -> None:
    limit = max(1, int(getattr(settings, "GUISHU_ENGINE_SITES", 16)))
    with _CACHE_GUARD:
        _CACHE[site_id] = cached
        _CACHE.move_to_end(site_id)
        while len(_CACHE) > limit:
            _CACHE.popitem(last=False)


def _cached(site_id: int) -> CachedSite | None:
    with _CACHE_GUARD:
        found = _CACHE.get(site_id)
        if found is not None:
            _CACHE.move_to_end(site_id)
        return found


# ------------------------------------------------------------------------ folding the log
def member(staff: m.Staff) -> StaffMember:
    return StaffMember(
        code=staff.code,
        name=staff.name or staff.code,
        team=staff.team.name if staff.team is not None else None,
        role=staff.role,
        region=staff.region or None,
    )


LOG_FIELDS = ("seq", "kind", "body", "at", "event_id", "hash")


def log_rows(site: m.Site, after: int = 0, upto: int | None = None) -> Iterable[tuple[Any, ...]]:
    """The log entries after ``after`` as plain tuples (``LOG_FIELDS``), oldest first, fetched in chunks."""
    rows = site.events.filter(seq__gt=after)
    if upto is not None:
        rows = rows.filter(seq__lte=upto)
    return rows.order_by("seq").values_list(*LOG_FIELDS).iterator(chunk_size=5000)


def engine_event(kind: str, body: dict[str, Any], at: datetime, event_id: str, tz: ZoneInfo) -> EngineEvent:
    """A stored event as the engine's event, its time in the site's zone (as when it was decided)."""
    return parse_event(kind, body, at.astimezone(tz), event_id or None)


class Folder:
    """Folds log entries into an engine site: staff join at the entry they joined after, each event is
    decided under the policy version of its date. ``rulings=True`` words every ruling (verify, rebuild);
    otherwise events are folded without wording (loading a cache)."""

    def __init__(self, site: m.Site, engine: EngineSite, line: Timeline, seq: int) -> None:
        self.engine, self.line, self.seq, self.hash = engine, line, seq, m.GENESIS
        self.later: dict[int, list[m.Staff]] = defaultdict(list)
        known = {v.code for v in engine.staff_views()}
        for s in site.staff.select_related("team").order_by("joined_after", "position", "id"):
            if s.code not in known:
                self.later[max(s.joined_after, seq)].append(s)
        self.tz = ZoneInfo(site.timezone)

    def _join(self, after: int) -> None:
        for s in self.later.pop(after, []):
            self.engine.add_staff(member(s))

    def fold(self, rows: Iterable[tuple[Any, ...]], *, rulings: bool = False) -> list[Ruling]:
        out: list[Ruling] = []
        batch: list[EngineEvent] = []
        engine = self.engine
        for seq, kind, body, at, event_id, hash_ in rows:
            event = engine_event(kind, body, at, event_id, self.tz)
            policy = self.line.policy_at(event.at)
            if batch and (policy is not engine.policy or (seq - 1) in self.later):
                self._flush(batch)
            self._join(seq - 1)
            if policy is not engine.policy:
                engine.set_policy(policy)
            if rulings:
                ruling = engine.apply(event)
                if not ruling.accepted:
                    raise LogError(f"日志第 {seq} 条重放时被拒绝：{ruling.reason} / event {seq} is refused on replay")
                out.append(ruling)
            else:
                batch.append(event)
            self.seq, self.hash = seq, hash_
        self._flush(batch)
        return out

    def _flush(self, batch: list[EngineEvent]) -> None:
        if batch and self.engine.replay(batch):
            raise LogError(
                f"日志第 {self.seq} 条之前有事件重放时被拒绝 / an event before {self.seq} is refused on replay"
            )
        batch.clear()

    def finish(self) -> None:
        """Staff who joined after the last folded entry."""
        for after in sorted(self.later):
            self._join(after)


def replay(site: m.Site, upto: int | None = None) -> tuple[EngineSite, list[Ruling], Folder]:
    """A fresh engine site with the site's whole log (up to ``upto``) applied, every ruling worded."""
    line = Timeline.of(site)
    engine = EngineSite(line.first)
    folder = Folder(site, engine, line, 0)
    rulings = folder.fold(log_rows(site, upto=upto), rulings=True)
    if upto is None:
        folder.finish()
    return engine, rulings, folder


def last_entry(site: m.Site) -> tuple[int, str]:
    row = site.events.order_by("-seq").values_list("seq", "hash").first()
    return (row[0], row[1]) if row else (0, m.GENESIS)


def current(site: m.Site, last: tuple[int, str] | None = None, revision: int | None = None) -> CachedSite:
    """The engine state after the site's last logged event; call with the site's lock held.

    ``last`` is the (seq, hash) of the last entry and ``revision`` the site's, when the caller has
    just read them under its lock.
    """
    seq, hash_ = last if last is not None else last_entry(site)
    if revision is None:
        revision = m.Site.objects.filter(pk=site.pk).values_list("revision", flat=True).get()
    cached = _cached(site.pk)
    if cached is not None and cached.seq <= seq:
        try:
            if _catch_up(site, cached, seq, hash_, revision):
                return cached
        except Exception:
            drop(site.pk)
            raise
    drop(site.pk)
    cached = _load(site, revision)
    _remember(site.pk, cached)
    return cached


def _catch_up(site: m.Site, cached: CachedSite, seq: int, hash_: str, revision: int) -> bool:
    """Bring ``cached`` to the entry ``seq``; False when it is not on the site's chain any more."""
    if cached.seq == seq and cached.revision == revision:
        return cached.hash == hash_
    if cached.seq < seq and cached.seq and not site.events.filter(seq=cached.seq, hash=cached.hash).exists():
        return False
    if cached.revision != revision:
        site.refresh_from_db(fields=["revision"])
        cached.timeline = timeline(site)
        cached.revision = site.revision
    folder = Folder(site, cached.engine, cached.timeline, cached.seq)
    folder.hash = cached.hash
    if cached.seq < seq:
        folder.fold(log_rows(site, after=cached.seq))
    folder.finish()
    cached.seq, cached.hash = folder.seq, folder.hash
    return True


def _load(site: m.Site, revision: int) -> CachedSite:
    """The latest usable snapshot plus the log after it (the whole log when there is none)."""
    line = Timeline.of(site)
    engine, start, start_hash = _from_snapshot(site, line)
    if engine is None:
        engine, start, start_hash = EngineSite(line.first), 0, m.GENESIS
    folder = Folder(site, engine, line, start)
    folder.hash = start_hash
    folder.fold(log_rows(site, after=start))
    folder.finish()
    return CachedSite(folder.seq, folder.hash, revision, engine, line, snapshot_seq=start)


def _from_snapshot(site: m.Site, line: Timeline) -> tuple[EngineSite | None, int, str]:
    for snap in site.snapshots.order_by("-seq")[:2]:
        if snap.format != snapshot.FORMAT:
            continue
        entry = site.events.filter(seq=snap.seq).values_list("hash", "at").first()
        if entry is None or entry[0] != snap.hash:
            continue  # not on the chain (never happens unless the log was tampered with)
        try:
            return snapshot.from_bytes(bytes(snap.data), line.policy_at(entry[1])), snap.seq, snap.hash
        except GuishuError as exc:
            log.warning("snapshot %s of site %s not used: %s", snap.seq, site.slug, exc.en)
    return None, 0, m.GENESIS


# ------------------------------------------------------------------------ snapshots
def snapshot_due(cached: CachedSite) -> bool:
    every = int(getattr(settings, "GUISHU_SNAPSHOT_EVERY", 1000))
    return every > 0 and cached.seq - cached.snapshot_seq >= every


def snapshot_write(site: m.Site, cached: CachedSite, keep: int = 2) -> m.SiteSnapshot | None:
    """Store the engine state of ``cached`` (call with the site's lock held); older snapshots beyond
    ``keep`` are deleted. Another process may have stored the same entry's snapshot already: fine."""
    if cached.seq == 0:
        return None
    blob = snapshot.to_bytes(cached.engine)
    try:
        with transaction.atomic():
            row = m.SiteSnapshot.objects.create(
                site=site, seq=cached.seq, hash=cached.hash, format=snapshot.FORMAT, data=blob
            )
            old = list(site.snapshots.order_by("-seq").values_list("pk", flat=True)[keep:])
            if old:
                m.SiteSnapshot.objects.filter(pk__in=old).delete()
    except IntegrityError:
        row = None
    cached.snapshot_seq = cached.seq
    return row
