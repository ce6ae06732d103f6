"""The customer book of a site (客户登记表): every customer, the phones that lead to them, their families.

A customer's owner, protection window, family and phones change only through the methods below,
which the rules call. While ``touched`` is a set (``Site.apply`` turns it on for one event), every
customer those methods return or change is recorded in it by key: what the event may have changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Final

from .decision import Refusal, refusal
from .phones import PhoneError, normalize_phone
from .state import HOUSE, Customer
from .wording import MESSAGES, ZH, Voice

LAPSED_REASON: Final = MESSAGES["owner.window_lapsed"][ZH]  # the owner's reason after a window ends

# what a lapse changed, to put back if the event that let it happen is refused:
# (customer, owner, protected_until, previous_owner, lapsed_at, owner_clauses, owner_reason)
Lapse = tuple[Customer, str | None, datetime | None, str | None, datetime | None, tuple[str, ...], str]


class CustomerBook:
    def __init__(self) -> None:
        self.customers: dict[str, Customer] = {}
        self.index: dict[str, Customer] = {}  # every phone of every customer
        self.families: dict[str, list[Customer]] = {}  # family group -> its members
        self.touched: set[str] | None = None  # keys of the customers the current event reached
        self.registered = 0  # how many records were ever registered (each one's ``seq``)
        self.lapses: list[Lapse] = []  # the lapses of the event being decided (undone if it is refused)
        self._phones: dict[str, str] = {}  # what was typed -> the normalised phone
        self.voice = Voice({}, UTC)  # how refusals are worded (the site's own voice, set by the site)

    # ------------------------------------------------------------------ input
    def check_phone(self, raw: object, field_name: str) -> str:
        """``raw`` as an 11-digit mobile number, or a refusal naming the field (P-1)."""
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
            if not str(exc.raw).strip():
                raise refusal(self.voice, field_name, "refuse.empty_field") from exc
            voice = self.voice
            zh = voice.words("refuse.bad_phone", field=field_name, value=exc.raw, detail=exc.detail_zh)[0]
            en = voice.words("refuse.bad_phone", field=field_name, value=exc.raw, detail=exc.detail_en)[1]
            raise Refusal(field_name, zh, en) from exc

    def known(self, raw: object, field_name: str) -> Customer:
        """The registered customer of a phone, or a refusal naming the field."""
        phone = self.check_phone(raw, field_name)
        cust = self.find(phone)
        if cust is None:
            raise refusal(self.voice, field_name, "refuse.unknown_customer", value=phone)
        return cust

    # ------------------------------------------------------------------ reads
    def find(self, phone: str) -> Customer | None:
        cust = self.index.get(phone)
        if cust is not None and self.touched is not None:
            self.touched.add(cust.key)
        return cust

    def family_members(self, group: str | None) -> list[Customer]:
        """The customers of one family group, in the order they were registered."""
        return self.families.get(group, []) if group is not None else []

    # ------------------------------------------------------------------ writes
    def register(self, phone: str, at: datetime, by: str | None, channel: str, name: str | None) -> Customer:
        cust = Customer(key=phone, phones=[phone], registered_at=at, registered_by=by, channel=channel, name=name)
        self.registered += 1
        cust.seq = self.registered
        self.customers[phone] = cust
        self.index[phone] = cust
        if self.touched is not None:
            self.touched.add(phone)
        return cust

    def refresh(self, cust: Customer, at: datetime) -> None:
        """Let a protection window that ended before ``at`` release the customer to the pool."""
        if cust.owner is not None and cust.protected_until is not None and at >= cust.protected_until:
            self.lapses.append(
                (
                    cust,
                    cust.owner,
                    cust.protected_until,
                    cust.previous_owner,
                    cust.lapsed_at,
                    cust.owner_clauses,
                    cust.owner_reason,
                )
            )
            cust.previous_owner = cust.owner
            cust.lapsed_at = cust.protected_until
            cust.owner = None
            cust.protected_until = None
            cust.owner_clauses = (cust.window_clause or "",)
            cust.owner_reason = LAPSED_REASON
            if self.touched is not None:
                self.touched.add(cust.key)

    def undo_lapses(self) -> None:
        """Put back the lapses of a refused event (a refused event changes nothing), newest first."""
        for cust, owner, until, previous, lapsed_at, clauses, reason in reversed(self.lapses):
            cust.owner, cust.protected_until, cust.previous_owner = owner, until, previous
            cust.lapsed_at, cust.owner_clauses, cust.owner_reason = lapsed_at, clauses, reason
        self.lapses.clear()

    def set_owner(
        self, cust: Customer, owner: str | None, at: datetime, clauses: Iterable[str], reason: str = ""
    ) -> None:
        """``owner`` holds the customer from ``at`` on (a new owner starts without a window)."""
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
        if self.touched is not None:
            self.touched.add(cust.key)

    def renew(self, cust: Customer, until: datetime, clause: str) -> None:
        """The owner's protection window runs until ``until`` (exclusive), under ``clause``."""
        cust.protected_until = until
        cust.window_clause = clause
        if self.touched is not None:
            self.touched.add(cust.key)

    def clear_window(self, cust: Customer) -> None:
        """The owner keeps the customer without a time limit (a buyer, P-10; a deposit, PARK-3)."""
        cust.protected_until = None
        cust.window_clause = None
        if self.touched is not None:
            self.touched.add(cust.key)

    def restore_window(self, cust: Customer, until: datetime | None, clause: str | None) -> None:
        """Put back a window as it was before (a merge keeps the winning record's window)."""
        cust.protected_until = until
        cust.window_clause = clause
        if self.touched is not None:
            self.touched.add(cust.key)

    def merge(self, keep: Customer, other: Customer) -> list[int]:
        """Two records found to be one person (link same_person): ``other`` folds into ``keep``.

        Returns the indexes of ``other``'s deals, which now belong to ``keep`` (the ledger re-points them).
        """
        for phone in other.phones:
            self.index[phone] = keep
            if phone not in keep.phones:
                keep.phones.append(phone)
        del self.customers[other.key]
        if self.touched is not None:
            self.touched.add(keep.key)
            self.touched.add(other.key)
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
        moved = list(other.deals)
        keep.deals = sorted(keep.deals + other.deals)
        self._leave_family(other)
        if keep.family is None and other.family is not None:
            self._enter_family(keep, other.family)
        keep.referrer = keep.referrer or other.referrer
        for code, help_ in other.helpers.items():
            keep.helpers.setdefault(code, help_)
        if other.first_followup_done:
            keep.first_followup_done = True
        return moved

    def join_family(self, cust: Customer, relative: Customer) -> None:
        """``cust`` is of ``relative``'s family (a visit naming family_of)."""
        group = relative.family or relative.key
        if relative.family != group:
            self._enter_family(relative, group)
        if cust.family != group:
            self._leave_family(cust)
            self._enter_family(cust, group)

    def link_families(self, older: Customer, newer: Customer) -> None:
        """Two records found to be one family (link family): both families become one group."""
        group = older.family or newer.family or older.key
        for member in (*self.family_members(older.family), *self.family_members(newer.family), older, newer):
            if member.family != group:
                self._leave_family(member)
                self._enter_family(member, group)

    def hand_over(self, code: str, at: datetime, clauses: tuple[str, ...]) -> int:
        """P-3: a departed salesperson's customers go to the house; their callbacks are dropped.

        Every customer's window is brought up to ``at`` on the way (a departure walks the whole book).
        Returns how many customers moved.
        """
        moved = 0
        for cust in self.customers.values():
            self.refresh(cust, at)
            if cust.owner == code:
                self.set_owner(cust, HOUSE, at, clauses)
                moved += 1
            if cust.callback == code:
                cust.callback = None
        return moved

    # ------------------------------------------------------------------ the family index
    def _enter_family(self, cust: Customer, group: str) -> None:
        """``cust`` joins ``group``; a group lists its members in the order they were registered."""
        cust.family = group
        members = self.families.setdefault(group, [])
        at = len(members)
        while at > 0 and members[at - 1].seq > cust.seq:
            at -= 1
        members.insert(at, cust)
        if self.touched is not None:
            self.touched.add(cust.key)

    def _leave_family(self, cust: Customer) -> None:
        group = cust.family
        if group is None:
            return
        members = self.families.get(group)
        if members is not None and cust in members:
            members.remove(cust)
            if not members:
                del self.families[group]
        if self.touched is not None:
            self.touched.add(cust.key)
