"""Every error as ``{"error": "<中文>", "error_en": "...", "field": ...}``."""

from __future__ import annotations

from typing import Any

from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_handler

from guishu.engine import GuishuError

from ..errors import Conflict, Forbidden, Invalid, NotFound
from .auth import TokenRejected


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


# the only place where a kind of error becomes an HTTP status
STATUS: dict[type[GuishuError], int] = {Invalid: 400, Forbidden: 403, NotFound: 404, Conflict: 409}


def error_body(exc: GuishuError) -> dict[str, str | None]:
    return {"error": exc.zh, "error_en": exc.en, "field": exc.field}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, GuishuError):
        # an engine error that reached the API unwrapped is still the request's fault: 400
        code = next((c for kind, c in STATUS.items() if isinstance(exc, kind)), 400)
        return Response(error_body(exc), status=code)
    response = drf_handler(exc, context)
    if response is None:
        return None
    for cls, (zh, en) in MESSAGES.items():
        if isinstance(exc, cls):
            if isinstance(exc, TokenRejected):
                zh, en = exc.zh, exc.en
            response.data = {"error": zh, "error_en": en, "field": None}
            break
    else:
        response.data = {"error": "请求无效", "error_en": str(getattr(exc, "detail", exc)), "field": None}
    if response.status_code == status.HTTP_401_UNAUTHORIZED:
        response["WWW-Authenticate"] = "Bearer"
    return response
