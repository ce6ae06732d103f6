"""Protection windows after a contact: which window a contact starts or extends, and under which clause.

MC-2: 7 days from the last visit or follow-up (14 for phone-inquiry customers, also from the
assignment); DEAL-1: one month from the last reception; DF-2: one month from the last contact or
re-order; P-10: a buyer keeps their owner without a time limit (DF-2 excepted).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Final

from ..decision import Decision
from ..state import HOUSE, Customer

if TYPE_CHECKING:
    from ..site import Site

_SILENCE_CONTACTS: Final = ("visit", "followup", "call", "deal", "deposit", "assign", "report")  # DF-2
_CONTACTS: Final = ("visit", "followup", "deposit", "assign", "call")  # MC-2
_RECEPTIONS: Final = ("visit", "assign")  # DEAL-1


def renew(site: Site, cust: Customer, at: datetime, contact: str, d: Decision | None = None) -> None:
    """Start or extend the owner's protection window after a contact of kind ``contact``."""
    if cust.owner is None or cust.owner == HOUSE:
        return
    switch = site.switch
    if switch.release_after_silence:
        if contact in _SILENCE_CONTACTS:
            _window(site, cust, at, "release_after", "DF-2", d)
        return
    if cust.bought:
        if cust.protected_until is not None and d is not None:
            d.cite("P-10")
        site.book.clear_window(cust)
        return
    if switch.contact_window and contact in _CONTACTS:
        _window(site, cust, at, "keep_call" if cust.channel == "call" else "keep_visit", "MC-2", d)
    elif switch.deal_validity and contact in _RECEPTIONS:
        _window(site, cust, at, "validity", "DEAL-1", d)


def _window(site: Site, cust: Customer, at: datetime, param: str, clause: str, d: Decision | None) -> None:
    site.book.renew(cust, site.calendar.deadline(param, at), clause)
    if d is not None:
        d.cite(clause)
