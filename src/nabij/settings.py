"""Nabij settings: one module, everything that differs per machine comes from the environment.

NABIJ_ENV=production switches on the strict defaults (no DEBUG, secure cookies, HSTS,
two-factor login required). See docs/deploy.md for every variable.
"""

import os
import sys
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent  # the repository root
SRC_DIR = BASE_DIR / "src"
VAR_DIR = Path(os.environ.get("NABIJ_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)
(VAR_DIR / "static").mkdir(exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


ENVIRONMENT = os.environ.get("NABIJ_ENV", "development")
PRODUCTION = ENVIRONMENT == "production"
TESTING = env_bool("NABIJ_TESTING", "pytest" in sys.modules)

DEBUG = env_bool("DEBUG", not PRODUCTION)
SECRET_KEY = os.environ.get("SECRET_KEY") or ""
if not SECRET_KEY:
    if PRODUCTION:
        raise RuntimeError("SECRET_KEY must be set when NABIJ_ENV=production")
    SECRET_KEY = "development-only-key-not-secret-" + "x" * 32  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Only demo mode may switch the second factor off, and then a banner says so on every page;
# outside demo mode two-factor login is always required.
DEMO_MODE = env_bool("NABIJ_DEMO_MODE", not PRODUCTION)
REQUIRE_2FA = env_bool("NABIJ_REQUIRE_2FA", False) if DEMO_MODE else True

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "template_partials",
    "huey.contrib.djhuey",
    # Nabij, in the order the apps stack (see docs/architecture.md)
    "nabij.core",
    "nabij.accounts",
    "nabij.audit",
    "nabij.access",
    "nabij.residents",
    "nabij.cases",
    "nabij.documents",
    "nabij.consent",
    "nabij.intake",
    "nabij.plans",
    "nabij.privacy",
    "nabij.portal",
    "nabij.scale",  # synthetic city-size data and pre-aggregated counts (docs/performance.md)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "nabij.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "nabij.accounts.middleware.RequireVerifiedMiddleware",
    "nabij.accounts.middleware.SessionTimeoutMiddleware",
    "nabij.accounts.middleware.ActiveTeamMiddleware",
    "nabij.audit.middleware.RequestContextMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "nabij.urls"
WSGI_APPLICATION = "nabij.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "nabij" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "nabij.core.context_processors.shell",
            ],
            "builtins": ["template_partials.templatetags.partials"],
        },
    }
]

# --- Database -------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'nabij.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60 if PRODUCTION else 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server and the job worker read while the other writes;
    # IMMEDIATE transactions avoid "database is locked" on lock upgrades.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
else:
    DATABASES["default"].setdefault("OPTIONS", {})  # keeps what DATABASE_URL set (?sslmode=…)
    if os.environ.get("DB_PREPARE_THRESHOLD", "5").strip().lower() not in ("", "off"):
        # Parameters bound by the server, not pasted into the SQL text, so a statement has the
        # same text on every request; psycopg prepares it after this many uses on a connection
        # and PostgreSQL stops parsing and planning it again (about half the database's CPU per
        # page at 1M residents: docs/decisions/0006-prepared-statements.md). Behind a pooler in
        # transaction mode that does not track prepared statements, set DB_PREPARE_THRESHOLD=off.
        DATABASES["default"]["OPTIONS"] |= {
            "server_side_binding": True,
            "prepare_threshold": int(os.environ.get("DB_PREPARE_THRESHOLD", "5")),
        }
    if os.environ.get("DB_RANDOM_PAGE_COST", "1.1").strip().lower() not in ("", "off"):
        # The planner's price of reading a page out of order, set per connection: PostgreSQL's
        # default (4) is a spinning disk's, and with it a team's plans, goals or cases were read
        # by scanning the whole city's table instead of through the team's index
        # (docs/decisions/0007-random-page-cost.md). `off` where the database sets it itself, or
        # behind a pooler that refuses startup options.
        DATABASES["default"]["OPTIONS"]["options"] = (
            f"-c random_page_cost={float(os.environ.get('DB_RANDOM_PAGE_COST', '1.1'))}"
        )
# SQLite tests use a file, not memory: tests that run threads (concurrent saves) need every
# connection to see the same database, as in production.
_SQLITE_TEST_FILE = str(VAR_DIR / "test_nabij.sqlite3") if DATABASES["default"]["ENGINE"].endswith("sqlite3") else None
DATABASES["default"]["TEST"] = {"NAME": os.environ.get("TEST_DATABASE_NAME") or _SQLITE_TEST_FILE}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, sessions, jobs ------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

HUEY = {
    "name": "nabij",
    "immediate": env_bool("HUEY_IMMEDIATE", TESTING),
    "utc": True,
    "consumer": {"workers": env_int("HUEY_WORKERS", 2), "worker_type": "thread"},
}
if REDIS_URL:
    HUEY |= {"huey_class": "huey.RedisHuey", "url": REDIS_URL}
