"""Readers for settings that come from the environment."""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured


def env_bool(name, default=False):
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    return value in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def require_env(name):
    value = os.environ.get(name)
    if not value:
        raise ImproperlyConfigured(f"The {name} environment variable is required in production.")
    return value


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
