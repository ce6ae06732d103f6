"""The deal ledger of a site: deals and their splits, notices (warnings, notifications, flags,
penalties) and GM-6's count of disputes per first receptionist.

Changed only through the methods below. While ``touched`` is a set (``Site.apply`` turns it on for
one event), the numbers of the deals created or amended are recorded in it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal

from .state import DealRecord, Notice


class DealLedger:
    def __init__(self) -> None:
        self.deals: list[DealRecord] = []
        self.notices: list[Notice] = []
        self.disputes: dict[str, int] = {}  # GM-6: staff -> customers received by others or fought over
        self.touched: set[int] | None = None  # numbers of the deals the current event created or amended

    # ------------------------------------------------------------------ writes
    def add(
        self,
        customer: str,
        at: datetime,
        by: str,
        amount: str | None,
        split: tuple[dict[str, Decimal], dict[str, Decimal], tuple[str, ...], str, str],
        event_index: int,
    ) -> DealRecord:
        """A new deal of ``customer`` closed by ``by``; ``split`` is (credit, commission, clauses, zh, en)."""
        credit, commission, clauses, zh, en = split
        number = len(self.deals) + 1
        record = DealRecord(
            number=number,
            customer=customer,
            phone=customer,
            at=at,
            by=by,
            amount=amount,
            credit=credit,
            commission=commission,
            clauses=clauses,
            reason=zh,
            reason_en=en,
            event_index=event_index,
        )
        self.deals.append(record)
        if self.touched is not None:
            self.touched.add(number)
        return record

    def amend(
        self,
        record: DealRecord,
        credit: dict[str, Decimal],
        commission: dict[str, Decimal],
        clauses: tuple[str, ...],
        zh: str,
        en: str,
        event_index: int,
    ) -> None:
        """A later discovery changes a deal's split; ``event_index`` is the discovering event."""
        record.credit = credit
        record.commission = commission
        record.clauses = clauses
        record.reason = zh
        record.reason_en = en
        record.amended_by += (event_index,)
        if self.touched is not None:
            self.touched.add(record.number)

    def repoint(self, indexes: Iterable[int], customer: str) -> None:
        """The deals at ``indexes`` now belong to ``customer`` (its records were merged)."""
        for index in indexes:
            record = self.deals[index]
            record.customer = customer
            if self.touched is not None:
                self.touched.add(record.number)

    def record_dispute(self, staff: str) -> int:
        """GM-6: one more of ``staff``'s customers was received by another or fought over; the count so far."""
        count = self.disputes.get(staff, 0) + 1
        self.disputes[staff] = count
        return count

    def extend(self, notices: Iterable[Notice]) -> None:
        self.notices.extend(notices)

    # ------------------------------------------------------------------ reads
    def deal(self, number: int) -> DealRecord | None:
        return self.deals[number - 1] if 0 < number <= len(self.deals) else None

    def at_index(self, index: int) -> DealRecord:
        return self.deals[index]

    def flagged_once(self, staff: str) -> bool:
        """Has ``staff`` been flagged for the manager already (GM-6 flags once)?"""
        return any(n.kind == "flag" and n.staff == staff for n in self.notices)

    def penalties(self, at: datetime | None = None) -> dict[str, int]:
        out: dict[str, int] = {}
        for n in self.notices:
            if n.kind == "penalty" and (at is None or n.at <= at):
                out[n.staff] = out.get(n.staff, 0) + n.amount
        return out

    def notices_until(self, at: datetime, kind: str | None = None) -> list[Notice]:
        return [n for n in self.notices if n.at <= at and (kind is None or n.kind == kind)]

    def flagged(self, at: datetime) -> list[str]:
        return sorted({n.staff for n in self.notices if n.kind == "flag" and n.at <= at})
