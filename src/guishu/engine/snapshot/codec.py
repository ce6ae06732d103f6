"""The values of a snapshot: times, dates and shares as JSON-compatible values, read back exactly.

A time in the site's zone — nearly all of them — is an integer, microseconds since
1970-01-01T00:00:00Z, read back in the site's zone. Any other time is ISO text: with a fixed
offset ``2026-03-02T09:00:00+08:00``, or in a named zone with the zone after it (RFC 9557),
``2026-03-02T09:00:00+09:00[Asia/Tokyo]``; the offset decides the fold of an ambiguous hour.
A wall-clock time that does not exist in the site's zone (a DST gap) is written that way too.

Every reader checks the type of what it reads: a malformed document is refused, never half-loaded.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any, Final
from zoneinfo import ZoneInfo

from ..errors import GuishuError

MICROSECONDS: Final = 1_000_000
_UNIX_DAY: Final = date(1970, 1, 1).toordinal()


class SnapshotError(GuishuError):
    """A snapshot that cannot be written or loaded (``zh``, ``en``, ``field``). Nothing is loaded."""


class Codec:
    """Times and dates of one snapshot, to JSON values and back.

    A site holds the same instants many times over (an event's time in several fields, a
    deadline shared by the day's customers): each is read back as one object, as it was.
    """

    def __init__(self, tz: ZoneInfo) -> None:
        self.tz = tz
        self._last_out: datetime | None = None
        self._last_out_value: int | str = 0
        self._read: dict[int | str, datetime] = {}
        self._days: dict[str, date] = {}
        self._day_offsets: dict[int, int | None] = {}
        self._last: datetime | None = None
        self._last_value: Any = None

    def time_out(self, at: datetime) -> int | str:
        if at is self._last_out:
            return self._last_out_value
        value = self._encode(at)
        self._last_out, self._last_out_value = at, value
        return value

    def _encode(self, at: datetime) -> int | str:
        tz = at.tzinfo
        if tz is self.tz:
            day = at.toordinal()
            offset = self._day_offsets.get(day)
            if offset is None:
                offset = self._day_offsets[day] = self._day_offset(at, day)
            if offset is not None and not at.fold:
                wall = (day - _UNIX_DAY) * 86400 + at.hour * 3600 + at.minute * 60 + at.second
                return (wall - offset) * MICROSECONDS + at.microsecond
            return self._verified(at)
        if isinstance(tz, ZoneInfo):
            return f"{at.isoformat()}[{tz.key}]"
        if isinstance(tz, timezone):
            return at.isoformat()
        raise SnapshotError(
            f"时间 {at.isoformat()} 的时区类型（{type(tz).__name__}）无法写入快照",
            f"time {at.isoformat()} has a time zone of an unsupported kind ({type(tz).__name__})",
        )

    def _day_offset(self, at: datetime, day: int) -> int | None:
        """The zone's offset in seconds on the local date ``day`` if it holds all day, else None.

        The offset is the same at the first and the last second of the day: no transition on that
        day (zones do not change their offset twice in a day), so every wall-clock time of it exists
        once and is ``offset`` seconds ahead of UTC.
        """
        found = at.utcoffset()
        if found is None:
            return None
        offset = found.days * 86400 + found.seconds
        start = (day - _UNIX_DAY) * 86400 - offset
        first = datetime.fromtimestamp(start, self.tz).utcoffset()
        last = datetime.fromtimestamp(start + 86399, self.tz).utcoffset()
        return offset if first == found and last == found else None

    def _verified(self, at: datetime) -> int | str:
        """On a day the offset changes: Unix time if it reads back as the same wall clock, else text."""
        seconds = int(at.replace(microsecond=0).timestamp())
        back = datetime.fromtimestamp(seconds, self.tz)
        if back.fold == at.fold and back.replace(microsecond=at.microsecond) == at:
            return seconds * MICROSECONDS + at.microsecond
        return f"{at.isoformat()}[{self.tz.key}]"  # a wall-clock time the zone skips

    def time_in(self, value: Any) -> datetime:
        # a customer's times often repeat the one just read (registered, first received, owner since)
        last = self._last
        if last is not None and value == self._last_value:
            return last
        found = self._read.get(value)
        if found is None:
            found = self._read[value] = self._decode(value)
        self._last, self._last_value = found, value
        return found

    def _decode(self, value: Any) -> datetime:
        if type(value) is int:
            seconds, micro = divmod(value, MICROSECONDS)
            try:
                at = datetime.fromtimestamp(seconds, self.tz)
            except (OverflowError, OSError) as exc:
                raise ValueError(f"time {value} is out of range") from exc
            return at.replace(microsecond=micro) if micro else at
        text, _, zone = as_text(value).partition("[")
        at = datetime.fromisoformat(text)
        if at.tzinfo is None:
            raise ValueError(f"time {value} has no UTC offset")
        if not zone:
            return at
        if not zone.endswith("]"):
            raise ValueError(f"time {value}: the zone is not closed by ]")
        return _zoned(at, ZoneInfo(zone[:-1]))

    def day_in(self, value: Any) -> date:
        found = self._days.get(value)
        if found is None:
            found = self._days[value] = date.fromisoformat(as_text(value))
        return found


def _zoned(at: datetime, tz: ZoneInfo) -> datetime:
    """``at`` (read with a fixed offset) as the same wall clock in ``tz``; the offset picks the fold."""
    offset = at.utcoffset()
    local = at.replace(tzinfo=tz)
    if local.utcoffset() != offset:
        local = at.replace(tzinfo=tz, fold=1)
        if local.utcoffset() != offset:
            raise ValueError(f"{at.isoformat()} is not a time of {tz.key}")
    return local


# ------------------------------------------------------------------ checked reads
def as_text(value: Any) -> str:
    if type(value) is not str:
        raise TypeError(f"expected text, got {value!r}")
    return value


def as_opt_text(value: Any) -> str | None:
    return None if value is None else as_text(value)


def as_int(value: Any) -> int:
    if type(value) is not int:
        raise TypeError(f"expected a whole number, got {value!r}")
    return value


def as_flag(value: Any) -> bool:
    if type(value) is not bool:
        raise TypeError(f"expected true or false, got {value!r}")
    return value


def as_list(value: Any) -> list[Any]:
    if type(value) is not list:
        raise TypeError(f"expected a list, got {value!r}")
    return value


def as_texts(value: Any) -> list[str]:
    return [as_text(v) for v in as_list(value)]


def as_mapping(value: Any) -> dict[str, Any]:
    if type(value) is not dict:
        raise TypeError(f"expected an object, got {value!r}")
    return value


def as_pair(value: Any) -> tuple[Any, Any]:
    if type(value) is not list or len(value) != 2:
        raise TypeError(f"expected a pair, got {value!r}")
    return value[0], value[1]


def as_triple(value: Any) -> tuple[Any, Any, Any]:
    if type(value) is not list or len(value) != 3:
        raise TypeError(f"expected three values, got {value!r}")
    return value[0], value[1], value[2]


def as_record(value: Any, allowed: frozenset[str]) -> dict[str, Any]:
    """An object whose keys are all among ``allowed``."""
    m = as_mapping(value)
    for key in m:
        if key not in allowed:
            raise ValueError(f"unknown field {key!r}")
    return m


def as_shares(value: Any) -> dict[str, Decimal]:
    """Credit or commission shares: ``{"A": "33.34", ...}``, Decimal text."""
    out = {}
    for code, text in as_mapping(value).items():
        share = Decimal(as_text(text))
        if not share.is_finite():
            raise ValueError(f"share {text!r} is not a number")
        out[as_text(code)] = share
    return out


def shares_out(shares: dict[str, Decimal]) -> dict[str, str]:
    return {code: str(share) for code, share in shares.items()}
