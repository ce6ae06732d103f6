"""The data model: company, sites and their policies, staff, the event log, the projections.

The event log (``Event``) is the record: append-only, one hash chain per site. Everything
else about customers and the queue (``Customer``, ``CustomerPhone``, ``QueueEntry``) is a
projection of that log, written in the same transaction as each append and rebuildable
from the log at any time (``guishu rebuild``; ``guishu verify`` checks both).
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.db import models

from guishu.engine import ROLES, STATUSES

ROLE_CHOICES = [(r, r) for r in ROLES]
GRADE_CHOICES = [("A", "A"), ("B", "B"), ("C", "C")]


class Company(models.Model):
    name = models.CharField(max_length=200, unique=True)

    def __str__(self) -> str:
        return self.name


class Site(models.Model):
    """A sales office (案场/售楼处). ``revision`` changes whenever its staff or policy does,
    so that a cached engine state built before the change is not reused."""

    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="sites")
    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=200)
    timezone = models.CharField(max_length=64, default="Asia/Shanghai")
    revision = models.PositiveIntegerField(default=0)
    # the shape of the projections last written for this site: `guishu migrate` rebuilds older ones
    projections = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class PolicyVersion(models.Model):
    """A preset of rules.md plus parameter overrides, from the date it took effect."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="policies")
    preset = models.CharField(max_length=64)
    params = models.JSONField(default=dict, blank=True)
    effective = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["effective", "id"]


class Team(models.Model):
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(max_length=100)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["site", "name"], name="team_unique_per_site")]

    def __str__(self) -> str:
        return self.name


class Staff(models.Model):
    """A person on a site's staff. ``position`` is the initial rotation order; ``joined_after``
    the log sequence number after which they joined (0: from the start), so a replay adds
    them at the same point as the live site did."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="staff")
    code = models.CharField(max_length=64)
    name = models.CharField(max_length=100, blank=True)
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="members")
    role = models.CharField(max_length=16, choices=ROLE_CHOICES, default="sales")
    region = models.CharField(max_length=100, blank=True)
    position = models.PositiveIntegerField(default=0)
    joined_after = models.PositiveIntegerField(default=0)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="staff_roles"
    )

    class Meta:
        ordering = ["joined_after", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["site", "code"], name="staff_code_unique_per_site"),
            models.UniqueConstraint(fields=["site", "user"], name="one_staff_per_user_per_site"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）" if self.name and self.name != self.code else self.code


class Event(models.Model):
    """One entry of a site's register (来访/来电登记…): append-only, hash-chained.

    ``body`` holds the event exactly in the scenario format's vocabulary (``{"phone": …,
    "by": …}``); ``at`` is when it happened, ``received_at`` when the server stored it.
    ``hash`` covers every stored field and ``prev_hash``, so an edit anywhere in the log
    breaks the chain from that event on.
    """

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="events")
    seq = models.PositiveIntegerField()
    kind = models.CharField(max_length=16)
    event_id = models.CharField(max_length=100, blank=True)
    body = models.JSONField()
    at = models.DateTimeField()
    received_at = models.DateTimeField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    author_code = models.CharField(max_length=64, blank=True)
    author_role = models.CharField(max_length=16, blank=True)
    backdated = models.BooleanField(default=False)
    ruling = models.JSONField()
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["site", "seq"]
        constraints = [models.UniqueConstraint(fields=["site", "seq"], name="event_seq_unique_per_site")]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise RuntimeError("事件日志只能追加，不能修改 / the event log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("事件日志只能追加，不能删除 / the event log is append-only")

    def chained_fields(self) -> dict[str, Any]:
        return {
            "site": self.site_id,
            "seq": self.seq,
            "kind": self.kind,
            "event_id": self.event_id,
            "body": self.body,
            "at": _utc(self.at),
            "received_at": _utc(self.received_at),
            "author": self.author_id,
            "author_code": self.author_code,
            "author_role": self.author_role,
            "backdated": self.backdated,
            "ruling": self.ruling,
        }

    def compute_hash(self) -> str:
        return chain_hash(self.prev_hash, self.chained_fields())


GENESIS = "0" * 64


def _utc(value: datetime) -> str:
    return value.astimezone(UTC).isoformat()


def chain_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    text = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256((prev_hash + "\n" + text).encode("utf-8")).hexdigest()


class EventPhone(models.Model):
    """Which phones an event names: the index behind a customer's history."""

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="phones")
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    phone = models.CharField(max_length=11)

    class Meta:
        indexes = [models.Index(fields=["site", "phone"], name="eventphone_site_phone")]


