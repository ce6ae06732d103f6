"""A site's sense of time: the instant of the last event, its local day, and the day's window ends.

Nothing here reads a clock: the instants are those of the events, in time order. Day and month
windows depend only on the local date of their start, so they are worked out once per day.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Final

from .errors import OrderError
from .policy import Policy
from .windows import deadline_from_date, local_date, start_of_day

_ONE_DAY: Final = timedelta(days=1)
# the end of each local day, by zone: every site of a zone shares them (a few hundred a year)
_DAY_ENDS: Final[dict[str, dict[date, datetime]]] = {}


class Calendar:
    """The event clock (``clock``), the local day being decided (``day``) and its end (``day_end``)."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self.clock: datetime | None = None
        self.day: date | None = None
        self.day_end: datetime | None = None  # the end of ``day`` in the policy's zone
        self._window_day: date | None = None
        self._windows: dict[str, datetime] = {}
        self._day_ends = _DAY_ENDS.setdefault(policy.tz.key, {})

    def set_policy(self, policy: Policy) -> None:
        self.policy = policy
        self._day_ends = _DAY_ENDS.setdefault(policy.tz.key, {})
        self.day_end = None  # the zone may differ: the day is worked out again at the next event
        self._window_day = None
        self._windows = {}

    def advance(self, at: datetime) -> None:
        """Move the clock to the event at ``at`` (never backwards)."""
        self.check_order(at)
        self.clock = at
        end = self.day_end  # events come in time order: one before the day's end is of the same day
        if end is None or at >= end:
            self.set_day(at)

    def check_order(self, at: datetime) -> None:
        """An event at ``at`` may come next (it is not before the last one)."""
        if self.clock is not None and at < self.clock:
            raise OrderError(
                f"事件时间 {at.isoformat()} 早于上一事件 {self.clock.isoformat()}",
                f"events out of time order: {at.isoformat()} is before {self.clock.isoformat()}",
                "at",
            )

    def set_day(self, at: datetime) -> None:
        """The local date of the event being decided, and the day's bounds (asked once per day)."""
        tz = self.policy.tz
        day = at.astimezone(tz).date()
        self.day = day
        ends = self._day_ends
        end = ends.get(day)
        if end is None:
            if len(ends) > 100_000:
                ends.clear()
            end = ends[day] = start_of_day(day + _ONE_DAY, tz)
        self.day_end = end

    def rewind(self, clock: datetime | None, day: date | None, day_end: datetime | None) -> None:
        """Put the clock back where it was before a refused event (a refused event changes nothing)."""
        self.clock, self.day, self.day_end = clock, day, day_end

    def today(self, at: datetime) -> date:
        if at is self.clock and self.day is not None:
            return self.day
        return local_date(at, self.policy.tz)

    def deadline(self, param: str, at: datetime) -> datetime:
        """The exclusive end of the policy's window ``param`` started at ``at``.

        Day and month windows depend only on the local date: they are remembered for the day.
        """
        day = self.today(at)
        if day != self._window_day:
            self._window_day = day
            self._windows = {}
        found = self._windows.get(param)
        if found is None:
            length = self.policy.duration(param)
            if length.unit in ("min", "h"):
                return length.deadline(at, self.policy.tz)
            found = self._windows[param] = deadline_from_date(day, length, self.policy.tz)
        return found
