"""Every error as ``{"error": "<中文>", "error_en": "...", "field": ...}``."""

from __future__ import annotations

from typing import Any

from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_handler

from ..errors import ServiceError


class UTF8JSONRenderer(JSONRenderer):
    """JSON with Chinese left readable (no \\u escapes)."""

    ensure_ascii = False


MESSAGES: dict[type[Exception], tuple[str, str]] = {
    exceptions.ParseError: ("请求体不是有效的 JSON", "malformed JSON"),
    exceptions.NotAuthenticated: ("请先登录或提供令牌（Authorization: Bearer …）", "authentication required"),
    exceptions.AuthenticationFailed: ("令牌无效或已停用", "invalid token"),
    exceptions.PermissionDenied: ("没有权限", "permission denied"),
    exceptions.NotFound: ("不存在", "not found"),
    exceptions.MethodNotAllowed: ("不支持的请求方法", "method not allowed"),
    exceptions.UnsupportedMediaType: ("请求体须为 JSON（Content-Type: application/json）", "send JSON"),
}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, ServiceError):
        return Response(exc.as_dict(), status=exc.status)
    response = drf_handler(exc, context)
    if response is None:
        return None
    for cls, (zh, en) in MESSAGES.items():
        if isinstance(exc, cls):
            if isinstance(exc, exceptions.AuthenticationFailed) and isinstance(exc.detail, str) and " / " in exc.detail:
                zh, en = exc.detail.split(" / ", 1)
            response.data = {"error": zh, "error_en": en, "field": None}
            break
    else:
        response.data = {"error": "请求无效", "error_en": str(getattr(exc, "detail", exc)), "field": None}
    if response.status_code == status.HTTP_401_UNAUTHORIZED:
        response["WWW-Authenticate"] = "Bearer"
    return response
