"""Reading scenario files strictly: an unknown field, event type or check is an error naming it.

YAML is read with booleans limited to ``true``/``false`` and duplicate keys refused, so that
any loader reads a file the same way and a typo never passes silently.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from guishu.engine import (
    EventError,
    FormatError,
    GuishuError,
    PolicyError,
    StaffMember,
    load_policy,
    parse_event,
    split_event,
)
from guishu.engine.events import ROLES, Event
from guishu.engine.policy import Policy

TOP_FIELDS = ("title", "clauses", "policy", "params", "staff", "events", "expect", "timezone", "description")
STAFF_FIELDS = ("name", "team", "role", "region")
CHECKS = ("owner", "deal", "received", "next", "turn", "cites", "rejected", "penalty", "flagged", "warned", "notified")


class ScenarioError(GuishuError):
    """The file cannot be read: nothing of it runs (it counts as failed)."""


@dataclass
class EventEntry:
    position: int  # 1-based
    at: datetime
    event_id: str | None
    kind: str
    event: Event | None  # None when the event's values were refused before it could be built
    error: EventError | None = None


@dataclass
class Check:
    kind: str
    value: Any
    at: datetime | None
    extra: dict[str, Any] = field(default_factory=dict)
    line: int = 0


@dataclass
class Scenario:
    title: str
    policy: Policy
    staff: list[StaffMember]
    events: list[EventEntry]
    checks: list[Check]
    clauses: list[str]
    path: str = ""
    raw: dict[str, Any] = field(default_factory=dict)


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans (only true/false) and no duplicate keys."""


_StrictLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"重复的键：{key} / duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def load_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_StrictLoader)


def load_scenario(path: str | Path) -> Scenario:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioError(f"无法读取文件 {p}：{exc}", f"cannot read {p}") from exc
    scenario = parse_scenario(text)
    scenario.path = str(p)
    return scenario


def parse_scenario(text: str | Mapping[str, Any]) -> Scenario:
    if isinstance(text, str):
        try:
            data = load_yaml(text)
        except yaml.YAMLError as exc:
            raise ScenarioError(f"YAML 格式错误：{exc}", "bad YAML") from exc
    else:
        data = dict(text)
    if not isinstance(data, dict):
        raise ScenarioError("场景文件必须是一个映射（title、policy、staff、events、expect）", "a scenario is a mapping")
    for key in data:
        if key not in TOP_FIELDS:
            raise ScenarioError(f"未知字段：{key}（可用：{', '.join(TOP_FIELDS)}）", f"unknown field {key!r}")
    if "policy" not in data:
        raise ScenarioError("缺少必填字段 policy", "the field 'policy' is required")
    tzname = str(data.get("timezone") or "Asia/Shanghai")
    try:
        tz = ZoneInfo(tzname)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ScenarioError(f"未知的时区：{tzname}", "unknown time zone") from exc
    params = data.get("params") or {}
    if not isinstance(params, dict):
        raise ScenarioError("params 必须是参数映射", "params must be a mapping")
    try:
        policy = load_policy(str(data["policy"]), {k: _param_value(v) for k, v in params.items()}, timezone=tzname)
    except PolicyError as exc:
        raise ScenarioError(exc.zh, exc.en, exc.field) from exc
    staff = _staff(data.get("staff"))
    events = _events(data.get("events") or [], tz)
    ids = {e.event_id for e in events if e.event_id is not None}
    checks = _checks(data.get("expect") or [], tz, ids, len(events))
    clauses = data.get("clauses") or []
    if not isinstance(clauses, list):
        raise ScenarioError("clauses 必须是条款编号列表", "clauses must be a list")
    return Scenario(
        title=str(data.get("title") or ""),
        policy=policy,
        staff=staff,
        events=events,
        checks=checks,
        clauses=[str(c) for c in clauses],
        raw=data,
    )


def _param_value(value: Any) -> Any:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.isoformat()
    return value


def _staff(raw: Any) -> list[StaffMember]:
    if raw is None:
        raise ScenarioError("缺少必填字段 staff", "the field 'staff' is required")
    out: list[StaffMember] = []
    if isinstance(raw, list):
        items: list[tuple[Any, Any]] = [(code, {}) for code in raw]
    elif isinstance(raw, dict):
        items = list(raw.items())
    else:
        raise ScenarioError("staff 必须是员工编号列表或映射", "staff must be a list or a mapping")
    seen: set[str] = set()
    for code, info in items:
        if isinstance(code, bool) or not isinstance(code, (str, int)):
            raise ScenarioError(f"员工编号无效：{code}", f"bad staff code {code!r}")
        code = str(code)
        if code == "house":
            raise ScenarioError("员工编号 house 为系统保留", "'house' is reserved")
        if code in seen:
            raise ScenarioError(f"员工编号重复：{code}", f"duplicate staff code {code}")
        seen.add(code)
        info = info or {}
        if not isinstance(info, dict):
            raise ScenarioError(f"员工 {code} 的资料必须是映射", f"staff {code} must map to fields")
        for key in info:
            if key not in STAFF_FIELDS:
                raise ScenarioError(
                    f"员工 {code} 有未知字段：{key}（可用：{', '.join(STAFF_FIELDS)}）", f"unknown field {key!r}"
                )
        role = str(info.get("role") or "sales")
        if role not in ROLES:
            raise ScenarioError(f"员工 {code} 的角色无效：{role}（可用：{', '.join(ROLES)}）", f"unknown role {role!r}")
        out.append(
            StaffMember(
                code=code,
                name=str(info.get("name") or code),
                team=None if info.get("team") is None else str(info["team"]),
                role=role,
                region=None if info.get("region") is None else str(info["region"]),
            )
        )
    return out


