import os

from django.contrib import admin
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import URLPattern, URLResolver, include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from .api import views

api: list[URLPattern | URLResolver] = [
    path("sites/<str:site>/events", views.EventCreate.as_view(), name="event-create"),
    path("sites/<str:site>/customers/<str:phone>", views.CustomerDetail.as_view(), name="customer-detail"),
    path("sites/<str:site>/customers/<str:phone>/events", views.CustomerEvents.as_view(), name="customer-events"),
    path("sites/<str:site>/rotation", views.Rotation.as_view(), name="rotation"),
    path("sites/<str:site>/deals/<int:number>", views.DealDetail.as_view(), name="deal-detail"),
    path("scenarios/run", views.ScenarioRun.as_view(), name="scenario-run"),
    path("schema", SpectacularAPIView.as_view(), name="schema"),
    path("docs", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
    # the browser logs in here (any staff login; /admin/ is for Django staff accounts only)
    path("auth/", include("rest_framework.urls")),
]


def index(request: HttpRequest) -> HttpResponse:
    return HttpResponse(
        "<!doctype html><meta charset=utf-8><title>归属 Guishu</title>"
        "<h1>归属 Guishu</h1><p>客户归属服务 / customer attribution service</p>"
        "<ul><li><a href=/api/v1/auth/login/?next=/api/v1/docs>登录 / log in</a></li>"
        "<li><a href=/api/v1/docs>API 文档 / interactive docs</a></li>"
        "<li><a href=/api/v1/schema>OpenAPI schema</a></li></ul>"
    )


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return JsonResponse(
        {"error": f"没有这个地址：{request.path}", "error_en": "no such address", "field": None},
        status=404,
        json_dumps_params={"ensure_ascii": False},
    )


def server_error(request: HttpRequest) -> HttpResponse:
    return JsonResponse(
        {
            "error": "服务器内部错误，未写入任何内容，请重试或联系管理员",
            "error_en": "internal error; nothing was written",
            "field": None,
        },
        status=500,
        json_dumps_params={"ensure_ascii": False},
    )


handler404 = not_found
handler500 = server_error

urlpatterns = [
    path("", index, name="index"),
    path("api/v1/", include(api)),
    path("admin/", admin.site.urls),
]
if os.environ.get("GUISHU_BENCH_ANCHOR") == "1":  # the service benchmark's minimal views (bench/service.py)
    urlpatterns.append(path("api/v1/bench/", include("guishu.web.bench_anchor")))
