"""Settings for the clinic site, all read from environment variables.

DEBUG is off unless the environment sets DEBUG=1: a server started without its
configuration refuses to start (no SECRET_KEY, no REDIS_URL) rather than run
in debug mode. A local run (`make run`, `make test`) sets DEBUG=1 and needs nothing
else: the database is SQLite in the project folder and the cache is in memory.
Production sets SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, REDIS_URL, SITE_URL and
the email variables; see README.md and .env.example.
"""

import ipaddress
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Fail closed: a production server that lost its environment must not run in debug mode.
DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG off the site refuses to start without one: "
            "set SECRET_KEY to a long random string (see .env.example)."
        )
    SECRET_KEY = "local-development-only-not-a-secret"  # noqa: S105 - never used with DEBUG off

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")

# The public address of the site, used for canonical links, sitemaps and
# the links in staff emails (which are sent from a worker with no request).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Shown on the "we are having trouble" page when even the database is down.
PRACTICE_NAME = os.environ.get("PRACTICE_NAME", "Clinic")
PRACTICE_PHONE = os.environ.get("PRACTICE_PHONE", "")

INSTALLED_APPS = [
    # Before the admin, so its translation fields are in place when the admin registers.
    "modeltranslation",
    "clinic_site.apps.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    # Full-text search lookups and fields (search app); on SQLite it registers nothing.
    "django.contrib.postgres",
    "crispy_forms",
    "phonenumber_field",
    "simple_history",
    # Before django_tasks_db: its `db_worker` command is core's, which also queues again the
    # tasks a killed worker left running (core/management/commands/db_worker.py).
    "core",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "home",
    "treatments",
    "locations",
    "testimonials",
    "appointments",
    "booking",
    "notices",
    "search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "clinic_site.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Cached public pages are answered here, before sessions, authentication and the rest.
    "core.caching.PublicPageCacheMiddleware",
    "clinic_site.middleware.DatabaseUnavailableMiddleware",
    "clinic_site.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # A 404 at a page's old address (its slug changed) becomes a 301 to the page.
    "core.redirects.SlugRedirectMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Every audit log entry made while answering a request records its address and browser.
    "appointments.audit.AuditContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "clinic_site.urls"
WSGI_APPLICATION = "clinic_site.wsgi.application"

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
                "home.context_processors.site",
            ],
        },
    },
]

# Database: SQLite in the project folder unless DATABASE_URL names another.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Fail fast when PostgreSQL is down, so a patient sees the 503 page in
    # seconds instead of waiting on a hung connection.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = 3
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: shared Redis in production (rate limits, the content version and
# rendered pages must be the same on every app server), process memory locally.
REDIS_URL = os.environ.get("REDIS_URL", "")


def shared_cache(location):
    """Redis as the site uses it: an unreachable or hung server behaves as an empty
    cache (pages render from the database, the outage is logged) and, after one
    failure, is not waited on again for a few seconds."""
    from core.cache_connection import FailFastConnection

    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": location,
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "clinic"),
        "OPTIONS": {
            "SOCKET_CONNECT_TIMEOUT": 0.5,
            "SOCKET_TIMEOUT": 0.5,
            "IGNORE_EXCEPTIONS": True,
            "CONNECTION_POOL_KWARGS": {"connection_class": FailFastConnection},
        },
    }


DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "clinic_site.cache"
# Rate-limit counters in a cache of their own, so cached pages can never evict them:
# point RATELIMIT_REDIS_URL at a Redis kept with `maxmemory-policy noeviction`.
RATELIMIT_REDIS_URL = os.environ.get("RATELIMIT_REDIS_URL", REDIS_URL)
if REDIS_URL:
    CACHES = {"default": shared_cache(REDIS_URL), "ratelimit": shared_cache(RATELIMIT_REDIS_URL)}
elif DEBUG:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "ratelimit",
        },
    }
else:
    # A per-process cache in production would give every worker its own rate
    # limits, page cache and content version: a staff save would show on one
    # worker only. Refuse to start rather than run that way.
    raise ImproperlyConfigured(
        "REDIS_URL is not set. With DEBUG off the site needs a shared cache: "
        "set REDIS_URL, e.g. redis://127.0.0.1:6379/0 (see .env.example)."
    )
# After a content save the worker renders the public pages into the page cache again
# (core/warmup.py); pointless without a cache the web processes share.
WARM_PAGES_AFTER_SAVE = env_bool("WARM_PAGES_AFTER_SAVE", default=bool(REDIS_URL))

