"""The engine's view of a site, built from the log, cached per process, projected into tables.

A site's engine state is a fold of its log, so it can always be rebuilt by replay. Each
process keeps the state of the sites it served, keyed by the last log entry it has seen
(sequence number and hash) and the site's ``revision`` (staff or policy changes); a request
first checks that key against the database and catches up or replays when it is stale. The
engine's ``Site`` is not thread-safe: every use holds the site's process lock.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from guishu.engine import Event as EngineEvent
from guishu.engine import Policy, Ruling, StaffMember, load_policy, parse_event
from guishu.engine import Site as EngineSite
from guishu.engine.state import Customer as EngineCustomer

from . import models as m


class LogError(RuntimeError):
    """The stored log does not replay: an event the engine accepted once is refused now."""


@dataclass
class CachedSite:
    seq: int
    hash: str
    revision: int
    engine: EngineSite
    timeline: Timeline
    customers: dict[str, tuple[Any, ...]] = field(default_factory=dict)  # key -> projected fingerprint
    queue: tuple[Any, ...] = ()


_CACHE: dict[int, CachedSite] = {}
_LOCKS: dict[int, threading.Lock] = defaultdict(threading.Lock)
_LOCKS_GUARD = threading.Lock()


@contextmanager
def site_lock(site_id: int) -> Iterator[None]:
    with _LOCKS_GUARD:
        lock = _LOCKS[site_id]
    with lock:
        yield


def drop(site_id: int) -> None:
    _CACHE.pop(site_id, None)


def clear() -> None:
    _CACHE.clear()


# ------------------------------------------------------------------------ building
def policy_of(site: m.Site) -> Policy:
    """The site's newest policy version (what the site is set to now)."""
    version = site.policies.order_by("-effective", "-id").first()
    if version is None:
        raise LogError(f"站点 {site.slug} 没有策略 / site {site.slug} has no policy")
    return load_policy(version.preset, version.params, timezone=site.timezone, effective=version.effective)


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

    def at(self, day: date) -> Policy:
        policy = self.versions[0][1]
        for effective, version in self.versions:
            if effective <= day:
                policy = version
        return policy

    def apply(self, engine: EngineSite, event: EngineEvent) -> Ruling:
        """Apply ``event`` under the version in effect on its date (switching versions when one begins)."""
        policy = self.at(event.at.astimezone(engine.policy.tz).date())
        if policy is not engine.policy:
            engine.set_policy(policy)
        return engine.apply(event)


def member(staff: m.Staff) -> StaffMember:
    return StaffMember(
        code=staff.code,
        name=staff.name or staff.code,
        team=staff.team.name if staff.team_id else None,
        role=staff.role,
        region=staff.region or None,
    )


def engine_event(row: m.Event, tz: ZoneInfo) -> EngineEvent:
    """The stored event as the engine's event, its time in the site's zone (as when it was decided)."""
    return parse_event(row.kind, row.body, row.at.astimezone(tz), row.event_id or None)


def replay(
    site: m.Site, rows: list[m.Event] | None = None, timeline: Timeline | None = None
) -> tuple[EngineSite, list[Ruling]]:
    """A fresh engine site with the site's staff and its whole log applied, in order."""
    timeline = timeline or Timeline.of(site)
    staff = list(site.staff.select_related("team").order_by("joined_after", "position", "id"))
    engine = EngineSite(timeline.versions[0][1], [member(s) for s in staff if s.joined_after == 0])
    later: dict[int, list[m.Staff]] = defaultdict(list)
    for s in staff:
        if s.joined_after > 0:
            later[s.joined_after].append(s)
    rulings = []
    for row in rows if rows is not None else site.events.order_by("seq"):
        for s in later.pop(row.seq - 1, []):
            engine.add_staff(member(s))
        ruling = timeline.apply(engine, engine_event(row, engine.policy.tz))
        if not ruling.accepted:
            raise LogError(f"日志第 {row.seq} 条重放时被拒绝：{ruling.reason} / event {row.seq} is refused on replay")
        rulings.append(ruling)
    for joined in sorted(later):
        for s in later[joined]:
            engine.add_staff(member(s))
    return engine, rulings


