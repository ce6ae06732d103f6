"""The engine's entry point: a site folds its events, in time order, into state and rulings.

A site is made of parts, each changed only through its own methods, which the rules call:
the staff register (``roster``), the customer book (``book``), the reception queues
(``rotation``), the deal ledger (``ledger``) and the event clock (``calendar``).

``Site.apply(event)`` decides one event and returns its ``Ruling``; a refused event changes
nothing. Every query takes the instant it is asked about (``at``): time is passed in,
never read from a clock, so protection windows expire by themselves when asked later.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from typing import Any, Final

from . import events as ev
from . import views
from .book import CustomerBook
from .calendar import Calendar
from .decision import Decision, Refusal
from .errors import OrderError
from .ledger import DealLedger
from .phones import PhoneError, normalize_phone
from .policy import Policy
from .rotation import OUT_OF_QUEUE, Queue, Rotation, station_at
from .rules import HANDLERS
from .rules.switches import Switches
from .rulings import Changes, Ruling
from .staff import StaffRegister
from .state import HOUSE, Customer, DealRecord, Notice, StaffMember
from .views import CustomerView, DealView, DeskAdvice, QueueRow, StaffView
from .wording import Voice

__all__ = ["OrderError", "Site"]


_NO_CUSTOMERS: Final[frozenset[str]] = frozenset()
_NO_DEALS: Final[frozenset[int]] = frozenset()


def _refusal_clauses(field_name: str | None) -> tuple[str, ...]:
    """A refusal for a missing or invalid phone or name rests on P-1 (the registers)."""
    return ("P-1",) if field_name in ("phone", "name", "phones", "referred_by", "brought_by", "family_of") else ()


class Site:
    """One site's state under its policy: apply events in time order, then ask at any instant."""

    def __init__(self, policy: Policy, staff: Iterable[StaffMember] = ()) -> None:
        self.policy = policy
        self.switch = Switches.of(policy)
        self.calendar = Calendar(policy)
        self.roster = StaffRegister()
        self.book = CustomerBook()
        self.rotation = Rotation(self.calendar, self.roster.status)
        self.ledger = DealLedger()
        self.voice = Voice(self.roster.members, policy.tz)  # how the site's sentences are worded (set_policy)
        self.count = 0  # events accepted so far (a refused event takes no place)
        # read-only views of the parts' collections (the rules read them; only the parts write them)
        self.staff: Mapping[str, StaffMember] = self.roster.members
        self.status: Mapping[str, str] = self.roster.status
        self.queue: Queue = self.rotation.queue
        self.customers: Mapping[str, Customer] = self.book.customers
        self.deals: Sequence[DealRecord] = self.ledger.deals
        self.notices: Sequence[Notice] = self.ledger.notices
        self._scratch = Decision(False)
        self._touched_customers: set[str] = set()  # what apply's event reached (the book records it)
        self._touched_deals: set[int] = set()  # the deals it created or amended (the ledger records them)
        self.set_policy(policy)
        for member in staff:
            self.add_staff(member)

    def set_policy(self, policy: Policy) -> None:
        """A new policy version takes effect from the next event on (state and rulings so far stay)."""
        self.policy = policy
        self.switch = Switches.of(policy)
        self.calendar.set_policy(policy)
        self.rotation.set_rules(
            makeups_same_day=self.switch.makeups_same_day, away_keeps_turn=self.switch.away_keeps_turn
        )
        self.voice = Voice(self.roster.members, policy.tz)  # how this site's sentences are worded
        self.roster.voice = self.book.voice = self.voice

    def add_staff(self, member: StaffMember) -> None:
        own = self.roster.add(member)
        if own.role == "sales" and own.status not in OUT_OF_QUEUE:
            self.rotation.join(own.code)

    # ------------------------------------------------------------ reads the rules share
    def available(self, code: str | None) -> bool:
        return self.roster.available(code)

    def is_sales(self, code: str | None) -> bool:
        return self.roster.is_sales(code)

    def today(self, at: datetime) -> date:
        return self.calendar.today(at)

    @property
    def clock(self) -> datetime | None:
        return self.calendar.clock

    @property
    def day(self) -> date | None:
        return self.calendar.day

    # ----------------------------------------------------------------- apply
    def apply(self, event: ev.Event) -> Ruling:
        """Decide one event; an accepted ruling says what the event changed (``Ruling.changes``)."""
        # the parts record what the event changes while it is decided (only here: the fold never pays)
        book, ledger = self.book, self.ledger
        book.touched, ledger.touched = self._touched_customers, self._touched_deals
        self.rotation.moved = self.roster.changed = False
        try:
            d = self._decide(event)
        finally:
            book.touched = None
            ledger.touched = None
        if isinstance(d, Refusal):
            self._touched_customers.clear()
            self._touched_deals.clear()
            refusal = d
            # a refused event changed nothing (_decide put back what deciding it touched)
            return Ruling(
                index=self.count + 1,  # the place it would have taken: a refused event takes none
                kind=event.KIND,
                at=event.at,
                event_id=event.id,
                accepted=False,
                clauses=_refusal_clauses(refusal.field),
                reason=refusal.zh,
                reason_en=refusal.en,
                field=refusal.field,
                phone=None,
            )
        cust = d.customer
        notices = tuple(d.notices)
        reason, reason_en = d.word(self.voice)
        return Ruling(
            index=self.count,
            kind=event.KIND,
            at=event.at,
            event_id=event.id,
            accepted=True,
            clauses=tuple(d.clauses),
            reason=reason,
            reason_en=reason_en,
            phone=d.phone or (cust.key if cust else None),
            owner=cust.owner if cust else None,
            protected_until=cust.protected_until if cust else None,
            received_by=d.received_by,
            counted_turn=d.counted_turn,
            turn_of=d.turn_of,
            split=d.split,
            amended=tuple(d.amended),
            notices=notices,
            changes=self._changes(notices),
        )

    def _changes(self, notices: tuple[Notice, ...]) -> Changes:
        """What the accepted event changed, from what the parts recorded while it was decided."""
        customers, deals = self._touched_customers, self._touched_deals
        changes = Changes(
            customers=frozenset(customers) if customers else _NO_CUSTOMERS,
            queue=self.rotation.moved or self.roster.changed,
            deals=frozenset(deals) if deals else _NO_DEALS,
            notices=notices,
        )
        customers.clear()
        deals.clear()
        return changes

    def replay(self, events: Iterable[ev.Event]) -> int:
        """Fold events into state without building rulings (rebuilding projections from a log,
        benchmarks); returns how many were refused."""
        refused = 0
        decide = self._decide
        # The state is a large, long-lived and acyclic graph: the cyclic collector would rescan it
        # again and again during a bulk replay without ever finding garbage (refcounting frees
        # every temporary), so it is paused for the replay and restored afterwards.
        collecting = gc.isenabled()
        gc.disable()
        try:
            for event in events:
                if isinstance(decide(event, False), Refusal):
                    refused += 1
        finally:
            if collecting:
                gc.enable()
        return refused

    def _decide(self, event: ev.Event, explain: bool = True) -> Decision | Refusal:
        calendar = self.calendar
        clock, day, day_end = calendar.clock, calendar.day, calendar.day_end
        calendar.advance(event.at)
        self.count += 1
        if explain:
            d = Decision(True)
        else:
            # replaying: nothing of the decision outlives the event, so one is reused
            d = self._scratch
            d.reset()
        try:
            HANDLERS[type(event)](self, event, d)
        except Refusal as refusal:
            # a refused event changes nothing: the clock, the count, and the lapses and make-up
            # expiries its rule let happen while deciding are put back
            calendar.rewind(clock, day, day_end)
            self.count -= 1
            self.book.undo_lapses()
            self.rotation.undo()
            return refusal
        if self.book.lapses:
            self.book.lapses.clear()
        if self.rotation.saved is not None:
            self.rotation.saved = None
        if d.notices:
            self.ledger.extend(d.notices)
        return d

    def refuse(self, event_kind: str, at: datetime, event_id: str | None, field_name: str, zh: str, en: str) -> Ruling:
        """The ruling of an event refused before it could be built (a bad value in the request).

        Like every refusal it changes nothing; an event before the last one is still out of order.
        """
        self.calendar.check_order(at)
        return Ruling(
            index=self.count + 1,
            kind=event_kind,
            at=at,
            event_id=event_id,
            accepted=False,
            clauses=_refusal_clauses(field_name),
            reason=zh,
            reason_en=en,
            field=field_name,
        )

    # --------------------------------------------------------------- queries
    def customer_view(self, phone_or_key: str) -> CustomerView | None:
        """The customer a phone (or a customer's key) leads to; None for an unknown or malformed phone.

        A key merged away leads to the customer it was merged into (whose ``key`` differs).
        """
        cust = self.customer(phone_or_key)
        return views.customer_view(cust) if cust is not None else None

    def customer_views(self) -> Iterator[CustomerView]:
        return (views.customer_view(cust) for cust in self.book.customers.values())

    def customer_count(self) -> int:
        return len(self.book.customers)

    def staff_views(self) -> tuple[StaffView, ...]:
        status = self.roster.status
        return tuple(views.staff_view(member, status[code]) for code, member in self.roster.members.items())

    def queue_rows(self, at: datetime | None = None) -> tuple[QueueRow, ...]:
        """The reception queue's rows: as stored, or as of ``at`` (GM-5's stale make-ups expired then).

        Asking never changes the site.
        """
        rows = views.queue_rows(self.rotation.queue, self.staff_views())
        return rows if at is None else views.queue_at(self.policy, rows, at)

    def deal_view(self, number: int) -> DealView | None:
        record = self.ledger.deal(number)
        return views.deal_view(record) if record is not None else None

    def deal_count(self) -> int:
        return len(self.ledger.deals)

    def desk_advice(self, phone: str, at: datetime) -> DeskAdvice:
        """判客 at ``at`` (``views.desk_advice`` over the site's own views); a malformed phone raises PhoneError."""
        normalized = normalize_phone(phone)
        return views.desk_advice(
            self.policy,
            self.customer_view(normalized),
            self.staff_views(),
            self.queue_rows(),
            at,
            phone=normalized,
        )

    def next_up(self, at: datetime) -> str | None:
        """Who the rotation gives the next new walk-in to (under RCPT-1, the one whose turn it is)."""
        return views.next_up(self.policy, (), self.queue_rows(), at)

    def station(self, at: datetime) -> str | None:
        """MC-3: who is at the greeting station at ``at`` (``views.station`` over the site's own queue)."""
        if not self.policy.has("MC-3"):
            return None
        local = at.astimezone(self.policy.tz)
        minutes = local.hour * 60 + local.minute
        return station_at(self.queue.order, self.status, minutes, self.policy.number("station_minutes"))

    def customer(self, phone: str) -> Customer | None:
        """The engine's own record of a phone's customer (the rules' view; callers read ``customer_view``)."""
        try:
            return self.book.index.get(normalize_phone(phone))
        except PhoneError:
            return None

    def owner(self, phone: str, at: datetime) -> str | None:
        cust = self.customer(phone)
        return cust.owner_at(at) if cust else None

    def deal(self, number: int) -> DealRecord | None:
        return self.ledger.deal(number)

    def penalties(self, at: datetime | None = None) -> dict[str, int]:
        return self.ledger.penalties(at)

    def notices_at(self, at: datetime, kind: str | None = None) -> list[Notice]:
        found = self.ledger.notices_until(at, kind)
        found.extend(n for n in self.pending_warnings(at) if kind in (None, "warning"))
        return found

    def pending_warnings(self, at: datetime) -> list[Notice]:
        """MC-2 first follow-ups that are overdue at ``at`` and not yet answered by a follow-up.

        A read over the whole book (O(customers)): asked for reports, never on an event's path.
        """
        if not self.policy.has("MC-2"):
            return []
        out = []
        for cust in self.book.customers.values():
            due = cust.first_followup_due
            if due is not None and not cust.first_followup_done and due <= at and cust.owner not in (None, HOUSE):
                window = self.policy.duration("first_followup")
                zh, en = self.voice.words("notice.first_followup_late", phone=cust.key, window=window)
                out.append(Notice("warning", cust.owner, "MC-2", due, zh, cust.key, message_en=en))
        return out

    def flagged(self, at: datetime) -> list[str]:
        return self.ledger.flagged(at)

    # ------------------------------------------------------ older callers (thin wrappers)
    def lookup(self, phone: str, at: datetime) -> dict[str, Any]:
        """``desk_advice`` and the customer's window as one mapping (for callers not yet on the views)."""
        advice = self.desk_advice(phone, at)
        out: dict[str, Any] = {"phone": advice.phone, "registered": advice.registered, "owner": advice.owner}
        cust = self.customer_view(advice.phone)
        if cust is not None:
            held = advice.owner is not None
            out.update(
                name=cust.name,
                protected_until=cust.protected_until if held else None,
                window_clause=cust.window_clause if held else None,
                bought=cust.bought,
                phones=list(cust.phones),
            )
        out.update(
            receive_by=advice.receive_by,
            counted_turn=advice.counted_turn,
            clauses=list(advice.clauses),
            advice=advice.advice,
        )
        return out

    def queue_view(self, at: datetime) -> list[dict[str, Any]]:
        """``queue_rows(at)`` as mappings (for callers not yet on the views)."""
        return [
            {
                "position": row.position,
                "staff": row.staff,
                "name": row.name,
                "status": row.status,
                "makeup": row.makeup_since is not None,
            }
            for row in self.queue_rows(at)
        ]
