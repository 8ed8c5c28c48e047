"""Settings come from the environment, with safe defaults; production refuses to start half-configured.

Each case starts Django in a fresh interpreter with exactly the environment given, nothing inherited.
"""

import functools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
PRODUCTION = "unodc_site.settings.production"
BASE = "unodc_site.settings.base"
SECRET = "a-test-secret-key-long-enough-for-the-deploy-checks-0123456789"
REDIS = "redis://127.0.0.1:6379/15"  # named, never reached: starting Django does not connect

REPORT = """
import json, django
from django.conf import settings
django.setup()
database = settings.DATABASES["default"]
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "ENGINE": database["ENGINE"],
    "NAME": str(database["NAME"]),
    "HOST": database.get("HOST"),
    "PORT": database.get("PORT"),
    "USER": database.get("USER"),
    "CACHE_KEY_PREFIX": settings.CACHES["default"]["KEY_PREFIX"],
    "WAGTAILFRONTENDCACHE": settings.WAGTAILFRONTENDCACHE,
    "SENDFILE_BACKEND": getattr(settings, "SENDFILE_BACKEND", None),
    "TASKS": settings.TASKS["default"]["BACKEND"],
    "STORAGE": settings.STORAGES["default"]["BACKEND"],
    "POOL": database.get("OPTIONS", {}).get("pool"),
    "CONN_MAX_AGE": database["CONN_MAX_AGE"],
    "REPLICA": {key: settings.DATABASES["replica"][key] for key in ("ENGINE", "HOST", "NAME")}
    if "replica" in settings.DATABASES else None,
    "ROUTERS": settings.DATABASE_ROUTERS,
    "WAGTAILDOCS_SERVE_METHOD": settings.WAGTAILDOCS_SERVE_METHOD,
}))
"""


def start_django(module, **env):
    """Start Django with these settings and environment; return the completed process."""
    environment = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": module, **env}
    return subprocess.run(
        [sys.executable, "-c", REPORT], cwd=PROJECT, env=environment, capture_output=True, text=True, timeout=120
    )


def settings_of(module, **env):
    result = start_django(module, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    "env, variable",
    [
        pytest.param({"ALLOWED_HOSTS": "example.org"}, "SECRET_KEY", id="no secret key"),
        pytest.param({"SECRET_KEY": "", "ALLOWED_HOSTS": "example.org"}, "SECRET_KEY", id="empty secret key"),
        pytest.param({"SECRET_KEY": SECRET}, "ALLOWED_HOSTS", id="no allowed hosts"),
        pytest.param(
            {"SECRET_KEY": SECRET, "ALLOWED_HOSTS": " , "}, "ALLOWED_HOSTS", id="allowed hosts without a host"
        ),
        pytest.param(
            {"SECRET_KEY": SECRET, "ALLOWED_HOSTS": "example.org", "SITE_URL": "https://example.org"},
            "REDIS_URL",
            id="no shared cache",
        ),
    ],
)
def test_production_refuses_to_start_without_a_required_variable(env, variable):
    result = start_django(PRODUCTION, **env)
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("django.core.exceptions.ImproperlyConfigured:"), result.stderr
    assert variable in last_line


@pytest.mark.parametrize(
    "key",
    [
        pytest.param("a-random-looking-key-but-49-characters-long-01234", id="shorter than 50"),
        pytest.param("ab" * 40, id="fewer than 5 different characters"),
        pytest.param("django-insecure-" + SECRET, id="django's placeholder"),
    ],
)
def test_production_refuses_to_start_with_a_weak_secret_key(key):
    """Django's own deploy check (security.W009), made fatal: a weak key lets anyone forge sessions and reset links."""
    result = start_django(
        PRODUCTION, SECRET_KEY=key, ALLOWED_HOSTS="example.org", SITE_URL="https://example.org", REDIS_URL=REDIS
    )
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("django.core.exceptions.ImproperlyConfigured: SECRET_KEY"), result.stderr
    assert "secrets.token_urlsafe" in last_line  # says how to make a good one
    assert key not in result.stderr  # and never prints the secret


def test_a_secret_key_of_50_characters_with_5_different_ones_is_enough():
    key = "abcde" * 10
    assert settings_of(
        PRODUCTION, SECRET_KEY=key, ALLOWED_HOSTS="example.org", SITE_URL="https://example.org", REDIS_URL=REDIS
    )


def test_production_starts_with_a_secret_key_allowed_hosts_site_url_and_a_shared_cache():
    settings = settings_of(
        PRODUCTION,
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="example.org, www.example.org",
        SITE_URL="https://example.org",
        REDIS_URL=REDIS,
    )
    assert settings["ALLOWED_HOSTS"] == ["example.org", "www.example.org"]
    assert settings["DEBUG"] is False