def last_entry(site: m.Site) -> tuple[int, str]:
    row = site.events.order_by("-seq").values_list("seq", "hash").first()
    return (row[0], row[1]) if row else (0, m.GENESIS)


def current(site: m.Site) -> CachedSite:
    """The engine state after the site's last logged event; call with the site's lock held."""
    seq, hash_ = last_entry(site)
    revision = m.Site.objects.filter(pk=site.pk).values_list("revision", flat=True).get()
    cached = _CACHE.get(site.pk)
    if cached is not None and cached.revision == revision:
        if cached.seq == seq and cached.hash == hash_:
            return cached
        if cached.seq < seq and (cached.seq == 0 or site.events.filter(seq=cached.seq, hash=cached.hash).exists()):
            try:
                rows = list(site.events.filter(seq__gt=cached.seq).order_by("seq"))
                for row in rows:
                    ruling = cached.timeline.apply(cached.engine, engine_event(row, cached.engine.policy.tz))
                    if not ruling.accepted:
                        raise LogError(f"event {row.seq} refused on catch-up")
                cached.seq, cached.hash = rows[-1].seq, rows[-1].hash
                cached.customers = fingerprints(cached.engine)
                cached.queue = queue_fingerprint(cached.engine)
                return cached
            except Exception:
                drop(site.pk)
                raise
    # the key is taken from the rows replayed, not from the look-up above: outside a write's lock
    # another process may have appended in between
    rows = list(site.events.order_by("seq"))
    timeline = Timeline.of(site)
    engine, _ = replay(site, rows, timeline)
    seq, hash_ = (rows[-1].seq, rows[-1].hash) if rows else (0, m.GENESIS)
    cached = CachedSite(seq, hash_, revision, engine, timeline, fingerprints(engine), queue_fingerprint(engine))
    _CACHE[site.pk] = cached
    return cached


# ---------------------------------------------------------------------- projections
def customer_fingerprint(c: EngineCustomer) -> tuple[Any, ...]:
    return (
        tuple(c.phones),
        c.name,
        c.owner,
        c.protected_until,
        c.window_clause,
        c.owner_since,
        tuple(c.owner_clauses),
        c.owner_reason,
        c.registered_at,
        c.registered_by,
        c.bought,
        c.family,
        c.referrer,
        c.channel,
        c.first_source,
    )


def fingerprints(engine: EngineSite) -> dict[str, tuple[Any, ...]]:
    return {key: customer_fingerprint(c) for key, c in engine.customers.items()}


def queue_fingerprint(engine: EngineSite) -> tuple[Any, ...]:
    rows = []
    for pos, code in enumerate(engine.queue.order, 1):
        rows.append((code, pos, engine.status.get(code, "on_duty"), code in engine.queue.makeup))
    for code, staff in engine.staff.items():
        if staff.role == "sales" and code not in engine.queue.order:
            rows.append((code, None, engine.status.get(code, "on_duty"), False))
    return tuple(rows)


def _customer_fields(c: EngineCustomer, seq: int) -> dict[str, Any]:
    return {
        "name": c.name or "",
        "grade": "",  # never set by the engine (the column waits for a grading feature)
        "source": c.first_source or "",
        "channel": c.channel,
        "family": c.family or "",
        "referrer": c.referrer or "",
        "owner": c.owner or "",
        "protected_until": c.protected_until,
        "window_clause": c.window_clause or "",
        "owner_since": c.owner_since,
        "owner_clauses": [x for x in c.owner_clauses if x],
        "owner_reason": c.owner_reason or "",
        "registered_at": c.registered_at,
        "registered_by": c.registered_by or "",
        "bought": c.bought,
        "seq": seq,
    }


