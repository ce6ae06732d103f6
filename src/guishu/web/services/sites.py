"""Sites and their staff: created from settings or from a scenario file (策略演练文件)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from guishu.engine import ROLES, PolicyError, StaffMember, load_policy
from guishu.scenarios.loader import Scenario, load_scenario

from .. import engine_state, projections
from .. import models as m
from ..errors import Invalid
from ..locks import writer_lock
from ..roles import Actor
from .bulk import Progress, history_load

SYSTEM = Actor(user_id=None, username="system", code=None, role="admin")


def check_policy(preset: str, params: dict[str, Any] | None, timezone_name: str) -> None:
    """Let the engine read the policy now, so that a typo is refused before anything is stored."""
    try:
        load_policy(preset, params or {}, timezone=timezone_name)
    except PolicyError as exc:
        raise Invalid(exc.zh, exc.en, "policy") from None


def site_slug(name: str) -> str:
    slug = slugify(name, allow_unicode=True)
    if not slug:
        raise Invalid(f"站点名称无效：{name}", f"bad site name {name!r}", "name")
    return slug


@transaction.atomic
def site_create(
    *,
    company: m.Company,
    name: str,
    preset: str,
    params: dict[str, Any] | None = None,
    timezone_name: str = "Asia/Shanghai",
    staff: list[StaffMember] = (),  # type: ignore[assignment]
    slug: str | None = None,
    effective: date | None = None,
) -> m.Site:
    """A new site with its policy (checked by the engine now, not at the first event) and staff."""
    check_policy(preset, params, timezone_name)
    slug = slug or site_slug(name)
    if m.Site.objects.filter(slug=slug).exists():
        raise Invalid(f"站点 {slug} 已存在", f"site {slug} exists", "name")
    site = m.Site.objects.create(company=company, slug=slug, name=name, timezone=timezone_name)
    m.PolicyVersion.objects.create(
        site=site, preset=preset, params=params or {}, effective=effective or timezone.localdate()
    )
    for position, member in enumerate(staff, 1):
        _staff_row(site, member, position, joined_after=0)
    projections.write_staff(site, engine_state.replay(site)[0])
    m.Site.objects.filter(pk=site.pk).update(projections=projections.SHAPE)
    return site


def _staff_row(site: m.Site, member: StaffMember, position: int, joined_after: int, user: Any = None) -> m.Staff:
    if member.role not in ROLES:
        raise Invalid(f"角色无效：{member.role}（可用：{', '.join(ROLES)}）", f"unknown role {member.role}", "role")
    team = m.Team.objects.get_or_create(site=site, name=member.team)[0] if member.team else None
    return m.Staff.objects.create(
        site=site,
        code=member.code,
        name=member.name or member.code,
        team=team,
        role=member.role,
        region=member.region or "",
        position=position,
        joined_after=joined_after,
        user=user,
    )


def staff_add(*, site: m.Site, member: StaffMember, user: Any = None) -> m.Staff:
    """A person joins a live site after its last logged event; sales join the end of the queue.

    The cached engine state takes the newcomer in place (no replay); the queue rows are projected again.
    """
    if member.code == "house":
        raise Invalid("员工编号 house 为系统保留", "the staff code 'house' is reserved", "code")
    with writer_lock(), engine_state.site_lock(site.pk):
        try:
            with transaction.atomic():
                m.Site.objects.select_for_update().filter(pk=site.pk).first()
                if site.staff.filter(code=member.code).exists():
                    raise Invalid(f"员工编号重复：{member.code}", f"duplicate staff code {member.code}", "code")
                seq, _ = engine_state.last_entry(site)
                position = (site.staff.order_by("-position").values_list("position", flat=True).first() or 0) + 1
                row = _staff_row(site, member, position, joined_after=seq, user=user)
                m.Site.objects.filter(pk=site.pk).update(revision=F("revision") + 1)
                site.refresh_from_db(fields=["revision"])
                projections.write_staff(site, engine_state.current(site).engine)
        except BaseException:
            engine_state.drop(site.pk)
            raise
    return row


@dataclass
class Loaded:
    site: m.Site
    scenario: Scenario
    logged: int = 0
    refused: list[str] = field(default_factory=list)


@transaction.atomic
def site_from_scenario(
    *,
    path: str | Path,
    name: str,
    company: str = "本公司",
    no_events: bool = False,
    slug: str | None = None,
    progress: Progress | None = None,
) -> Loaded:
    """A live site from a scenario file: its policy, its staff and (unless ``no_events``) its events,
    decided as if posted one by one through the write path but loaded in bulk (``history_load``);
    the file's refused events are refused again and skipped."""
    scenario = load_scenario(path)
    params = dict(scenario.raw.get("params") or {})
    params = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in params.items()}
    tz = str(scenario.raw.get("timezone") or "Asia/Shanghai")
    comp = m.Company.objects.get_or_create(name=company)[0]
    site = site_create(
        company=comp,
        name=name,
        slug=slug,
        preset=scenario.policy.preset,
        params=params,
        timezone_name=tz,
        staff=scenario.staff,
        effective=scenario.events[0].at.date() if scenario.events else None,
    )
    loaded = Loaded(site, scenario)
    if no_events:
        return loaded
    raws = [event_raw(scenario, entry.position) for entry in scenario.events]
    history = history_load(site=site, events=raws, actor=SYSTEM, progress=progress)
    loaded.logged = history.logged
    loaded.refused = [f"第 {r.position} 个事件被拒绝：{r.error.zh}" for r in history.refused]
    return loaded


def event_raw(scenario: Scenario, position: int) -> dict[str, Any]:
    """The scenario's event as an API body, with its ``at`` as an ISO time in the file's zone."""
    entry = scenario.events[position - 1]
    raw = dict(scenario.raw["events"][position - 1])
    raw["at"] = entry.at.isoformat()
    # as it would arrive over HTTP: YAML may have read a bare date or number where the format means text
    return dict(json.loads(json.dumps(raw, ensure_ascii=False, default=str)))


@transaction.atomic
def policy_set(
    *, site: m.Site, preset: str, params: dict[str, Any] | None = None, effective: date | None = None
) -> m.PolicyVersion:
    """A new version of the site's policy, in effect from ``effective`` on (checked by the engine first).

    Events are decided under the version in effect on their date. A version may begin only after
    the day of the last logged event: the rulings already in the log were decided under the old
    one, and a replay must give them again.
    """
    m.Site.objects.select_for_update().filter(pk=site.pk).first()
    check_policy(preset, params, site.timezone)
    effective = effective or timezone.localdate()
    last = site.events.order_by("-seq").first()
    if last is not None:
        last_day = last.at.astimezone(ZoneInfo(site.timezone)).date()
        if effective <= last_day:
            raise Invalid(
                f"新策略须在最后一条登记（{last_day}）之后的日期生效，已登记的裁决不能按新策略改写",
                f"a new policy may take effect only after {last_day}, the day of the last logged event",
                "effective",
            )
    version = m.PolicyVersion.objects.create(site=site, preset=preset, params=params or {}, effective=effective)
    m.Site.objects.filter(pk=site.pk).update(revision=F("revision") + 1)
    engine_state.drop(site.pk)
    return version
