"""The engine's public read API: typed, frozen values, and the desk's decisions as pure functions.

A caller (the service, the CLI) reads a site through these values only, never through the
engine's records. ``desk_advice``, ``next_up`` and ``station`` decide from values alone — a
policy, a customer view, staff views and queue rows, and the instant asked about — so a service
can answer 判客 from rows it read from its own projections, exactly as the site itself would.

Implements the desk's side of ROT-1 (the next new walk-in), ROT-4 (判客: an old customer goes to
the owner, or the reverse rotation's helper when the owner is away), RCPT-1 (a short absence keeps
the turn), GM-5 (stale make-ups expire) and MC-3 (the greeting station).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal

from .policy import Policy
from .rotation import Queue, station_at
from .state import HOUSE, Customer, DealRecord, StaffMember
from .wording import Voice


@dataclass(frozen=True, slots=True)
class CustomerView:
    """One customer as the service projects them (whose, until when, why, and how they came)."""

    key: str  # the customer's first phone: their identity in the site
    phones: tuple[str, ...]
    name: str | None
    owner: str | None  # a staff code, HOUSE, or None (the pool); a window may have ended since
    protected_until: datetime | None  # exclusive; None = no time limit
    window_clause: str | None
    owner_since: datetime | None
    owner_clauses: tuple[str, ...]
    owner_reason: str
    registered_at: datetime
    registered_by: str | None
    bought: bool
    family: str | None
    referrer: str | None
    channel: str  # visit | call | report
    first_source: str

    def owner_at(self, at: datetime) -> str | None:
        """The owner at ``at``: nobody once the protection window has ended."""
        if self.owner is not None and self.protected_until is not None and at >= self.protected_until:
            return None
        return self.owner


@dataclass(frozen=True, slots=True)
class StaffView:
    code: str
    name: str
    team: str | None
    role: str
    region: str | None
    status: str

    @property
    def label(self) -> str:
        return f"{self.name}（{self.code}）" if self.name and self.name != self.code else self.code


@dataclass(frozen=True, slots=True)
class QueueRow:
    """A salesperson's place in the reception queue (``position`` None: out of the queue)."""

    staff: str
    name: str
    position: int | None
    status: str
    makeup_since: date | None  # passed over on that day, keeping a make-up turn (ROT-2, GM-5)


@dataclass(frozen=True, slots=True)
class DealView:
    number: int
    customer: str
    phone: str
    at: datetime
    by: str
    amount: str | None
    credit: Mapping[str, Decimal]
    commission: Mapping[str, Decimal]
    clauses: tuple[str, ...]
    reason: str
    reason_en: str
    amended_by: tuple[int, ...]  # the events (by their place in the site's count) that amended the split


@dataclass(frozen=True, slots=True)
class DeskAdvice:
    """判客: whose customer this is at the desk's instant and who should receive them now."""

    phone: str
    registered: bool
    owner: str | None
    receive_by: str | None
    counted_turn: bool
    clauses: tuple[str, ...]
    advice: str
    advice_en: str


# ---------------------------------------------------------------------- building views
def customer_view(cust: Customer) -> CustomerView:
    return CustomerView(
        key=cust.key,
        phones=tuple(cust.phones),
        name=cust.name,
        owner=cust.owner,
        protected_until=cust.protected_until,
        window_clause=cust.window_clause,
        owner_since=cust.owner_since,
        owner_clauses=tuple(cust.owner_clauses),
        owner_reason=cust.owner_reason,
        registered_at=cust.registered_at,
        registered_by=cust.registered_by,
        bought=cust.bought,
        family=cust.family,
        referrer=cust.referrer,
        channel=cust.channel,
        first_source=cust.first_source,
    )


def staff_view(member: StaffMember, status: str) -> StaffView:
    return StaffView(member.code, member.name, member.team, member.role, member.region, status)


def deal_view(record: DealRecord) -> DealView:
    return DealView(
        number=record.number,
        customer=record.customer,
        phone=record.phone,
        at=record.at,
        by=record.by,
        amount=record.amount,
        credit=dict(record.credit),
        commission=dict(record.commission),
        clauses=tuple(record.clauses),
        reason=record.reason,
        reason_en=record.reason_en,
        amended_by=tuple(record.amended_by),
    )


def queue_rows(queue: Queue, staff: Sequence[StaffView]) -> tuple[QueueRow, ...]:
    """The queue's rows in order, then the salespeople out of it (in the staff's order)."""
    by_code = {s.code: s for s in staff}
    rows = [
        QueueRow(code, by_code[code].name, pos, by_code[code].status, queue.makeup.get(code))
        for pos, code in enumerate(queue.order, 1)
    ]
    rows.extend(
        QueueRow(s.code, s.name, None, s.status, None) for s in staff if s.role == "sales" and s.code not in queue.order
    )
    return tuple(rows)


