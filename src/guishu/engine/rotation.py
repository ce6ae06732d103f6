"""The reception queue (接待顺序表): ROT-1..ROT-6, RCPT-1, GM-5's same-day make-up, MC-3.

The queue is a list of ``sales`` staff codes. The next new walk-in goes to the first
available one; a counted turn moves that person to the end (ROT-1). Whoever is ``busy``,
``away`` or ``official`` keeps their place and is skipped, so on return they are first again
if they were passed over — exactly one make-up, because their one turn then moves them to
the end (ROT-2, MC-4). ``leave`` and ``rest`` take a person out; on return they join at the
end. ``departed`` is out for good. With nobody available there is no ``next``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Final

KEEP_PLACE: Final = frozenset({"busy", "away", "official"})
OUT_OF_QUEUE: Final = frozenset({"leave", "rest", "departed"})


class Choice:
    """Who receives a new walk-in, and whose turn it uses (they differ under RCPT-1's short absence).

    A plain class rather than a dataclass: compiled, it is built without Python-level code.
    """

    def __init__(self, receiver: str, turn_of: str, skipped: tuple[str, ...] = ()) -> None:
        self.receiver = receiver
        self.turn_of = turn_of
        self.skipped = skipped

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Choice) and (self.receiver, self.turn_of, self.skipped) == (
            other.receiver,
            other.turn_of,
            other.skipped,
        )

    def __hash__(self) -> int:
        return hash((self.receiver, self.turn_of, self.skipped))

    def __repr__(self) -> str:
        return f"Choice(receiver={self.receiver!r}, turn_of={self.turn_of!r}, skipped={self.skipped!r})"


# Choices are never changed once made: the common one (the head receives, nobody passed over) is shared.
_PLAIN: Final[dict[str, Choice]] = {}


@dataclass(slots=True)
class Queue:
    order: list[str] = field(default_factory=list)
    # who was passed over while keeping their place, and on which day (for GM-5's same-day limit)
    makeup: dict[str, date] = field(default_factory=dict)

    def copy(self) -> Queue:
        return Queue(list(self.order), dict(self.makeup))

    def join(self, code: str) -> None:
        if code not in self.order:
            self.order.append(code)

    def leave(self, code: str) -> None:
        if code in self.order:
            self.order.remove(code)
        self.makeup.pop(code, None)

    def use_turn(self, code: str) -> None:
        """A counted turn: the person goes to the end of the queue (ROT-1)."""
        if code in self.order:
            self.order.remove(code)
            self.order.append(code)
        self.makeup.pop(code, None)

    def expire_makeups(self, today: date) -> None:
        """GM-5: a missed turn may be made up the same day only (过期不补): stale ones go to the end."""
        stale = [c for c in self.order if c in self.makeup and self.makeup[c] < today]
        for code in stale:
            self.order.remove(code)
            self.order.append(code)
            del self.makeup[code]

    def choose(self, status: Mapping[str, str], today: date, *, away_keeps_turn: bool) -> Choice | None:
        """The rotation's pick for a new walk-in, without changing the queue."""
        order = self.order
        for i in range(len(order)):
            code = order[i]
            st = status.get(code, "on_duty")
            if st == "on_duty":
                if i:  # everyone before was unavailable: passed over
                    return Choice(code, code, tuple(order[:i]))
                plain = _PLAIN.get(code)
                if plain is None:
                    plain = _PLAIN[code] = Choice(code, code, ())
                return plain
            if st == "away" and away_keeps_turn:
                # RCPT-1: the one whose turn it is stepped away briefly: the next available receives
                # for them as a helper; the customer and the turn stay theirs.
                for helper in order[i + 1 :]:
                    if status.get(helper, "on_duty") == "on_duty":
                        return Choice(helper, code, tuple(order[:i]))
                return None
        return None

    def take(self, choice: Choice, today: date) -> None:
        """Record that ``choice`` was used: the turn's owner goes to the end, the passed-over keep a make-up."""
        for code in choice.skipped:
            self.makeup.setdefault(code, today)
        self.use_turn(choice.turn_of)

    def last_available(
        self, status: Mapping[str, str], among: Iterable[str] | None = None, exclude: str | None = None
    ) -> str | None:
        """倒排轮: the last available salesperson in the queue (ROT-4), optionally within a group."""
        allowed = set(among) if among is not None else None
        order = self.order
        for i in range(len(order) - 1, -1, -1):
            code = order[i]
            if code == exclude or (allowed is not None and code not in allowed):
                continue
            if status.get(code, "on_duty") == "on_duty":
                return code
        return None


def station_at(
    order: list[str], status: Mapping[str, str], minutes_since_midnight: int, station_minutes: int
) -> str | None:
    """MC-3: whose turn it is at the greeting station; the station changes every ``station_minutes``."""
    on_duty = [c for c in order if status.get(c, "on_duty") == "on_duty"]
    if not on_duty or station_minutes <= 0:
        return None
    return on_duty[(minutes_since_midnight // station_minutes) % len(on_duty)]