def parse_time(value: Any, tz: ZoneInfo) -> datetime:
    if isinstance(value, datetime):
        return value.replace(tzinfo=tz) if value.tzinfo is None else value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=tz)
    text = str(value).strip()
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError as exc:
        raise ScenarioError(f"时间格式不正确：{text}（应为 YYYY-MM-DD HH:MM）", f"bad time {text!r}") from exc
    return parsed.replace(tzinfo=tz) if parsed.tzinfo is None else parsed


def _events(raw: Any, tz: ZoneInfo) -> list[EventEntry]:
    if not isinstance(raw, list):
        raise ScenarioError("events 必须是事件列表", "events must be a list")
    out: list[EventEntry] = []
    last: datetime | None = None
    ids: set[str] = set()
    for position, item in enumerate(raw, 1):
        if not isinstance(item, dict):
            raise ScenarioError(f"第 {position} 个事件必须是映射", f"event {position} must be a mapping")
        if "at" not in item:
            raise ScenarioError(f"第 {position} 个事件缺少 at", f"event {position} has no 'at'")
        at = parse_time(item["at"], tz)
        if last is not None and at < last:
            raise ScenarioError(
                f"第 {position} 个事件的时间早于前一个事件（事件须按时间顺序）",
                f"event {position} is out of time order",
            )
        last = at
        event_id = None if item.get("id") is None else str(item["id"])
        if event_id is not None:
            if event_id in ids:
                raise ScenarioError(f"事件 id 重复：{event_id}", f"duplicate event id {event_id}")
            ids.add(event_id)
        try:
            kind, body = split_event(item)
            try:
                event: Event | None = parse_event(kind, body, at, event_id)
                error = None
            except EventError as exc:
                event, error = None, exc
        except FormatError as exc:
            raise ScenarioError(f"第 {position} 个事件：{exc.zh}", f"event {position}: {exc.en}", exc.field) from exc
        out.append(EventEntry(position, at, event_id, kind, event, error))
    return out


def _checks(raw: Any, tz: ZoneInfo, ids: set[str], count: int) -> list[Check]:
    if not isinstance(raw, list):
        raise ScenarioError("expect 必须是检查项列表", "expect must be a list")
    out: list[Check] = []
    for n, item in enumerate(raw, 1):
        if not isinstance(item, dict):
            raise ScenarioError(f"第 {n} 个检查项必须是映射", f"check {n} must be a mapping")
        keys = [k for k in item if k != "at" and k not in ("credit", "commission")]
        unknown = [k for k in item if k not in CHECKS and k not in ("at", "credit", "commission")]
        if unknown:
            raise ScenarioError(
                f"未知的检查项：{unknown[0]}（可用：{', '.join(CHECKS)}）", f"unknown check {unknown[0]!r}"
            )
        if len(keys) != 1:
            raise ScenarioError(f"第 {n} 个检查项须恰好有一种检查", f"check {n} needs exactly one check key")
        kind = keys[0]
        extra = {k: item[k] for k in ("credit", "commission") if k in item}
        if extra and kind != "deal":
            raise ScenarioError("credit/commission 只能用于 deal 检查", "credit and commission go with deal")
        at = parse_time(item["at"], tz) if "at" in item else None
        value = item[kind]
        _validate_check(kind, value, extra, ids, count, n)
        out.append(Check(kind, value, at, extra, n))
    return out


CHECK_FIELDS = {
    "received": ("event", "by"),
    "turn": ("event", "counted"),
    "cites": ("event", "clause"),
    "rejected": ("event", "reason"),
    "warned": ("staff", "clause"),
    "notified": ("staff", "clause"),
}
"""The checks whose value is a mapping with exactly these fields."""


def _validate_check(kind: str, value: Any, extra: dict[str, Any], ids: set[str], count: int, n: int) -> None:
    """Refuse check ``n`` unless its value has the shape its kind needs and names an event that exists."""
    if kind in CHECK_FIELDS:
        _need_fields(kind, value, CHECK_FIELDS[kind], n)
    elif kind in ("owner", "penalty"):
        if not isinstance(value, dict):
            raise ScenarioError(f"第 {n} 个检查项 {kind} 须为映射", f"check {kind} must be a mapping")
    elif kind == "flagged":
        if not isinstance(value, list):
            raise ScenarioError(f"第 {n} 个检查项 flagged 须为列表", "flagged must be a list")
    elif kind == "deal":
        _validate_deal(value, extra, n)
    if isinstance(value, dict) and "event" in value:
        _validate_event_ref(value["event"], ids, count)


def _need_fields(kind: str, value: Any, fields: tuple[str, ...], n: int) -> None:
    if not isinstance(value, dict) or set(value) != set(fields):
        raise ScenarioError(f"第 {n} 个检查项 {kind} 须为 {{{', '.join(fields)}}}", f"check {kind} needs {fields}")


def _validate_deal(value: Any, extra: dict[str, Any], n: int) -> None:
    """A deal check names the deal by its positive number; its credit/commission map staff to percentages."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ScenarioError(f"第 {n} 个检查项 deal 须为正整数", "deal must be a positive number")
    for key, shares in extra.items():
        if not isinstance(shares, dict):
            raise ScenarioError(f"{key} 须为 员工: 百分比 的映射", f"{key} must map staff to percentages")


def _validate_event_ref(ref: Any, ids: set[str], count: int) -> None:
    """An event is referred to by its 1-based position (an int) or by its id."""
    if isinstance(ref, int) and not isinstance(ref, bool):
        if not 1 <= ref <= count:
            raise ScenarioError(f"检查项引用的事件 {ref} 不存在", f"check refers to a missing event {ref}")
    elif str(ref) not in ids:
        raise ScenarioError(f"检查项引用的事件 id 不存在：{ref}", f"check refers to an unknown event id {ref!r}")
