"""Broadsheet's settings, read from environment variables (see README and DESIGN.md).

Every variable is optional: with none set, Broadsheet runs on SQLite under ./var.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import dj_email_url


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("BROADSHEET_DATA", "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """SECRET_KEY from the environment, else one generated once into the data folder.

    Generated per site (never committed) so two installs never share signing keys.
    """
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    path = DATA_DIR / "secret-key.txt"
    if not path.exists():
        # O_EXCL so two processes starting at once cannot write two different keys.
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_flag("BROADSHEET_DEBUG")

SITE_URL = os.environ.get("BROADSHEET_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = os.environ.get("BROADSHEET_NAME", "Broadsheet")
SITE_DESCRIPTION = os.environ.get("BROADSHEET_DESCRIPTION", "News and analysis")

# Localhost names are always allowed: `serve` and `demo` bind to 127.0.0.1 by default.
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
if urlsplit(SITE_URL).hostname:
    ALLOWED_HOSTS.append(urlsplit(SITE_URL).hostname)
ALLOWED_HOSTS += [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]

INSTALLED_APPS = [
    "broadsheet.articles",
    "broadsheet.people",
    "broadsheet.images",
    "broadsheet.comments",
    "broadsheet.demo",
    "broadsheet.wordpress",
    "broadsheet.related",
    "broadsheet.feeds",
    "broadsheet.caching",
    "broadsheet.security",
    "broadsheet.privacy",
    # django.contrib.admin, with the admin site that asks for two-factor codes.
    "broadsheet.security.admin_config.BroadsheetAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
]

MIDDLEWARE = [
    # First, so every response (cached pages and errors too) carries the id, and every log
    # line made while handling the request has it.
    "broadsheet.security.requestid.RequestIdMiddleware",
    "broadsheet.security.badinput.RejectNulBytesMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Outside the page cache, so cached pages get the header too.
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "broadsheet.caching.middleware.PageCacheMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # No LocaleMiddleware: the language is the site's (BROADSHEET_LANGUAGE), never the
    # browser's, so a page in the shared page cache is right for every reader.
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A database error in a view (the server down or restarting) is a 503, not a 500.
    "broadsheet.security.outage.DatabaseOutageMiddleware",
    # Last, as django-axes requires: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "broadsheet.urls"
WSGI_APPLICATION = "broadsheet.wsgi.application"

TEMPLATES = [
    # The public pages (base.html and what extends it): Jinja2, compiled to Python, as
    # Django's template language was the largest single cost of an article page (about a
    # third of its server time; broadsheet/jinja.py). Found first, so these names resolve here.
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "broadsheet.jinja.environment",
            "context_processors": [
                "django.contrib.auth.context_processors.auth",
                "broadsheet.articles.context_processors.site",
            ],
        },
    },
    # The admin and everything else.
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "broadsheet.articles.context_processors.site",
            ],
        },
    },
]

# SQLite in WAL mode with a busy timeout, so a reader never sees "database is locked"
# while the worker or an editor writes; IMMEDIATE transactions take the write lock up front
# instead of failing half-way through.
_sqlite = {
    "ENGINE": "django.db.backends.sqlite3",
    "NAME": DATA_DIR / "broadsheet.sqlite3",
    # Opening SQLite and running the PRAGMAs costs ~4 ms: keep connections per worker.
    "CONN_MAX_AGE": None,
    "OPTIONS": {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"
        ),
    },
}
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=600)}
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    DATABASES = {"default": _sqlite}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            # Django's RedisCache, wrapped so that a Redis outage degrades to no cache.
            "BACKEND": "broadsheet.caching.backends.ResilientRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": DATA_DIR / "cache",
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }

# The full-page cache for anonymous readers (broadsheet/caching); "off" for measuring.
BROADSHEET_PAGE_CACHE = os.environ.get("BROADSHEET_PAGE_CACHE", "on").strip().lower() not in {
    "off",
    "0",
    "false",
    "no",
}
BROADSHEET_HTTP_MAX_AGE = 60  # seconds browsers and CDNs may reuse a page
BROADSHEET_PURGE_URL = os.environ.get("BROADSHEET_PURGE_URL", "")  # CDN purge hook

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Argon2id for new and changed passwords; the others still check (and, on login, upgrade)
# hashes made elsewhere, e.g. by an older Django.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

# django-axes checks every login attempt first; then Django's own backend.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Failed logins are counted per user name and per client address, each on its own: either
# reaching the limit locks logins for that name (existing or not, so locking tells nothing
# about which accounts exist), or from that address, for the cool-off time.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
# Not reset by a success: else someone with an account of their own could log into it every
# few guesses to clear their address's count, and go on guessing other people's passwords.
AXES_RESET_ON_SUCCESS = False
AXES_CLIENT_IP_CALLABLE = "broadsheet.lib.clientip.client_ip"
AXES_LOCKOUT_CALLABLE = "broadsheet.security.lockout.locked_out"
AXES_USERNAME_CALLABLE = "broadsheet.security.lockout.attempted_username"
# Successful logins are not recorded (less personal data kept); failures are, to count them.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
# Two-factor (django-otp): the name authenticator apps show; secrets never shown in the admin.
OTP_TOTP_ISSUER = os.environ.get("BROADSHEET_NAME", "Broadsheet")
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = os.environ.get("BROADSHEET_LANGUAGE", "en")
TIME_ZONE = os.environ.get("BROADSHEET_TIMEZONE", "UTC")
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
# Uploaded originals keep their EXIF (GPS included), so they live outside MEDIA_ROOT and are
# never served; readers only ever get the stripped renditions.
ORIGINALS_ROOT = DATA_DIR / "originals"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 3600

# Upload limits: checked by decoding with Pillow, never by name or Content-Type.
IMAGE_MAX_BYTES = 20 * 1024 * 1024
IMAGE_MAX_PIXELS = 40_000_000
IMAGE_RENDITION_WIDTHS = (480, 960, 1600)
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

ARTICLES_PER_PAGE = 10
# Feeds: the newest this many items; whole bodies (content:encoded / Atom content) or
# summaries only. Sitemaps: at most this many URLs a file (the sitemaps.org limit).
FEED_ITEMS = 10
FEED_FULL_CONTENT = True
SITEMAP_CHUNK_SIZE = 50_000

LOGIN_URL = "admin:login"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
if env_flag("BROADSHEET_HTTPS"):
    # Behind a proxy that terminates TLS and sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    CSRF_TRUSTED_ORIGINS = [SITE_URL] if SITE_URL.startswith("https://") else []

# Content-Security-Policy (django-csp): nothing but this site's own files. No inline script
# anywhere (JSON-LD data blocks are not scripts that run); inline style attributes only.
_SELF = "'self'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_SELF],
        "script-src": [_SELF],
        "style-src": [_SELF],
        "style-src-attr": ["'unsafe-inline'"],
        # Imported articles may still show images at their old https:// addresses (an
        # import without --fetch-media); an image can run nothing.
        "img-src": [_SELF, "https:"],
        "font-src": [_SELF],
        "connect-src": [_SELF],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": [_SELF],
        "frame-ancestors": ["'none'"],
    }
}

# Addresses (or networks, "10.0.0.0/8") of reverse proxies whose X-Forwarded-For is believed
# for per-IP limits (comments, logins; broadsheet.lib.clientip); from anyone else the header
# is ignored, as it is forgeable.
TRUSTED_PROXIES = [
    p.strip() for p in os.environ.get("BROADSHEET_TRUSTED_PROXIES", "").split(",") if p.strip()
]

# Email (comment notifications): EMAIL_URL such as smtp://user:pass@host:587/?tls=True
# (`&_default_from_email=news@example.com` sets the sender); printed to the console without it.
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = SERVER_EMAIL = f"noreply@{urlsplit(SITE_URL).hostname or 'localhost'}"
if os.environ.get("EMAIL_URL"):
    globals().update(dj_email_url.parse(os.environ["EMAIL_URL"]))

# Personal data: commenters' IP addresses are erased after this many days (the worker's
# daily privacy task); 0 keeps them forever.
PRIVACY_IP_RETENTION_DAYS = int(os.environ.get("BROADSHEET_IP_RETENTION_DAYS", "30"))

# Every log line says which request it came from (X-Request-ID; "-" outside requests).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "broadsheet.security.requestid.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"}
    },
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "plain",
        }
    },
    "root": {"handlers": ["stderr"], "level": "WARNING"},
    "loggers": {"django_tasks": {"level": "INFO"}},
}

# Unexpected errors go to Sentry too when SENTRY_DSN is set (errors only, no personal data).
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    from broadsheet.security.reporting import init_sentry

    init_sentry(SENTRY_DSN)
