"""Logs are one JSON object per line on stdout: the app's, and gunicorn's with its access log.

The app's are read from a fresh interpreter with the site's settings; gunicorn's from a real gunicorn
started as `make run` and `make stack` start it (deploy/gunicorn.conf.py).
"""

import http.client
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from deploy import stack
from deploy.nginx import config as nginx_config

PROJECT = Path(__file__).resolve().parent.parent
BASE = "unodc_site.settings.base"
SECRET = "a-test-secret-key-long-enough-for-the-deploy-checks-0123456789"

LOG = """
import logging, django
django.setup()
logging.getLogger("core.breaker").warning("Redis unavailable: %s", "connection refused")
logging.getLogger("core.breaker").info("below LOG_LEVEL: not written")
try:
    1 / 0
except ZeroDivisionError:
    logging.getLogger("django.request").error(
        "Internal Server Error: /news/", exc_info=True, extra={"status_code": 500, "request": object()}
    )
"""


def test_the_apps_log_lines_are_json_with_level_logger_message_and_the_failure():
    environment = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": BASE, "SECRET_KEY": SECRET}
    result = subprocess.run(
        [sys.executable, "-c", LOG], cwd=PROJECT, env=environment, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    warning, error = (json.loads(line) for line in lines)
    assert set(warning) == {"time", "level", "logger", "message"}
    assert warning["level"] == "WARNING" and warning["logger"] == "core.breaker"
    assert warning["message"] == "Redis unavailable: connection refused"
    assert '"level": "WARNING"' in lines[0]  # the spacing bench/faults.py counts warnings by
    assert error["level"] == "ERROR" and error["status"] == 500
    assert "ZeroDivisionError" in error["exception"]
    assert "request" not in error  # the request object repeats the message's path


def gunicorn_log(tmp_path, **env):
    """Start gunicorn as `make stack` does, make one request, stop it: (the response's status, its log lines)."""
    port = nginx_config.free_port()
    (tmp_path / "static").mkdir()
    environment = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": BASE,
        "SECRET_KEY": SECRET,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "ALLOWED_HOSTS": "localhost",
        "SITE_URL": "http://localhost",
        "CACHE_DIR": str(tmp_path / "cache"),
        "STATIC_ROOT": str(tmp_path / "static"),
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "WEB_CONCURRENCY": "1",
        **env,
    }
    with open(tmp_path / "gunicorn.log", "w") as log, stack.gunicorn(port, environment, log):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {"Host": "localhost", "X-Real-IP": "203.0.113.7", "User-Agent": 'a "quoted" agent'}
        connection.request("GET", "/healthz?probe=1", headers=headers)
        status = connection.getresponse().status
        connection.close()
    return status, (tmp_path / "gunicorn.log").read_text().splitlines()


@pytest.mark.proxy  # starts gunicorn
def test_gunicorn_logs_each_request_as_json_with_its_fields(tmp_path):
    status, lines = gunicorn_log(tmp_path)
    entries = [json.loads(line) for line in lines]  # every line, gunicorn's own messages included
    assert {"time", "level", "logger", "message"} <= set(entries[0])
    assert any(entry["logger"] == "gunicorn.error" and "Listening at" in entry["message"] for entry in entries)
    [access] = [entry for entry in entries if entry["logger"] == "gunicorn.access"]
    assert access["message"] == f"GET /healthz?probe=1 HTTP/1.1 {status}"
    assert {key: access[key] for key in ("level", "method", "path", "query", "status")} == {
        "level": "INFO",
        "method": "GET",
        "path": "/healthz",
        "query": "probe=1",
        "status": status,
    }
    assert access["remote_address"] == "127.0.0.1" and access["x_real_ip"] == "203.0.113.7"
    assert access["user_agent"] == 'a "quoted" agent'
    assert access["bytes"] > 0 and access["duration_ms"] > 0


@pytest.mark.proxy  # starts gunicorn
def test_access_log_0_leaves_out_the_line_per_request(tmp_path):
    """As the benchmarks run it (bench/run.py), so that they do not measure logging."""
    _, lines = gunicorn_log(tmp_path, ACCESS_LOG="0")
    entries = [json.loads(line) for line in lines]
    assert entries and not [entry for entry in entries if entry["logger"] == "gunicorn.access"]
