"""The engine's entry point: a site folds its events, in time order, into state and rulings.

``Site.apply(event)`` decides one event and returns its ``Ruling``; a refused event changes
nothing. Every query takes the instant it is asked about (``at``): time is passed in,
never read from a clock, so protection windows expire by themselves when asked later.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from typing import Any, Final

from . import events as ev
from .decision import Decision, Refusal, refusal
from .phones import PhoneError, normalize_phone
from .policy import Policy
from .rotation import OUT_OF_QUEUE, Choice, Queue, station_at
from .rulings import Ruling
from .state import HOUSE, Customer, DealRecord, Notice, StaffMember
from .windows import deadline_from_date, local_date, start_of_day
from .wording import MESSAGES, ZH, Voice

_LAPSED: Final = MESSAGES["owner.window_lapsed"][ZH]  # the owner's reason after a window ends (no values)


class OrderError(ValueError):
    """Events must be applied in time order."""


def _refusal_clauses(field_name: str) -> tuple[str, ...]:
    """A refusal for a missing or invalid phone or name rests on P-1 (the registers)."""
    return ("P-1",) if field_name in ("phone", "name", "phones", "referred_by", "brought_by", "family_of") else ()


Handler = Callable[["Site", Any, Decision], None]
_HANDLERS: Final[dict[type, Handler]] = {}


def _handlers() -> dict[type, Handler]:
    """The rule of each event class (bound on first use: the rules import Site)."""
    if not _HANDLERS:
        from .rules import HANDLERS

        _HANDLERS.update({ev.EVENT_TYPES[kind]: rule for kind, rule in HANDLERS.items()})
    return _HANDLERS


class Site:
    def __init__(self, policy: Policy, staff: Iterable[StaffMember] = ()) -> None:
        self.policy = policy
        self.staff: dict[str, StaffMember] = {}
        self.status: dict[str, str] = {}
        self.queue = Queue()
        self.phone_queue = Queue()
        self.customers: dict[str, Customer] = {}
        self.index: dict[str, Customer] = {}  # every phone of every customer
        self.deals: list[DealRecord] = []
        self.notices: list[Notice] = []
        self.gm6: dict[str, int] = {}
        self.count = 0
        self.clock: datetime | None = None
        self.day: date | None = None
        self.mc2 = self.deal1 = self.df2 = self.gm5 = self.rcpt1 = self.park = self.mc4 = False
        self.set_policy(policy)
        self._phones: dict[str, str] = {}  # what was typed -> the normalised phone
        self._scratch = Decision(False)
        self._rules = _handlers()
        for member in staff:
            self.add_staff(member)

    def set_policy(self, policy: Policy) -> None:
        """A new policy version takes effect from the next event on (state and rulings so far stay)."""
        self.policy = policy
        self.voice = Voice(self.staff, policy.tz)  # how this site's sentences are worded
        # the clauses asked about on every event, looked up once
        self.mc2 = policy.has("MC-2")
        self.deal1 = policy.has("DEAL-1")
        self.df2 = policy.has("DF-2")
        self.gm5 = policy.has("GM-5")
        self.rcpt1 = policy.has("RCPT-1")
        self.park = policy.has("PARK-2")
        self.mc4 = policy.has("MC-4")
        self._window_day: date | None = None
        self._windows: dict[str, datetime] = {}
        self._day_end: datetime | None = None  # the end of self.day, in the policy's zone
        self.walk_in_clauses: tuple[str, ...] | None = None  # the plain walk-in's clauses (rules.visits)
        self.cases4 = policy.has("CASES-4")

    # ------------------------------------------------------------------ staff
    def add_staff(self, member: StaffMember) -> None:
        if member.code == HOUSE:
            raise ValueError("员工编号 house 为系统保留 / the staff code 'house' is reserved")
        if member.code in self.staff:
            raise ValueError(f"员工编号重复：{member.code} / duplicate staff code {member.code}")
        # the site keeps its own record: statuses change with events, the caller's list must not
        member = StaffMember(member.code, member.name, member.team, member.role, member.region, member.status)
        self.staff[member.code] = member
        self.status[member.code] = member.status
        if member.role == "sales" and member.status not in OUT_OF_QUEUE:
            self.queue.join(member.code)
            self.phone_queue.join(member.code)

    def available(self, code: str | None) -> bool:
        return code is not None and code != HOUSE and self.status.get(code) == "on_duty"

    def is_sales(self, code: str | None) -> bool:
        member = self.staff.get(code or "")
        return member is not None and member.role == "sales"

    def check_staff(self, code: object, field_name: str, *, active: bool = False) -> str:
        if not isinstance(code, str) or not code:
            raise refusal(self.voice, field_name, "refuse.not_a_staff_code", value=code)
        if code not in self.staff:
            raise refusal(self.voice, field_name, "refuse.unknown_staff", value=code)
        if active and self.status.get(code) == "departed":
            raise refusal(self.voice, field_name, "refuse.departed_staff", value=self.voice.label(code))
        return code

    def check_phone(self, raw: object, field_name: str) -> str:
        if isinstance(raw, str):
            known = self._phones.get(raw)
            if known is not None:
                return known
        try:
            phone = normalize_phone(raw)
            if isinstance(raw, str):
                self._phones[raw] = phone
            return phone
        except PhoneError as exc:
            # the library's detail after "…：<raw> " (zh) and "…<raw>: " (en), reworded to name the field
            if not str(exc.raw).strip():
                raise refusal(self.voice, field_name, "refuse.empty_field") from exc
            zh, _, en = exc.message.partition(" / ")
            detail_zh = zh.partition(f"：{exc.raw} ")[2] or zh
            detail_en = en.partition(f"{exc.raw}: ")[2] or en
            zh = self.voice.words("refuse.bad_phone", field=field_name, value=exc.raw, detail=detail_zh)[0]
            en = self.voice.words("refuse.bad_phone", field=field_name, value=exc.raw, detail=detail_en)[1]
            raise Refusal(field_name, zh, en) from exc

    def known(self, raw: object, field_name: str) -> Customer:
        """The registered customer of a phone, or a refusal naming the field."""
        phone = self.check_phone(raw, field_name)
        cust = self.find(phone)
        if cust is None:
            raise refusal(self.voice, field_name, "refuse.unknown_customer", value=phone)
        return cust

    # -------------------------------------------------------------- customers
    def find(self, phone: str) -> Customer | None:
        return self.index.get(phone)

    def register(self, phone: str, at: datetime, by: str | None, channel: str, name: str | None) -> Customer:
        cust = Customer(key=phone, phones=[phone], registered_at=at, registered_by=by, channel=channel, name=name)
        self.customers[phone] = cust
        self.index[phone] = cust
        return cust

    def refresh(self, cust: Customer, at: datetime) -> None:
        """Let a protection window that ended before ``at`` release the customer to the pool."""
        if cust.owner is not None and cust.protected_until is not None and at >= cust.protected_until:
            cust.previous_owner = cust.owner
            cust.lapsed_at = cust.protected_until
            cust.lapse_clause = cust.window_clause
            cust.owner = None
            cust.protected_until = None
            cust.owner_clauses = (cust.window_clause or "",)
            cust.owner_reason = _LAPSED

    def set_owner(
        self, cust: Customer, owner: str | None, at: datetime, clauses: Iterable[str], reason: str = ""
    ) -> None:
        if owner != cust.owner:
            if cust.owner is not None:
                cust.previous_owner = cust.owner
            cust.owner = owner
            cust.owner_since = at
            cust.protected_until = None
            cust.window_clause = None
        cust.owner_clauses = tuple(clauses)
        if reason:
            cust.owner_reason = reason

    def renew(self, cust: Customer, at: datetime, contact: str, d: Decision | None = None) -> None:
        """Start or extend the owner's protection window after a contact of kind ``contact``.

        MC-2: 7 days from the last visit or follow-up (14 for phone-inquiry customers, also from
        the assignment); DEAL-1: one month from the last reception; DF-2: one month from the last
        contact or re-order; P-10: a buyer keeps their owner (DF-2 excepted).
        """
        if cust.owner is None or cust.owner == HOUSE:
            return
        if self.df2:
            if contact in ("visit", "followup", "call", "deal", "deposit", "assign", "report"):
                self._window(cust, at, "release_after", "DF-2", d)
            return
        if cust.bought:
            if cust.protected_until is not None and d is not None:
                d.cite("P-10")
            cust.protected_until = None
            cust.window_clause = None
            return
        if self.mc2 and contact in ("visit", "followup", "deposit", "assign", "call"):
            self._window(cust, at, "keep_call" if cust.channel == "call" else "keep_visit", "MC-2", d)
        elif self.deal1 and contact in ("visit", "assign"):
            self._window(cust, at, "validity", "DEAL-1", d)

    def _window(self, cust: Customer, at: datetime, param: str, clause: str, d: Decision | None) -> None:
        cust.protected_until = self.deadline(param, at)
        cust.window_clause = clause
        if d is not None:
            d.cite(clause)

    def deadline(self, param: str, at: datetime) -> datetime:
        """The exclusive end of the policy's window ``param`` started at ``at``.

        Day and month windows depend only on the local date: they are remembered for the day.
        """
        day = self.today(at)
        if day != self._window_day:
            self._window_day = day
            self._windows = {}
        found = self._windows.get(param)
        if found is None:
            length = self.policy.duration(param)
            if length.unit in ("min", "h"):
                return length.deadline(at, self.policy.tz)
            found = self._windows[param] = deadline_from_date(day, length, self.policy.tz)
        return found

    def merge(self, keep: Customer, other: Customer) -> None:
        """Two records found to be one person (link same_person): ``other`` folds into ``keep``."""
        for phone in other.phones:
            self.index[phone] = keep
            if phone not in keep.phones:
                keep.phones.append(phone)
        del self.customers[other.key]
        keep.registered_at = min(keep.registered_at, other.registered_at)
        keep.name = keep.name or other.name
        keep.receptions += other.receptions
        for code, n in other.receptions_by.items():
            keep.receptions_by[code] = keep.receptions_by.get(code, 0) + n
        for code, at in other.followups.items():
            if code not in keep.followups or keep.followups[code] < at:
                keep.followups[code] = at
        if other.last_reception_at and (not keep.last_reception_at or keep.last_reception_at < other.last_reception_at):
            keep.last_reception_at = other.last_reception_at
        if other.deposit_at and (not keep.deposit_at or other.deposit_at < keep.deposit_at):
            keep.deposit_at = other.deposit_at
        keep.deals = sorted(keep.deals + other.deals)
        for deal_index in other.deals:
            self.deals[deal_index].customer = keep.key
        keep.family = keep.family or other.family
        keep.referrer = keep.referrer or other.referrer
        for code, help_ in other.helpers.items():
            keep.helpers.setdefault(code, help_)
        if other.first_followup_done:
            keep.first_followup_done = True

    # ------------------------------------------------------------------ time
    def _set_day(self, at: datetime) -> None:
        """The local date of the event being decided, and the day's bounds (asked once per day)."""
        day = at.astimezone(self.policy.tz).date()
        self.day = day
        self._day_end = start_of_day(day + timedelta(days=1), self.policy.tz)

    def today(self, at: datetime) -> date:
        if at is self.clock and self.day is not None:
            return self.day
        return local_date(at, self.policy.tz)

    def choose(self, at: datetime) -> Choice | None:
        queue = self._queue_at(self.queue, at)
        return queue.choose(self.status, self.today(at), away_keeps_turn=self.rcpt1)

    def _queue_at(self, queue: Queue, at: datetime) -> Queue:
        if self.gm5 and queue.makeup:
            queue.expire_makeups(self.today(at))
        return queue

    def take_turn(self, choice: Choice, at: datetime) -> None:
        self.queue.take(choice, self.today(at))

    def counted(self, code: str, at: datetime) -> bool:
        """A counted turn for ``code`` outside the rotation's pick (ROT-1): they go to the end."""
        if code not in self.queue.order:
            return False
        choice = self.choose(at)
        if choice is not None and choice.turn_of == code:
            self.take_turn(choice, at)
        else:
            self.queue.use_turn(code)
        return True

    # ----------------------------------------------------------------- apply
    def apply(self, event: ev.Event) -> Ruling:
        d = self._decide(event)
        if isinstance(d, Refusal):
            refusal = d
            # A refused event changes nothing; callers that cache a Site should drop it after a
            # refusal (lazy expiry may have been evaluated at the refused event's time).
            return Ruling(
                index=self.count,
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
            notices=tuple(d.notices),
        )

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
        if self.clock is not None and event.at < self.clock:
            raise OrderError(
                f"事件时间 {event.at.isoformat()} 早于上一事件 {self.clock.isoformat()} / events out of time order"
            )
        self.clock = event.at
        end = self._day_end  # events come in time order: one before the day's end is of the same day
        if end is None or event.at >= end:
            self._set_day(event.at)
        self.count += 1
        if explain:
            d = Decision(True)
        else:
            # replaying: nothing of the decision outlives the event, so one is reused
            d = self._scratch
            d.reset()
        try:
            self._rules[type(event)](self, event, d)
        except Refusal as refusal:
            return refusal
        if d.notices:
            self.notices.extend(d.notices)
        return d

    def refuse(self, event_kind: str, at: datetime, event_id: str | None, field_name: str, zh: str, en: str) -> Ruling:
        """Record a refusal decided before the event could be built (a bad value in the request)."""
        if self.clock is not None and at < self.clock:
            raise OrderError("events out of time order")
        self.clock = at
        self._set_day(at)
        self.count += 1
        return Ruling(
            index=self.count,
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
    def customer(self, phone: str) -> Customer | None:
        try:
            return self.find(normalize_phone(phone))
        except PhoneError:
            return None

    def owner(self, phone: str, at: datetime) -> str | None:
        cust = self.customer(phone)
        return cust.owner_at(at) if cust else None

    def next_up(self, at: datetime) -> str | None:
        """Who the rotation gives the next new walk-in to (under RCPT-1, the one whose turn it is)."""
        queue = self.queue.copy()
        if self.policy.has("GM-5"):
            queue.expire_makeups(self.today(at))
        choice = queue.choose(self.status, self.today(at), away_keeps_turn=self.policy.has("RCPT-1"))
        return choice.turn_of if choice else None

    def queue_view(self, at: datetime) -> list[dict[str, Any]]:
        queue = self.queue.copy()
        if self.policy.has("GM-5"):
            queue.expire_makeups(self.today(at))
        rows = []
        for pos, code in enumerate(queue.order, 1):
            rows.append(
                {
                    "position": pos,
                    "staff": code,
                    "name": self.staff[code].name,
                    "status": self.status.get(code),
                    "makeup": code in queue.makeup,
                }
            )
        for code, member in self.staff.items():
            if member.role == "sales" and code not in queue.order:
                rows.append(
                    {
                        "position": None,
                        "staff": code,
                        "name": member.name,
                        "status": self.status.get(code),
                        "makeup": False,
                    }
                )
        return rows

    def station(self, at: datetime) -> str | None:
        if not self.policy.has("MC-3"):
            return None
        local = at.astimezone(self.policy.tz)
        return station_at(
            self.queue.order, self.status, local.hour * 60 + local.minute, self.policy.number("station_minutes")
        )

    def deal(self, number: int) -> DealRecord | None:
        return self.deals[number - 1] if 0 < number <= len(self.deals) else None

    def penalties(self, at: datetime | None = None) -> dict[str, int]:
        out: dict[str, int] = {}
        for n in self.notices:
            if n.kind == "penalty" and (at is None or n.at <= at):
                out[n.staff] = out.get(n.staff, 0) + n.amount
        return out

    def notices_at(self, at: datetime, kind: str | None = None) -> list[Notice]:
        found = [n for n in self.notices if n.at <= at and (kind is None or n.kind == kind)]
        found.extend(n for n in self.pending_warnings(at) if kind in (None, "warning"))
        return found

    def pending_warnings(self, at: datetime) -> list[Notice]:
        """MC-2 first follow-ups that are overdue at ``at`` and not yet answered by a follow-up."""
        if not self.policy.has("MC-2"):
            return []
        out = []
        for cust in self.customers.values():
            due = cust.first_followup_due
            if due is not None and not cust.first_followup_done and due <= at and cust.owner not in (None, HOUSE):
                window = self.policy.duration("first_followup")
                zh, en = self.voice.words("notice.first_followup_late", phone=cust.key, window=window)
                out.append(Notice("warning", cust.owner, "MC-2", due, zh, cust.key, message_en=en))
        return out

    def flagged(self, at: datetime) -> list[str]:
        return sorted({n.staff for n in self.notices if n.kind == "flag" and n.at <= at})

    def lookup(self, phone: str, at: datetime) -> dict[str, Any]:
        """判客: whose customer this is at ``at``, until when, and what the desk should do now."""
        normalized = normalize_phone(phone)
        cust = self.find(normalized)
        owner = cust.owner_at(at) if cust else None
        advice: dict[str, Any] = {"phone": normalized, "registered": cust is not None, "owner": owner}
        if cust is not None:
            advice["name"] = cust.name
            advice["protected_until"] = cust.protected_until if owner is not None else None
            advice["window_clause"] = cust.window_clause if owner is not None else None
            advice["bought"] = cust.bought
            advice["phones"] = list(cust.phones)
        if owner not in (None, HOUSE) and self.is_sales(owner):
            if self.available(owner):
                advice.update(
                    receive_by=owner,
                    counted_turn=False,
                    clauses=["ROT-4"],
                    advice=self.voice.zh("desk.old_customer", owner=owner),
                )
            else:
                helper = self.queue.last_available(self.status, exclude=owner)
                advice.update(
                    receive_by=helper,
                    counted_turn=False,
                    clauses=["ROT-4"],
                    advice=self.voice.zh("desk.old_customer_owner_away", owner=owner, helper=helper),
                )
        elif owner not in (None, HOUSE):
            advice.update(
                receive_by=None,
                counted_turn=False,
                clauses=["ROT-4"],
                advice=self.voice.zh("desk.tell_owner", owner=owner),
            )
        else:
            nxt = self.next_up(at)
            advice.update(
                receive_by=nxt,
                counted_turn=True,
                clauses=["ROT-1", "ROT-4"],
                advice=self.voice.zh("desk.new_customer" if nxt else "desk.nobody_available", receiver=nxt),
            )
        return advice
