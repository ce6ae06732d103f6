"""Errors a user can meet: Chinese first, with the field at fault, and nothing half-written.

Services raise one of the kinds below (the engine's ``GuishuError``, carrying ``zh``, ``en`` and
``field``); they never speak HTTP. Only the API's exception handler turns a kind into a status.
"""

from __future__ import annotations

from guishu.engine import GuishuError


class ServiceError(GuishuError):
    """A request refused as a whole; nothing was written."""


class Invalid(ServiceError):
    """The request itself is wrong: a bad value, a refused event, an event out of time order."""


class Forbidden(ServiceError):
    """The actor may not do this (P-5, the roles)."""


class NotFound(ServiceError):
    """The site, customer or deal asked for does not exist."""


class Conflict(ServiceError):
    """The request contradicts what is already recorded."""
