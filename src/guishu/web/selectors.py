"""Reads: 判客, a customer's history, the queue, a deal — with P-5's visibility rules.

Everything is read from the projections with indexed queries; what the desk should do now is
decided by the engine's pure read functions (``desk_advice``, ``next_up``, ``station``) over the
projected rows, so no read waits for, loads or locks a site's engine state. Every look-up of a
customer is logged (P-5).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from guishu.engine import HOUSE, PhoneError, desk_advice, mask_phone, next_up, normalize_phone, queue_at, station

from . import engine_state, projections
from . import models as m
from .errors import Forbidden, Invalid, NotFound
from .locks import writer_lock
from .roles import SEES_ALL_CUSTOMERS, SEES_ALL_DEALS, SEES_ROTATION, Actor


def local_view(view: dict[str, Any], site: m.Site) -> dict[str, Any]:
    """An answer with its datetimes in the site's own zone."""
    return {k: local(v, site) for k, v in view.items()}


def local(value: Any, site: m.Site) -> Any:
    """Datetimes in the site's own zone (what the desk reads), everything else as is."""
    if isinstance(value, datetime):
        return value.astimezone(ZoneInfo(site.timezone))
    if isinstance(value, dict):
        return {k: local(v, site) for k, v in value.items()}
    if isinstance(value, list):
        return [local(v, site) for v in value]
    return value


def site_get(slug: str) -> m.Site:
    site = m.Site.objects.filter(slug=slug).first()
    if site is None:
        raise NotFound(f"站点不存在：{slug}", f"no site {slug!r}", "site")
    return site


def phone_of(raw: str) -> str:
    try:
        return normalize_phone(raw)
    except PhoneError as exc:
        raise Invalid(exc.zh, exc.en, "phone") from None


def customer_row(site: m.Site, phone: str) -> m.Customer | None:
    link = m.CustomerPhone.objects.select_related("customer").filter(site=site, phone=phone).first()
    return link.customer if link else None


def owner_at(row: m.Customer, at: datetime) -> str | None:
    return projections.customer_view(row).owner_at(at)


def status_of(row: m.Customer | None, owner: str | None) -> str:
    if row is None:
        return "unregistered"
    if owner is None:
        return "pool"
    return "house" if owner == HOUSE else "protected"


def sees_full(actor: Actor, owner: str | None) -> bool:
    return actor.role in SEES_ALL_CUSTOMERS or (owner is not None and owner == actor.code)


def log_lookup(site: m.Site, actor: Actor, phone: str, what: str, masked: bool) -> None:
    with writer_lock():
        m.LookupLog.objects.create(
            site=site,
            user_id=actor.user_id,
            staff_code=actor.code or "",
            role=actor.role,
            phone=phone,
            what=what,
            masked=masked,
        )


def customer_lookup(*, site: m.Site, actor: Actor, raw_phone: str, at: datetime) -> dict[str, Any]:
    """判客: the owner, the protection deadline, the status, and what the desk should do now."""
    phone = phone_of(raw_phone)
    row = customer_row(site, phone)
    owner = owner_at(row, at) if row else None
    deadline = row.protected_until if row and owner is not None else None
    full = row is None or sees_full(actor, owner)
    log_lookup(site, actor, phone, "lookup", masked=not full)
    if not full:
        return local_view(
            {
                "phone": mask_phone(phone),
                "registered": True,
                "status": status_of(row, owner),
                "protected": owner is not None,
                "protected_until": deadline,
                "masked": True,
            },
            site,
        )
    out: dict[str, Any] = {
        "phone": phone,
        "registered": row is not None,
        "status": status_of(row, owner),
        "owner": owner,
        "protected": owner is not None,
        "protected_until": deadline,
        "masked": False,
    }
    if row is not None:
        out.update(
            name=row.name or None,
            phones=sorted(p.phone for p in row.phones.all()),
            grade=row.grade or None,
            source=row.source or None,
            family=row.family or None,
            referrer=row.referrer or None,
            bought=row.bought,
            owner_since=row.owner_since,
            owner_clauses=row.owner_clauses,
            owner_reason=row.owner_reason,
            window_clause=row.window_clause or None,
            registered_at=row.registered_at,
            registered_by=row.registered_by or None,
        )
    if actor.role not in ("sales", "agent"):
        staff, queue = projections.staff_and_queue(site)
        view = projections.customer_view(row, out["phones"]) if row is not None else None
        policy = engine_state.timeline(site).policy_at(at)
        advice = desk_advice(policy, view, staff, queue, at, phone=phone)
        out["desk"] = {
            "receive_by": advice.receive_by,
            "counted_turn": advice.counted_turn,
            "clauses": list(advice.clauses),
            "advice": advice.advice,
            "advice_en": advice.advice_en,
        }
    return local_view(out, site)


