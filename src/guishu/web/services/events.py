"""The one write path: append an event to a site's log.

``event_append`` does, in one transaction: lock the site, bring the engine state up to the last
logged event, ask the engine, append the event with its ruling to the hash chain, and project
exactly what the engine says the event changed. Writers of one site are serialised: two desks
registering the same phone at the same moment are decided one after the other, and the second
sees the first's customer. Writers wait in a queue, they do not poll: on PostgreSQL the site's
row is locked (``SELECT … FOR UPDATE``; other sites never wait), on SQLite, where the database has
one writer at a time anyway, every writer takes the database's writer lock (a blocking file lock)
before its transaction begins, instead of spinning in SQLite's busy handler.

A refused event writes nothing and leaves the cached engine state as it was (the engine undoes
whatever deciding it touched). The log stays in time order: an event dated before the site's last
logged event is refused rather than inserted in the past, because every later ruling was decided
without it. Only managers may backdate (send an ``at`` before now); a backdated event is marked so.
An ``at`` in the future is refused.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User
from django.db import connection, transaction
from django.utils import timezone

from guishu.engine import Event as EngineEvent
from guishu.engine import GuishuError, PhoneError, Ruling, normalize_phone, parse_event, split_event

from .. import engine_state, projections
from .. import models as m
from ..errors import Forbidden, Invalid
from ..locks import writer_lock
from ..roles import MAY_BACKDATE, Actor, check_post
from ..selectors import site_get

# how far a client's clock may run ahead or behind before "at" counts as future or backdated
CLOCK_SKEW = timedelta(minutes=1)
PHONE_FIELDS = ("phone", "referred_by", "brought_by", "family_of")


@dataclass(frozen=True)
class Appended:
    event: m.Event
    ruling: dict[str, Any]


def parse_at(value: Any, tz: ZoneInfo) -> datetime:
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.strip())
        except ValueError:
            raise Invalid(
                f"时间格式不正确：{value}（应为 YYYY-MM-DD HH:MM 或 ISO 8601）", f"bad time {value!r}", "at"
            ) from None
    else:
        raise Invalid(f"时间格式不正确：{value}", f"bad time {value!r}", "at")
    return parsed.replace(tzinfo=tz) if parsed.tzinfo is None else parsed


def ruling_dict(ruling: Ruling) -> dict[str, Any]:
    out = ruling.as_dict()
    out.pop("index", None)  # the engine's count includes refusals, which the log does not keep
    if ruling.accepted:
        out.update(received_by=ruling.received_by, counted_turn=ruling.counted_turn, turn_of=ruling.turn_of)
    return out


def _split(raw: object) -> tuple[str, dict[str, Any], str | None, Any]:
    """The event type, its body, its id and its ``at`` as sent, checked as the scenario format reads them."""
    if not isinstance(raw, Mapping):
        raise Invalid(
            '请求体应为一个事件对象，例如 {"visit": {"phone": "13800000001"}}',
            "the body must be one event object",
            None,
        )
    try:
        kind, body = split_event(raw)
    except GuishuError as exc:
        raise Invalid(exc.zh, exc.en, exc.field) from None
    # a float would not read back the same from PostgreSQL's jsonb (1e20, 1.0): store it as the text the
    # engine reads it as, so that the hash of a stored event stays the hash it was written with
    body = {k: (str(int(v)) if v.is_integer() else str(v)) if isinstance(v, float) else v for k, v in body.items()}
    event_id = raw.get("id")
    if event_id is not None and (isinstance(event_id, (dict, list, bool)) or len(str(event_id)) > 100):
        raise Invalid("事件 id 应为不超过100个字符的文字", "id must be text of at most 100 characters", "id")
    return kind, body, None if event_id is None else str(event_id), raw.get("at")


@dataclass(frozen=True)
class Prepared:
    """A posted event checked before the site is locked: its parts, its engine event and its time."""

    kind: str
    body: dict[str, Any]
    event_id: str | None
    event: EngineEvent
    at: datetime
    explicit: bool  # the poster gave an ``at``; without one the time is read under the site's lock
    backdated: bool
    now: datetime
    clock_given: bool

    def dated(self, last: m.Event | None, tz: ZoneInfo) -> Prepared:
        """Without an explicit ``at``: now (read under the lock), never before the last logged event."""
        if self.explicit:
            return self
        now = self.now if self.clock_given else timezone.now()
        at = max(now.astimezone(tz), last.at.astimezone(tz)) if last else now.astimezone(tz)
        return dataclasses.replace(self, at=at, now=now, event=dataclasses.replace(self.event, at=at))


def event_prepare(*, site: m.Site, actor: Actor, raw: object, now: datetime | None = None) -> Prepared:
    """Every check of a posted event that does not need the log: raise Invalid or Forbidden if one fails."""
    clock_given = now is not None
    now = now or timezone.now()
    tz = ZoneInfo(site.timezone)
    kind, body, event_id, sent_at = _split(raw)
    explicit = sent_at is not None
    at = (parse_at(sent_at, tz) if explicit else now).astimezone(tz)
    if at > now + CLOCK_SKEW:
        raise Invalid(f"事件时间 {at:%Y-%m-%d %H:%M} 在未来，不能登记", "an event may not be dated in the future", "at")
    backdated = at < now - CLOCK_SKEW
    if backdated and actor.role not in MAY_BACKDATE:
        raise Forbidden("只有经理可以补登过去的时间", "only managers may backdate an event", "at")
    check_post(actor, kind, body)
    try:
        event = parse_event(kind, body, at, event_id)
    except GuishuError as exc:
        raise Invalid(exc.zh, exc.en, exc.field) from None
    return Prepared(kind, body, event_id, event, at, explicit, backdated, now, clock_given)


def check_order(at: datetime, last: m.Event | None, tz: ZoneInfo) -> None:
    """The log only grows in time order: refuse an event dated before the last logged one."""
    if last is not None and at < last.at:
        raise Invalid(
            f"事件时间 {at.astimezone(tz):%Y-%m-%d %H:%M} "
            f"早于本站最后一条登记 {last.at.astimezone(tz):%Y-%m-%d %H:%M}，登记簿只能按时间顺序追加",
            "the event is dated before the site's last logged event; the log only grows in time order",
            "at",
        )


def event_append(*, site: m.Site, actor: Actor, raw: object, now: datetime | None = None) -> Appended:
    """Decide and record one event posted by ``actor``; raise Invalid or Forbidden and write nothing if refused."""
    prepared = event_prepare(site=site, actor=actor, raw=raw, now=now)
    tz = ZoneInfo(site.timezone)
    with writer_lock(), engine_state.site_lock(site.pk):
        applied = False
        try:
            with transaction.atomic():
                # the site's row, locked on PostgreSQL (SQLite's writer lock is already held)
                rows = m.Site.objects.filter(pk=site.pk).values_list("revision", flat=True)
                revision = (rows if connection.vendor == "sqlite" else rows.select_for_update()).get()
                last = site.events.order_by("-seq").only("site_id", "seq", "hash", "at").first()
                p = prepared.dated(last, tz)
                check_order(p.at, last, tz)
                cached = engine_state.current(site, (last.seq, last.hash) if last else (0, m.GENESIS), revision)
                ruling = cached.timeline.apply(cached.engine, p.event)
                if not ruling.accepted or ruling.changes is None:
                    # the engine left its state exactly as it was: the cache stays
                    raise Invalid(ruling.reason, ruling.reason_en, ruling.field)
                applied = True
                row = log_row(site, actor, p, ruling, last)
                row.save()
                m.EventPhone.objects.bulk_create(
                    [m.EventPhone(event=row, site=site, phone=phone) for phone in event_phones(p.body, ruling)]
                )
                projections.write_changes(site, cached.engine, ruling.changes, row.seq)
            cached.seq, cached.hash = row.seq, row.hash
        except BaseException:
            if applied:  # the engine went ahead of the database: load it again next time
                engine_state.drop(site.pk)
            raise
        if engine_state.snapshot_due(cached):
            engine_state.snapshot_write(site, cached)
    return Appended(row, row.ruling)


def log_row(site: m.Site, actor: Actor, p: Prepared, ruling: Ruling, last: m.Event | None) -> m.Event:
    """The log entry of an accepted event, chained to ``last`` (not saved)."""
    row = m.Event(
        site=site,
        seq=(last.seq if last else 0) + 1,
        kind=p.kind,
        event_id=p.event_id or "",
        body=p.body,
        at=p.at,
        received_at=p.now,
        author_id=actor.user_id,
        author_code=actor.code or "",
        author_role=actor.role,
        backdated=p.backdated,
        ruling=ruling_dict(ruling),
        prev_hash=last.hash if last else m.GENESIS,
    )
    row.hash = row.compute_hash()
    return row


def event_phones(body: dict[str, Any], ruling: Ruling) -> list[str]:
    """The phones an event names (the index behind a customer's history), normalised and sorted."""
    phones = set()
    for value in [body.get(f) for f in PHONE_FIELDS] + list(body.get("phones") or []) + [ruling.phone]:
        try:
            phones.add(normalize_phone(value))
        except PhoneError:
            continue
    return sorted(phones)


def actor_of(user: User, site: m.Site) -> Actor:
    """The user's role at ``site``: their staff record there; a superuser without one acts as admin."""
    staff = site.staff.filter(user=user).first()
    if staff is not None:
        return Actor(user.pk, user.get_username(), staff.code, staff.role)
    if user.is_superuser:
        return Actor(user.pk, user.get_username(), None, "admin")
    raise Forbidden(f"您不是站点 {site.name} 的员工", f"you are not on the staff of {site.slug}", None)


def site_and_actor(slug: str, user: User) -> tuple[m.Site, Actor]:
    """The site of ``slug`` and the user's role there, in one query for its own staff (the common case)."""
    staff = m.Staff.objects.select_related("site").filter(site__slug=slug, user=user).first()
    if staff is not None:
        return staff.site, Actor(user.pk, user.get_username(), staff.code, staff.role)
    site = site_get(slug)
    return site, actor_of(user, site)