else:
    HUEY |= {"huey_class": "huey.SqliteHuey", "filename": str(VAR_DIR / "huey.sqlite3")}

# --- Authentication -------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "nabij.accounts.backends.OrganisationModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# OWASP ASVS 5 level 2: at least 12 characters, checked against common passwords,
# no composition rules, long passphrases welcome (Django sets no maximum).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
PASSWORD_HASHERS = (
    ["django.contrib.auth.hashers.MD5PasswordHasher"]  # tests only: speed, never in use elsewhere
    if TESTING
    else ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
)

AXES_FAILURE_LIMIT = env_int("NABIJ_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("NABIJ_LOGIN_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "nabij.accounts.views.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

OTP_TOTP_ISSUER = "Nabij"

# Idle and absolute session time-outs (minutes), enforced by SessionTimeoutMiddleware.
SESSION_IDLE_TIMEOUT_MINUTES = env_int("NABIJ_SESSION_IDLE_MINUTES", 30)
SESSION_ABSOLUTE_TIMEOUT_MINUTES = env_int("NABIJ_SESSION_ABSOLUTE_MINUTES", 10 * 60)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT_MINUTES * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# --- Security headers -----------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_NAME = "__Host-nabij-session"
    CSRF_COOKIE_NAME = "__Host-nabij-csrf"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- Internationalisation -------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [SRC_DIR / "nabij" / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Amsterdam"
USE_TZ = True

# --- Static and uploaded files --------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [SRC_DIR / "nabij" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Uploads live outside the web root and are only served through views with the access check.
MEDIA_ROOT = Path(os.environ.get("NABIJ_MEDIA_ROOT", VAR_DIR / "private-media"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- E-mail ---------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Wijkteam <noreply@nabij.example>")
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
    EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_MAX_ATTEMPTS = env_int("NABIJ_EMAIL_MAX_ATTEMPTS", 5)

# --- API ------------------------------------------------------------------------------
NABIJ_API_REGISTRATION_RATE = os.environ.get("NABIJ_API_REGISTRATION_RATE", "120/hour")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "nabij.accounts.api_auth.PersonalTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    # Per-view rates (ScopedRateThrottle); the intake create endpoint is open to partners.
    "DEFAULT_THROTTLE_RATES": {"intake_registration_create": NABIJ_API_REGISTRATION_RATE},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Nabij API",
    "DESCRIPTION": "API of Nabij, the work-process system of a social neighbourhood team.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Several models have a field named "status" with different choices: name each enum.
    "ENUM_NAME_OVERRIDES": {
        "PlanVersionStatusEnum": "nabij.plans.models.PlanVersion.Status",
        "PlanActionStatusEnum": "nabij.plans.models.Action.Status",
    },
}

# --- Nabij ----------------------------------------------------------------------------
NABIJ_INSTALLATION = os.environ.get("NABIJ_INSTALLATION", "nabij-demo")  # NEN 7513 audit source
NABIJ_AUDIT_RETENTION_YEARS = env_int("NABIJ_AUDIT_RETENTION_YEARS", 5)
# Privacy (docs/privacy.md): emergency access, retention of closed cases, destruction requests.
NABIJ_EMERGENCY_ACCESS_HOURS = env_int("NABIJ_EMERGENCY_ACCESS_HOURS", 4)
NABIJ_RETENTION_YEARS_WITH_PLAN = env_int("NABIJ_RETENTION_YEARS_WITH_PLAN", 15)
NABIJ_RETENTION_YEARS_WITHOUT_PLAN = env_int("NABIJ_RETENTION_YEARS_WITHOUT_PLAN", 5)
NABIJ_DESTRUCTION_TERM_MONTHS = env_int("NABIJ_DESTRUCTION_TERM_MONTHS", 3)
NABIJ_CONSENT_EXPIRY_WARNING_DAYS = env_int("NABIJ_CONSENT_EXPIRY_WARNING_DAYS", 30)
NABIJ_YOUTH_AGE_LIMIT = env_int("NABIJ_YOUTH_AGE_LIMIT", 18)
# Intake front door (docs/intake.md): where a registration goes when no area says, and the
# spam limits of the public form (submissions per client address per window) and the API.
NABIJ_INTAKE_FALLBACK_TEAM = os.environ.get("NABIJ_INTAKE_FALLBACK_TEAM", "")
NABIJ_PUBLIC_FORM_LIMIT = env_int("NABIJ_PUBLIC_FORM_LIMIT", 5)
NABIJ_PUBLIC_FORM_WINDOW_SECONDS = env_int("NABIJ_PUBLIC_FORM_WINDOW_SECONDS", 3600)
NABIJ_INTAKE_INTERIM_CONTACT_DAYS = env_int("NABIJ_INTAKE_INTERIM_CONTACT_DAYS", 20)  # waiting list, working days

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Request lines can carry query strings; keep them out of production logs.
        "django.request": {"level": "ERROR"},
        "axes": {"level": "WARNING"},
    },
}
CSRF_FAILURE_VIEW = "nabij.core.views.csrf_failure"
