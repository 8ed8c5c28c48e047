"""The shipped nginx config (deploy/nginx) in front of a live server: it caches anonymous pages and
Wagtail's purge on publish removes them, so visitors never see a stale page.

Skipped, with the reason, when nginx or its cache purge module is not installed; with
REQUIRE_PROXY_TESTS set, that fails instead.
"""

import http.client
import os
import time

import pytest

from deploy.nginx import config as nginx_config

from .factories import make_news_item, make_site_tree

SITE_HOST = "localhost"  # make_site_tree's default site: Wagtail purges http://localhost/<path>


def test_shipped_config_is_the_rendered_template():
    assert (nginx_config.HERE / "unodc.conf").read_text() == nginx_config.render(nginx_config.PRODUCTION), (
        "deploy/nginx/unodc.conf is out of date: python -m deploy.nginx.config > deploy/nginx/unodc.conf"
    )


@pytest.fixture
def proxy(live_server, settings, tmp_path, wagtail_base_rows):
    """nginx with the shipped config in front of the live server; Wagtail purges through it.

    Returns a function making a GET through nginx: (status, headers, body).
    """
    if not nginx_config.available():
        reason = f"nginx with the cache purge module not found ({nginx_config.NGINX}, {nginx_config.PURGE_MODULE})"
        if os.environ.get("REQUIRE_PROXY_TESTS"):
            pytest.fail(f"REQUIRE_PROXY_TESTS is set but {reason}")
        pytest.skip(f"{reason}: apt-get install nginx libnginx-mod-http-cache-purge")
    port, purge_port = nginx_config.free_port(), nginx_config.free_port()
    values = {
        "UPSTREAM": f"127.0.0.1:{live_server.url.rsplit(':', 1)[1]}",
        "LISTEN": f"127.0.0.1:{port}",
        "SERVER_NAME": "_",
        "PURGE_LISTEN": f"127.0.0.1:{purge_port}",
        "CACHE_DIR": tmp_path / "cache",
        "STATIC_ROOT": tmp_path / "static",
        "MEDIA_ROOT": settings.MEDIA_ROOT,
    }
    # Read by Wagtail each time it purges (frontend_cache.utils.get_backends), so overriding the
    # setting here is enough: nothing caches the backends.
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{purge_port}",
        }
    }

    def get(path, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            connection.request("GET", path, headers={"Host": SITE_HOST, **(headers or {})})
            response = connection.getresponse()
            return response.status, response.headers, response.read().decode()
        finally:
            connection.close()

    with nginx_config.running_nginx(tmp_path / "nginx", values):
        yield get


def test_publishing_a_news_item_purges_the_cached_listing(proxy):
    make_site_tree()
    make_news_item(title="Older story")

    status, headers, body = proxy("/news/")
    assert status == 200 and "Older story" in body
    assert headers["X-Cache-Status"] == "MISS"
    status, headers, body = proxy("/news/")
    assert status == 200 and headers["X-Cache-Status"] == "HIT"

    make_news_item(title="Breaking story")  # saved, then its revision published, as the admin does

    status, headers, body = proxy("/news/")
    assert status == 200 and "Breaking story" in body
    assert headers["X-Cache-Status"] == "MISS"  # the purge removed the cached listing


def test_personal_requests_go_past_the_cache(proxy):
    make_site_tree()

    for _ in range(2):
        assert proxy("/news/", {"Cookie": "sessionid=abc"})[1]["X-Cache-Status"] == "BYPASS"
        assert proxy("/news/", {"Cookie": "csrftoken=abc"})[1]["X-Cache-Status"] == "BYPASS"
        assert proxy("/news/?theme=prevention", {"Cookie": "sessionid=abc"})[1]["X-Cache-Status"] == "BYPASS"
    assert "X-Cache-Status" not in proxy("/admin/login/")[1]
    # Without a personal cookie, the same listing is stored.
    proxy("/news/", {"Cookie": "theme=dark"})
    assert proxy("/news/")[1]["X-Cache-Status"] == "HIT"


def test_query_string_pages_are_kept_only_seconds(proxy):
    """Filters and searches cannot be purged by name, so nginx keeps them only 5 seconds."""
    tree = make_site_tree()
    make_news_item(title="Older story", themes=[tree["themes"]["prevention"]])
    for url in ("/news/?theme=prevention", "/search/?q=story"):
        assert proxy(url)[1]["X-Cache-Status"] == "MISS"
        assert proxy(url)[1]["X-Cache-Status"] == "HIT"
    make_news_item(title="Breaking story", themes=[tree["themes"]["prevention"]])
    time.sleep(6.5)  # nginx counts the 5 seconds in whole seconds: up to 6 in all
    for url in ("/news/?theme=prevention", "/search/?q=story"):
        status, headers, body = proxy(url)
        assert headers["X-Cache-Status"] in ("EXPIRED", "MISS"), url
        assert "Breaking" in body, url  # search marks the word: Breaking <mark>story</mark>
