"""Degrade, never fail: a hung or refusing Redis and a hung database, with real processes.

Redis: a redis-server of our own (deploy/stack.py) paused with SIGSTOP (it accepts, never answers)
or stopped (it refuses). The database: PostgreSQL behind a TCP proxy of ours (deploy/tcp_proxy.py)
paused the same way, in front of gunicorn.
"""

import contextlib
import http.client
import json
import logging
import os
import signal
import time

import pytest
from django.core.cache import cache
from django.db import connection

from deploy import stack, tcp_proxy
from deploy.nginx import config as nginx_config

from .factories import make_news_item, make_site_tree

PAGES = ["/", "/news/", "/publications/", "/prevention/"]
# 60 requests a phase: the one that finds Redis hung (a 0.25 s timeout) and a stray pause of the
# machine stay under the 5% a p95 leaves out.
ROUNDS = 15


def timed(client, url):
    start = time.perf_counter()
    response = client.get(url)
    return time.perf_counter() - start, response


def p95(durations):
    ordered = sorted(durations)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


@contextlib.contextmanager
def paused(process):
    process.send_signal(signal.SIGSTOP)
    try:
        yield
    finally:
        process.send_signal(signal.SIGCONT)


@pytest.mark.django_db
def test_a_hung_redis_costs_uncached_pages_at_most_twice_their_normal_time(client, redis_url):
    _, redis = redis_url
    make_site_tree()
    make_news_item(title="Still served")
    for url in PAGES:  # compile templates, warm Python's own caches
        client.get(url)

    normal = []
    for _ in range(ROUNDS):
        for url in PAGES:
            cache.clear()  # every request renders, as when Redis is hung
            duration, response = timed(client, url)
            assert response.status_code == 200
            normal.append(duration)

    with paused(redis):
        hung = []
        for _ in range(ROUNDS):
            for url in PAGES:
                duration, response = timed(client, url)
                assert response.status_code == 200, url
                hung.append(duration)
        health_seconds, health = timed(client, "/healthz")

    assert p95(hung) <= 2 * p95(normal), (sorted(normal), sorted(hung))
    assert "Still served" in client.get("/news/").content.decode()
    # The site can serve without its cache: reported, not a failure.
    assert health.status_code == 200 and health.json() == {"database": "ok", "cache": "unavailable"}
    assert health_seconds < 2


@pytest.mark.django_db
def test_a_refusing_redis_is_reported_once_per_interval_not_once_per_call(client, redis_url, settings, caplog):
    _, redis = redis_url
    settings.REDIS_RETRY_SECONDS = 60
    make_site_tree()
    assert client.get("/").status_code == 200
    redis.terminate()
    redis.wait(timeout=10)

    with caplog.at_level(logging.WARNING):
        for url in PAGES * 3:
            assert client.get(url).status_code == 200
    warnings = [record for record in caplog.records if "unavailable" in record.getMessage()]
    assert len(warnings) == 1, [record.getMessage() for record in warnings]
    assert "Redis cache at redis://127.0.0.1" in warnings[0].getMessage()
    assert client.get("/healthz").json()["cache"] == "unavailable"


# The database


def get(port, path, timeout=30):
    """(seconds, status, headers, body) of a GET to 127.0.0.1:port."""
    start = time.monotonic()
    http_connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        http_connection.request("GET", path, headers={"Host": "localhost"})
        response = http_connection.getresponse()
        body = response.read().decode()
        return time.monotonic() - start, response.status, response.headers, body
    finally:
        http_connection.close()


@pytest.mark.proxy  # gunicorn and a TCP proxy of its own
@pytest.mark.postgresql
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL fault: runs in the PostgreSQL run")
@pytest.mark.parametrize("pool_size", ["0", "2"], ids=["persistent connection", "psycopg pool"])
def test_a_hung_database_gets_visitors_a_503_within_5_seconds_and_healthz_says_so(
    wagtail_base_rows, tmp_path, pool_size
):
    make_site_tree()
    make_news_item(title="Back again")
    database = connection.settings_dict
    with tcp_proxy.running(database["PORT"] or 5432) as (proxy_port, proxy):
        port = nginx_config.free_port()
        environment = {
            "PATH": os.environ["PATH"],
            "DJANGO_SETTINGS_MODULE": "unodc_site.settings.base",
            "SECRET_KEY": "fault-test-" + "k" * 50,
            "DATABASE_URL": f"postgres://{database['USER']}@127.0.0.1:{proxy_port}/{database['NAME']}",
            "ALLOWED_HOSTS": "localhost",
            "SITE_URL": "http://localhost",
            "CACHE_DIR": str(tmp_path / "cache"),
            "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
            "DATABASE_RETRY_SECONDS": "2",
            "DATABASE_POOL_SIZE": pool_size,
            "WEB_CONCURRENCY": "1",
        }
        with open(tmp_path / "gunicorn.log", "w") as log, stack.gunicorn(port, environment, log):
            assert get(port, "/news/")[1] == 200  # the worker holds a connection through the proxy

            with paused(proxy):
                seconds, status, headers, body = get(port, "/news/")
                assert status == 503 and headers["Retry-After"], body
                assert seconds < 5
                assert "Sorry, the service is unavailable" in body

                health_seconds, health_status, _, health_body = get(port, "/healthz")
                assert health_status == 503 and health_seconds < 2
                assert json.loads(health_body) == {"database": "unavailable", "cache": "ok"}

                # The breaker is open: the next visitors wait for nothing.
                seconds, status, _, _ = get(port, "/publications/")
                assert status == 503 and seconds < 1

            deadline = time.monotonic() + 15
            while (answer := get(port, "/news/"))[1] != 200 and time.monotonic() < deadline:
                time.sleep(0.5)
            assert answer[1] == 200 and "Back again" in answer[3]
            assert get(port, "/healthz")[1] == 200
        assert "Traceback" not in (tmp_path / "gunicorn.log").read_text()