# ---------------------------------------------------------------------- the desk, pure
def _queue_of(rows: Sequence[QueueRow]) -> tuple[Queue, dict[str, str]]:
    placed = sorted((r for r in rows if r.position is not None), key=lambda r: r.position or 0)
    makeup = {r.staff: r.makeup_since for r in placed if r.makeup_since is not None}
    return Queue([r.staff for r in placed], makeup), {r.staff: r.status for r in rows}


def queue_at(policy: Policy, queue: Sequence[QueueRow], at: datetime) -> tuple[QueueRow, ...]:
    """The queue as the desk sees it at ``at``: under GM-5 a make-up turn not taken the day it was earned
    goes to the end (过期不补). Rows out of the queue follow, as given. Asking changes nothing."""
    if not policy.has("GM-5"):
        return tuple(queue)
    rotation, _ = _queue_of(queue)
    rotation.expire_makeups(at.astimezone(policy.tz).date())
    rows = {r.staff: r for r in queue}
    placed = tuple(
        replace(rows[code], position=n, makeup_since=rotation.makeup.get(code))
        for n, code in enumerate(rotation.order, 1)
    )
    return placed + tuple(r for r in queue if r.position is None)


def _pick(policy: Policy, queue: Sequence[QueueRow], at: datetime) -> str | None:
    rotation, status = _queue_of(queue)
    today = at.astimezone(policy.tz).date()
    if policy.has("GM-5"):
        rotation.expire_makeups(today)
    choice = rotation.choose(status, today, away_keeps_turn=policy.has("RCPT-1"))
    return choice.turn_of if choice else None


def next_up(policy: Policy, staff: Sequence[StaffView], queue: Sequence[QueueRow], at: datetime) -> str | None:
    """Who the rotation gives the next new walk-in to at ``at`` (under RCPT-1, the one whose turn it is).

    ``queue`` may be the rows as stored or as of ``at``: GM-5's stale make-ups are expired here.
    """
    return _pick(policy, queue, at)


def station(policy: Policy, staff: Sequence[StaffView], queue: Sequence[QueueRow], at: datetime) -> str | None:
    """MC-3: whose turn it is at the greeting station at ``at`` (None without MC-3)."""
    if not policy.has("MC-3"):
        return None
    rotation, status = _queue_of(queue)
    local = at.astimezone(policy.tz)
    return station_at(rotation.order, status, local.hour * 60 + local.minute, policy.number("station_minutes"))


def desk_advice(
    policy: Policy,
    customer: CustomerView | None,
    staff: Sequence[StaffView],
    queue: Sequence[QueueRow],
    at: datetime,
    *,
    phone: str,
) -> DeskAdvice:
    """判客 at ``at`` for the customer of ``phone`` (``customer`` None: not registered).

    An owned customer goes to the owner if they are on duty, else to the reverse rotation's helper
    (ROT-4, no turn used); a customer owned by someone outside the rotation: tell the owner; anyone
    else is a new customer for the rotation's next (ROT-1). ``queue`` are the rows as stored
    (``Site.queue_rows()``): the reverse rotation reads them as they are, the pick expires GM-5's
    stale make-ups itself.
    """
    members = {s.code: s for s in staff}
    owner = customer.owner_at(at) if customer is not None else None
    voice = Voice({s.code: StaffMember(s.code, s.name, s.team, s.role, s.region, s.status) for s in staff}, policy.tz)

    def advise(
        receive_by: str | None, counted: bool, clauses: tuple[str, ...], key: str, **values: object
    ) -> DeskAdvice:
        zh, en = voice.words(key, **values)
        return DeskAdvice(phone, customer is not None, owner, receive_by, counted, clauses, zh, en)

    if owner is None or owner == HOUSE:
        nxt = _pick(policy, queue, at)
        if nxt is None:
            return advise(None, True, ("ROT-1", "ROT-4"), "desk.nobody_available")
        return advise(nxt, True, ("ROT-1", "ROT-4"), "desk.new_customer", receiver=nxt)
    member = members.get(owner)
    if member is None or member.role != "sales":
        return advise(None, False, ("ROT-4",), "desk.tell_owner", owner=owner)
    if member.status == "on_duty":
        return advise(owner, False, ("ROT-4",), "desk.old_customer", owner=owner)
    rotation, status = _queue_of(queue)
    helper = rotation.last_available(status, exclude=owner)
    return advise(helper, False, ("ROT-4",), "desk.old_customer_owner_away", owner=owner, helper=helper)
