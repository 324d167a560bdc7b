"""Medspill settings, read from the environment.

With nothing set the portal runs in demo mode on the embedded default: SQLite,
Celery tasks run eagerly after commit, mail to the console. ``DATABASE_URL``
switches on PostgreSQL (psycopg 3 with its pool), ``REDIS_URL`` switches on
Celery with Redis as broker and Redis as cache (in a database of its own).
``MEDSPILL_ENV=production`` refuses to start without ``SECRET_KEY``,
``ALLOWED_HOSTS`` and an SMTP mailer.
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit, urlunsplit

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

ENVIRONMENTS = ("demo", "test", "production")
MEDSPILL_ENV = env.str("MEDSPILL_ENV", default="demo")
if MEDSPILL_ENV not in ENVIRONMENTS:
    raise ImproperlyConfigured(
        f"MEDSPILL_ENV must be one of {', '.join(ENVIRONMENTS)}, not {MEDSPILL_ENV!r}."
    )
PRODUCTION = MEDSPILL_ENV == "production"
TESTING = MEDSPILL_ENV == "test"


def _required(name: str) -> str:
    value = env.str(name, default="")
    if not value:
        raise ImproperlyConfigured(f"{name} must be set when MEDSPILL_ENV=production.")
    return value


if PRODUCTION:
    SECRET_KEY = _required("SECRET_KEY")
    ALLOWED_HOSTS = [host.strip() for host in _required("ALLOWED_HOSTS").split(",")]
else:
    # Demo and tests only ever run on a developer's machine.
    SECRET_KEY = env.str("SECRET_KEY", default="medspill-demo-key-never-used-in-production")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["*"])

# Off in the demo too, so it shows the portal's own error pages (in the page's
# language) rather than Django's debug page; DEBUG=true switches it on.
# WhiteNoise serves the static files either way.
DEBUG = env.bool("DEBUG", default=False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG cannot be on when MEDSPILL_ENV=production.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_htmx",
    "axes",
    "portal",
    "participants",
    "ladder",
    "processes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.middleware.RequestSizeLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "portal.csrf.CsrfTokenMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Django's LocaleMiddleware, choosing by the municipality's målform (portal.language).
    "portal.middleware.LanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "portal.middleware.MunicipalityMiddleware",
    "portal.middleware.MethodNotAllowedPageMiddleware",
    "axes.middleware.AxesMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.portal",
                # Last, so the placeholder replaces the built-in csrf_token.
                "portal.csrf.placeholder",
            ],
        },
    },
]

# Database: SQLite on the embedded default, PostgreSQL with a pool from DATABASE_URL.
if env.str("DATABASE_URL", default=""):
    DATABASES = {"default": env.db_url("DATABASE_URL")}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        DATABASES["default"]["CONN_MAX_AGE"] = 0
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": env.int("DATABASE_POOL_MIN", default=2),
            "max_size": env.int("DATABASE_POOL_MAX", default=10),
            "timeout": env.int("DATABASE_POOL_TIMEOUT", default=10),
        }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env.str("SQLITE_PATH", default=str(BASE_DIR / "db.sqlite3")),
            "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL;"},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: Celery broker and results in REDIS_URL's database, the cache in
# another one (CACHE_REDIS_URL, by default the same server's next database),
# so clearing or evicting the cache never touches a queued task. Without
# REDIS_URL tasks run eagerly (after commit, since every task is queued
# through on_commit) and the cache lives in the process.
REDIS_URL = env.str("REDIS_URL", default="")
REDIS_DATABASES = 16  # Redis's own default number of databases, 0 to 15


def _next_redis_database(url: str) -> str:
    """``url`` with the database number after its own (``redis://host/3`` → ``/4``)."""
    parts = urlsplit(url)
    number = parts.path.strip("/") or "0"
    # A socket path, or a number in ?db=, is left to CACHE_REDIS_URL.
    if not number.isdigit() or "db" in parse_qs(parts.query):
        raise ImproperlyConfigured(
            f"REDIS_URL names no database number Medspill can read ({url!r}): "
            "end it with /<number>, or set CACHE_REDIS_URL."
        )
    if int(number) + 1 >= REDIS_DATABASES:
        raise ImproperlyConfigured(
            f"REDIS_URL uses Redis database {number}, the last one, so the cache has no "
            "database of its own after it: give REDIS_URL a lower number, or set "
            "CACHE_REDIS_URL to another database."
        )
    return urlunsplit(parts._replace(path=f"/{int(number) + 1}"))


CACHE_REDIS_URL = ""
if REDIS_URL:
    CACHE_REDIS_URL = env.str("CACHE_REDIS_URL", default="") or _next_redis_database(REDIS_URL)
    if CACHE_REDIS_URL.rstrip("/") == REDIS_URL.rstrip("/"):
        raise ImproperlyConfigured(
            "CACHE_REDIS_URL must name another Redis database than REDIS_URL, the broker's."
        )
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="medspill"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "Europe/Oslo"
# Publishing a task after commit gives up quickly when Redis is away: the rows
# wait in the outbox and the sweeper queues them once it is back, so a request
# is never held up (nor failed) by the broker.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2}

# Notifications (participants.delivery). A temporary SMTP failure (4xx, no
# connection) is retried after NOTIFICATION_RETRY_SECONDS, doubling up to
# NOTIFICATION_RETRY_MAX_SECONDS (kept under Redis's visibility timeout of one
# hour, or Redis hands a waiting retry to a second worker), for at most
# NOTIFICATION_MAX_ATTEMPTS attempts. The sweeper queues rows again that have
# waited NOTIFICATION_SWEEP_AFTER_SECONDS, NOTIFICATION_SWEEP_BATCH ids a task.
NOTIFICATION_RETRY_SECONDS = env.float("NOTIFICATION_RETRY_SECONDS", default=30.0)
NOTIFICATION_RETRY_MAX_SECONDS = env.float("NOTIFICATION_RETRY_MAX_SECONDS", default=30 * 60.0)
NOTIFICATION_MAX_ATTEMPTS = env.int("NOTIFICATION_MAX_ATTEMPTS", default=10)
NOTIFICATION_SWEEP_AFTER_SECONDS = env.int("NOTIFICATION_SWEEP_AFTER_SECONDS", default=5 * 60)
NOTIFICATION_SWEEP_BATCH = env.int("NOTIFICATION_SWEEP_BATCH", default=500)
# A delivery task also takes up to this many other pending rows that are due,
# so a worker behind many one-row tasks sends in batches.
NOTIFICATION_DRAIN = env.int("NOTIFICATION_DRAIN", default=50)

# Mail: console on the embedded default, SMTP from the environment.
if env.str("SMTP_HOST", default=""):
    MAILERS = {
        "default": {
            "BACKEND": "portal.mail.SmtpEmailBackend",
            "OPTIONS": {
                "host": env.str("SMTP_HOST"),
                "port": env.int("SMTP_PORT", default=587),
                "username": env.str("SMTP_USER", default=""),
                "password": env.str("SMTP_PASSWORD", default=""),
                "use_tls": env.bool("SMTP_USE_TLS", default=True),
                "timeout": env.int("SMTP_TIMEOUT", default=10),
            },
        }
    }
elif PRODUCTION:
    raise ImproperlyConfigured("SMTP_HOST must be set when MEDSPILL_ENV=production.")
else:
    # Links print whole on one line, so a newcomer can click them (portal.mail).
    MAILERS = {"default": {"BACKEND": "portal.mail.EmailBackend"}}
# Links in e-mails start with this scheme and the municipality's first host name.
NOTIFICATION_URL_SCHEME = env.str(
    "NOTIFICATION_URL_SCHEME", default="https" if PRODUCTION else "http"
)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Medspill <ikke-svar@medspill.no>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Accounts
AUTH_USER_MODEL = "participants.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "participants:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:home"
# Django's rules, with their messages in our catalogue (see portal.password_validation).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "portal.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "portal.password_validation.MinimumLengthValidator"},
    {"NAME": "portal.password_validation.CommonPasswordValidator"},
    {"NAME": "portal.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Lockout keyed on account and address together, so one office behind a
# shared address cannot lock everyone out; it lifts after a cool-off.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "participants/locked_out.html"
# The login form's field is "username" (it holds the e-mail address); axes
# would otherwise look for USERNAME_FIELD ("email") and count every failure
# under no name at all.
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "participants.lockout.lockout_username"
# Failed logins from one address, whatever the accounts (password spraying):
# past this, that address gets 429 on the login form until the window ends.
# High enough for an office or a school behind one address.
LOGIN_ADDRESS_RATE = env.str("LOGIN_ADDRESS_RATE", default="50/h")
# X-Forwarded-For (and X-Forwarded-Proto, below) are only believed behind
# PROXY_COUNT proxies of our own; with none, a client could send any address
# and escape the lockout. The lockout and the rate limits read the address
# the same way.
PROXY_COUNT = env.int("PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "portal.addresses.client_ip"
RATELIMIT_IP_META_KEY = "portal.addresses.client_ip"

CSRF_FAILURE_VIEW = "portal.views.csrf_failure"

# Personvern: how long each kind of personal data is kept
# (participants.personal_data reads these; participants.privacy removes
# what is older in beat's nightly retention run).
UNCONFIRMED_REGISTRATION_DAYS = env.int("UNCONFIRMED_REGISTRATION_DAYS", default=7)
DATA_EXPORT_DAYS = env.int("DATA_EXPORT_DAYS", default=7)
LOGIN_ATTEMPT_DAYS = env.int("LOGIN_ATTEMPT_DAYS", default=30)
# Read inbox entries (and e-mail-only notifications once sent).
NOTIFICATION_INBOX_DAYS = env.int("NOTIFICATION_INBOX_DAYS", default=180)
# The archive rules (arkivlova) decide how long the audit log must be kept.
AUDIT_RETENTION_YEARS = env.int("AUDIT_RETENTION_YEARS", default=10)
# After the inactivity warning, the account is deleted this many days later
# unless the person logs in (Municipality.inactive_account_months starts it).
INACTIVE_ACCOUNT_GRACE_DAYS = env.int("INACTIVE_ACCOUNT_GRACE_DAYS", default=30)

RATELIMIT_VIEW = "portal.views.rate_limited"
RATELIMIT_ENABLE = env.bool("RATELIMIT_ENABLE", default=True)
# Contributions (needs, solutions, comments, supports) per account, or per
# address for anonymous requests: see portal.ratelimits.
CONTRIBUTION_RATE = env.str("CONTRIBUTION_RATE", default="30/m")

# Municipality (tenant) selection by host name.
MUNICIPALITY_UNKNOWN_HOST = env.str("MUNICIPALITY_UNKNOWN_HOST", default="default")
if MUNICIPALITY_UNKNOWN_HOST not in ("default", "404"):
    raise ImproperlyConfigured("MUNICIPALITY_UNKNOWN_HOST must be 'default' or '404'.")

# Internationalisation: Bokmål first, Nynorsk and English follow.
LANGUAGE_CODE = "nb"
# Each language by its own name (the switcher marks every option with its lang).
LANGUAGES = [("nb", "Norsk bokmål"), ("nn", "Norsk nynorsk"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Django's own date formats for nb and nn; British ones for en.
FORMAT_MODULE_PATH = ["portal.formats"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

# Static and uploaded files. Designsystemet and the Inter font come pinned
# from npm and are served from node_modules through Django's static files.
STATIC_URL = "/static/"
STATIC_ROOT = env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/designsystemet", NODE_MODULES / "@digdir" / "designsystemet-css" / "dist"),
    ("vendor/inter", NODE_MODULES / "@fontsource" / "inter"),
]
# Outside production, WhiteNoise finds files where they are (no collectstatic).
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION
MEDIA_URL = "/media/"
MEDIA_ROOT = env.str("MEDIA_ROOT", default=str(BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Request size: uploads are at most 10 MB each; a body past this gets 413.
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
MAX_REQUEST_BYTES = env.int("MAX_REQUEST_BYTES", default=25 * 1024 * 1024)

# Security
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Sessions are read from the cache (Redis in production) and kept in the
# database too: one query fewer on every signed-in page.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# No script needs the cookie: htmx gets the token from <body data-hx-headers>.
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    # Load balancers probe /healthz over plain HTTP inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # Only a proxy of ours sets X-Forwarded-Proto; without one a client could
    # send it and pass for HTTPS (as with X-Forwarded-For, see PROXY_COUNT).
    if PROXY_COUNT:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
