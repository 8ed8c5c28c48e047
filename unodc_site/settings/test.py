"""Settings for the test suite: base, minus what slows tests or touches the project folder."""

import tempfile

from .base import *  # noqa: F403

STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
MEDIA_ROOT = tempfile.mkdtemp(prefix="unodc-test-media-")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SITE_URL = "http://localhost"  # the host the test client and the default Site use
WAGTAILADMIN_BASE_URL = "http://testserver"
# Serve static files from the app folders as in development: tests run without collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Each test run keeps its cache in its own memory, never in the project folder.
CACHES = {
    alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": alias}
    for alias in ("default", "renditions")
}
