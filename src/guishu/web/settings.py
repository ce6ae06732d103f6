"""Settings from the environment.

DATABASE_URL   sqlite:///path (default: an SQLite file in GUISHU_DATA, ./data) or postgres://user:pw@host:port/db
SECRET_KEY     required in production; a fixed development key otherwise
ALLOWED_HOSTS  comma-separated (default: localhost, 127.0.0.1)
GUISHU_DATA    the data folder (default ./data): the SQLite file and the collected static files
DEBUG          1 to turn Django's debug pages on
CSRF_TRUSTED_ORIGINS  comma-separated origins allowed to post with a browser session (behind a proxy)
GUISHU_DB_CONN_AGE    seconds a PostgreSQL connection is kept for the next request (default 300; 0 closes each)
GUISHU_ENGINE_SITES   how many sites' engine states a worker process keeps in memory (default 16, LRU)
GUISHU_SNAPSHOT_EVERY a snapshot of a site's engine state every N events (default 1000; 0: only on demand)
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlparse

DATA_DIR = Path(os.environ.get("GUISHU_DATA", "data")).resolve()
SECRET_KEY = os.environ.get("SECRET_KEY", "guishu-development-key-not-for-production")
DEBUG = os.environ.get("DEBUG", "") in ("1", "true", "yes")
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1,testserver").split(",") if h.strip()
]
# browsers posting from another origin (a proxy's https://…): comma-separated origins
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]


def database_from_url(url: str) -> dict[str, object]:
    """One Django DATABASES entry from a DATABASE_URL.

    SQLite runs in WAL mode with IMMEDIATE transactions: a writer takes the write lock when
    its transaction begins, so two desks can never read the same state and both write.
    """
    parsed = urlparse(url)
    if parsed.scheme in ("sqlite", "sqlite3"):
        path = unquote(parsed.path)
        if url.startswith("sqlite:////"):
            name = "/" + path.lstrip("/")  # absolute: sqlite:////tmp/x.sqlite3
        else:
            name = path.lstrip("/") or str(DATA_DIR / "guishu.sqlite3")
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": name,
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 60,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=60000;",
            },
            # tests run on a real SQLite file (not :memory:), unique per run
            "TEST": {
                "NAME": os.environ.get("GUISHU_TEST_SQLITE")
                or str(Path(tempfile.gettempdir()) / f"guishu-test-{os.getpid()}.sqlite3")
            },
        }
    if parsed.scheme in ("postgres", "postgresql", "pgsql"):
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")) or "guishu",
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            # a worker keeps its connection between requests (checked before reuse) instead of opening one each
            "CONN_MAX_AGE": int(os.environ.get("GUISHU_DB_CONN_AGE", "300")),
            "CONN_HEALTH_CHECKS": True,
            # a fresh database per run, unique so that parallel runs do not collide
            "TEST": {"NAME": os.environ.get("GUISHU_TEST_DB") or f"test_guishu_{os.getpid()}"},
        }
    raise ValueError(f"DATABASE_URL 无法识别：{url} / unsupported DATABASE_URL scheme {parsed.scheme!r}")


DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'guishu.sqlite3'}"
DATABASES = {"default": database_from_url(DATABASE_URL)}
GUISHU_ENGINE_SITES = int(os.environ.get("GUISHU_ENGINE_SITES", "16"))
GUISHU_SNAPSHOT_EVERY = int(os.environ.get("GUISHU_SNAPSHOT_EVERY", "1000"))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "guishu.web.apps.GuishuConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "guishu.web.urls"
WSGI_APPLICATION = "guishu.web.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LOGIN_URL = "/api/v1/auth/login/"
LOGIN_REDIRECT_URL = "/api/v1/docs"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "guishu.web.api.auth.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["guishu.web.api.errors.UTF8JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "guishu.web.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "归属 Guishu API",
    "DESCRIPTION": "客户归属：判客、登记、轮序、成交分成；"
    "每条裁决注明依据条款。 / Customer attribution with clause-cited rulings.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
