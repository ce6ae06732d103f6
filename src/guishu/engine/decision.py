"""What a rule decides about one event before it becomes a ``Ruling``, and how a rule refuses.

A rule raises ``Refusal`` before it changes anything; otherwise it fills a ``Decision``: the
customer, who received, whether a turn was used, the clauses cited and the sentences of the reason.
"""

from __future__ import annotations

from typing import Final

from .errors import GuishuError
from .rulings import Split
from .state import Customer, Notice


class Refusal(GuishuError):
    """Raised by a rule before it changes anything: the event is refused, naming the ``field`` at fault."""

    def __init__(self, field: str, zh: str, en: str) -> None:
        super().__init__(zh, en, field)


_UNUSED: Final[list[str]] = []  # never written: every write to the wording is guarded by ``explain``


class Decision:
    """What a rule decided so far; becomes the event's Ruling."""

    __slots__ = (
        "amended",
        "clauses",
        "counted_turn",
        "customer",
        "en",
        "explain",
        "notices",
        "phone",
        "received_by",
        "split",
        "turn_of",
        "zh",
    )

    def __init__(self, explain: bool = True) -> None:
        # explain=False when replaying a log: everything is decided, the sentences are not worded
        self.explain = explain
        self.clauses: list[str] = [] if explain else _UNUSED
        self.zh: list[str] = [] if explain else _UNUSED
        self.en: list[str] = [] if explain else _UNUSED
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

    def say(self, zh: str, en: str) -> None:
        if not self.explain:
            return
        self.zh.append(zh)
        self.en.append(en)
