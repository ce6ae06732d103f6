"""What a rule decides about one event before it becomes a ``Ruling``, and how a rule refuses.

A rule raises ``Refusal`` before it changes anything; otherwise it fills a ``Decision``: the
customer, who received, whether a turn was used, the clauses cited and the sentences of the reason.
A sentence is recorded as a message id with raw values (``wording``) and worded only for a ruling.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time
from typing import Final

from .rulings import Split
from .state import Customer, Notice
from .windows import Duration
from .wording import Said, Voice


class Refusal(Exception):
    """Raised by a rule before it changes anything: the event is refused."""

    def __init__(self, field: str, zh: str, en: str) -> None:
        super().__init__(zh)
        self.field = field
        self.zh = zh
        self.en = en


_UNUSED: Final[list[str]] = []  # never written: ``cite`` writes only when explaining
_UNSAID: Final[list[Said]] = []  # never written: ``say`` records only when explaining


class Decision:
    """What a rule decided so far; becomes the event's Ruling."""

    __slots__ = (
        "amended",
        "clauses",
        "counted_turn",
        "customer",
        "explain",
        "notices",
        "phone",
        "received_by",
        "said",
        "split",
        "turn_of",
    )

    def __init__(self, explain: bool = True) -> None:
        # explain=False when replaying a log: everything is decided, the sentences are not worded
        self.explain = explain
        self.clauses: list[str] = [] if explain else _UNUSED
        self.said: list[Said] = [] if explain else _UNSAID
        self.phone: str | None = None
        self.customer: Customer | None = None
        self.received_by: str | None = None
        self.counted_turn: bool | None = None
        self.turn_of: str | None = None
        self.split: Split | None = None
        self.amended: list[Split] = []
        self.notices: list[Notice] = []

    def reset(self) -> None:
        self.phone = None
        self.customer = None
        self.received_by = None
        self.counted_turn = None
        self.turn_of = None
        self.split = None
        if self.amended:
            self.amended = []
        if self.notices:
            self.notices = []

    def cite(self, *clauses: str) -> None:
        if not self.explain:
            return
        for c in clauses:
            if c not in self.clauses:
                self.clauses.append(c)

    # fmt: off
    def say(
        self, key: str, *,
        # staff codes, worded as their labels (a list of them: ``staff``)
        owner: str | None = None, by: str | None = None, receiver: str | None = None, helper: str | None = None,
        agent: str | None = None, to: str | None = None, against: str | None = None, closer: str | None = None,
        original: str | None = None, first: str | None = None, second: str | None = None,
        winner: str | None = None, station: str | None = None, knows: str | None = None, named: str | None = None,
        turn_of: str | None = None, staff: Sequence[str] | None = None,
        # instants and lengths of time
        at: datetime | None = None, until: datetime | None = None, window: Duration | None = None,
        clock: time | None = None,
        # format ids, worded in words
        status: str | None = None, old: str | None = None, new: str | None = None, contact: str | None = None,
        evidence: str | None = None, reason: str | None = None, field: str | None = None,
        fields: Sequence[str] | None = None, event: str | None = None,
        # shown as they are
        phone: str | None = None, region: str | None = None, clause: str | None = None, n: int | None = None,
        amount: int | None = None, value: object = None, detail: str | None = None,
    ) -> None:
        """Record the sentence ``key`` of ``wording`` with its raw values, worded only for a ruling.

        The values are those of ``wording.KINDS``, in its order. A replay (``explain=False``) records
        nothing, and a compiled call passes the values without building a dict.
        """
        if not self.explain:
            return
        self.said.append((key, (
            owner, by, receiver, helper, agent, to, against, closer, original, first, second, winner, station,
            knows, named, turn_of, staff,
            at, until, window, clock,
            status, old, new, contact, evidence, reason, field, fields, event,
            phone, region, clause, n, amount, value, detail,
        )))
    # fmt: on

    def word(self, voice: Voice) -> tuple[str, str]:
        """The reason of the ruling, in Chinese and in English, from the sentences recorded."""
        return voice.reason(self.said)


def refusal(voice: Voice, field: str, key: str, **values: object) -> Refusal:
    """A refusal of the event's ``field`` worded by the sentence ``key`` of ``wording`` (which may name the field)."""
    zh, en = voice.words(key, field=field, **values)
    return Refusal(field, zh, en)
