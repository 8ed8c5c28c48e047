"""Deploy checks of the services the settings name (the mail server's is in mail.py)."""

from django.core import checks
from wagtail.contrib.frontend_cache.utils import get_backends


@checks.register("caches", deploy=True)
def check_frontend_caches(app_configs, **kwargs):
    """Every cache in front (WAGTAILFRONTENDCACHE) can be purged: its backend is installed and configured.

    Without this a CDN whose SDK is missing would only fail at the first publish, leaving pages stale there.
    """
    try:
        get_backends()
    except Exception as error:  # whatever a backend raises when it cannot be built (ImportError, ImproperlyConfigured)
        return [
            checks.Error(
                f"A cache in front of the site cannot be purged: {error}",
                hint="Check the FRONTEND_CACHE_* and CDN variables, and install the CDN's SDK (README, Deploying).",
                id="core.E001",
            )
        ]
    return []
