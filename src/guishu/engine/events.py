"""The events of the scenario format (format v1), one frozen dataclass per type.

These are the words of the whole product: a scenario file, the HTTP API and the event log
all carry exactly these events. ``parse_event`` turns a plain mapping (from YAML or JSON)
into an event: an unknown event type or field is a ``FormatError`` (a typo must never pass
silently); a value of the wrong kind is an ``EventError`` naming the field, which refuses
that one event. Phones, staff and enumerated values are checked by the engine when the
event is applied, because only the site knows its staff and customers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from .errors import GuishuError
from .wording import words

SOURCES = ("walk_in", "flyer", "exhibition", "company_resource", "developer_relation", "partner")
ENGAGEMENTS = ("full", "brochure")
FOLLOWUP_KINDS = ("call", "wechat", "sms", "appointment")
LINK_KINDS = ("same_person", "family")
EVIDENCE = ("register", "followup", "none")
FAULTS = ("service", "other")
ASSIGN_REASONS = ("call", "company_resource", "pool", "departure", "callback", "region", "other")
STATUSES = ("on_duty", "away", "busy", "leave", "official", "rest", "departed")
ROLES = ("sales", "agent", "lead", "manager", "desk", "finance", "admin")


class FormatError(GuishuError):
    """The document itself is wrong (unknown event type or field): nothing of it is used."""


class EventError(GuishuError):
    """One event is refused: ``field`` names the event field at fault."""

    def __init__(self, field: str, zh: str, en: str) -> None:
        super().__init__(zh, en, field)


# attribute name -> field name in the format (two are Python keywords)
_FORMAT_NAME = {"as_": "as", "is_": "is"}


@dataclass(frozen=True)
class Event:
    at: datetime
    id: str | None

    @property
    def KIND(self) -> str:
        return _KIND_OF[type(self)]

    def body(self) -> dict[str, Any]:
        """The event's own fields as in the scenario format (without ``at`` and ``id``)."""
        out: dict[str, Any] = {}
        for f in fields(self):
            if f.name in ("at", "id"):
                continue
            value = getattr(self, f.name)
            if value is None or value == f.default:
                continue
            out[_FORMAT_NAME.get(f.name, f.name)] = list(value) if isinstance(value, tuple) else value
        return out

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"at": self.at.isoformat(), self.KIND: self.body()}
        if self.id is not None:
            out["id"] = self.id
        return out


@dataclass(frozen=True)
class Visit(Event):
    phone: str
    name: str | None = None
    by: str | None = None
    first_visit: bool = True
    names: str | None = None
    designates: str | None = None
    knows: str | None = None
    recognized_by: str | None = None
    invited_by: str | None = None
    called_before: bool = False
    referred_by: str | None = None
    brought_by: str | None = None
    family_of: str | None = None
    relative_of: str | None = None
    source: str = "walk_in"
    engagement: str = "full"
    point: str | None = None
    agent: str | None = None
    region: str | None = None


@dataclass(frozen=True)
class Call(Event):
    phone: str
    name: str | None = None
    by: str | None = None


@dataclass(frozen=True)
class Report(Event):
    phone: str
    by: str
    name: str | None = None
    property: str | None = None
    agency: str | None = None


@dataclass(frozen=True)
class Followup(Event):
    phone: str
    by: str
    kind: str = "call"


@dataclass(frozen=True)
class Deposit(Event):
    phone: str
    by: str


@dataclass(frozen=True)
class Deal(Event):
    phone: str
    by: str
    amount: str | None = None
    arranged_by: str | None = None


@dataclass(frozen=True)
class Link(Event):
    phones: tuple[str, ...]
    by: str
    as_: str = "same_person"

    def body(self) -> dict[str, Any]:
        return {"phones": list(self.phones), "as": self.as_, "by": self.by}


@dataclass(frozen=True)
class Objection(Event):
    phone: str
    by: str
    evidence: str = "none"


@dataclass(frozen=True)
class Complaint(Event):
    phone: str
    against: str | None = None
    fault: str = "service"
    assign_to: str | None = None


@dataclass(frozen=True)
class Assign(Event):
    phone: str
    to: str
    reason: str = "other"


@dataclass(frozen=True)
class Transfer(Event):
    phone: str
    to: str
    consent: bool = False


@dataclass(frozen=True)
class Release(Event):
    phone: str
    by: str | None = None


@dataclass(frozen=True)
class Abandon(Event):
    phone: str
    by: str


@dataclass(frozen=True)
class Status(Event):
    staff: str
    is_: str


EVENT_TYPES: dict[str, type[Event]] = {
    "visit": Visit,
    "call": Call,
    "report": Report,
    "followup": Followup,
    "deposit": Deposit,
    "deal": Deal,
    "link": Link,
    "objection": Objection,
    "complaint": Complaint,
    "assign": Assign,
    "transfer": Transfer,
    "release": Release,
    "abandon": Abandon,
    "status": Status,
}
_KIND_OF: dict[type, str] = {cls: kind for kind, cls in EVENT_TYPES.items()}

