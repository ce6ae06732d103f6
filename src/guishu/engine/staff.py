"""The staff register of a site: who works there, in which role and team, and their status now.

Statuses change only through ``set_status`` (a status event, ROT-2/RCPT-1); ``check`` is the input
check a rule runs on a staff code named by an event before it decides anything (P-1).
"""

from __future__ import annotations

from datetime import UTC

from .decision import refusal
from .errors import GuishuError
from .state import HOUSE, StaffMember
from .wording import Voice


class StaffRegister:
    """The site's own staff records (``members``) and each one's status (``status``)."""

    def __init__(self) -> None:
        self.members: dict[str, StaffMember] = {}
        self.status: dict[str, str] = {}
        self.changed = False  # a status changed (what an event changed, for the service's projection)
        self.voice = Voice(self.members, UTC)  # how refusals are worded (the site's own voice, set by the site)

    def add(self, member: StaffMember) -> StaffMember:
        """Register a copy of ``member`` (statuses change with events: the caller's record must not)."""
        if member.code == HOUSE:
            raise GuishuError("员工编号 house 为系统保留", "the staff code 'house' is reserved", "code")
        if member.code in self.members:
            raise GuishuError(f"员工编号重复：{member.code}", f"duplicate staff code {member.code}", "code")
        own = StaffMember(member.code, member.name, member.team, member.role, member.region, member.status)
        self.members[own.code] = own
        self.status[own.code] = own.status
        return own

    def set_status(self, code: str, status: str) -> str:
        """The staff member's new status; returns the one it replaces."""
        old = self.status.get(code, "on_duty")
        self.status[code] = status
        self.members[code].status = status
        self.changed = True
        return old

    # ------------------------------------------------------------------ reads
    def available(self, code: str | None) -> bool:
        return code is not None and code != HOUSE and self.status.get(code) == "on_duty"

    def is_sales(self, code: str | None) -> bool:
        member = self.members.get(code or "")
        return member is not None and member.role == "sales"

    def check(self, code: object, field_name: str, *, active: bool = False) -> str:
        """``code`` as a known staff code, or a refusal naming the field (a departed one when ``active``)."""
        if not isinstance(code, str) or not code:
            raise refusal(self.voice, field_name, "refuse.not_a_staff_code", value=code)
        if code not in self.members:
            raise refusal(self.voice, field_name, "refuse.unknown_staff", value=code)
        if active and self.status.get(code) == "departed":
            raise refusal(self.voice, field_name, "refuse.departed_staff", value=self.voice.label(code))
        return code
