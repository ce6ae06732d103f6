"""Writes. Every change of a site's customers goes through ``event_append``; staff, sites and
tokens have their own small services."""

from .events import Appended, event_append
from .sites import policy_set, site_create, site_from_scenario, staff_add
from .tokens import token_create

__all__ = ["Appended", "event_append", "policy_set", "site_create", "site_from_scenario", "staff_add", "token_create"]