# field name in the format -> attribute name (two are Python keywords)
_ATTR = {"as": "as_", "is": "is_"}

_BOOL_FIELDS = {"first_visit", "called_before", "consent"}
_ENUMS: dict[str, tuple[str, ...]] = {
    "source": SOURCES,
    "engagement": ENGAGEMENTS,
    "kind": FOLLOWUP_KINDS,
    "as": LINK_KINDS,
    "evidence": EVIDENCE,
    "fault": FAULTS,
    "reason": ASSIGN_REASONS,
    "is": STATUSES,
}


def event_fields(kind: str) -> list[str]:
    """The format's field names of an event type (``as``/``is`` spelled as in the format)."""
    cls = EVENT_TYPES[kind]
    names = [f.name for f in fields(cls) if f.name not in ("at", "id")]
    return [{"as_": "as", "is_": "is"}.get(n, n) for n in names]


def _required(kind: str) -> set[str]:
    from dataclasses import MISSING

    cls = EVENT_TYPES[kind]
    req = set()
    for f in fields(cls):
        if f.name in ("at", "id"):
            continue
        if f.default is MISSING and f.default_factory is MISSING:
            req.add({"as_": "as", "is_": "is"}.get(f.name, f.name))
    return req


def split_event(raw: Mapping[str, Any]) -> tuple[str, Mapping[str, Any]]:
    """Find the single event key of an entry (besides ``at`` and ``id``)."""
    keys = [k for k in raw if k not in ("at", "id")]
    unknown = [k for k in keys if k not in EVENT_TYPES]
    if unknown:
        raise FormatError(
            f"未知的事件类型：{unknown[0]}（可用：{', '.join(EVENT_TYPES)}）",
            f"unknown event type {unknown[0]!r} (known: {', '.join(EVENT_TYPES)})",
            str(unknown[0]),
        )
    if len(keys) != 1:
        raise FormatError(
            f"每个事件必须恰好有一个事件类型，实际为：{', '.join(map(str, keys)) or '无'}",
            f"an event needs exactly one event key, got {keys}",
        )
    body = raw[keys[0]]
    if body is None:
        body = {}
    if not isinstance(body, Mapping):
        raise FormatError(f"事件 {keys[0]} 的内容必须是字段映射", f"the body of {keys[0]} must be a mapping", keys[0])
    return keys[0], body


def parse_event(kind: str, body: Mapping[str, Any], at: datetime, event_id: str | None = None) -> Event:
    """Build an event from its format fields. Unknown fields: FormatError; bad values: EventError."""
    if kind not in EVENT_TYPES:
        raise FormatError(f"未知的事件类型：{kind}", f"unknown event type {kind!r}")
    allowed = event_fields(kind)
    for key in body:
        if key not in allowed:
            raise FormatError(
                f"事件 {kind} 没有字段 {key}（可用：{', '.join(allowed)}）",
                f"unknown field {key!r} of {kind} (known: {', '.join(allowed)})",
                key,
            )
    missing = sorted(_required(kind) - set(body))
    if missing:
        field = missing[0]
        raise EventError(field, *words("refuse.missing_field", event=kind, field=field))
    values: dict[str, Any] = {}
    for key, value in body.items():
        values[_ATTR.get(key, key)] = _coerce(kind, key, value)
    cls = EVENT_TYPES[kind]
    return cls(at=at, id=event_id, **values)


def _coerce(kind: str, key: str, value: Any) -> Any:
    if value is None:
        if key in _BOOL_FIELDS or key in _ENUMS:
            raise EventError(key, *words("refuse.empty_field", field=key))
        return None
    if key in _BOOL_FIELDS:
        if not isinstance(value, bool):
            raise EventError(key, *words("refuse.not_a_bool", field=key, value=value))
        return value
    if key == "phones":
        if not isinstance(value, (list, tuple)) or len(value) != 2:
            raise EventError("phones", *words("refuse.not_two_phones", field="phones", value=value))
        return tuple(str(v) if isinstance(v, int) and not isinstance(v, bool) else v for v in value)
    if key in _ENUMS:
        if value not in _ENUMS[key]:
            raise EventError(key, *words("refuse.not_one_of", field=key, value=value, detail=", ".join(_ENUMS[key])))
        return value
    if isinstance(value, bool):
        raise EventError(key, *words("refuse.bool_not_allowed", field=key, value=value))
    if isinstance(value, (int, float)):
        return str(value) if not isinstance(value, float) or not value.is_integer() else str(int(value))
    if not isinstance(value, str):
        raise EventError(key, *words("refuse.not_text", field=key, value=value))
    return value
