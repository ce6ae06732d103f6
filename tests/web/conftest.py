"""Fixtures of the service tests: real databases (an SQLite file or PostgreSQL), real HTTP
where it matters, no mocks."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from rest_framework.test import APIClient

from guishu.engine import StaffMember
from guishu.web import engine_state
from guishu.web import models as m
from guishu.web.services import site_create, token_create


@pytest.fixture(autouse=True)
def _fresh_engine_cache() -> Iterator[None]:
    # each test rolls its database back: a cached engine state must not outlive it
    engine_state.clear()
    yield
    engine_state.clear()


@pytest.fixture
def make_site(db: Any) -> Callable[..., m.Site]:
    def make(
        slug: str = "s1",
        preset: str = "re-office",
        staff: tuple[Any, ...] = ("A", "B", "C", "D"),
        params: dict[str, Any] | None = None,
    ) -> m.Site:
        company = m.Company.objects.get_or_create(name="测试公司")[0]
        members = [s if isinstance(s, StaffMember) else StaffMember(code=s, name=s) for s in staff]
        return site_create(company=company, name=slug, slug=slug, preset=preset, staff=members, params=params)

    return make


@pytest.fixture
def client_for(db: Any) -> Callable[..., APIClient]:
    """An API client with a bearer token of ``username`` (created, with ``role`` at ``site``, if needed)."""

    def make(username: str, role: str | None = None, site: m.Site | None = None) -> APIClient:
        token = token_create(username=username, role=role, site=site)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
        return client

    return make


def post_event(client: APIClient, site: m.Site, raw: Any) -> Any:
    return client.post(f"/api/v1/sites/{site.slug}/events", raw, format="json")
