"""The rule families, one module each; ``HANDLERS`` maps an event class to its rule.

A rule is ``rule(site, event, decision)``: it reads the site, raises ``Refusal`` before it changes
anything, and otherwise changes the site through its parts' methods and fills the decision.
The rules import ``Site`` for its type only, so the site can import this table plainly.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final

from .. import events as ev
from ..decision import Decision
from .contacts import on_call, on_deposit, on_followup, on_report
from .deals import on_deal
from .links import on_link
from .management import on_abandon, on_assign, on_complaint, on_objection, on_release, on_status, on_transfer
from .visits import on_visit

if TYPE_CHECKING:
    from ..site import Site

# The event parameter is typed per rule (``on_visit(site, e: Visit, d)``); the table pairs each
# rule with its own event class, which a type cannot express, hence ``Any`` for that one argument.
Rule = Callable[["Site", Any, Decision], None]

HANDLERS: Final[dict[type[ev.Event], Rule]] = {
    ev.Visit: on_visit,
    ev.Call: on_call,
    ev.Report: on_report,
    ev.Followup: on_followup,
    ev.Deposit: on_deposit,
    ev.Deal: on_deal,
    ev.Link: on_link,
    ev.Objection: on_objection,
    ev.Complaint: on_complaint,
    ev.Assign: on_assign,
    ev.Transfer: on_transfer,
    ev.Release: on_release,
    ev.Abandon: on_abandon,
    ev.Status: on_status,
}
