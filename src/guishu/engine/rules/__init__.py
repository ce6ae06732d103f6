"""The rule families, one module each; ``HANDLERS`` maps an event type to its rule."""

from __future__ import annotations

from typing import Any

from .contacts import on_call, on_deposit, on_followup, on_report
from .deals import on_deal
from .links import on_link
from .management import on_abandon, on_assign, on_complaint, on_objection, on_release, on_status, on_transfer
from .visits import on_visit

HANDLERS: dict[str, Any] = {
    "visit": on_visit,
    "call": on_call,
    "report": on_report,
    "followup": on_followup,
    "deposit": on_deposit,
    "deal": on_deal,
    "link": on_link,
    "objection": on_objection,
    "complaint": on_complaint,
    "assign": on_assign,
    "transfer": on_transfer,
    "release": on_release,
    "abandon": on_abandon,
    "status": on_status,
}
