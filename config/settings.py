"""Settings for wijkteam, read from environment variables only (see .env.example).

Defaults are secure: DEBUG off, HTTPS-only cookies, HSTS and SSL redirect on, a secret key that is
either given or generated once into the git-ignored ``var/`` folder. ``make run`` switches HTTPS off
for the local demo with ``HTTPS=false``.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("WIJKTEAM_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key() -> str:
    """The given SECRET_KEY, or one generated once and kept in var/secret_key (mode 600)."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(64))
    return path.read_text().strip()


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

# The demo and tests run over plain http on loopback; every real deployment runs behind HTTPS.
HTTPS = env_bool("HTTPS", True)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Idle timeout: the session ends after this many seconds without a request (default 30 minutes).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", 30 * 60))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
CONTENT_SECURITY_POLICY = os.environ.get(
    "CONTENT_SECURITY_POLICY",
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'",
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # Trigram lookups for person search on PostgreSQL; harmless on SQLite (nothing registers there).
    "django.contrib.postgres",
    "django.forms",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "template_partials",
    "wijkteam.core",
    "wijkteam.reference",
    "wijkteam.access",
    "wijkteam.neighbourhoods",
    "wijkteam.households",
    "wijkteam.teams",
    "wijkteam.cases",
    "wijkteam.assessments",
    "wijkteam.provisions",
    "wijkteam.planning",
    "wijkteam.monitoring",
    "wijkteam.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "wijkteam.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wijkteam.access.middleware.LoginRequiredMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "wijkteam" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wijkteam.core.context_processors.site",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'wijkteam.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", 60)),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dev server read while a command writes; a busy timeout instead of "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT: the need-to-know filters make plans look expensive, and compiling them cost seconds per query
    # (8 of 10 s for a household search at scale M, see docs/benchmarks.md) for queries that run in ms.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "access.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "access:login"
LOGIN_REDIRECT_URL = "core:home"

# Optional login through the municipality's identity provider (OpenID Connect; wijkteam/access/oidc.py).
# Off by default. Users must already exist (matched on OIDC_USERNAME_CLAIM); the second factor then comes
# from the IdP: the ID token's `acr` must be one of OIDC_ACR_SECOND_FACTOR for roles that need one.
OIDC_ENABLED = env_bool("OIDC_ENABLED", False)
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("wijkteam.access.oidc.MunicipalityOIDCBackend")
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT") or None
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid profile")
OIDC_USERNAME_CLAIM = os.environ.get("OIDC_USERNAME_CLAIM", "preferred_username")
OIDC_ACR_SECOND_FACTOR = [v.strip() for v in os.environ.get("OIDC_ACR_SECOND_FACTOR", "").split(",") if v.strip()]
OIDC_CREATE_USER = False
OIDC_AUTHENTICATION_CALLBACK_URL = "access:oidc_callback"
LOGIN_REDIRECT_URL_FAILURE = "/inloggen/"
LOGOUT_REDIRECT_URL = "access:login"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
# WhiteNoise warns about a missing root; collectstatic fills it in production (read-only systems: no-op).
with contextlib.suppress(OSError):
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "wijkteam" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "wijkteam.access.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "wijkteam.core.api.Pagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "wijkteam.core.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "wijkteam API",
    "DESCRIPTION": "REST API of wijkteam. Lists return {count, next, previous, results}; what the caller "
    "may not see answers 404.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # Several models have a field called "kind" or "status"; give each choice set its own name in the schema.
    "ENUM_NAME_OVERRIDES": {
        "OrganisationKindEnum": "wijkteam.teams.models.OrganisationKind",
        "MembershipKindEnum": "wijkteam.teams.models.MembershipKind",
        "MandateItemKindEnum": "wijkteam.teams.models.MandateItem.Kind",
        "InitiativeKindEnum": "wijkteam.teams.models.InitiativeKind",
        "HelpRequestStatusEnum": "wijkteam.cases.models.HelpRequest.Status",
        "SignalStatusEnum": "wijkteam.cases.models.Signal.Status",
        "SignalTriageOutcomeEnum": "wijkteam.cases.api.serializers.TRIAGE_OUTCOMES",
        "CaseStatusEnum": "wijkteam.cases.models.CaseStatus",
        "CaseStageEnum": "wijkteam.cases.api.serializers.CASE_STAGES",
        "GoalStatusEnum": "wijkteam.cases.models.Goal.Status",
        "ActionStatusEnum": "wijkteam.cases.models.Action.Status",
        "ContactMomentKindEnum": "wijkteam.cases.models.ContactMoment.Kind",
        "DecisionStatusEnum": "wijkteam.provisions.models.DecisionStatus",
        "DecisionNewStatusEnum": "wijkteam.provisions.api.NEW_DECISION_STATUSES",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Second login factor for every role that sees person-level data (demo accounts excepted).
WIJKTEAM_REQUIRE_2FA = env_bool("WIJKTEAM_REQUIRE_2FA", True)
WIJKTEAM_LOCKOUT_ATTEMPTS = int(os.environ.get("WIJKTEAM_LOCKOUT_ATTEMPTS", 5))
WIJKTEAM_LOCKOUT_MINUTES = int(os.environ.get("WIJKTEAM_LOCKOUT_MINUTES", 15))

# Key of the keyed hash (HMAC-SHA256) that pseudonymises the BSN for the data analyst; default: derived
# from SECRET_KEY. Set its own value in production and keep it out of the database and the analysts' reach.
WIJKTEAM_PSEUDONYM_KEY = os.environ.get("WIJKTEAM_PSEUDONYM_KEY", "")
# Key for signing access-log checkpoints (HMAC-SHA256) when old entries are removed; default: derived
# from SECRET_KEY. Set a separate key in production and keep it when SECRET_KEY rotates.
ACCESS_LOG_CHECKPOINT_KEY = (
    os.environ.get("ACCESS_LOG_CHECKPOINT_KEY")
    or hashlib.sha256(f"wijkteam-access-log-checkpoint|{SECRET_KEY}".encode()).hexdigest()
)

# The demo loader creates demo accounts; other installs never have them.
WIJKTEAM_MUNICIPALITY = os.environ.get("WIJKTEAM_MUNICIPALITY", "GM0153")
# Small-number protection of aggregates of persons (core/disclosure.py): below the threshold secret, else rounded.
WIJKTEAM_DISCLOSURE_THRESHOLD = int(os.environ.get("WIJKTEAM_DISCLOSURE_THRESHOLD", 8))
WIJKTEAM_DISCLOSURE_ROUNDING = int(os.environ.get("WIJKTEAM_DISCLOSURE_ROUNDING", 5))
WIJKTEAM_BENCH = env_bool("WIJKTEAM_BENCH", False)
if WIJKTEAM_BENCH:
    # `make bench` only: SQL queries per request in a response header (bench/middleware.py).
    MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *MIDDLEWARE]

FORM_RENDERER = "wijkteam.core.forms.FormRenderer"
