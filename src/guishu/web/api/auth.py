"""Bearer tokens (``Authorization: Bearer gs_…``) for programs; the browser uses its session."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from .. import models as m
from ..locks import writer_lock


class TokenRejected(exceptions.AuthenticationFailed):
    """401 with the reason in both languages (the API's handler words it like every other error)."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh, self.en = zh, en


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Any) -> tuple[Any, Any] | None:
        header = authentication.get_authorization_header(request).decode("latin-1")
        if not header:
            return None
        parts = header.split()
        if parts[0].lower() != "bearer":
            return None
        if len(parts) != 2:
            raise TokenRejected("令牌格式不正确", "malformed bearer token")
        token = m.ApiToken.objects.select_related("user").filter(digest=m.ApiToken.digest_of(parts[1])).first()
        if token is None or not token.user.is_active:
            raise TokenRejected("令牌无效", "invalid token")
        if token.last_used_at is None or (timezone.now() - token.last_used_at).total_seconds() > 60:
            with writer_lock():
                m.ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return token.user, token

    def authenticate_header(self, request: Any) -> str:
        return self.keyword


class BearerScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    target_class = "guishu.web.api.auth.BearerTokenAuthentication"
    name = "bearer"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "http", "scheme": "bearer"}