def project(site: m.Site, cached: CachedSite, seq: int) -> None:
    """Write the customers and queue that changed since the last projection (same transaction)."""
    engine = cached.engine
    now = fingerprints(engine)
    gone = [k for k in cached.customers if k not in now]
    if gone:
        m.Customer.objects.filter(site=site, key__in=gone).delete()
    changed = [k for k, fp in now.items() if cached.customers.get(k) != fp]
    for key in changed:
        c = engine.customers[key]
        row, _ = m.Customer.objects.update_or_create(site=site, key=key, defaults=_customer_fields(c, seq))
        have = set(m.CustomerPhone.objects.filter(customer=row).values_list("phone", flat=True))
        if have != set(c.phones):
            m.CustomerPhone.objects.filter(customer=row).exclude(phone__in=c.phones).delete()
            m.CustomerPhone.objects.filter(site=site, phone__in=c.phones).exclude(customer=row).delete()
            m.CustomerPhone.objects.bulk_create(
                [m.CustomerPhone(site=site, customer=row, phone=p) for p in c.phones if p not in have]
            )
    cached.customers = now
    queue = queue_fingerprint(engine)
    if queue != cached.queue:
        write_queue(site, queue)
        cached.queue = queue


def write_queue(site: m.Site, queue: tuple[Any, ...]) -> None:
    m.QueueEntry.objects.filter(site=site).delete()
    m.QueueEntry.objects.bulk_create(
        [
            m.QueueEntry(site=site, staff_code=code, position=pos, status=status, makeup=makeup)
            for code, pos, status, makeup in queue
        ]
    )


def rebuild_projections(site: m.Site) -> EngineSite:
    """Throw the projections away and write them again from a fresh replay of the log."""
    timeline = Timeline.of(site)
    engine, _ = replay(site, timeline=timeline)
    seq, hash_ = last_entry(site)
    m.Customer.objects.filter(site=site).delete()
    cached = CachedSite(seq, hash_, site.revision, engine, timeline, {}, ())
    project(site, cached, seq)
    write_queue(site, queue_fingerprint(engine))
    drop(site.pk)
    return engine


def projection_differences(site: m.Site, engine: EngineSite) -> list[str]:
    """What the stored projections say that a fresh replay does not (empty: they agree)."""
    problems = []
    stored = {c.key: c for c in m.Customer.objects.filter(site=site)}
    phones: dict[str, set[str]] = defaultdict(set)
    for key, phone in m.CustomerPhone.objects.filter(site=site).values_list("customer__key", "phone"):
        phones[key].add(phone)
    for key, c in engine.customers.items():
        row = stored.pop(key, None)
        if row is None:
            problems.append(f"客户 {key} 在投影中缺失 / customer {key} missing from the projection")
            continue
        want = _customer_fields(c, row.seq)
        for name, value in want.items():
            got = getattr(row, name)
            if isinstance(value, datetime) and isinstance(got, datetime):
                same = value.astimezone(UTC) == got.astimezone(UTC)
            else:
                same = got == value
            if not same:
                problems.append(
                    f"客户 {key} 的 {name}：投影为 {got!r}，重放为 {value!r} / customer {key}: {name} differs"
                )
        if phones.get(key, set()) != set(c.phones):
            problems.append(f"客户 {key} 的手机号不一致 / customer {key}: phones differ")
    for key in stored:
        problems.append(f"投影中多出客户 {key} / customer {key} is not in the log")
    queue = tuple(
        m.QueueEntry.objects.filter(site=site)
        .order_by("position", "staff_code")
        .values_list("staff_code", "position", "status", "makeup")
    )
    want_queue = queue_fingerprint(engine)
    if sorted(queue, key=str) != sorted(want_queue, key=str):
        problems.append(f"轮序投影不一致 / the queue projection differs: {queue} != {want_queue}")
    return problems
