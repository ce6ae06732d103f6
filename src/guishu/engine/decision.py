"""What a rule decides about one event before it becomes a ``Ruling``, and how a rule refuses.

A rule raises ``Refusal`` before it changes anything; otherwise it fills a ``Decision``: the
customer, who received, whether a turn was used, the clauses cited and the sentences of the reason.
A sentence is recorded as a message id with raw values (``wording``) and worded only for a ruling.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from .errors import GuishuError
from .rulings import Split
from .state import Customer, Notice
from .wording import Said, Voice


class Refusal(GuishuError):
    """Raised by a rule before it changes anything: the event is refused, naming the ``field`` at fault."""

    def __init__(self, field: str, zh: str, en: str) -> None:
        super().__init__(zh, en, field)


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
        self.cite_all(clauses)

    def cite_all(self, clauses: Sequence[str]) -> None:
        """Cite the clauses a rule computed (a direct call, where ``cite(*clauses)`` would be a dynamic one)."""
        if not self.explain:
            return
        for c in clauses:
            if c not in self.clauses:
                self.clauses.append(c)

    def say(self, key: str, **values: object) -> None:
        """Record the sentence ``key`` of ``wording`` with its raw values, worded only for a ruling.

        The values are named as in ``wording.KINDS`` (``owner=`` a staff code, ``until=`` a deadline,
        …), which says how each is worded; a replay (``explain=False``) records nothing. The call
        itself still builds its values: the few sentences a replay meets at nearly every event
        (walk-ins, returning customers, follow-ups, calls, deposits, status changes) are said under
        ``if d.explain:``, so that the fold pays nothing for them.
        """
        if self.explain:
            self.said.append((key, values))

    def word(self, voice: Voice) -> tuple[str, str]:
        """The reason of the ruling, in Chinese and in English, from the sentences recorded."""
        return voice.reason(self.said)


def refusal(voice: Voice, field: str, key: str, **values: object) -> Refusal:
    """A refusal of the event's ``field`` worded by the sentence ``key`` of ``wording`` (which may name the field)."""
    zh, en = voice.words(key, field=field, **values)
    return Refusal(field, zh, en)
