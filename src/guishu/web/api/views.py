"""One view per endpoint. A view finds the site and the actor, checks access and calls a
service (writes) or a selector (reads); the rules are the engine's."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from guishu.scenarios.loader import ScenarioError, parse_scenario
from guishu.scenarios.runner import run_scenario

from .. import models as m
from .. import selectors
from ..errors import Forbidden, Invalid
from ..roles import MAY_REHEARSE
from ..services import event_append
from ..services.events import parse_at, site_and_actor

AT_PARAM = OpenApiParameter(
    "at", OpenApiTypes.DATETIME, description="评估时刻（默认现在）/ the instant asked about (default now)"
)
ERROR = inline_serializer(
    "Error",
    {
        "error": serializers.CharField(),
        "error_en": serializers.CharField(),
        "field": serializers.CharField(allow_null=True),
    },
)
RULING = inline_serializer(
    "Ruling",
    {
        "owner": serializers.CharField(allow_null=True),
        "received_by": serializers.CharField(allow_null=True),
        "counted_turn": serializers.BooleanField(allow_null=True),
        "clauses": serializers.ListField(child=serializers.CharField()),
        "reason": serializers.CharField(),
        "kind": serializers.CharField(),
        "accepted": serializers.BooleanField(),
    },
)


def _at(request: Request, site: m.Site) -> datetime:
    raw = request.query_params.get("at")
    return parse_at(raw, ZoneInfo(site.timezone)) if raw else timezone.now()


class SiteView(APIView):
    def site_and_actor(self, request: Request, slug: str) -> tuple[m.Site, Any]:
        return site_and_actor(slug, cast(User, request.user))


class EventCreate(SiteView):
    @extend_schema(
        summary="登记一个事件 / post one event",
        description="请求体与场景文件中的一个事件完全相同，`at` 可省略（默认现在）；只有经理可以补登过去的时间。"
        " / The body is one event exactly as in the scenario format.",
        request=OpenApiTypes.OBJECT,
        responses={
            201: inline_serializer("Appended", {"event": serializers.IntegerField(), "ruling": RULING}),
            400: ERROR,
            403: ERROR,
        },
        examples=[OpenApiExample("visit", value={"visit": {"phone": "13800000001", "by": "A"}}, request_only=True)],
    )
    def post(self, request: Request, site: str) -> Response:
        site_row, actor = self.site_and_actor(request, site)
        appended = event_append(site=site_row, actor=actor, raw=request.data)
        return Response({"event": appended.event.seq, "ruling": appended.ruling}, status=201)


class CustomerDetail(SiteView):
    @extend_schema(
        summary="判客 / whose customer is this",
        parameters=[AT_PARAM],
        responses={200: OpenApiTypes.OBJECT, 400: ERROR, 403: ERROR},
    )
    def get(self, request: Request, site: str, phone: str) -> Response:
        site_row, actor = self.site_and_actor(request, site)
        return Response(
            selectors.customer_lookup(site=site_row, actor=actor, raw_phone=phone, at=_at(request, site_row))
        )


class CustomerEvents(SiteView):
    @extend_schema(
        summary="客户的登记与裁决历史 / the customer's history",
        parameters=[AT_PARAM],
        responses={200: OpenApiTypes.OBJECT, 400: ERROR, 403: ERROR},
    )
    def get(self, request: Request, site: str, phone: str) -> Response:
        site_row, actor = self.site_and_actor(request, site)
        return Response(
            selectors.customer_history(site=site_row, actor=actor, raw_phone=phone, at=_at(request, site_row))
        )


class Rotation(SiteView):
    @extend_schema(
        summary="轮序 / the reception queue", parameters=[AT_PARAM], responses={200: OpenApiTypes.OBJECT, 403: ERROR}
    )
    def get(self, request: Request, site: str) -> Response:
        site_row, actor = self.site_and_actor(request, site)
        return Response(selectors.rotation_view(site=site_row, actor=actor, at=_at(request, site_row)))


class DealDetail(SiteView):
    @extend_schema(
        summary="成交的业绩与佣金分配 / a deal's split", responses={200: OpenApiTypes.OBJECT, 403: ERROR, 404: ERROR}
    )
    def get(self, request: Request, site: str, number: int) -> Response:
        site_row, actor = self.site_and_actor(request, site)
        return Response(selectors.deal_view(site=site_row, actor=actor, number=number))


class ScenarioRun(APIView):
    @extend_schema(
        summary="策略演练：运行场景文件 / run a scenario document",
        description='请求体为场景文件（JSON 对象），或 {"yaml": "…"}。仅限经理。',
        request=OpenApiTypes.OBJECT,
        responses={200: OpenApiTypes.OBJECT, 400: ERROR, 403: ERROR},
    )
    def post(self, request: Request) -> Response:
        user = cast(User, request.user)
        allowed = user.is_superuser or m.Staff.objects.filter(user=user, role__in=MAY_REHEARSE).exists()
        if not allowed:
            raise Forbidden("只有经理可以运行策略演练", "only managers may run scenarios")
        data = request.data
        if not isinstance(data, dict):
            raise Invalid("请求体应为场景文件对象", "the body must be a scenario document")
        try:
            scenario = parse_scenario(data["yaml"] if set(data) == {"yaml"} else data)
        except ScenarioError as exc:
            raise Invalid(exc.zh, exc.en, exc.field) from None
        result = run_scenario(scenario)
        out = result.as_dict()
        out["rulings"] = [r.as_dict() for r in result.rulings]
        return Response(out)
