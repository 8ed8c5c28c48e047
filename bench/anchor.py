"""The anchors `make bench` holds the site to: a fresh ``wagtail start`` project's welcome page, served the way
the site is served in the same run.

The project is what the installed Wagtail generates, untouched but for a ``local.py`` (which its production
settings import) giving it what the site's production settings have too: PostgreSQL (a database of its own,
persistent connections as CONN_MAX_AGE's default), Redis as its cache, the hosts and a secret key. Its
welcome page is measured twice: rendered on every request, and from Django's own page cache
(``UpdateCacheMiddleware`` first and ``FetchFromCacheMiddleware`` last, as Django documents them).
"""

import subprocess
from pathlib import Path

import psycopg

PROJECT = Path(__file__).resolve().parent.parent
WAGTAIL = PROJECT / ".venv" / "bin" / "wagtail"
NAME = "anchor"

LOCAL_SETTINGS = '''"""Written by bench/anchor.py: the site's production environment for a vanilla project."""

import os

from .base import MIDDLEWARE

SECRET_KEY = os.environ["SECRET_KEY"]
ALLOWED_HOSTS = os.environ["ALLOWED_HOSTS"].split(",")
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ["ANCHOR_DATABASE"],
        "HOST": "127.0.0.1",
        "USER": "postgres",
        "CONN_MAX_AGE": 600,
        "CONN_HEALTH_CHECKS": True,
    }
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}}
if os.environ.get("ANCHOR_PAGE_CACHE") == "1":
    MIDDLEWARE = [
        "django.middleware.cache.UpdateCacheMiddleware",
        *MIDDLEWARE,
        "django.middleware.cache.FetchFromCacheMiddleware",
    ]
    CACHE_MIDDLEWARE_SECONDS = 300
'''


def create(directory, postgres, database, environment):
    """The vanilla project in ``directory`` (made once per Wagtail version), migrated into a fresh ``database``,
    its static files collected. Returns the environment that serves it."""
    import wagtail

    project = Path(directory) / f"wagtail-{wagtail.__version__}"
    if not (project / "manage.py").exists():
        project.mkdir(parents=True, exist_ok=True)
        subprocess.run([WAGTAIL, "start", NAME, project], check=True, stdout=subprocess.DEVNULL)
    (project / NAME / "settings" / "local.py").write_text(LOCAL_SETTINGS)
    with psycopg.connect(f"{postgres}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {database}")
    served = {
        **environment,
        "DJANGO_SETTINGS_MODULE": f"{NAME}.settings.production",
        "ANCHOR_DATABASE": database,
        "PYTHONPATH": str(project),
    }
    python = PROJECT / ".venv" / "bin" / "python"
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
        subprocess.run([python, "manage.py", *command], cwd=project, env=served, check=True, stdout=subprocess.DEVNULL)
    return project, served
