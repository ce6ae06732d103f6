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
from datetime import date, datetime
from typing import Final

from .calendar import Calendar

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


class Rotation:
    """The site's reception queue and its phone queue (DF-10), changed only through these methods.

    ``moved`` is set whenever an order, a make-up or a status may have changed (what an event
    changed, for the service's projection of the queue).
    """

    def __init__(self, calendar: Calendar, status: dict[str, str]) -> None:
        self.calendar = calendar
        self.status = status  # the staff register's statuses (read only here)
        self.queue = Queue()
        self.phone_queue = Queue()
        self.makeups_same_day = False  # GM-5: a missed turn is made up the same day only
        self.away_keeps_turn = False  # RCPT-1: a short absence keeps the turn (the next helps)
        self.moved = False
        # the queue as it was before the event being decided expired a make-up (undone if it is refused)
        self.saved: tuple[list[str], dict[str, date]] | None = None

    def set_rules(self, *, makeups_same_day: bool, away_keeps_turn: bool) -> None:
        self.makeups_same_day = makeups_same_day
        self.away_keeps_turn = away_keeps_turn

    def join(self, code: str) -> None:
        """A salesperson joins both queues at the end (hired, or back from leave or rest)."""
        self.queue.join(code)
        self.phone_queue.join(code)
        self.moved = True

    def leave(self, code: str) -> None:
        """A salesperson leaves both queues (leave, rest, departed)."""
        self.queue.leave(code)
        self.phone_queue.leave(code)
        self.moved = True

    def choose(self, at: datetime) -> Choice | None:
        """Who receives a new walk-in at ``at`` and whose turn it uses (GM-5's stale make-ups expired first)."""
        queue = self.queue
        today = self.calendar.today(at)
        if self.makeups_same_day and queue.makeup:
            if self.saved is None:
                self.saved = (list(queue.order), dict(queue.makeup))
            queue.expire_makeups(today)
            self.moved = True
        return queue.choose(self.status, today, away_keeps_turn=self.away_keeps_turn)

    def undo(self) -> None:
        """Put the queue back as it was before a refused event expired its stale make-ups."""
        if self.saved is not None:
            order, makeup = self.saved
            self.queue.order[:] = order
            self.queue.makeup.clear()
            self.queue.makeup.update(makeup)
            self.saved = None

    def take_turn(self, choice: Choice, at: datetime) -> None:
        self.queue.take(choice, self.calendar.today(at))
        self.moved = True

    def counted(self, code: str, at: datetime) -> bool:
        """A counted turn for ``code`` outside the rotation's pick (ROT-1): they go to the end."""
        if code not in self.queue.order:
            return False
        choice = self.choose(at)
        if choice is not None and choice.turn_of == code:
            self.take_turn(choice, at)
        else:
            self.queue.use_turn(code)
            self.moved = True
        return True

    # ------------------------------------------------------------- the phone (ROT-6)
    def answer(self, at: datetime) -> str | None:
        """DF-10: who answers a call nobody was named for; their phone turn is used."""
        today = self.calendar.today(at)
        choice = self.phone_queue.choose(self.status, today, away_keeps_turn=False)
        if choice is None:
            return None
        self.phone_queue.take(choice, today)
        self.moved = True
        return choice.receiver

    def answered(self, code: str) -> None:
        """A call answered by ``code``: their phone turn is used (ROT-6)."""
        if code in self.phone_queue.order:
            self.phone_queue.use_turn(code)
            self.moved = True
