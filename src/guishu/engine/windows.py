"""Durations and protection windows, time-zone aware.

The agreed reading (rules.md, "Windows"): "within N days of an event on date D" lasts up
to the end of day D+N local time — the day of the event itself is not counted (民法典
art. 201). "Within N months" ends at the end of the same day of the month N months later,
clamped to that month's last day. A cut-off time is met strictly before it.

Every deadline here is an *exclusive* instant: the window holds while ``t < deadline``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Final
from zoneinfo import ZoneInfo

from .errors import GuishuError

_DURATION = re.compile(r"^\s*([0-9]+)\s*(min|h|d|w|mo|y)\s*$")

UNITS_ZH = {"min": "分钟", "h": "小时", "d": "天", "w": "周", "mo": "个月", "y": "年"}


class DurationError(GuishuError):
    """A duration or time of day that cannot be read."""


@dataclass(frozen=True, slots=True)
class Duration:
    """A window length such as ``5d``, ``1mo``, ``3mo`` or ``15min``."""

    amount: int
    unit: str

    @classmethod
    def parse(cls, text: str) -> Duration:
        m = _DURATION.match(str(text))
        if not m:
            raise DurationError(
                f"时长格式不正确：{text}（应如 5d、1mo、15min）", f"bad duration {text!r} (use e.g. 5d, 1mo, 15min)"
            )
        return cls(int(m.group(1)), m.group(2))

    def __str__(self) -> str:
        return f"{self.amount}{self.unit}"

    @property
    def zh(self) -> str:
        return f"{self.amount}{UNITS_ZH[self.unit]}"

    def deadline(self, start: datetime, tz: ZoneInfo) -> datetime:
        """The exclusive end of the window that starts at ``start``."""
        if self.unit == "min":
            return start + timedelta(minutes=self.amount)
        if self.unit == "h":
            return start + timedelta(hours=self.amount)
        day = start.astimezone(tz).date()
        return deadline_from_date(day, self, tz)


# Deadlines depend only on (date, length, zone): a year of windows is a few thousand entries.
_DEADLINES: Final[dict[tuple[date, int, str, str], datetime]] = {}


def deadline_from_date(day: date, duration: Duration, tz: ZoneInfo) -> datetime:
    """Exclusive end of a window counted in whole days/months from the local date ``day``."""
    key = (day, duration.amount, duration.unit, tz.key)
    found = _DEADLINES.get(key)
    if found is None:
        if len(_DEADLINES) > 200_000:
            _DEADLINES.clear()
        found = _DEADLINES[key] = _deadline_from_date(day, duration, tz)
    return found


def _deadline_from_date(day: date, duration: Duration, tz: ZoneInfo) -> datetime:
    if duration.unit == "d":
        last = day + timedelta(days=duration.amount)
    elif duration.unit == "w":
        last = day + timedelta(days=7 * duration.amount)
    elif duration.unit == "mo":
        last = add_months(day, duration.amount)
    elif duration.unit == "y":
        last = add_months(day, 12 * duration.amount)
    else:  # minutes and hours are not day windows
        raise DurationError(f"{duration} 不是按天计算的期限", f"{duration} is not a day window")
    return start_of_day(last + timedelta(days=1), tz)


def add_months(day: date, months: int) -> date:
    """Same day of the month ``months`` later, clamped to that month's last day."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


MIDNIGHT: Final = time(0, 0)


def start_of_day(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, MIDNIGHT, tzinfo=tz)


def local_date(at: datetime, tz: ZoneInfo) -> date:
    return at.astimezone(tz).date()


def parse_clock(text: str) -> time:
    """``"17:00"`` → time(17, 0)."""
    m = re.match(r"^\s*([0-9]{1,2}):([0-9]{2})\s*$", str(text))
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        raise DurationError(f"时间格式不正确：{text}（应如 17:00）", f"bad time of day {text!r} (use e.g. 17:00)")
    return time(int(m.group(1)), int(m.group(2)))
