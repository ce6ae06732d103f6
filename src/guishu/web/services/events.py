"""The one write path: append an event to a site's log.

``event_append`` does, in one transaction: lock the site (``SELECT … FOR UPDATE`` on
PostgreSQL; on SQLite the transaction itself begins IMMEDIATE and holds the database's
write lock), bring the engine state up to the last logged event, ask the engine, append the
event with its ruling to the hash chain, and update the projections. Writers of one site are
therefore serialised: two desks registering the same phone at the same moment are decided
one after the other, and the second sees the first's customer.

The log stays in time order: an event dated before the site's last logged event is refused
(400) rather than inserted in the past, because every later ruling was decided without it.
Only managers may backdate (send an ``at`` before now); a backdated event is marked so.
An ``at`` in the future is refused. A refused event writes nothing.
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
from guishu.engine import EventError, FormatError, PhoneError, Ruling, normalize_phone, parse_event
from guishu.engine.events import EVENT_TYPES, event_fields

from .. import engine_state
from .. import models as m
from ..errors import ServiceError
from ..roles import MAY_BACKDATE, Actor, Forbidden, check_post

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
            raise ServiceError(
                400, f"时间格式不正确：{value}（应为 YYYY-MM-DD HH:MM 或 ISO 8601）", f"bad time {value!r}", "at"
            ) from None
    else:
        raise ServiceError(400, f"时间格式不正确：{value}", f"bad time {value!r}", "at")
    return parsed.replace(tzinfo=tz) if parsed.tzinfo is None else parsed


def ruling_dict(ruling: Ruling) -> dict[str, Any]:
    out = ruling.as_dict()
    out.pop("index", None)  # the engine's count includes refusals, which the log does not keep
    if ruling.accepted:
        out.update(received_by=ruling.received_by, counted_turn=ruling.counted_turn, turn_of=ruling.turn_of)
    return out


def _split(raw: Mapping[str, Any]) -> tuple[str, dict[str, Any], str | None]:
    if not isinstance(raw, Mapping):
        raise ServiceError(
            400,
            '请求体应为一个事件对象，例如 {"visit": {"phone": "13800000001"}}',
            "the body must be one event object",
            None,
        )
    keys = [k for k in raw if k not in ("at", "id")]
    for key in keys:
        if key not in EVENT_TYPES:
            raise ServiceError(
                400, f"未知的事件类型：{key}（可用：{', '.join(EVENT_TYPES)}）", f"unknown event type {key!r}", key
            )
    if len(keys) != 1:
        raise ServiceError(400, "每个请求必须恰好有一个事件类型", "exactly one event key is needed", None)
    kind = keys[0]
    body = raw[kind]
    if body is None:
        body = {}
    if not isinstance(body, Mapping):
        raise ServiceError(400, f"事件 {kind} 的内容必须是字段对象", f"the body of {kind} must be an object", kind)
    allowed = event_fields(kind)
    for key in body:
        if key not in allowed:
            raise ServiceError(
                400,
                f"事件 {kind} 没有字段 {key}（可用：{', '.join(allowed)}）",
                f"unknown field {key!r} of {kind}",
                key,
            )
    # a float would not read back the same from PostgreSQL's jsonb (1e20, 1.0): store it as the text the
    # engine reads it as, so that the hash of a stored event stays the hash it was written with
    body = {k: (str(int(v)) if v.is_integer() else str(v)) if isinstance(v, float) else v for k, v in body.items()}
    event_id = raw.get("id")
    if event_id is not None and (isinstance(event_id, (dict, list, bool)) or len(str(event_id)) > 100):
        raise ServiceError(400, "事件 id 应为不超过100个字符的文字", "id must be text of at most 100 characters", "id")
    return kind, body, None if event_id is None else str(event_id)


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


def event_prepare(*, site: m.Site, actor: Actor, raw: Mapping[str, Any], now: datetime | None = None) -> Prepared:
    """Every check of a posted event that does not need the log: raise ServiceError if one fails."""
    clock_given = now is not None
    now = now or timezone.now()
    tz = ZoneInfo(site.timezone)
    kind, body, event_id = _split(raw)
    explicit = raw.get("at") is not None
    at = (parse_at(raw["at"], tz) if explicit else now).astimezone(tz)
    if at > now + CLOCK_SKEW:
        raise ServiceError(
            400, f"事件时间 {at:%Y-%m-%d %H:%M} 在未来，不能登记", "an event may not be dated in the future", "at"
        )
    backdated = at < now - CLOCK_SKEW
    if backdated and actor.role not in MAY_BACKDATE:
        raise ServiceError(403, "只有经理可以补登过去的时间", "only managers may backdate an event", "at")
    try:
        check_post(actor, kind, body)
    except Forbidden as exc:
        raise ServiceError(403, exc.zh, exc.en, exc.field) from None
    if "phone" in body:
        # P-1's commonest refusal (a mistyped number) is answered before the engine is asked: a refusal
        # costs the cached engine state (it is rebuilt by replay after one), a typo at the desk should not
        try:
            normalize_phone(body["phone"])
        except PhoneError as exc:
            zh, _, en = exc.message.partition(" / ")
            raise ServiceError(400, f"{zh}（字段 phone）", en, "phone") from None
    try:
        event = parse_event(kind, body, at, event_id)
    except EventError as exc:
        raise ServiceError(400, exc.zh, exc.en, exc.field) from None
    except FormatError as exc:  # already named above; kept for safety
        raise ServiceError(400, str(exc), "", None) from None
    return Prepared(kind, body, event_id, event, at, explicit, backdated, now, clock_given)


def event_append(*, site: m.Site, actor: Actor, raw: Mapping[str, Any], now: datetime | None = None) -> Appended:
    """Decide and record one event posted by ``actor``; raise ServiceError and write nothing if refused."""
    p = event_prepare(site=site, actor=actor, raw=raw, now=now)
    kind, body, event_id, event, at, now = p.kind, p.body, p.event_id, p.event, p.at, p.now
    explicit, backdated, clock_given, tz = p.explicit, p.backdated, p.clock_given, ZoneInfo(site.timezone)

    with transaction.atomic():
        if connection.vendor != "sqlite":
            m.Site.objects.select_for_update().filter(pk=site.pk).first()
        last = site.events.order_by("-seq").first()
        if not explicit:
            # "now" is read under the lock, so that events without an explicit time are logged in the
            # order they were decided, whichever process decided them
            if not clock_given:
                now = timezone.now()
            at = max(now.astimezone(tz), last.at.astimezone(tz)) if last else now.astimezone(tz)
            event = dataclasses.replace(event, at=at)
        check_order(at, last, tz)
        with engine_state.site_lock(site.pk):
            cached = engine_state.current(site)
            try:
                ruling = cached.timeline.apply(cached.engine, event)
                if not ruling.accepted:
                    raise ServiceError(400, ruling.reason, ruling.reason_en, ruling.field)
                appended = _append(site, actor, kind, body, event_id, at, now, backdated, ruling, last)
                engine_state.project(site, cached, appended.event.seq)
                cached.seq, cached.hash = appended.event.seq, appended.event.hash
            except BaseException:
                # the engine state went ahead of the database (or was touched by a refusal): rebuild it next time
                engine_state.drop(site.pk)
                raise
    return appended


def check_order(at: datetime, last: m.Event | None, tz: ZoneInfo) -> None:
    """The log only grows in time order: refuse an event dated before the last logged one."""
    if last is not None and at < last.at:
        raise ServiceError(
            400,
            f"事件时间 {at.astimezone(tz):%Y-%m-%d %H:%M} "
            f"早于本站最后一条登记 {last.at.astimezone(tz):%Y-%m-%d %H:%M}，登记簿只能按时间顺序追加",
            "the event is dated before the site's last logged event; the log only grows in time order",
            "at",
        )


def _append(
    site: m.Site,
    actor: Actor,
    kind: str,
    body: dict[str, Any],
    event_id: str | None,
    at: datetime,
    now: datetime,
    backdated: bool,
    ruling: Ruling,
    last: m.Event | None,
) -> Appended:
    row = log_row(site, actor, kind, body, event_id, at, now, backdated, ruling, last)
    row.save()
    m.EventPhone.objects.bulk_create([m.EventPhone(event=row, site=site, phone=p) for p in event_phones(body, ruling)])
    return Appended(row, row.ruling)


def log_row(
    site: m.Site,
    actor: Actor,
    kind: str,
    body: dict[str, Any],
    event_id: str | None,
    at: datetime,
    now: datetime,
    backdated: bool,
    ruling: Ruling,
    last: m.Event | None,
) -> m.Event:
    """The log entry of an accepted event, chained to ``last`` (not saved)."""
    row = m.Event(
        site=site,
        seq=(last.seq if last else 0) + 1,
        kind=kind,
        event_id=event_id or "",
        body=body,
        at=at,
        received_at=now,
        author_id=actor.user_id,
        author_code=actor.code or "",
        author_role=actor.role,
        backdated=backdated,
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
    raise ServiceError(403, f"您不是站点 {site.name} 的员工", f"you are not on the staff of {site.slug}", None)