def test_production_keeps_debug_off_even_when_asked():
    settings = settings_of(
        PRODUCTION,
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="example.org",
        SITE_URL="https://example.org",
        REDIS_URL=REDIS,
        DEBUG="1",
    )
    assert settings["DEBUG"] is False


@pytest.mark.parametrize(
    "value, expected",
    [(None, False), ("", False), ("0", False), ("false", False), ("no", False), ("1", True), ("true", True)],
)
def test_debug_is_off_unless_set(value, expected):
    env = {"SECRET_KEY": SECRET} | ({"DEBUG": value} if value is not None else {})
    assert settings_of(BASE, **env)["DEBUG"] is expected


def test_sqlite_in_the_project_folder_without_a_database_url():
    settings = settings_of(BASE, SECRET_KEY=SECRET)
    assert settings["ENGINE"] == "django.db.backends.sqlite3"
    assert settings["NAME"] == str(PROJECT / "db.sqlite3")


@pytest.mark.parametrize("scheme", ["postgres", "postgresql"])
def test_a_postgres_database_url_selects_postgresql_with_deadlines(scheme):
    url = f"{scheme}://site:password@db.example.org:5433/unodc"
    settings = settings_of(BASE, SECRET_KEY=SECRET, DATABASE_URL=url)
    assert settings["ENGINE"] == "core.database"  # Django's PostgreSQL backend with deadlines
    assert (settings["NAME"], settings["HOST"], settings["PORT"], settings["USER"]) == (
        "unodc",
        "db.example.org",
        5433,
        "site",
    )


@pytest.mark.slow
def test_sites_on_different_databases_never_share_cache_entries():
    urls = ["postgres://db.example.org/staging", "postgres://db.example.org/production", None]
    prefixes = {
        settings_of(BASE, SECRET_KEY=SECRET, **({"DATABASE_URL": url} if url else {}))["CACHE_KEY_PREFIX"]
        for url in urls
    }
    assert len(prefixes) == len(urls)


PURGER = "wagtail.contrib.frontend_cache.backends."
PROXY_PURGER = "core.purging.HTTPBackend"  # Wagtail's, raising a failure so it is tried again


def test_every_proxy_listed_is_purged():
    """One nginx per app node (FRONTEND_CACHE_PURGE_URLS); a single FRONTEND_CACHE_PURGE_URL still works."""
    urls = "http://10.0.0.1:8081, http://10.0.0.2:8081"
    assert settings_of(BASE, SECRET_KEY=SECRET, FRONTEND_CACHE_PURGE_URLS=urls)["WAGTAILFRONTENDCACHE"] == {
        "proxy-1": {"BACKEND": PROXY_PURGER, "LOCATION": "http://10.0.0.1:8081"},
        "proxy-2": {"BACKEND": PROXY_PURGER, "LOCATION": "http://10.0.0.2:8081"},
    }
    single = settings_of(BASE, SECRET_KEY=SECRET, FRONTEND_CACHE_PURGE_URL="http://127.0.0.1:8081")
    assert single["WAGTAILFRONTENDCACHE"] == {"proxy-1": {"BACKEND": PROXY_PURGER, "LOCATION": "http://127.0.0.1:8081"}}
    assert settings_of(BASE, SECRET_KEY=SECRET)["WAGTAILFRONTENDCACHE"] == {}


CDNS = {
    "CLOUDFRONT_DISTRIBUTION_ID": "E2EXAMPLE",
    "CLOUDFLARE_ZONE_ID": "0123abcd",
    "CLOUDFLARE_BEARER_TOKEN": "a-token",
    "AZURE_CDN_RESOURCE_GROUP": "unodc",
    "AZURE_CDN_PROFILE": "unodc-cdn",
    "AZURE_CDN_ENDPOINT": "glo-act",
}


def test_cdns_are_purged_through_the_backends_wagtail_ships():
    caches = settings_of(BASE, SECRET_KEY=SECRET, FRONTEND_CACHE_PURGE_URLS="http://10.0.0.1:8081", **CDNS)
    assert caches["WAGTAILFRONTENDCACHE"] == {
        "proxy-1": {"BACKEND": PROXY_PURGER, "LOCATION": "http://10.0.0.1:8081"},
        "cloudfront": {"BACKEND": PURGER + "CloudfrontBackend", "DISTRIBUTION_ID": "E2EXAMPLE"},
        "cloudflare": {"BACKEND": PURGER + "CloudflareBackend", "ZONEID": "0123abcd", "BEARER_TOKEN": "a-token"},
        "azure": {
            "BACKEND": PURGER + "AzureCdnBackend",
            "RESOURCE_GROUP_NAME": "unodc",
            "CDN_PROFILE_NAME": "unodc-cdn",
            "CDN_ENDPOINT_NAME": "glo-act",
        },
    }


