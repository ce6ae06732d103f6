"""guishu demo: a demo company with a site per main preset, staff with Chinese names and
logins, and a month of history posted through the one write path (so the log, its chain
and the projections are exactly what a month of real use would leave).

Loading is idempotent: when the demo company exists, only the logins are (re)printed.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from guishu.engine import StaffMember

from . import models as m
from .errors import ServiceError
from .roles import Actor
from .services import event_append, site_create

COMPANY = "锦绣置业（演示）"
PASSWORD = "guishu-demo"
TZ = ZoneInfo("Asia/Shanghai")

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = [
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "秀英",
    "霞",
    "平",
    "刚",
    "桂英",
    "华",
    "建国",
    "志强",
    "丹",
    "萍",
    "鹏",
    "辉",
    "玲",
    "婷",
    "宇",
    "浩然",
    "子涵",
]


@dataclass(frozen=True)
class DemoSite:
    slug: str
    name: str
    preset: str
    sales: tuple[str, ...]


SITES = (
    DemoSite("binjiang", "滨江壹号售楼处", "re-office", ("王丽", "张伟", "刘洋", "陈静")),
    DemoSite("qingfeng", "青枫苑案场", "greenmaple", ("杨帆", "黄敏", "赵磊", "吴婷")),
    DemoSite("sanqi", "三七花园接待中心", "reception-37", ("周杰", "徐芳", "孙浩", "马艳")),
    DemoSite("yuejian", "悦见府营销中心", "appointment-7d", ("朱明", "胡娜", "郭强", "何玲")),
    DemoSite("shoujie", "首府公馆", "first-contact", ("林涛", "罗静", "郑超", "梁萍")),
    DemoSite("dafang", "大方家居体验店", "dafang", ("谢宇", "宋丹", "唐鹏", "许辉")),
)
OFFICE = (
    ("desk", "前台", "desk"),
    ("manager", "经理", "manager"),
    ("lead", "组长", "lead"),
    ("finance", "财务", "finance"),
)


def _people(ds: DemoSite) -> list[tuple[StaffMember, str]]:
    out = []
    for i, name in enumerate(ds.sales, 1):
        out.append((StaffMember(code=f"S{i:02d}", name=name, team="销售一组", role="sales"), f"{ds.slug}-s{i:02d}"))
    for code, title, role in OFFICE:
        surname = SURNAMES[(sum(map(ord, ds.slug + code)) * 7) % len(SURNAMES)]
        out.append(
            (
                StaffMember(
                    code=code, name=f"{surname}{title}", team="销售一组" if role == "lead" else None, role=role
                ),
                f"{ds.slug}-{code}",
            )
        )
    return out


def logins() -> list[tuple[str, str, str, str]]:
    rows = []
    for ds in SITES:
        for member, username in _people(ds):
            if member.role != "sales" or member.code == "S01":
                rows.append((ds.slug, username, member.role, member.name))
    return rows


def demo_load(*, reset: bool = False, days: int = 30, now: datetime | None = None) -> list[tuple[str, str, str, str]]:
    if m.Company.objects.filter(name=COMPANY).exists():
        return logins()
    now = now or timezone.now()
    with transaction.atomic():
        company = m.Company.objects.create(name=COMPANY)
        hashed = make_password(PASSWORD)  # one hash for every demo login: hashing is slow on purpose
        sites = []
        for ds in SITES:
            people = _people(ds)
            site = site_create(
                company=company,
                name=ds.name,
                slug=ds.slug,
                preset=ds.preset,
                staff=[p for p, _ in people],
                effective=(now - timedelta(days=days + 1)).date(),
            )
            for member, username in people:
                user = User.objects.create(username=username, password=hashed, first_name=member.name)
                m.Staff.objects.filter(site=site, code=member.code).update(user=user)
            sites.append((ds, site))
    for n, (ds, site) in enumerate(sites):
        with transaction.atomic():  # one commit per site: the events still go one by one through event_append
            History(site, ds, random.Random(1000 + n), now).run(days)
    return logins()


class History:
    """A plausible month: walk-ins by rotation, returning customers, follow-ups, deposits, deals, rest days."""

    def __init__(self, site: m.Site, ds: DemoSite, rng: random.Random, now: datetime) -> None:
        self.site, self.ds, self.rng, self.now = site, ds, rng, now
        self.actor = Actor(None, "demo", "manager", "manager")
        self.sales = [f"S{i:02d}" for i in range(1, len(ds.sales) + 1)]
        self.customers: dict[str, str | None] = {}  # phone -> owner after its last ruling
        self.numbers = iter(rng.sample(range(10_000_000, 99_999_999), 3000))

    def phone(self) -> str:
        return self.rng.choice(["138", "139", "136", "158", "186", "177"]) + str(next(self.numbers))

    def name(self) -> str:
        return self.rng.choice(SURNAMES) + self.rng.choice(GIVEN)

    def post(self, at: datetime, raw: dict[str, Any]) -> dict[str, Any] | None:
        if at >= self.now:
            return None
        try:
            ruling = event_append(site=self.site, actor=self.actor, raw={**raw, "at": at.isoformat()}, now=self.now)
        except ServiceError:
            return None
        return ruling.ruling

    def run(self, days: int) -> None:
        start = (self.now.astimezone(TZ) - timedelta(days=days)).date()
        resting: str | None = None
        for d in range(days + 1):
            day = start + timedelta(days=d)
            plan: list[tuple[datetime, Callable[[datetime], None]]] = []

            def at(hour: int, minute: int = 0, day: Any = day) -> datetime:
                return datetime.combine(day, time(hour, minute), TZ)

            if resting:
                plan.append((at(8, 55), partial(self.status, who=resting, what="on_duty")))
                resting = None
            if self.rng.random() < 0.4:
                resting = self.rng.choice(self.sales)
                plan.append((at(8, 56), partial(self.status, who=resting, what="rest")))
            for _ in range(self.rng.randint(2, 6)):
                plan.append((at(self.rng.randint(9, 17), self.rng.randint(0, 59)), self.walk_in))
            for _ in range(self.rng.randint(0, 2)):
                plan.append((at(self.rng.randint(9, 17), self.rng.randint(0, 59)), self.call))
            known = list(self.customers)
            for phone in self.rng.sample(known, min(len(known), self.rng.randint(0, 2))):
                plan.append((at(self.rng.randint(9, 17), self.rng.randint(0, 59)), partial(self.revisit, phone=phone)))
            for phone in self.rng.sample(known, min(len(known), self.rng.randint(1, 4))):
                plan.append(
                    (at(self.rng.randint(18, 20), self.rng.randint(0, 59)), partial(self.followup, phone=phone))
                )
            if known and self.rng.random() < 0.3:
                buyer = self.rng.choice(known)
                plan.append((at(16, self.rng.randint(0, 59)), partial(self.buy, phone=buyer)))
            for when, action in sorted(plan, key=lambda x: x[0]):
                action(when)

    def status(self, t: datetime, who: str, what: str) -> None:
        self.post(t, {"status": {"staff": who, "is": what}})

    def walk_in(self, t: datetime) -> None:
        phone = self.phone()
        body = {
            "phone": phone,
            "name": self.name(),
            "source": self.rng.choice(["walk_in", "walk_in", "walk_in", "flyer", "exhibition"]),
        }
        ruling = self.post(t, {"visit": body})
        if ruling:
            self.customers[phone] = ruling.get("owner")

    def call(self, t: datetime) -> None:
        """A phone inquiry (来电) answered by whoever picked up; some callers visit later."""
        phone = self.phone()
        ruling = self.post(t, {"call": {"phone": phone, "name": self.name(), "by": self.rng.choice(self.sales)}})
        if ruling:
            self.customers[phone] = ruling.get("owner")

    def revisit(self, t: datetime, phone: str) -> None:
        ruling = self.post(t, {"visit": {"phone": phone, "first_visit": False}})
        if ruling:
            self.customers[phone] = ruling.get("owner")

    def followup(self, t: datetime, phone: str) -> None:
        owner = self.customers.get(phone)
        if owner in self.sales:
            self.post(
                t,
                {
                    "followup": {
                        "phone": phone,
                        "by": owner,
                        "kind": self.rng.choice(["call", "wechat", "sms", "appointment"]),
                    }
                },
            )

    def buy(self, t: datetime, phone: str) -> None:
        owner = self.customers.get(phone)
        if owner in self.sales:
            self.post(t, {"deposit": {"phone": phone, "by": owner}})
            self.post(
                t + timedelta(minutes=30),
                {"deal": {"phone": phone, "by": owner, "amount": str(self.rng.randint(80, 400) * 10000)}},
            )
