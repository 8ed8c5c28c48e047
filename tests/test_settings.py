"""Settings come from the environment, with safe defaults."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent


def load_settings(module, **env):
    """Import a settings module in a fresh interpreter with exactly this environment; return its output."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(env, DJANGO_SETTINGS_MODULE=module)
    code = (
        "import django; from django.conf import settings; django.setup(); "
        "print(settings.DEBUG, settings.DATABASES['default']['ENGINE'], settings.ALLOWED_HOSTS)"
    )
    return subprocess.run([sys.executable, "-c", code], cwd=PROJECT, env=environment, capture_output=True, text=True)


def test_production_refuses_to_start_without_a_secret_key():
    result = load_settings("unodc_site.settings.production")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "SECRET_KEY" in result.stderr


def test_production_starts_with_a_secret_key_and_debug_off():
    result = load_settings(
        "unodc_site.settings.production", SECRET_KEY="x" * 50, DEBUG="1", ALLOWED_HOSTS="example.org"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("False ")
    assert "['example.org']" in result.stdout


@pytest.mark.parametrize("value, expected", [(None, "False"), ("0", "False"), ("true", "True"), ("1", "True")])
def test_debug_is_off_unless_set(value, expected):
    result = load_settings("unodc_site.settings.base", **({"DEBUG": value} if value else {}))
    assert result.stdout.split()[0] == expected


def test_database_url_selects_the_engine():
    sqlite = load_settings("unodc_site.settings.base")
    postgres = load_settings("unodc_site.settings.base", DATABASE_URL="postgres://user@db.example:5432/site")
    assert "django.db.backends.sqlite3" in sqlite.stdout
    assert "django.db.backends.postgresql" in postgres.stdout
