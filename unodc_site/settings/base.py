"""Settings shared by every environment, read from the environment (12-factor).

Defaults are safe for a local run: DEBUG off, an SQLite file in the project
folder and a secret key generated once into a git-ignored file.
"""

import datetime
import hashlib
import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .env import database, email_server, env_bool, env_list, frontend_caches, object_storage, site_url, task_queue

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def local_secret_key():
    """Return a key kept in a git-ignored file, creating it on first use.

    Only for local runs: production settings refuse to start without SECRET_KEY.
    """
    key_file = BASE_DIR / ".secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = os.environ.get("SECRET_KEY") or local_secret_key()
DEBUG = env_bool("DEBUG")

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = os.environ.get("PORT", "8000")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", f"localhost,127.0.0.1,[::1],{HOST}")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The public address: canonical links, feeds, the sitemap, purges and Wagtail's default Site
# (set from it by migrate) all use it. Required in production.
SITE_URL = site_url(os.environ.get("SITE_URL", f"http://{HOST}:{PORT}"))

INSTALLED_APPS = [
    "core",
    "pages",
    "news",
    "publications",
    "wagtail_localize",
    "wagtail_localize.locales",  # Wagtail's locale admin, with "synchronise from" for each language
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.frontend_cache",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.cache.CanonicalQueryMiddleware",
    "core.database.replica.ReplicaReadsMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "core.cache.PrivatePagesMiddleware",
    # A cached page is answered here, before the middleware it does not need (its headers are stored with it;
    # sessions, languages, CSRF, users), which still run for every page it stores.
    "core.cache.AnonymousPageCacheMiddleware",
    "unodc_site.middleware.SecurityHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "unodc_site.middleware.PreviewFramingMiddleware",
    "unodc_site.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First, so a locked-out address or account is refused before the password is checked;
    # it is also a ModelBackend, so tools that log in with the first backend work.
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "unodc_site.urls"
WSGI_APPLICATION = "unodc_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite in the project folder unless DATABASE_URL says otherwise; any postgres:// URL is served by psycopg 3,
# through core/database (deadlines, a breaker, psycopg's pool with DATABASE_POOL_SIZE: env.database).
DATABASES = {"default": database(os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# An optional read replica of it, for anonymous visitors' pages: writes, the admin and signed-in visitors stay on
# the primary, and a replica that has not caught up with the primary's content generation is not read
# (core/database/replica.py).
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = {**database(DATABASE_REPLICA_URL), "TEST": {"MIRROR": "default"}}
    DATABASE_ROUTERS = ["core.database.replica.ReplicaRouter"]
# Seconds a query may take during a request; 0 for none.
DATABASE_TIMEOUT_SECONDS = float(os.environ.get("DATABASE_TIMEOUT_SECONDS", "3"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The six official languages of the United Nations, in the UN's order. English is the source
# language and keeps the addresses it had; the others are under their own prefix (/fr/...).
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh-hans", _("Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The programme is run from Vienna: scheduled publishing, "today" and every time editors see are Vienna's
# (the schedule dialog names the zone). Any IANA name ("America/New_York") for an office elsewhere.
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Vienna")
# English dates as the UN writes them (day month year) wherever Django writes one, admin listings included.
FORMAT_MODULE_PATH = ["core.formats"]
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Django serves uploads itself only for local runs; production puts a web
# server or object storage in front of MEDIA_URL.
SERVE_MEDIA = env_bool("SERVE_MEDIA", default=True)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # S3-compatible object storage for uploads when a bucket is configured (see README).
    "staticfiles": {
        # Hashed, compressed files; tests use plain storage so they need no collectstatic.
        "BACKEND": os.environ.get(
            "STATICFILES_BACKEND",
            "whitenoise.storage.CompressedManifestStaticFilesStorage",
        ),
    },
}

# Uploads (images, renditions, documents) in an S3-compatible bucket when one is named, so every app node
# reads the same files (core/storage.py; README "Deploying"). Credentials as boto3 finds them (AWS_ACCESS_KEY_ID...).
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
# Seconds a document's signed address works: how long a link handed out before a takedown may still be used.
DOCUMENT_LINK_SECONDS = int(os.environ.get("DOCUMENT_LINK_SECONDS", "60"))
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = object_storage(
        AWS_STORAGE_BUCKET_NAME,
        endpoint_url=os.environ.get("AWS_S3_ENDPOINT_URL") or None,
        region=os.environ.get("AWS_S3_REGION_NAME") or None,
        custom_domain=os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
        link_seconds=DOCUMENT_LINK_SECONDS,
    )
    SERVE_MEDIA = False

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Caching: Redis when REDIS_URL is set; otherwise files in CACHE_DIR. Either way every worker
# shares one cache, so a publish handled by one worker refreshes the pages of all of them.
# Keys are prefixed by the database they describe, so sites sharing a Redis server or a folder
# (staging beside production, `make bench` beside `make run`) never read each other's entries.
_database = DATABASES["default"]
CACHE_KEY_PREFIX = (
    os.environ.get("CACHE_KEY_PREFIX")
    or hashlib.sha256(f"{_database.get('HOST')}:{_database.get('PORT')}/{_database['NAME']}".encode()).hexdigest()[:12]
)
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        alias: {
            "BACKEND": "core.cache.FaultTolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"{CACHE_KEY_PREFIX}:{alias}",
        }
        for alias in ("default", "renditions")
    }
else:
    CACHE_DIR = Path(os.environ.get("CACHE_DIR", BASE_DIR / ".cache"))
    CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": CACHE_DIR / alias,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
        for alias in ("default", "renditions")
    }
# Deadlines and breakers (core/breaker.py): how long a Redis call may wait, and how long each worker
# leaves a dependency that failed alone before trying it again. Redis is left longer: each try of a hung
# one costs a visitor the timeout, and the site serves without it; pages need the database back at once.
REDIS_TIMEOUT_SECONDS = float(os.environ.get("REDIS_TIMEOUT_SECONDS", "0.25"))
REDIS_RETRY_SECONDS = float(os.environ.get("REDIS_RETRY_SECONDS", "30"))
DATABASE_RETRY_SECONDS = float(os.environ.get("DATABASE_RETRY_SECONDS", "5"))
# Seconds an anonymous page is kept in the cache above (its key names the content generation, so a
# change makes it unreachable at once); 0 turns page caching off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
# Seconds a shared cache in front (nginx, a CDN) may keep a page before asking again (s-maxage): the
# longest a takedown can take to reach it if its purge is lost. Browsers always ask again (max-age=0).
SHARED_CACHE_SECONDS = int(os.environ.get("SHARED_CACHE_SECONDS", "2"))
PAGE_CACHE_EXCLUDED_PATHS = ["/admin/", "/documents/", "/healthz", "/_util/"]
# Kept briefly by shared caches but not here: any text makes a new search.
PAGE_CACHE_SHARED_ONLY_PATHS = ["/search/"]
# Seconds the ranking of a search (its matches' keys and scores, a few kB) is kept in the shared cache for the
# same words in the same language, while the content does not change; 0 ranks every search again.
SEARCH_CACHE_SECONDS = int(os.environ.get("SEARCH_CACHE_SECONDS", "60"))
# The query parameters public pages read (filters, pagination, search, the sitemap's page). A public
# URL with any other is redirected to the URL without it, so nobody can fill caches by varying them.
PUBLIC_QUERY_PARAMETERS = frozenset({"page", "q", "year", "theme", "kind", "publication_type", "language", "p"})

# The caches in front (nginx nodes, a CDN), each purged when content changes: env.frontend_caches says which
# variables name them (README "Deploying").
WAGTAILFRONTENDCACHE = frontend_caches()
# Purges, reference-index updates and file deletions are Django tasks (env.task_queue): run at once here, queued
# for the worker in production. A purge that fails is tried again PURGE_RETRIES times, the first after
# PURGE_RETRY_SECONDS, doubling each time (core/purging.py).
TASKS = task_queue(default="immediate")
PURGE_RETRIES = int(os.environ.get("PURGE_RETRIES", "6"))
PURGE_RETRY_SECONDS = float(os.environ.get("PURGE_RETRY_SECONDS", "5"))

# Security headers on every response.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail marks its own preview views as frameable by the admin
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
CONTENT_SECURITY_POLICY = {
    # The Wagtail admin needs inline scripts and styles; it is for signed-in staff only.
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"] + env_list("CSP_MEDIA_ORIGINS"),
        "media-src": ["'self'"] + env_list("CSP_MEDIA_ORIGINS"),
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Sign-in throttling (core/throttling.py): after 5 failures for one account from one client address,
# that pair is refused for 15 minutes with a page saying when to try again; the same limits hold for the
# shared passwords of page and collection view restrictions. Behind a proxy, CLIENT_ADDRESS_HEADER names
# the header it *overwrites* with the client's address (README, Deploying); without one, REMOTE_ADDR.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "core.throttling.lockout_response"
AXES_CLIENT_IP_CALLABLE = "core.throttling.client_address"
AXES_RESET_ON_SUCCESS = True
CLIENT_ADDRESS_HEADER = os.environ.get("CLIENT_ADDRESS_HEADER", "")

# One JSON object per line on stdout, for the platform's log collector.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "unodc_site.logging.JSONFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Email: Wagtail's password resets and moderation notices (README, Email). core.mail.EmailBackend logs a
# failure and shows it to administrators on the dashboard, and never fails the request that sent the mail.
# Without a mail server, local runs print mail to the console; production settings decide for themselves.
_email_server = email_server()
if _email_server:
    EMAIL_BACKEND = "core.mail.EmailBackend"
    EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, EMAIL_USE_SSL = _email_server
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Seconds to wait for the mail server: a password reset waits for it.
EMAIL_TIMEOUT = float(os.environ.get("EMAIL_TIMEOUT", "5"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Wagtail
WAGTAIL_SITE_NAME = _("UNODC Global Programme against Trafficking in Persons")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", SITE_URL)
# Clearance (README, "Clearance"): a submission is mailed to the Clearance group, an approval or rejection to its
# submitter, through the mail settings above; superusers, who publish directly, are not sent every submission.
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
# On PostgreSQL each text is indexed with its own language's stemming (core/search.py); SQLite's FTS5
# has one tokenizer for every language, so it keeps Wagtail's backend.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": (
            "core.search" if DATABASES["default"]["ENGINE"] == "core.database" else "wagtail.search.backends.database"
        )
    }
}
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# A news item or publication submitted for translation starts as a draft copy of the English, published
# when its translator says so: never an English text presented as the translation.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]  # no SVG: it can carry scripts
WAGTAILIMAGES_IMAGE_FORM_BASE = "core.images.ImageForm"  # refuses a truncated upload with a form error
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "doc",
    "docx",
    "odt",
    "rtf",
    "txt",
    "xls",
    "xlsx",
    "ods",
    "csv",
    "ppt",
    "pptx",
    "odp",
    "zip",
    "epub",
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Who sends a document's file once Django has allowed it: the app itself ("app"), nginx in front ("nginx":
# X-Accel-Redirect to deploy/nginx's internal location, core/downloads.py) or the object store ("storage": a
# redirect to a signed address, core/storage.py; the default with a bucket). Either of the last two frees the worker.
DOCUMENT_DOWNLOADS = os.environ.get("DOCUMENT_DOWNLOADS", "storage" if AWS_STORAGE_BUCKET_NAME else "app")
if DOCUMENT_DOWNLOADS == "nginx":
    SENDFILE_BACKEND = "core.downloads"
elif DOCUMENT_DOWNLOADS == "storage":
    if not AWS_STORAGE_BUCKET_NAME:
        raise ImproperlyConfigured("DOCUMENT_DOWNLOADS=storage needs a bucket: set AWS_STORAGE_BUCKET_NAME.")
    WAGTAILDOCS_SERVE_METHOD = "redirect"
elif DOCUMENT_DOWNLOADS != "app":
    raise ImproperlyConfigured(f"DOCUMENT_DOWNLOADS is app, nginx or storage, not {DOCUMENT_DOWNLOADS!r}.")
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# The content's dates are typed and shown as the site writes them (core/admin_dates.py); Wagtail's own date
# inputs (report filters) use ISO dates, which every admin language reads.
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"

PAGINATE_BY = 20
