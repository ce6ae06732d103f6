"""A ruling: what the engine decided about one event, with the clauses and a reason in Chinese."""

from __future__ import annotations

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


# Not frozen: a frozen dataclass sets each of its eighteen fields through ``object.__setattr__``,
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
