"""Django settings: every value comes from an environment variable with a default that works.

See docs/configuration.md for the list. Zero configuration runs on SQLite in ``MAMORI_DATA_DIR``;
``DATABASE_URL`` switches to PostgreSQL.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from mamori import conf

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = conf.data_dir()

SECRET_KEY = conf.secret_key(DATA_DIR)
DEBUG = conf.env_bool("MAMORI_DEBUG", False)
ALLOWED_HOSTS = conf.env_list("MAMORI_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = conf.env_list("MAMORI_CSRF_TRUSTED_ORIGINS", [])
SITE_URL = conf.env_str("MAMORI_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "django_htmx",
    "axes",
    "mamori.core",
    "mamori.accounts",
    "mamori.scans",
    "mamori.ledger",
    "mamori.incidents",
    "mamori.audits",
    "mamori.training",
    "mamori.rulebook",
    "mamori.reports",
    "mamori.stats",
    "mamori.response",
    "mamori.mailguard",
    "mamori.portal",
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
    "django_htmx.middleware.HtmxMiddleware",
    "mamori.core.middleware.SecurityHeadersMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "mamori.urls"
WSGI_APPLICATION = "mamori.wsgi.application"

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
                "django.template.context_processors.i18n",
                "mamori.core.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        conf.env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'mamori.sqlite3'}"),
        conn_max_age=conf.env_int("MAMORI_DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets readers and one writer work at once; a busy timeout instead of "database is locked".
    # synchronous=FULL fsyncs every commit: the mail guard answers 250 for a held mail only once its
    # row is on disk (NORMAL could lose the last commits in a power cut, after Postfix dropped its copy).
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"

# Login throttling: lock a username+IP pair after repeated failures.
AXES_FAILURE_LIMIT = conf.env_int("MAMORI_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = conf.env_int("MAMORI_LOGIN_COOLOFF_MINUTES", 15) / 60
# Behind a reverse proxy every request comes from the proxy: take the client from X-Forwarded-For, but only
# when the direct peer is one of MAMORI_TRUSTED_PROXIES (addresses), reading the header from the right.
TRUSTED_PROXIES = frozenset(conf.env_list("MAMORI_TRUSTED_PROXIES", []))
AXES_CLIENT_IP_CALLABLE = "mamori.accounts.services.client_ip"
# "address": lock the address that keeps failing (any user name); "user_and_address": the pair.
LOGIN_LOCKOUT = conf.env_str("MAMORI_LOGIN_LOCKOUT", "address")
if LOGIN_LOCKOUT not in ("address", "user_and_address"):
    raise ImproperlyConfigured("MAMORI_LOGIN_LOCKOUT: expected address or user_and_address")
AXES_LOCKOUT_PARAMETERS = ["ip_address"] if LOGIN_LOCKOUT == "address" else [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The softer per-user delay (mamori.accounts.login): after this many failures for one user name from any
# address, each further attempt waits 1, 2, 4 … seconds, at most the maximum; never a lock-out.
LOGIN_USER_DELAY_AFTER = conf.env_int("MAMORI_LOGIN_USER_DELAY_AFTER", 5)
LOGIN_USER_DELAY_MAX_SECONDS = conf.env_int("MAMORI_LOGIN_USER_DELAY_MAX_SECONDS", 60)
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", _("Japanese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(conf.env_str("MAMORI_STATIC_ROOT", str(DATA_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and conf.env_bool("MAMORI_MANIFEST_STATIC", False)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = DATA_DIR / "media"

# Security headers; HTTPS-only settings switch on with MAMORI_HTTPS behind a TLS-terminating proxy.
HTTPS = conf.env_bool("MAMORI_HTTPS", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and conf.env_bool("MAMORI_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = conf.env_int("MAMORI_HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = conf.env_int("MAMORI_SESSION_HOURS", 12) * 3600
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the cookie-less meta tag; keep default

# Short names for the usual backends; "inbox" keeps mails in mamori (trial, ./scripts/start without SMTP).
EMAIL_BACKENDS = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "inbox": "mamori.core.inbox.InboxBackend",
}
EMAIL_BACKEND = conf.env_str("MAMORI_EMAIL_BACKEND", "smtp")
EMAIL_BACKEND = EMAIL_BACKENDS.get(EMAIL_BACKEND, EMAIL_BACKEND)
EMAIL_HOST = conf.env_str("MAMORI_SMTP_HOST", "localhost")
EMAIL_PORT = conf.env_int("MAMORI_SMTP_PORT", 25)
EMAIL_HOST_USER = conf.env_str("MAMORI_SMTP_USER")
EMAIL_HOST_PASSWORD = conf.env_str("MAMORI_SMTP_PASSWORD")
EMAIL_USE_TLS = conf.env_bool("MAMORI_SMTP_STARTTLS", False)
EMAIL_USE_SSL = conf.env_bool("MAMORI_SMTP_SSL", False)
EMAIL_TIMEOUT = conf.env_int("MAMORI_SMTP_TIMEOUT", 20)
# Unset, mamori's mail goes out from an address in the organisation's own verified mail domain
# (mamori@example.co.jp), which the mail guard accepts; "mamori@localhost" only without any domain.
FROM_EMAIL_EXPLICIT = bool(conf.env_str("MAMORI_FROM_EMAIL"))
DEFAULT_FROM_EMAIL = conf.env_str("MAMORI_FROM_EMAIL", "mamori@localhost")
# Days a finished mail delivery record (sent or given up on, with its attempts) is kept, and days a
# trial-inbox mail is kept; the periodic job mail_prune deletes older ones (0: keep them forever).
MAIL_RECORD_DAYS = conf.env_int("MAMORI_MAIL_RECORD_DAYS", 730)
TRIAL_INBOX_DAYS = conf.env_int("MAMORI_TRIAL_INBOX_DAYS", 30)

# Outbound mail guard (mamori mailguard); see README "Mail guard".
MAILGUARD_LISTEN = conf.env_str("MAMORI_MAILGUARD_LISTEN", "127.0.0.1:10025")
MAILGUARD_UPSTREAM = conf.env_str("MAMORI_MAILGUARD_UPSTREAM", "127.0.0.1:10026")
MAILGUARD_UPSTREAM_STARTTLS = conf.env_bool("MAMORI_MAILGUARD_UPSTREAM_STARTTLS", False)
MAILGUARD_UPSTREAM_USER = conf.env_str("MAMORI_MAILGUARD_UPSTREAM_USER")
MAILGUARD_UPSTREAM_PASSWORD = conf.env_str("MAMORI_MAILGUARD_UPSTREAM_PASSWORD")
MAILGUARD_UPSTREAM_TIMEOUT = conf.env_int("MAMORI_MAILGUARD_UPSTREAM_TIMEOUT", 30)
MAILGUARD_TLS_CERT = conf.env_str("MAMORI_MAILGUARD_TLS_CERT")
MAILGUARD_TLS_KEY = conf.env_str("MAMORI_MAILGUARD_TLS_KEY")
MAILGUARD_AUTH = conf.env_bool("MAMORI_MAILGUARD_AUTH", False)
MAILGUARD_SPOOL_DIR = conf.env_str("MAMORI_MAILGUARD_SPOOL", str(DATA_DIR / "mailguard-spool"))
# Below Postfix's message_size_limit (10240000 by default) by 100 KB: the re-injection adds headers, and
# a mail the guard accepted must never be refused by Postfix afterwards (it would bounce after the 250).
MAILGUARD_MAX_SIZE = conf.env_int("MAMORI_MAILGUARD_MAX_SIZE", 10240000 - 102400)
MAILGUARD_WORKERS = conf.env_int("MAMORI_MAILGUARD_WORKERS", 2)
# Mail up to this size (bytes) made of text parts only is checked in the guard's own process, without
# the hand-over to a check process (nothing to extract; 0: every mail goes to a check process).
MAILGUARD_INLINE_BYTES = conf.env_int("MAMORI_MAILGUARD_INLINE_BYTES", 65536)
# Seconds from the end of DATA to the verdict (well under the SMTP client's 5-10 minutes); content not
# checked by then is held as unchecked.
MAILGUARD_CHECK_SECONDS = conf.env_int("MAMORI_MAILGUARD_CHECK_SECONDS", 60)
# Address space a check process may add beyond what it uses at start (MiB; 0: no limit), and how many
# messages it checks before a fresh process replaces it (0: never).
MAILGUARD_WORKER_MEMORY_MB = conf.env_int("MAMORI_MAILGUARD_WORKER_MEMORY_MB", 1024)
MAILGUARD_WORKER_MAX_MESSAGES = conf.env_int("MAMORI_MAILGUARD_WORKER_MAX_MESSAGES", 1000)
MAILGUARD_RELEASE_INTERVAL = conf.env_int("MAMORI_MAILGUARD_RELEASE_INTERVAL", 5)
MAILGUARD_CLAIM_TIMEOUT = conf.env_int("MAMORI_MAILGUARD_CLAIM_TIMEOUT", 600)
# Days a relayed message is remembered (by digest) so a client's retry is not relayed twice; Postfix
# gives up on a message after 5 days.
MAILGUARD_RELAYED_DAYS = conf.env_int("MAMORI_MAILGUARD_RELAYED_DAYS", 5)
# Fault injection for the exactly-once test only: seconds to wait after a relay was recorded and
# before the reply to the client (0 in production).
MAILGUARD_TEST_PAUSE_BEFORE_REPLY = conf.env_int("MAMORI_MAILGUARD_TEST_PAUSE_BEFORE_REPLY", 0)
# Whether a claimed mail domain needs the operator's verification: "auto" = when the deployment serves
# more than one organisation at claim time, "true" = always, "false" = never.
MAILGUARD_VERIFY_DOMAINS = conf.env_str("MAMORI_MAILGUARD_VERIFY_DOMAINS", "auto").lower()
if MAILGUARD_VERIFY_DOMAINS not in ("auto", "true", "false"):
    raise ImproperlyConfigured("MAMORI_MAILGUARD_VERIFY_DOMAINS: expected auto, true or false")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "mamori.accounts.api.ApiTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": [
        "mamori.core.throttling.UserRateThrottle",
        "mamori.core.throttling.AnonRateThrottle",
    ],
}
# Requests per user (and per address without login) to /api/, enforced by mamori.core.throttling.
API_RATE = conf.env_str("MAMORI_API_RATE", "600/minute")
API_RATE_ANON = conf.env_str("MAMORI_API_RATE_ANON", "60/minute")
SPECTACULAR_SETTINGS = {
    "TITLE": "mamori API",
    "DESCRIPTION": "Incident register of the personal-information protection management system",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": conf.env_str("MAMORI_LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "ERROR"}},
}