# Database sessions that also end 12 hours after signing in (clinic_site/sessions.py).
SESSION_ENGINE = "clinic_site.sessions"
# Staff sessions end after 30 minutes without a request, and SESSION_ABSOLUTE_AGE after
# signing in however busy they are. Expired rows are removed
# by `manage.py clearsessions`, run daily from cron (README).
SESSION_COOKIE_AGE = 30 * 60
SESSION_ABSOLUTE_AGE = 12 * 60 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The admin lives at a configurable path, so it is not where bots look first.
ADMIN_URL = os.environ.get("ADMIN_URL", "staff/").strip("/") + "/"

# Failed-login lockout, kept in the shared database so it holds across servers: 5 failures
# per account and client address, and (clinic_site/lockout.py) 8 per account from every
# address together, so many addresses buy an attacker only a few more guesses.
AXES_HANDLER = "clinic_site.lockout.StaffLockoutHandler"
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
SIGN_IN_ACCOUNT_FAILURE_LIMIT = int(os.environ.get("SIGN_IN_ACCOUNT_FAILURE_LIMIT", "8"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Client addresses for the lockout and the rate limits: X-Forwarded-For is read only
# from PROXY_COUNT proxies inside TRUSTED_PROXY_NETWORKS (core/ratelimit.py); an IPv6
# client is counted by its /64, which one household or server can rotate through.
AXES_CLIENT_IP_CALLABLE = "core.ratelimit.lockout_address"
PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0"))
TRUSTED_PROXY_NETWORKS = [
    ipaddress.ip_network(network)
    for network in env_list(
        "TRUSTED_PROXY_NETWORKS", "127.0.0.0/8,::1/128,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16"
    )
]

OTP_TOTP_ISSUER = os.environ.get("OTP_ISSUER", "Clinic staff")
# Front desk and superusers sign in with a TOTP code. Always on in production;
# off by default for a local run so the demo users can look around.
STAFF_OTP_REQUIRED = env_bool("STAFF_OTP_REQUIRED", default=not DEBUG)
# Content editors too: for a practice whose policy is a second factor for every account.
STAFF_OTP_FOR_EVERYONE = env_bool("STAFF_OTP_FOR_EVERYONE", default=False)

# Internationalization: every string is marked for translation. English pages live at
# the plain addresses and Spanish ones under /es/ (clinic_site/urls.py); the catalog
# in locale/es/ is compiled by `make install`. Each language is named in itself.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["clinic_site.formats"]
# Content in English and Spanish: one column per language (name_en, name_es) for every field
# registered in an app's translation.py. Spanish is shown only once a translator has reviewed
# it (core/translation_review.py); otherwise, and where a Spanish field is empty, the English.
MODELTRANSLATION_LANGUAGES = ("en", "es")
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# Addresses (slugs) come from the English name whatever language the editor works in.
MODELTRANSLATION_PREPOPULATE_LANGUAGE = "en"
TIME_ZONE = "America/New_York"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Django serves uploaded media itself only for a single-machine run without S3.
SERVE_MEDIA = env_bool("SERVE_MEDIA", default=False)

# Uploaded media go to S3-compatible storage when a bucket is configured, so
# any number of app servers see the same files. The keys come from AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY (or the machine's role); AWS_S3_ENDPOINT_URL names a service other
# than AWS, and AWS_S3_CUSTOM_DOMAIN the host (and path) browsers fetch media from, a CDN's
# or the bucket's own, so a page's image addresses are written without asking S3.
MEDIA_BUCKET = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
MEDIA_ORIGINS = []
if MEDIA_BUCKET:
    _s3_endpoint = os.environ.get("AWS_S3_ENDPOINT_URL", "")
    _s3_region = os.environ.get("AWS_S3_REGION_NAME", "")
    _media_domain = os.environ.get("AWS_S3_CUSTOM_DOMAIN", "")
    _media_protocol = os.environ.get("AWS_S3_URL_PROTOCOL", "https:")
    # Where the browser fetches images from, for the Content-Security-Policy below.
    if _media_domain:
        MEDIA_ORIGINS = [f"{_media_protocol}//{_media_domain.split('/')[0]}"]
    elif _s3_endpoint:
        MEDIA_ORIGINS = ["/".join(_s3_endpoint.split("/")[:3])]
    else:
        MEDIA_ORIGINS = [
            f"https://{MEDIA_BUCKET}.s3.amazonaws.com",
            f"https://{MEDIA_BUCKET}.s3.{_s3_region or 'us-east-1'}.amazonaws.com",
        ]
    _media_storage = {
        # S3Storage, with PDFs stored as downloads (Content-Disposition: attachment).
        "BACKEND": "core.storage.MediaStorage",
        "OPTIONS": {
            "bucket_name": MEDIA_BUCKET,
            "endpoint_url": _s3_endpoint or None,
            "region_name": _s3_region or None,
            "custom_domain": _media_domain or None,
            "url_protocol": _media_protocol,
            "file_overwrite": False,
            "default_acl": None,
            "querystring_auth": False,
            # Upload names never repeat (file_overwrite is off), so browsers may keep them.
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }
else:
    _media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _media_storage,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_MAX_AGE = 365 * 24 * 3600 if not DEBUG else 0
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000

# Email: console locally; SMTP in production through EMAIL_* variables.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH")  # for the file backend
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "website@clinic.example")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where staff notifications go when an office has no address of its own.
STAFF_NOTIFICATION_EMAIL = os.environ.get("STAFF_NOTIFICATION_EMAIL", "frontdesk@clinic.example")
# Teams that answer other messages; empty means billing@, records@ and content@
# at the domain of STAFF_NOTIFICATION_EMAIL (accessibility feedback goes to content@).
BILLING_NOTIFICATION_EMAIL = os.environ.get("BILLING_NOTIFICATION_EMAIL", "")
RECORDS_NOTIFICATION_EMAIL = os.environ.get("RECORDS_NOTIFICATION_EMAIL", "")
ACCESSIBILITY_NOTIFICATION_EMAIL = os.environ.get("ACCESSIBILITY_NOTIFICATION_EMAIL", "")
TESTIMONIAL_NOTIFICATION_EMAIL = os.environ.get("TESTIMONIAL_NOTIFICATION_EMAIL", "")

# Appointment form: submissions per client per hour, and the fastest a person can fill it in.
APPOINTMENT_RATE_LIMIT = int(os.environ.get("APPOINTMENT_RATE_LIMIT", "10"))
APPOINTMENT_MIN_FILL_SECONDS = int(os.environ.get("APPOINTMENT_MIN_FILL_SECONDS", "3"))
# Requests older than this are anonymized by `manage.py purge_appointment_requests`.
APPOINTMENT_RETENTION_DAYS = int(os.environ.get("APPOINTMENT_RETENTION_DAYS", "365"))

# Geocoders the office finder asks, in order (locations/geocoding.py). The offline
# gazetteer alone by default: a patient's address never leaves the site.
GEOCODERS = env_list("GEOCODERS", "locations.geocoding.GazetteerGeocoder")
# For NominatimGeocoder (needs geopy): Nominatim asks its callers to name themselves.
GEOPY_OPTIONS = {"user_agent": os.environ.get("GEOPY_USER_AGENT", "clinic-site"), "timeout": 3}

# Background tasks: a database queue worked by `manage.py db_worker`.
# Where bookable times come from (booking/slots.py): the availability staff keep in the admin,
# or a practice-management system's adapter.
BOOKING_AVAILABILITY_SOURCE = "booking.slots.StaffKeptAvailability"

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A task RUNNING longer than this lost its worker: it is queued again once, then failed with
# an alert to the front desk (core/tasks.py). Far above any task's own run (an email gives up
# on the mail server after EMAIL_TIMEOUT), so a slow task is never run twice.
TASK_TIMEOUT_SECONDS = int(os.environ.get("TASK_TIMEOUT_SECONDS", "600"))

CRISPY_ALLOWED_TEMPLATE_PACKS = ["clinic"]
CRISPY_TEMPLATE_PACK = "clinic"
CRISPY_FAIL_SILENTLY = not DEBUG

PHONENUMBER_DEFAULT_REGION = "US"
PHONENUMBER_DEFAULT_FORMAT = "NATIONAL"

# Security headers. A patient's browser talks to this origin only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *MEDIA_ORIGINS],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
PERMISSIONS_POLICY = (
    "geolocation=(self), camera=(), microphone=(), payment=(), usb=(), interest-cohort=()"
)
CSRF_FAILURE_VIEW = "clinic_site.views.csrf_failure"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", SITE_URL)

# Logs: one line per event on stdout. Nothing a patient typed is logged.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {
            "()": "clinic_site.logging.PrivateFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        },
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "line",
        },
    },
    "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

# State -> top-15 languages, and a tagline for each (the language assistance notice).
NOTICE_LANGUAGE_TAGLINES = BASE_DIR / "notices" / "data" / "language_taglines.json"
