"""Readers for settings that come from the environment."""

import os
from collections import namedtuple
from urllib.parse import parse_qsl, unquote, urlsplit

import dj_database_url
from django.core.checks.security.base import (
    SECRET_KEY_INSECURE_PREFIX,
    SECRET_KEY_MIN_LENGTH,
    SECRET_KEY_MIN_UNIQUE_CHARACTERS,
)
from django.core.exceptions import ImproperlyConfigured

TRUE_VALUES = {"1", "true", "yes", "on"}


def env_bool(name, default=False):
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    return value in TRUE_VALUES


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def require_env(name):
    value = os.environ.get(name)
    if not value:
        raise ImproperlyConfigured(f"The {name} environment variable is required in production.")
    return value


def require_secret_key():
    """SECRET_KEY, refused unless it passes Django's own test of a strong key (the deploy check security.W009).

    Fatal here rather than a warning: a weak key lets anyone forge sessions and password-reset links.
    """
    key = require_env("SECRET_KEY")
    if (
        len(key) < SECRET_KEY_MIN_LENGTH
        or len(set(key)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS
        or key.startswith(SECRET_KEY_INSECURE_PREFIX)
    ):
        raise ImproperlyConfigured(
            f"SECRET_KEY is too weak for production: it needs at least {SECRET_KEY_MIN_LENGTH} characters, "
            f"at least {SECRET_KEY_MIN_UNIQUE_CHARACTERS} of them different, and must not start with "
            f"'{SECRET_KEY_INSECURE_PREFIX}'. Generate one with: "
            "python -c 'import secrets; print(secrets.token_urlsafe(60))'"
        )
    return key


def require_env_list(name):
    """A required comma-separated list with at least one non-blank item."""
    require_env(name)
    items = env_list(name)
    if not items:
        raise ImproperlyConfigured(f"The {name} environment variable must list at least one value, comma-separated.")
    return items


def site_url(value):
    """A public address such as ``https://www.example.org``: scheme and host, optionally a port, no path."""
    address = urlsplit(value.strip())
    if address.scheme not in ("http", "https") or not address.hostname or address.path.strip("/") or address.query:
        raise ImproperlyConfigured(
            f"SITE_URL must be the site's public address, such as https://www.example.org (got {value!r})."
        )
    return f"{address.scheme}://{address.netloc}"


EmailServer = namedtuple("EmailServer", "host port user password use_tls use_ssl")


def email_server():
    """The mail server of EMAIL_URL, or else of EMAIL_HOST and its companions; None without either.

    EMAIL_URL is smtp://user:password@host:587/?tls=True (STARTTLS) or smtps://user:password@host
    (TLS from the start), with the user and password percent-encoded as in any URL. Error messages
    never repeat the URL: it holds the password.
    """
    url = os.environ.get("EMAIL_URL", "").strip()
    if url:
        address = urlsplit(url)
        options = {key.lower(): value.strip().lower() in TRUE_VALUES for key, value in parse_qsl(address.query)}
        try:
            port = address.port
            valid = address.scheme in ("smtp", "smtps") and address.hostname
        except ValueError:  # a port that is not a number
            valid = False
        if not valid:
            raise ImproperlyConfigured(
                "EMAIL_URL must be smtp://user:password@host:port/?tls=True or smtps://user:password@host:port."
            )
        use_ssl = address.scheme == "smtps" or options.get("ssl", False)
        use_tls = options.get("tls", False)
        host, user, password = address.hostname, unquote(address.username or ""), unquote(address.password or "")
    elif os.environ.get("EMAIL_HOST", "").strip():
        use_ssl, use_tls = env_bool("EMAIL_USE_SSL"), env_bool("EMAIL_USE_TLS")
        port = int(os.environ["EMAIL_PORT"]) if os.environ.get("EMAIL_PORT", "").strip() else None
        host = os.environ["EMAIL_HOST"].strip()
        user, password = os.environ.get("EMAIL_HOST_USER", ""), os.environ.get("EMAIL_HOST_PASSWORD", "")
    else:
        return None
    if use_tls and use_ssl:
        raise ImproperlyConfigured("Email: use TLS (STARTTLS, usually port 587) or SSL (usually port 465), not both.")
    return EmailServer(host, port or (465 if use_ssl else 587 if use_tls else 25), user, password, use_tls, use_ssl)


def database(url):
    """A DATABASES entry for ``url``. PostgreSQL through core.database: deadlines and a breaker, and psycopg's pool
    of DATABASE_POOL_SIZE connections per worker process when set (docs/deployment.md, "Sizes"; 0 keeps one
    persistent connection per worker for CONN_MAX_AGE seconds)."""
    conn_max_age = int(os.environ.get("CONN_MAX_AGE", "600"))
    config = dj_database_url.parse(url, conn_max_age=conn_max_age, conn_health_checks=True)
    if config["ENGINE"] == "django.db.backends.postgresql":
        config["ENGINE"] = "core.database"
        config.setdefault("OPTIONS", {})["connect_timeout"] = 2  # psycopg's minimum
        if pool_size := int(os.environ.get("DATABASE_POOL_SIZE", "0")):
            # A request waits at most 2 s for a connection (a sync worker never holds two: waiting means the
            # server is unreachable). The pool gives up reconnecting after 5 s and connects again on demand, so
            # it recovers with the server as persistent connections do (DATABASE_RETRY_SECONDS).
            config["OPTIONS"]["pool"] = {"min_size": 1, "max_size": pool_size, "timeout": 2, "reconnect_timeout": 5}
            config["CONN_MAX_AGE"] = 0
    elif config["ENGINE"] == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0  # persistent connections buy nothing on SQLite and keep files open in tests
    return config


def frontend_caches():
    """WAGTAILFRONTENDCACHE: every cache in front of the site, each purged when content changes.

    FRONTEND_CACHE_PURGE_URLS lists the purge endpoint of each caching proxy, comma-separated (one per nginx
    node; FRONTEND_CACHE_PURGE_URL, a single one, still works). A CDN joins them when its variables are set,
    through the backend Wagtail ships for it: CloudFront (CLOUDFRONT_DISTRIBUTION_ID; credentials as boto3
    finds them), Cloudflare (CLOUDFLARE_ZONE_ID and CLOUDFLARE_BEARER_TOKEN) or Azure CDN
    (AZURE_CDN_RESOURCE_GROUP, AZURE_CDN_PROFILE and AZURE_CDN_ENDPOINT; credentials as azure-identity finds them).
    """
    urls = env_list("FRONTEND_CACHE_PURGE_URLS") or env_list("FRONTEND_CACHE_PURGE_URL")
    # core.purging's HTTPBackend: Wagtail's, with a deadline, raising a failure so the purge is tried again.
    caches = {
        f"proxy-{number}": {"BACKEND": "core.purging.HTTPBackend", "LOCATION": url}
        for number, url in enumerate(urls, 1)
    }
    if distribution := os.environ.get("CLOUDFRONT_DISTRIBUTION_ID", "").strip():
        caches["cloudfront"] = purger("CloudfrontBackend", DISTRIBUTION_ID=distribution)
    if cloudflare := together("CLOUDFLARE_ZONE_ID", "CLOUDFLARE_BEARER_TOKEN"):
        zone, token = cloudflare
        caches["cloudflare"] = purger("CloudflareBackend", ZONEID=zone, BEARER_TOKEN=token)
    if azure := together("AZURE_CDN_RESOURCE_GROUP", "AZURE_CDN_PROFILE", "AZURE_CDN_ENDPOINT"):
        group, profile, endpoint = azure
        caches["azure"] = purger(
            "AzureCdnBackend", RESOURCE_GROUP_NAME=group, CDN_PROFILE_NAME=profile, CDN_ENDPOINT_NAME=endpoint
        )
    return caches


def purger(backend, **params):
    return {"BACKEND": f"wagtail.contrib.frontend_cache.backends.{backend}", **params}


def together(*names):
    """The values of variables that only work together: all of them, none (an empty list), or an error
    naming the missing ones."""
    values = [os.environ.get(name, "").strip() for name in names]
    if any(values) and not all(values):
        missing = ", ".join(name for name, value in zip(names, values, strict=True) if not value)
        raise ImproperlyConfigured(f"{', '.join(names)} are set together: {missing} is missing.")
    return values if all(values) else []


TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}


def task_queue(default):
    """TASKS for Django's tasks framework (the django-tasks backport Wagtail 8 enqueues through): TASK_QUEUE is
    "immediate" (each task runs in the request that queued it: make run, the tests) or "database" (queued in
    PostgreSQL for `manage.py db_worker`, so a publish never waits for a CDN)."""
    queue = os.environ.get("TASK_QUEUE", default)
    if queue not in TASK_BACKENDS:
        raise ImproperlyConfigured(f"TASK_QUEUE is {' or '.join(TASK_BACKENDS)}, not {queue!r}.")
    return {"default": {"BACKEND": TASK_BACKENDS[queue]}}


def object_storage(bucket, endpoint_url=None, region=None, custom_domain=None, link_seconds=60):
    """STORAGES["default"] for uploads in an S3-compatible bucket (core/storage.py): images at plain addresses,
    documents at addresses signed for ``link_seconds``."""
    return {
        "BACKEND": "core.storage.MediaStorage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint_url,
            "region_name": region,
            "custom_domain": custom_domain,
            "default_acl": None,
            "file_overwrite": False,
            "querystring_auth": False,  # images: plain addresses; documents are signed all the same
            "querystring_expire": link_seconds,
            "signature_version": "s3v4",
        },
    }
