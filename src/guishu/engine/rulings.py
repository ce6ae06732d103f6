"""A ruling: what the engine decided about one event, with the clauses and a reason in Chinese."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from .state import Notice


@dataclass(frozen=True, slots=True)
class Split:
    deal: int
    credit: dict[str, Decimal]
    commission: dict[str, Decimal]
    clauses: tuple[str, ...]
    reason: str
    reason_en: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "deal": self.deal,
            "credit": {k: str(v) for k, v in self.credit.items()},
            "commission": {k: str(v) for k, v in self.commission.items()},
            "clauses": list(self.clauses),
            "reason": self.reason,
        }


class Changes:
    """What an accepted event changed, so that a service can project just that.

    ``customers`` are the keys of the customers whose view may differ after the event (a superset:
    a customer the event looked at may be listed unchanged; a key no longer in the site was merged
    away); ``queue`` is set when the queue order, a make-up or any staff status may have changed;
    ``deals`` are the numbers of the deals created or amended; ``notices`` those the event added.

    A frozen value (read-only properties, equal by value). Not a frozen dataclass: one is built per
    ``Site.apply``, and compiled, a frozen dataclass costs several times as much to build.
    """

    def __init__(
        self, customers: frozenset[str], queue: bool, deals: frozenset[int], notices: tuple[Notice, ...]
    ) -> None:
        self._customers = customers
        self._queue = queue
        self._deals = deals
        self._notices = notices

    @property
    def customers(self) -> frozenset[str]:
        return self._customers

    @property
    def queue(self) -> bool:
        return self._queue

    @property
    def deals(self) -> frozenset[int]:
        return self._deals

    @property
    def notices(self) -> tuple[Notice, ...]:
        return self._notices

    def _key(self) -> tuple[frozenset[str], bool, frozenset[int], tuple[Notice, ...]]:
        return self._customers, self._queue, self._deals, self._notices

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Changes) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (
            f"Changes(customers={self._customers!r}, queue={self._queue!r}, "
            f"deals={self._deals!r}, notices={self._notices!r})"
        )


# Not frozen: a frozen dataclass sets each of its fields through ``object.__setattr__``,
# which made building a Ruling half the cost of ``Site.apply``. Nothing changes a ruling once returned.
@dataclass(slots=True)
class Ruling:
    index: int  # 1-based position in the site's event sequence
    kind: str
    at: datetime
    event_id: str | None
    accepted: bool
    clauses: tuple[str, ...]
    reason: str
    reason_en: str
    field: str | None = None  # the refused event's field at fault
    phone: str | None = None
    owner: str | None = None
    protected_until: datetime | None = None
    received_by: str | None = None
    counted_turn: bool | None = None
    turn_of: str | None = None
    split: Split | None = None
    amended: tuple[Split, ...] = ()
    notices: tuple[Notice, ...] = ()
    # what the event changed (``Site.apply`` only; None when refused); not part of ``as_dict``
    changes: Changes | None = dataclasses.field(default=None, compare=False, repr=False)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "index": self.index,
            "kind": self.kind,
            "at": self.at.isoformat(),
            "accepted": self.accepted,
            "owner": self.owner,
            "clauses": list(self.clauses),
            "reason": self.reason,
            "reason_en": self.reason_en,
        }
        if self.event_id is not None:
            out["id"] = self.event_id
        if not self.accepted:
            out["field"] = self.field
            out["error"] = self.reason
        if self.phone is not None:
            out["phone"] = self.phone
        if self.protected_until is not None:
            out["protected_until"] = self.protected_until.isoformat()
        if self.kind == "visit" and self.accepted:
            out["received_by"] = self.received_by
            out["counted_turn"] = self.counted_turn
            out["turn_of"] = self.turn_of
        if self.split is not None:
            out["split"] = self.split.as_dict()
        if self.amended:
            out["amended"] = [s.as_dict() for s in self.amended]
        if self.notices:
            out["notices"] = [
                {
                    "kind": n.kind,
                    "staff": n.staff,
                    "clause": n.clause,
                    "at": n.at.isoformat(),
                    "message": n.message,
                    **({"amount": n.amount} if n.amount else {}),
                }
                for n in self.notices
            ]
        return out
