"""Who may do what (P-5): roles, the events each may post, and who sees a customer in full.

Roles: sales (置业顾问), agent (外部业务员/渠道), lead (组长/处长), manager (经理), desk (前台/客服),
finance (财务), admin (系统管理员). Salespeople and agents act only as themselves and see full
details only of their own customers; the desk registers for anyone; only managers (and
admins) rule on disputes, assign, and backdate.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from guishu.engine import EVENT_TYPES

from .errors import Forbidden

ALL_KINDS = frozenset(EVENT_TYPES)
OWN_KINDS = frozenset(
    {"visit", "call", "report", "followup", "deposit", "deal", "link", "objection", "release", "abandon", "status"}
)

# which event types each role may post
MAY_POST: dict[str, frozenset[str]] = {
    "sales": OWN_KINDS,
    "agent": frozenset({"report", "visit", "call", "followup", "objection", "link"}),
    "lead": OWN_KINDS,
    "desk": frozenset({"visit", "call", "report", "status"}),
    "finance": frozenset({"deposit", "deal"}),
    "manager": ALL_KINDS,
    "admin": ALL_KINDS,
}
# roles that may only act as themselves: the field naming the actor must be their own code
SELF_ONLY = frozenset({"sales", "agent"})
ACTOR_FIELD = {"status": "staff"}  # every other kind names its actor in `by`
MAY_BACKDATE = frozenset({"manager", "admin"})
SEES_ALL_CUSTOMERS = frozenset({"lead", "manager", "desk", "finance", "admin"})
SEES_ROTATION = frozenset({"sales", "lead", "manager", "desk", "finance", "admin"})
SEES_ALL_DEALS = frozenset({"lead", "manager", "finance", "admin"})
MAY_REHEARSE = frozenset({"manager", "admin"})


@dataclass(frozen=True)
class Actor:
    """The person behind a request, at one site: their staff code there (None for a superuser
    without a staff record) and their role."""

    user_id: int | None
    username: str
    code: str | None
    role: str


def check_post(actor: Actor, kind: str, body: dict[str, Any]) -> None:
    """Refuse (403) an event this actor may not post; say why, Chinese first."""
    if kind not in MAY_POST.get(actor.role, frozenset()):
        raise Forbidden(
            f"角色 {actor.role} 不能登记 {kind} 事件", f"role {actor.role} may not post {kind} events", kind
        )
    if actor.role not in SELF_ONLY:
        return
    field = ACTOR_FIELD.get(kind, "by")
    named = body.get(field)
    if kind == "visit" and actor.role == "agent" and body.get("agent") == actor.code:
        return
    if named is None:
        raise Forbidden(
            f"{actor.role} 只能以本人名义登记，请在 {field} 填写本人编号 {actor.code}",
            f"a {actor.role} posts only as themselves: set {field} to {actor.code}",
            field,
        )
    if str(named) != actor.code:
        raise Forbidden(
            f"不能以他人（{named}）名义登记，只能填写本人编号 {actor.code}",
            f"you may not post as {named}; only as {actor.code}",
            field,
        )