def customer_history(*, site: m.Site, actor: Actor, raw_phone: str, at: datetime) -> dict[str, Any]:
    """The customer's events with their rulings, oldest first (for the owner, the desk and managers)."""
    phone = phone_of(raw_phone)
    row = customer_row(site, phone)
    owner = owner_at(row, at) if row else None
    full = row is None or sees_full(actor, owner)
    log_lookup(site, actor, phone, "history", masked=not full)
    if not full:
        return local_view(
            {
                "phone": mask_phone(phone),
                "registered": True,
                "protected": owner is not None,
                "protected_until": row.protected_until if row and owner else None,
                "masked": True,
                "events": None,
            },
            site,
        )
    phones = sorted(p.phone for p in row.phones.all()) if row else [phone]
    events = (
        m.Event.objects.filter(site=site, phones__phone__in=phones).distinct().order_by("seq").select_related("author")
    )
    return {
        "phone": phone,
        "registered": row is not None,
        "owner": owner,
        "masked": False,
        "events": [local(event_view(e), site) for e in events],
    }


def event_view(e: m.Event) -> dict[str, Any]:
    return {
        "event": e.seq,
        "kind": e.kind,
        e.kind: e.body,
        "at": e.at,
        "received_at": e.received_at,
        "author": e.author.get_username() if e.author else None,
        "author_code": e.author_code or None,
        "backdated": e.backdated,
        "ruling": e.ruling,
        **({"id": e.event_id} if e.event_id else {}),
    }


def rotation_view(*, site: m.Site, actor: Actor, at: datetime) -> dict[str, Any]:
    if actor.role not in SEES_ROTATION:
        raise Forbidden(f"角色 {actor.role} 不能查看轮序", f"role {actor.role} may not see the queue")
    staff, queue = projections.staff_and_queue(site)
    policy = engine_state.timeline(site).policy_at(at)
    rows = [
        {
            "position": r.position,
            "staff": r.staff,
            "name": r.name,
            "status": r.status,
            "makeup": r.makeup_since is not None,
        }
        for r in queue_at(policy, queue, at)
    ]
    return {
        "site": site.slug,
        "at": local(at, site),
        "next": next_up(policy, staff, queue, at),
        "station": station(policy, staff, queue, at),
        "queue": rows,
        "staff": [{"staff": s.code, "name": s.name, "role": s.role, "status": s.status} for s in staff],
    }


def deal_view(*, site: m.Site, actor: Actor, number: int) -> dict[str, Any]:
    deal = m.Deal.objects.filter(site=site, number=number).first()
    if deal is None:
        raise NotFound(f"没有第 {number} 笔成交", f"no deal {number}", "id")
    involved = {deal.by, *(k for k, v in deal.credit.items() if v), *(k for k, v in deal.commission.items() if v)}
    if actor.role not in SEES_ALL_DEALS and actor.code not in involved:
        raise Forbidden("只能查看本人参与的成交", "you may see only deals you share in")
    log_lookup(site, actor, deal.phone, "deal", masked=False)  # a deal names its customer: a look-up too (P-5)
    return {
        "deal": deal.number,
        "phone": deal.phone,
        "customer": deal.customer,
        "at": local(deal.at, site),
        "by": deal.by,
        "amount": deal.amount or None,
        "credit": deal.credit,
        "commission": deal.commission,
        "clauses": deal.clauses,
        "reason": deal.reason,
        "reason_en": deal.reason_en,
        "amended_by": deal.amended_by,
    }
