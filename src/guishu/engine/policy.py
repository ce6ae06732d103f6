"""Policies: a preset of rules.md (which clauses apply, with their parameters) plus a site's overrides.

The presets live as data in ``presets/*.toml``. A site's policy is a preset id, parameter
overrides and the date it took effect; the engine only ever asks ``policy.has(clause)`` and
``policy.duration(name)`` and never knows which company wrote the rulebook.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, time
from functools import cache
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .clauses import CLAUSES
from .errors import GuishuError
from .windows import Duration, DurationError, parse_clock

PLATFORM_CLAUSES = ("P-1", "P-3", "P-6", "P-8", "P-9", "P-10", "ROT-1", "ROT-2", "ROT-3", "ROT-4", "ROT-5")

# How each parameter is read. Anything else in a preset or an override is refused.
_DURATION_PARAMS = {
    "report_visit_window",
    "chase_window",
    "recognition_window",
    "objection_window",
    "first_followup",
    "keep_visit",
    "keep_call",
    "validity",
    "recent_followup",
    "release_after",
}
_CLOCK_PARAMS = {"report_cutoff", "reconcile_at"}
_INT_PARAMS = {"flag_after", "abandon_fine", "station_minutes", "grab_fine"}
_DATE_PARAMS = {"opening"}
KNOWN_PARAMS = _DURATION_PARAMS | _CLOCK_PARAMS | _INT_PARAMS | _DATE_PARAMS


class PolicyError(GuishuError):
    """A preset or parameter that cannot be used."""


@dataclass(frozen=True)
class Policy:
    preset: str
    title: str
    title_en: str
    clauses: tuple[str, ...]
    params: Mapping[str, Any]
    tz: ZoneInfo
    require_name: bool = False
    phone_rotation: bool = False
    effective: date | None = None
    _clause_set: frozenset[str] = field(default=frozenset(), repr=False, compare=False)
    _memo: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)

    def has(self, clause: str) -> bool:
        return clause in self._clause_set

    def memo(self) -> dict[Any, Any]:
        """A per-policy cache for values derived from the clauses (they never change)."""
        return self._memo

    def duration(self, name: str) -> Duration:
        value = self.params[name]
        assert isinstance(value, Duration)
        return value

    def clock(self, name: str) -> time:
        value = self.params[name]
        assert isinstance(value, time)
        return value

    def number(self, name: str) -> int:
        value = self.params[name]
        assert isinstance(value, int)
        return value

    def day(self, name: str) -> date | None:
        value = self.params.get(name)
        return value if isinstance(value, date) else None

    def describe_params(self) -> dict[str, str]:
        out = {}
        for key, value in self.params.items():
            if isinstance(value, time):
                out[key] = value.strftime("%H:%M")
            elif value is None:
                out[key] = ""
            else:
                out[key] = str(value)
        return out


def preset_ids() -> list[str]:
    files = resources.files("guishu.engine").joinpath("presets").iterdir()
    return sorted(p.name.removesuffix(".toml") for p in files if p.name.endswith(".toml"))


@cache
def _preset_data(preset: str) -> dict[str, Any]:
    path = resources.files("guishu.engine").joinpath("presets", f"{preset}.toml")
    if not path.is_file():
        raise PolicyError(
            f"未知的策略预设：{preset}（可用：{', '.join(preset_ids())}）",
            f"unknown policy preset {preset!r} (known: {', '.join(preset_ids())})",
            "preset",
        )
    return tomllib.loads(path.read_text(encoding="utf-8"))


def load_policy(
    preset: str,
    overrides: Mapping[str, Any] | None = None,
    *,
    timezone: str = "Asia/Shanghai",
    effective: date | None = None,
) -> Policy:
    """The preset's policy with a site's parameter overrides applied and checked."""
    data = _preset_data(preset)
    raw: dict[str, Any] = dict(data.get("params", {}))
    for key, value in (overrides or {}).items():
        if key not in raw and key not in KNOWN_PARAMS:
            raise PolicyError(
                f"未知的策略参数：{key}（{preset} 可用：{', '.join(sorted(raw)) or '无'}）",
                f"unknown parameter {key!r} (known to {preset}: {', '.join(sorted(raw)) or 'none'})",
                key,
            )
        raw[key] = value
    params = {key: _read_param(key, value) for key, value in raw.items()}
    clauses = tuple(data["clauses"])
    unknown = [c for c in clauses if c not in CLAUSES]
    if unknown:
        raise PolicyError(
            f"预设 {preset} 引用了未知条款 {unknown[0]}", f"the preset {preset} cites an unknown clause {unknown[0]}"
        )
    try:
        tz = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise PolicyError(f"未知的时区：{timezone}", f"unknown time zone {timezone!r}", "timezone") from exc
    all_clauses = clauses + PLATFORM_CLAUSES + (("ROT-6",) if data.get("phone_rotation") else ())
    return Policy(
        preset=preset,
        title=data["title"],
        title_en=data.get("title_en", data["title"]),
        clauses=clauses,
        params=params,
        tz=tz,
        require_name=bool(data.get("require_name", False)),
        phone_rotation=bool(data.get("phone_rotation", False)),
        effective=effective,
        _clause_set=frozenset(all_clauses),
    )


def _read_param(key: str, value: Any) -> Any:
    try:
        if key in _DURATION_PARAMS:
            return Duration.parse(str(value))
        if key in _CLOCK_PARAMS:
            return parse_clock(str(value))
        if key in _INT_PARAMS:
            if isinstance(value, bool) or not isinstance(value, (int, str)) or not str(value).isdigit():
                raise PolicyError(f"参数 {key} 应为非负整数，实际为 {value}", f"{key} must be a whole number", key)
            return int(value)
        if key in _DATE_PARAMS:
            if value in ("", None):
                return None
            if isinstance(value, date):
                return value
            return date.fromisoformat(str(value))
    except (DurationError, ValueError) as exc:
        if isinstance(exc, PolicyError):
            raise
        en = exc.en if isinstance(exc, GuishuError) else str(exc)
        raise PolicyError(f"参数 {key} 的值 {value} 无效：{exc}", f"bad value for {key}: {en}", key) from exc
    raise PolicyError(f"未知的策略参数：{key}", f"unknown parameter {key!r}", key)
