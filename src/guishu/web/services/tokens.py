"""Bearer tokens for programs, and the users behind them."""

from __future__ import annotations

import secrets

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import F

from guishu.engine import ROLES, StaffMember

from .. import engine_state
from .. import models as m
from ..errors import Invalid
from .sites import staff_add


@transaction.atomic
def user_ensure(
    *, username: str, role: str | None = None, site: m.Site | None = None, name: str = "", password: str | None = None
) -> User:
    """The user (created if needed) with ``role`` at ``site``, or at every site when none is given.

    A staff member of that code at the site is linked to the user; otherwise one is added. An
    ``admin`` without a site is a superuser: admin everywhere.
    """
    if role is not None and role not in ROLES:
        raise Invalid(f"角色无效：{role}（可用：{', '.join(ROLES)}）", f"unknown role {role}", "role")
    user, created = User.objects.get_or_create(username=username)
    if password is not None:
        user.set_password(password)
        user.save()
    elif created:
        user.set_unusable_password()
        user.save()
    if role == "admin" and site is None:
        user.is_superuser = user.is_staff = True
        user.save()
        return user
    sites = [site] if site is not None else (list(m.Site.objects.all()) if role else [])
    for s in sites:
        staff = s.staff.filter(user=user).first() or s.staff.filter(code=username).first()
        if staff is None:
            staff_add(site=s, member=StaffMember(code=username, name=name or username, role=role or "sales"), user=user)
            continue
        if staff.user_id not in (None, user.pk):
            raise Invalid(f"员工 {staff.code} 已绑定其他用户", f"staff {staff.code} belongs to another user")
        staff.user = user
        if role is not None and staff.role != role:
            if staff.role == "sales" or role == "sales":
                raise Invalid(
                    f"员工 {staff.code} 的角色不能在 sales 与其他角色之间改变（轮序会变）",
                    "a role change into or out of sales would change the queue",
                    "role",
                )
            staff.role = role
            staff.save()
            # the engine knows each member's role: states cached or snapshotted before the change must not
            # be reused (a replay reads the staff as they are now)
            m.Site.objects.filter(pk=s.pk).update(revision=F("revision") + 1)
            m.SiteSnapshot.objects.filter(site=s).delete()
            engine_state.drop(s.pk)
        staff.save()
    return user


def token_create(*, username: str, role: str | None = None, site: m.Site | None = None) -> str:
    """A new bearer token for ``username`` (created if needed); the token is returned once."""
    user = user_ensure(username=username, role=role, site=site)
    token = "gs_" + secrets.token_urlsafe(32)
    m.ApiToken.objects.create(user=user, digest=m.ApiToken.digest_of(token), prefix=token[:8])
    return token
