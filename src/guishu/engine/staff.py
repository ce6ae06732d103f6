"""The staff register of a site: who works there, in which role and team, and their status now.

Statuses change only through ``set_status`` (a status event, ROT-2/RCPT-1); ``check`` is the input
check a rule runs on a staff code named by an event before it decides anything (P-1).
"""

from __future__ import annotations

from .decision import Refusal
from .errors import GuishuError
from .state import HOUSE, StaffMember


class StaffRegister:
    """The site's own staff records (``members``) and each one's status (``status``)."""

    def __init__(self) -> None:
        self.members: dict[str, StaffMember] = {}
        self.status: dict[str, str] = {}
        self.changed = False  # a status changed (what an event changed, for the service's projection)

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
    def label(self, code: str | None) -> str:
        if code is None:
            return "公共客户池"
        if code == HOUSE:
            return "公司（house）"
        member = self.members.get(code)
        return member.label if member else code

    def available(self, code: str | None) -> bool:
        return code is not None and code != HOUSE and self.status.get(code) == "on_duty"

    def is_sales(self, code: str | None) -> bool:
        member = self.members.get(code or "")
        return member is not None and member.role == "sales"

    def check(self, code: object, field_name: str, *, active: bool = False) -> str:
        """``code`` as a known staff code, or a refusal naming the field (a departed one when ``active``)."""
        if not isinstance(code, str) or not code:
            raise Refusal(field_name, f"{field_name} 应为员工编号，实际为 {code}", f"{field_name} must be a staff code")
        if code not in self.members:
            raise Refusal(
                field_name, f"员工 {code} 不存在（字段 {field_name}）", f"unknown staff {code} in {field_name}"
            )
        if active and self.status.get(code) == "departed":
            raise Refusal(
                field_name,
                f"员工 {code} 已离职，不能办理（字段 {field_name}）",
                f"staff {code} has departed ({field_name})",
            )
        return code
