"""Settings for the course site, read from the environment (twelve-factor).

Every value has a development-safe default except the secret key outside DEBUG,
so that a fresh checkout runs with `make run` and production must say what it wants.
(manage.py reads a development checkout's `.env` into the environment first:
coursesite/envfile.py.) A missing or malformed value raises ImproperlyConfigured
with one sentence naming the variable and what to set it to; manage.py prints that
sentence alone.
"""

from __future__ import annotations

import logging
import math
import os
import re
import zoneinfo
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool = False) -> bool:
    """A strict boolean: a typo in production config must not silently mean False."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean; use 1/0, true/false, yes/no")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int, minimum: int = 0) -> int:
    raw = os.environ.get(name, str(default))
    problem = ImproperlyConfigured(f"{name}={raw!r} must be a whole number, at least {minimum}")
    try:
        value = int(raw)
    except ValueError:
        raise problem from None
    if value < minimum:
        raise problem
    return value


def env_float(name: str, default: float, low: float, high: float) -> float:
    raw = os.environ.get(name, str(default))
    problem = ImproperlyConfigured(f"{name}={raw!r} must be a number from {low} to {high}")
    try:
        value = float(raw)
    except ValueError:
        raise problem from None
    if not low <= value <= high:
        raise problem
    return value


def env_time_zone(name: str, default: str) -> str:
    """A time zone name the system knows (Django's own check would fail later, with
    a traceback)."""
    raw = os.environ.get(name, default).strip()
    try:
        zoneinfo.ZoneInfo(raw)
    except (ValueError, zoneinfo.ZoneInfoNotFoundError):
        raise ImproperlyConfigured(
            f"{name}={raw!r} is not a time zone; use a name such as UTC or Europe/Paris"
        ) from None
    return raw


def env_rate(name: str, default: str) -> str:
    """A django-ratelimit rate such as "3/h" or "10/5m", checked at start-up."""
    raw = os.environ.get(name, default).strip()
    if not re.fullmatch(r"[1-9]\d*/\d*[smhd]", raw):
        raise ImproperlyConfigured(f"{name}={raw!r} is not a rate like 3/h or 10/5m")
    return raw


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=1 for development: in a development "
            "checkout, `make run` writes both to .env, which manage.py reads)."
        )
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Django's admin with a scoped "view on site" redirect (lectures/admin_site.py).
    "coursesite.apps.CourseAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Before staticfiles so runserver does not shadow whitenoise in development.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "csp",
    "axes",
    # The tasks framework (Django 6's, backported) and its database queue.
    "django_tasks",
    "django_tasks_db",
    "lectures",
    "quizzes",
    # LTI 1.3: django-lti's registrations, deployments, keys and launch records, and
    # the lms app that maps launches to accounts and courses (README, "LMS (LTI 1.3)").
    "lti_tool",
    "lms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise, so static files keep their own far-future caching.
    "coursesite.middleware.private_by_default",
    # Before anything decodes request.GET or request.POST.
    "coursesite.middleware.utf8_only",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before CommonMiddleware, as Django asks: the browser's
    # Accept-Language (no URL prefix, no language cookie of our own).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Once the account is known: its own language, when it chose one, over the browser's.
    "lectures.accounts.languages.account_language",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    # Inside CSP's and X-Frame-Options' middleware, so that the frame-ancestors it sets
    # for an LMS launch session reach their headers (lms/middleware.py).
    "lms.middleware.launch_session",
    # Last, as axes asks: turns a locked-out login into AXES_LOCKOUT_CALLABLE's 429.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "coursesite.urls"
WSGI_APPLICATION = "coursesite.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "coursesite.context_processors.site_urls",
                "coursesite.context_processors.review_due",
            ],
        },
    },
]

# SQLite by default so a fresh checkout runs with nothing installed. IMMEDIATE
# transactions plus WAL and a busy timeout make concurrent writers queue instead
# of failing with "database is locked".
# Connections are reused across requests (DJANGO_CONN_MAX_AGE seconds, 0 to close
# each after its request) and checked before reuse, so a restarted database
# costs one failed check rather than errors: opening a PostgreSQL connection
# costs more than a whole student page.
_SQLITE_DEFAULT = f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
try:
    DATABASES = {
        "default": dj_database_url.parse(
            os.environ.get("DATABASE_URL", _SQLITE_DEFAULT),
            conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 600),
            conn_health_checks=True,
        )
    }
except ValueError as exc:
    # The URL itself is not repeated: it may carry a password.
    raise ImproperlyConfigured(
        f"DATABASE_URL is not a database URL such as postgres://user:password@host:5432/name "
        f"or sqlite:////path/to/db.sqlite3 ({exc})"
    ) from None
# psycopg binds parameters on the server and prepares the statements a connection
# repeats, which saves PostgreSQL planning them again on every page (make
# bench-pages on PostgreSQL: lecture page 4.5 -> 4.0 ms, toggle 6.0 -> 4.8 ms).
# Set DJANGO_PG_PREPARED_STATEMENTS=0 behind a pooler in transaction mode that
# cannot carry prepared statements (PgBouncer before 1.21).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "DJANGO_PG_PREPARED_STATEMENTS", True
):
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"server_side_binding": True, "prepare_threshold": 2}
    )
# PostgreSQL compiles a query to machine code (JIT) once its estimated cost passes
# jit_above_cost. The report's queries at 100,000 students estimate a subquery per
# student (PostgreSQL costs an EXISTS it will run hashed as if probed per row), so
# they all pass it, and compiling took 190-560 ms a query, as long as running it
# (make bench-report BENCH_ARGS=--explain, its "JIT:" lines): JIT pays back on long
# analytic scans, which no request runs. DJANGO_PG_JIT=1 leaves it to the server.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and not env_bool(
    "DJANGO_PG_JIT", False
):
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = f"{_options.get('options', '')} -c jit=off".strip()
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# No state lives in one process, so several app servers can share one database:
# the cache (and what is kept in it: rate limits) is Redis with REDIS_URL, else
# the database (its table is made by `migrate`); sessions are the database's,
# read through Redis when there is one. "rendered" memoises what is derived from
# content alone (Markdown keyed by a hash of its input, a lecture's shared page
# content keyed by its version): an entry can never be stale or differ between
# processes, so each process keeps its own copy in memory, the fastest place.
REDIS_URL = os.environ.get("REDIS_URL", "")
_RENDERED = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "rendered",
    "OPTIONS": {"MAX_ENTRIES": 2000},
}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        },
        "rendered": _RENDERED,
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "django_cache",
        },
        "rendered": _RENDERED,
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

# The site's default language, for a browser that asks for none the site speaks.
LANGUAGE_CODE = "en-gb"
# The languages shipped (README, "Languages"): a browser asking for "en-us" or "es-mx"
# gets the nearest of these. Each but English has its catalogue under locale/.
LANGUAGES = [
    ("en-gb", _("English")),
    ("es", _("Spanish")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Where a language's dates differ from Django's own formats for it (coursesite/formats).
FORMAT_MODULE_PATH = ["coursesite.formats"]
TIME_ZONE = env_time_zone("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed names outside DEBUG so far-future caching is safe.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# One notes import is one request's (or one command's) work, so its size is
# bounded: a file over NOTES_MAX_BYTES, or a lecture with more than
# NOTES_MAX_SECTIONS sections, is refused before it is parsed.
NOTES_MAX_BYTES = env_int("DJANGO_NOTES_MAX_BYTES", 2 * 1024 * 1024, minimum=1)
NOTES_MAX_SECTIONS = env_int("DJANGO_NOTES_MAX_SECTIONS", 500, minimum=1)
# A notes upload the form accepts is read in memory; a bigger one spills to a
# temporary file until the form refuses it. Ordinary form posts keep Django's
# 2.5 MB body limit.
FILE_UPLOAD_MAX_MEMORY_SIZE = NOTES_MAX_BYTES

# Spaced-repetition review (lectures.review.scheduling, scheduled by the fsrs package): the
# share of cards a student should still recall when each comes due. Higher means
# more reviews; FSRS's authors recommend 0.7 to 0.97, and Anki's default is 0.9.
REVIEW_DESIRED_RETENTION = env_float("DJANGO_REVIEW_RETENTION", 0.9, low=0.7, high=0.97)
# FSRS spreads review dates by a day or two so cards learned together do not stay
# due together; tests turn it off to compare schedules exactly.
REVIEW_FUZZ = env_bool("DJANGO_REVIEW_FUZZ", True)

# Where `manage.py backup` writes its dated snapshots (and `restore` reads them).
BACKUP_DIR = Path(os.environ.get("DJANGO_BACKUP_DIR", "") or BASE_DIR / "backups")

# A strict policy from day one: nothing inline, nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# The client's address (lectures.accounts.limits.client_ip): behind this many reverse
# proxies that each append to X-Forwarded-For (1 for one nginx or load balancer),
# the address the outermost one saw. 0: clients connect directly and the header,
# which anyone can write, is ignored.
PROXY_COUNT = env_int("DJANGO_PROXY_COUNT", 0)

# Password guessing, with django-axes (lectures/accounts.py). Only failures count,
# in the database, so every worker sees them; site and admin logins share them. They
# are keyed on the username as the login form normalises it and, with a much higher
# bound against password spraying, on the client's address. The first
# LOGIN_FAILURES_PER_USERNAME failures within a cool-off are answered normally; the
# next locks the username (or address) until a cool-off has passed since its last
# failure. Attempts refused meanwhile check no password and are not counted.
LOGIN_FAILURES_PER_USERNAME = env_int("DJANGO_LOGIN_FAILURES_PER_USERNAME", 10, minimum=1)
LOGIN_FAILURES_PER_IP = env_int(
    "DJANGO_LOGIN_FAILURES_PER_IP", 100, minimum=LOGIN_FAILURES_PER_USERNAME
)
LOGIN_COOLOFF_MINUTES = env_int("DJANGO_LOGIN_COOLOFF_MINUTES", 15, minimum=1)
# Axes locks on the failure that reaches its limit.
AXES_FAILURE_LIMIT = LOGIN_FAILURES_PER_USERNAME + 1
# OWASP ASVS 2.2.1 allows at most 100 failed attempts an hour on one account. A
# password is checked only while the username has fewer than AXES_FAILURE_LIMIT
# failures dated within the last cool-off, so no cool-off-long stretch holds more
# than AXES_FAILURE_LIMIT failures, and no hour more than
# AXES_FAILURE_LIMIT x ceil(60 / LOGIN_COOLOFF_MINUTES): by default 11 x 4 = 44.
# (Requests racing past the check together can add one each per worker thread
# and cool-off; the margin to 100 is for them.)
LOGIN_FAILURES_PER_HOUR_BOUND = AXES_FAILURE_LIMIT * math.ceil(60 / LOGIN_COOLOFF_MINUTES)
if LOGIN_FAILURES_PER_HOUR_BOUND > 100:
    raise ImproperlyConfigured(
        f"DJANGO_LOGIN_FAILURES_PER_USERNAME and DJANGO_LOGIN_COOLOFF_MINUTES allow "
        f"{LOGIN_FAILURES_PER_HOUR_BOUND} failed logins an hour on one account; at most 100"
    )
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "lectures.accounts.limits.LoginFailureHandler"
AXES_USERNAME_CALLABLE = "lectures.accounts.limits.login_username"
AXES_CLIENT_IP_CALLABLE = "lectures.accounts.limits.client_ip"
AXES_LOCKOUT_CALLABLE = "lectures.accounts.limits.lockout_response"
# A success wipes no counts: it would hand a guesser a fresh allowance whenever
# the owner logs in, and anyone with an account a fresh one for their address.
AXES_RESET_ON_SUCCESS = False
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# The throttle needs only failures; a history of every login would need a
# retention policy.
AXES_DISABLE_ACCESS_LOG = True
# No start-up banner on every management command's stderr.
AXES_VERBOSE = False
AUTHENTICATION_BACKENDS = [
    "lectures.accounts.limits.ThrottledLoginBackend",
    # ModelBackend, loading each request's account with its preferences (its
    # language) in the same query.
    "lectures.accounts.languages.AccountBackend",
    # An LTI launch, already verified, logs its platform user in (lms/auth.py).
    "lms.auth.LaunchBackend",
]

# Password-reset requests (lectures.accounts.views.PasswordResetView), counted in the
# cache: per address, so nobody can fill an inbox; per client, so nobody can mail
# every account.
PASSWORD_RESETS_PER_EMAIL = env_rate("DJANGO_PASSWORD_RESETS_PER_EMAIL", "3/h")
PASSWORD_RESETS_PER_IP = env_rate("DJANGO_PASSWORD_RESETS_PER_IP", "30/h")

# Browser features the site does not use, denied to it and to anything it embeds.
# Only names Chromium knows: an unknown one is a console error on every page.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "bluetooth",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", False)
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", False)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", False)
    # The browsers' preload list takes only a year's HSTS covering subdomains.
    if SECURE_HSTS_PRELOAD and not (
        SECURE_HSTS_SECONDS >= 31536000 and SECURE_HSTS_INCLUDE_SUBDOMAINS
    ):
        raise ImproperlyConfigured(
            "DJANGO_HSTS_PRELOAD needs DJANGO_HSTS_SECONDS of at least 31536000 "
            "and DJANGO_HSTS_INCLUDE_SUBDOMAINS=1"
        )
# Load balancers poll the health check over plain HTTP and read a redirect as "down".
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Trust X-Forwarded-Proto only behind a proxy that sets it; otherwise a client
# could claim HTTPS.
if env_bool("DJANGO_BEHIND_HTTPS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Mail (password resets, set-password links, assignments, reminders, announcements):
# printed to the console in development; SMTP settings from the environment in
# production. Every mail is sent by the task queue, never inside a request.
if DEBUG and "DJANGO_EMAIL_HOST" not in os.environ:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
# A mail server that stops answering holds a queue worker this long, not forever.
EMAIL_TIMEOUT = env_int("DJANGO_EMAIL_TIMEOUT", 30, minimum=1)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "course-site@localhost")

# Work done outside requests, mail above all: queued as django-tasks tasks once the
# transaction that asked for it commits (lectures/mail/outbox.py). "database" keeps
# the queue in the database (django-tasks-db), like every other piece of state, and
# `manage.py db_worker` runs it; "immediate" runs each task in the process that
# queues it, after the commit: development's default, so `make run` needs no worker.
TASKS_QUEUE = os.environ.get("DJANGO_TASKS", "immediate" if DEBUG else "database").strip()
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if TASKS_QUEUE not in _TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"DJANGO_TASKS={TASKS_QUEUE!r} is not a task queue; use database or immediate"
    )
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASKS_QUEUE]}}

# The site's address, starting the links in mail sent without a request to take it
# from (`manage.py send_reminders`); a command's --site-url takes precedence.
SITE_URL = os.environ.get("DJANGO_SITE_URL", "http://127.0.0.1:8000" if DEBUG else "").strip()

LOG_LEVEL = os.environ.get("DJANGO_LOG_LEVEL", "INFO").strip().upper()
if LOG_LEVEL not in logging.getLevelNamesMapping():
    raise ImproperlyConfigured(
        f"DJANGO_LOG_LEVEL={LOG_LEVEL!r} is not a log level; use DEBUG, INFO, WARNING or ERROR"
    )
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
}
