"""Production settings: everything of base, hardened for a public deployment behind HTTPS.

Passes `manage.py check --deploy` with SECRET_KEY, ALLOWED_HOSTS, SITE_URL, REDIS_URL and a mail server set (see
README, Deploying).
"""

from .env import env_bool, require_env, require_env_list, require_secret_key, site_url, task_queue

# Checked before base is imported, so production never falls back to a local key file.
require_secret_key()

from .base import *  # noqa: E402, F403

DEBUG = False
ALLOWED_HOSTS = require_env_list("ALLOWED_HOSTS")
SITE_URL = site_url(require_env("SITE_URL"))
# Base made it the cache; never a cache of files on this machine: every app node shares one (pages and navigation
# keyed by the content generation, sign-in throttling), else another node serves what a publish here replaced.
require_env("REDIS_URL")
SERVE_MEDIA = env_bool("SERVE_MEDIA", default=False)
# Purges and other slow side effects of a publish wait in the database for `manage.py db_worker` (README, Deploying).
TASKS = task_queue(default="database")

# HTTPS only. Behind a proxy that terminates TLS, it must set X-Forwarded-Proto.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
BEHIND_PROXY = env_bool("BEHIND_PROXY", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
# The shipped nginx overwrites X-Real-IP with the address it sees (deploy/nginx): sign-in limits use it.
CLIENT_ADDRESS_HEADER = os.environ.get("CLIENT_ADDRESS_HEADER", "X-Real-IP" if BEHIND_PROXY else "")  # noqa: F405
# Off only for a local try of the topology over plain http (make stack).
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=True)
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))  # noqa: F405
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)

WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", SITE_URL)  # noqa: F405

# Never the console here: it would print password-reset links into the logs. Without a mail server every
# message is a failure, logged and shown on the dashboard, and `check --deploy` warns (core.W001).
if EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend":  # noqa: F405
    EMAIL_BACKEND = "core.mail.NoMailServerEmailBackend"
