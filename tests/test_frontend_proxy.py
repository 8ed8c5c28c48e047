"""The shipped nginx config (deploy/nginx) in front of a live server: it caches anonymous pages and
Wagtail's purge on publish removes them, so visitors never see a stale page.

Skipped, with the reason, when nginx or its cache purge module is not installed; with
REQUIRE_PROXY_TESTS set, that fails instead.
"""

import time

from deploy.nginx import config as nginx_config
from unodc_site.settings import env

from .factories import PDF_BYTES, make_document, make_news_item, make_publication, make_site_tree


def test_shipped_config_is_the_rendered_template():
    assert (nginx_config.HERE / "unodc.conf").read_text() == nginx_config.render(nginx_config.PRODUCTION), (
        "deploy/nginx/unodc.conf is out of date: python -m deploy.nginx.config > deploy/nginx/unodc.conf"
    )


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


def test_a_publish_purges_every_proxy_listed_in_the_environment(proxies, settings, monkeypatch):
    """One nginx per app node: FRONTEND_CACHE_PURGE_URLS names them all and a publish empties each."""
    nodes = proxies(2)
    monkeypatch.setenv("FRONTEND_CACHE_PURGE_URLS", ", ".join(node.purge_url for node in nodes))
    settings.WAGTAILFRONTENDCACHE = env.frontend_caches()
    make_site_tree()
    make_news_item(title="Older story")
    for node in nodes:
        node("/news/")
        assert node("/news/")[1]["X-Cache-Status"] == "HIT"

    make_news_item(title="Breaking story")

    for node in nodes:
        status, headers, body = node("/news/")
        assert headers["X-Cache-Status"] == "MISS" and "Breaking story" in body, node.port


def test_documents_are_sent_by_nginx_once_the_app_allows_them(proxy, settings, client):
    """DOCUMENT_DOWNLOADS=nginx: Django checks the document may be seen and answers with X-Accel-Redirect;
    nginx sends the file, so no worker streams it. The file's own location is internal to nginx."""
    settings.SENDFILE_BACKEND = "core.downloads"  # what DOCUMENT_DOWNLOADS=nginx sets
    make_site_tree()
    document = make_document("Annual report", name="annual-report.pdf")
    publication = make_publication(title="Annual report", document=document)

    status, headers, body = proxy(document.url)
    assert status == 200 and body == PDF_BYTES.decode()
    assert headers["Content-Type"] == "application/pdf"
    assert headers["Content-Disposition"] == 'inline; filename="annual-report.pdf"'
    assert headers["Content-Security-Policy"] == "default-src 'none'"
    assert "X-Accel-Redirect" not in headers
    internal = client.get(document.url)["X-Accel-Redirect"]
    assert internal == "/_documents/annual-report.pdf" and client.get(document.url).content == b""
    assert proxy(internal)[0] == 404  # only the app can send a visitor there

    publication.unpublish()
    assert proxy(document.url)[0] == 404  # nothing of the earlier answer was kept


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