class Customer(models.Model):
    """Projection: a customer of a site as the engine sees them after the last logged event.

    ``owner`` is a staff code, ``house`` or empty (the pool); the protection deadline is
    exclusive, so the owner at an instant is ``owner`` unless ``protected_until`` has passed.
    """

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="customers")
    key = models.CharField(max_length=11)
    name = models.CharField(max_length=100, blank=True)
    grade = models.CharField(max_length=16, choices=GRADE_CHOICES, blank=True)
    source = models.CharField(max_length=32, blank=True)
    channel = models.CharField(max_length=16, blank=True)
    family = models.CharField(max_length=11, blank=True)
    referrer = models.CharField(max_length=11, blank=True)
    owner = models.CharField(max_length=64, blank=True)
    protected_until = models.DateTimeField(null=True, blank=True)
    window_clause = models.CharField(max_length=16, blank=True)
    owner_since = models.DateTimeField(null=True, blank=True)
    owner_clauses = models.JSONField(default=list)
    owner_reason = models.TextField(blank=True)
    registered_at = models.DateTimeField(null=True)
    registered_by = models.CharField(max_length=64, blank=True)
    bought = models.BooleanField(default=False)
    seq = models.PositiveIntegerField(default=0)  # the log entry this row reflects

    class Meta:
        constraints = [models.UniqueConstraint(fields=["site", "key"], name="customer_key_unique_per_site")]


class CustomerPhone(models.Model):
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="phones")
    phone = models.CharField(max_length=11)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["site", "phone"], name="phone_unique_per_site")]


class QueueEntry(models.Model):
    """Projection: each staff member's place in the reception queue (接待顺序表) and status after the
    last logged event. Every staff member has a row (``position`` is None outside the queue), with the
    staff facts the desk's advice needs, so that 判客 and the rotation are answered by one query."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="queue")
    staff_code = models.CharField(max_length=64)
    name = models.CharField(max_length=100, blank=True)
    role = models.CharField(max_length=16, choices=ROLE_CHOICES, default="sales")
    team = models.CharField(max_length=100, blank=True)
    region = models.CharField(max_length=100, blank=True)
    position = models.PositiveIntegerField(null=True)  # None: out of the queue
    status = models.CharField(max_length=16, choices=[(s, s) for s in STATUSES])
    makeup = models.BooleanField(default=False)
    makeup_since = models.DateField(null=True, blank=True)  # the day a make-up turn was earned (GM-5)

    class Meta:
        ordering = ["site", "position", "staff_code"]
        constraints = [models.UniqueConstraint(fields=["site", "staff_code"], name="queue_staff_unique_per_site")]


class Deal(models.Model):
    """Projection: a deal (成交) and its credit (业绩) and commission (佣金) split, as last amended."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="deals")
    number = models.PositiveIntegerField()  # 1-based among the site's deals
    customer = models.CharField(max_length=11)
    phone = models.CharField(max_length=11)
    at = models.DateTimeField()
    by = models.CharField(max_length=64)
    amount = models.CharField(max_length=32, blank=True)
    credit = models.JSONField(default=dict)
    commission = models.JSONField(default=dict)
    clauses = models.JSONField(default=list)
    reason = models.TextField(blank=True)
    reason_en = models.TextField(blank=True)
    amended_by = models.JSONField(default=list)
    seq = models.PositiveIntegerField(default=0)  # the log entry this row reflects

    class Meta:
        ordering = ["site", "number"]
        constraints = [models.UniqueConstraint(fields=["site", "number"], name="deal_number_unique_per_site")]


class Notice(models.Model):
    """Projection: a warning, notification, flag or penalty an event gave rise to, effective from ``at``."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="notices")
    seq = models.PositiveIntegerField()  # the log entry that gave rise to it
    kind = models.CharField(max_length=16)
    staff = models.CharField(max_length=64)
    clause = models.CharField(max_length=16)
    at = models.DateTimeField()
    message = models.TextField()
    phone = models.CharField(max_length=11, blank=True)
    amount = models.IntegerField(default=0)

    class Meta:
        ordering = ["site", "seq", "id"]
        indexes = [models.Index(fields=["site", "staff", "at"], name="notice_site_staff_at")]


class SiteSnapshot(models.Model):
    """The engine state of a site after log entry ``seq`` (whose hash is ``hash``), in the engine's
    snapshot format (docs/snapshot-format.md). A cache, not a record: a process starts from the latest
    one and replays only the log after it; ``guishu verify`` checks it against a replay."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="snapshots")
    seq = models.PositiveIntegerField()
    hash = models.CharField(max_length=64)
    format = models.PositiveIntegerField()
    data = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["site", "-seq"]
        constraints = [models.UniqueConstraint(fields=["site", "seq"], name="snapshot_seq_unique_per_site")]


class LookupLog(models.Model):
    """P-5: every look-up of a customer — who, when, which phone, through which endpoint."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    staff_code = models.CharField(max_length=64, blank=True)
    role = models.CharField(max_length=16, blank=True)
    phone = models.CharField(max_length=32)
    what = models.CharField(max_length=32)
    at = models.DateTimeField(auto_now_add=True)
    masked = models.BooleanField(default=False)


class ApiToken(models.Model):
    """A bearer token for programs. Only its SHA-256 is stored; the token is shown once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    digest = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    @staticmethod
    def digest_of(token: str) -> str:
        return hashlib.sha256(token.encode("utf-8")).hexdigest()