def test_a_cdn_half_configured_refuses_to_start():
    result = start_django(BASE, SECRET_KEY=SECRET, CLOUDFLARE_ZONE_ID="0123abcd")
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("django.core.exceptions.ImproperlyConfigured:"), result.stderr
    assert "CLOUDFLARE_BEARER_TOKEN is missing" in last_line


def test_the_deploy_check_names_a_cdn_that_cannot_be_purged():
    """Azure's SDK is not installed here (README, Deploying): a publish could not purge it, so the check fails."""
    check = "import django; django.setup(); from django.core.management import call_command; "
    check += "call_command('check', '--deploy', '--fail-level', 'ERROR')"
    environment = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": BASE, "SECRET_KEY": SECRET}
    run = functools.partial(subprocess.run, [sys.executable, "-c", check], cwd=PROJECT, capture_output=True, text=True)
    failed = run(env={**environment, **CDNS})
    assert failed.returncode != 0
    assert "core.E001" in failed.stderr and "No module named 'azure'" in failed.stderr
    without_azure = {name: value for name, value in CDNS.items() if not name.startswith("AZURE")}
    assert run(env={**environment, **without_azure}).returncode == 0  # boto3 (CloudFront) is installed


def test_documents_are_sent_by_the_app_unless_nginx_or_a_bucket_is_named():
    local = settings_of(BASE, SECRET_KEY=SECRET)
    assert (local["SENDFILE_BACKEND"], local["WAGTAILDOCS_SERVE_METHOD"]) == (None, "serve_view")  # Wagtail streams it
    assert settings_of(BASE, SECRET_KEY=SECRET, DOCUMENT_DOWNLOADS="nginx")["SENDFILE_BACKEND"] == "core.downloads"
    bucket = settings_of(BASE, SECRET_KEY=SECRET, AWS_STORAGE_BUCKET_NAME="unodc-media")
    assert (bucket["STORAGE"], bucket["WAGTAILDOCS_SERVE_METHOD"]) == ("core.storage.MediaStorage", "redirect")
    result = start_django(BASE, SECRET_KEY=SECRET, DOCUMENT_DOWNLOADS="apache")
    assert result.returncode != 0 and "DOCUMENT_DOWNLOADS is app, nginx or storage, not 'apache'" in result.stderr
    result = start_django(BASE, SECRET_KEY=SECRET, DOCUMENT_DOWNLOADS="storage")
    assert result.returncode != 0 and "DOCUMENT_DOWNLOADS=storage needs a bucket" in result.stderr


def test_production_queues_tasks_for_the_worker_and_local_runs_do_them_at_once():
    production = {"SECRET_KEY": SECRET, "ALLOWED_HOSTS": "example.org", "SITE_URL": "https://example.org"}
    assert settings_of(PRODUCTION, **production, REDIS_URL=REDIS)["TASKS"] == "django_tasks_db.DatabaseBackend"
    assert settings_of(BASE, SECRET_KEY=SECRET)["TASKS"] == "django_tasks.backends.immediate.ImmediateBackend"
    assert settings_of(BASE, SECRET_KEY=SECRET, TASK_QUEUE="database")["TASKS"] == "django_tasks_db.DatabaseBackend"
    refused = start_django(BASE, SECRET_KEY=SECRET, TASK_QUEUE="celery")
    assert "TASK_QUEUE is immediate or database, not 'celery'" in refused.stderr


def test_postgresql_connections_are_pooled_when_a_pool_size_is_given():
    postgres = {"SECRET_KEY": SECRET, "DATABASE_URL": "postgres://u@db.example.org:5432/site"}
    persistent = settings_of(BASE, **postgres)
    assert (persistent["POOL"], persistent["CONN_MAX_AGE"]) == (None, 600)
    pooled = settings_of(BASE, **postgres, DATABASE_POOL_SIZE="4")
    assert pooled["POOL"] == {"min_size": 1, "max_size": 4, "timeout": 2, "reconnect_timeout": 5}
    assert pooled["CONN_MAX_AGE"] == 0  # Django refuses persistent connections beside a pool


def test_a_read_replica_is_routed_to_only_when_named():
    postgres = {"SECRET_KEY": SECRET, "DATABASE_URL": "postgres://u@db.example.org:5432/site"}
    assert (settings_of(BASE, **postgres)["REPLICA"], settings_of(BASE, **postgres)["ROUTERS"]) == (None, [])
    replicated = settings_of(BASE, **postgres, DATABASE_REPLICA_URL="postgres://u@replica.example.org:5432/site")
    assert replicated["REPLICA"] == {"ENGINE": "core.database", "HOST": "replica.example.org", "NAME": "site"}
    assert replicated["ROUTERS"] == ["core.database.replica.ReplicaRouter"]
