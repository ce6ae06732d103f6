"""The attribution engine: framework-free rules that decide whose customer this is, and why.

No Django, no YAML, no database, no clock: a ``Site`` folds events (``guishu.engine.events``)
into state under a ``Policy`` and answers at any instant it is given.
"""

from .errors import GuishuError, OrderError
from .events import EVENT_TYPES, ROLES, STATUSES, Event, EventError, FormatError, parse_event, split_event
from .phones import PhoneError, mask_phone, normalize_phone
from .policy import Policy, PolicyError, load_policy, preset_ids
from .rulings import Changes, Ruling, Split
from .site import Site
from .state import HOUSE, Notice, StaffMember
from .views import CustomerView, DealView, DeskAdvice, QueueRow, StaffView, desk_advice, next_up, queue_at, station

__all__ = [
    "EVENT_TYPES",
    "HOUSE",
    "ROLES",
    "STATUSES",
    "Changes",
    "CustomerView",
    "DealView",
    "DeskAdvice",
    "Event",
    "EventError",
    "FormatError",
    "GuishuError",
    "Notice",
    "OrderError",
    "PhoneError",
    "Policy",
    "PolicyError",
    "QueueRow",
    "Ruling",
    "Site",
    "Split",
    "StaffMember",
    "StaffView",
    "desk_advice",
    "load_policy",
    "mask_phone",
    "next_up",
    "normalize_phone",
    "parse_event",
    "preset_ids",
    "queue_at",
    "split_event",
    "station",
]
