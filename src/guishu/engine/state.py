"""What a site's events fold into: staff, customers, deals and notices.

Memory grows with customers and deals, not with events: a customer keeps only what the
clauses need to decide (first reception, last contact, per-salesperson counters and
latest follow-ups), never the list of its events. The rulings are returned to the caller.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Final

HOUSE: Final = "house"


@dataclass(slots=True)
class StaffMember:
    code: str
    name: str = ""
    team: str | None = None
    role: str = "sales"
    region: str | None = None
    status: str = "on_duty"


class Help:
    """A reception of someone else's customer (义务接待)."""

    def __init__(self, at: datetime, owner_away: bool, reverse: bool) -> None:
        self.at = at
        self.owner_away = owner_away  # the owner was not available at that moment
        self.reverse = reverse  # chosen by the reverse rotation (倒排轮)

    def __repr__(self) -> str:
        return f"Help(at={self.at!r}, owner_away={self.owner_away!r}, reverse={self.reverse!r})"


@dataclass(slots=True)
class ReportInfo:
    by: str
    at: datetime
    complete: bool


class Customer:
    """One customer (one person, possibly several phones) and what the clauses need to know.

    A plain class with class-level defaults: registering a customer assigns only what differs
    from the defaults, which keeps replaying a long log fast and the per-customer memory small.
    """

    # identity and ownership
    seq: int = 0  # the order of registration in the site's book
    name: str | None = None
    owner: str | None = None  # a staff code, HOUSE, or None (the pool)
    protected_until: datetime | None = None  # exclusive; None = no expiry
    window_clause: str | None = None
    owner_since: datetime | None = None
    owner_clauses: tuple[str, ...] = ()
    owner_reason: str = ""
    previous_owner: str | None = None
    lapsed_at: datetime | None = None
    # receptions
    first_reception_at: datetime | None = None
    first_receptionist: str | None = None
    first_engagement: str = "full"
    first_source: str = "walk_in"
    last_reception_at: datetime | None = None
    receptions: int = 0
    first_followup_due: datetime | None = None
    first_followup_done: bool = False
    deposit_at: datetime | None = None
    # relations
    family: str | None = None  # family group id (the key of its first member)
    referrer: str | None = None
    day_points: tuple[date, dict[str, set[str]]] | None = None  # FC-3
    shared_clause: str | None = None
    designated: str | None = None  # RE-5: designated, absent at reception; RE-10: manager's designation
    designated_clause: str | None = None
    family_pending: tuple[str, date] | None = None  # DEAL-2 (1): second receptionist, day found
    family_split: tuple[str, date] | None = None  # DEAL-2 (3): original who recognised, that day
    report: ReportInfo | None = None
    chase_started: bool = False
    callback: str | None = None
    off_duty: tuple[str, ...] = ()  # CASES-4: who was off on the day of the first reception

    def __init__(
        self,
        key: str,
        phones: list[str],
        registered_at: datetime,
        registered_by: str | None,
        channel: str,
        name: str | None = None,
    ) -> None:
        self.key = key
        self.phones = phones
        self.registered_at = registered_at
        self.registered_by = registered_by
        self.channel = channel  # visit | call | report: how the customer first reached the site
        if name is not None:
            self.name = name
        self.receptions_by: dict[str, int] = {}
        self.followups: dict[str, datetime] = {}
        self.helpers: dict[str, Help] = {}
        self.deals: list[int] = []  # indexes into Site.deals
        self.shared: list[str] = []  # co-owners sharing credit (FC-3, CASES-4)

    def __repr__(self) -> str:
        return f"Customer({self.key!r}, owner={self.owner!r}, until={self.protected_until!r})"

    @property
    def bought(self) -> bool:
        return bool(self.deals)

    def owner_at(self, at: datetime) -> str | None:
        if self.owner is not None and self.protected_until is not None and at >= self.protected_until:
            return None
        return self.owner


class DealRecord:
    """A deal and its split, as decided (and, by later discoveries, amended).

    A plain class rather than a dataclass: compiled, it is built without Python-level code.
    """

    def __init__(
        self,
        number: int,
        customer: str,
        phone: str,
        at: datetime,
        by: str,
        amount: str | None,
        credit: dict[str, Decimal],
        commission: dict[str, Decimal],
        clauses: tuple[str, ...],
        reason: str,
        reason_en: str,
        event_index: int,
    ) -> None:
        self.number = number  # 1-based among the site's deals
        self.customer = customer
        self.phone = phone
        self.at = at
        self.by = by
        self.amount = amount
        self.credit = credit
        self.commission = commission
        self.clauses = clauses
        self.reason = reason
        self.reason_en = reason_en
        self.event_index = event_index
        self.amended_by: tuple[int, ...] = ()  # the events that amended the split

    def __repr__(self) -> str:
        return f"DealRecord({self.number}, {self.phone!r}, by={self.by!r}, credit={self.credit!r})"


@dataclass(frozen=True, slots=True)
class Notice:
    """A warning, notification, flag or penalty, effective from ``at``."""

    kind: str  # warning | notification | flag | penalty
    staff: str
    clause: str
    at: datetime
    message: str  # Chinese (wording); ``message_en`` is the same in English
    phone: str | None = None
    amount: int = 0
    message_en: str = ""
