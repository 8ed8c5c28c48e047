"""The sitemap is an index of sections served in pages, each page rendered once per content generation:
a few queries whatever the number of items, and nothing unpublished served again."""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.test import Client

from core.addresses import absolute_url
from pages.signals import urls_showing
from pages.sitemaps import TranslationsSitemap

from .conftest import assert_queries_after_a_change_then_later, clear_caches
from .factories import make_news_item, make_publication

NAMESPACES = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
SITEMAP_SECTIONS = ["/sitemap-pages.xml", "/sitemap-news.xml", "/sitemap-publications.xml"]


def get_xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/xml" and response["X-Robots-Tag"].startswith("noindex")
    return ET.fromstring(response.content)


def local(address):
    """The path and query of an absolute address of the site, to ask the test client for."""
    parts = urlsplit(address)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def section_addresses(client):
    """The absolute address of each page of each section, as the index names them."""
    return [loc.text for loc in get_xml(client, "/sitemap.xml").iterfind("s:sitemap/s:loc", NAMESPACES)]


def sitemap_urls(client):
    """Each <url> of the sitemap, following its index to every page of every section."""
    return [url for address in section_addresses(client) for url in section_urls(client, local(address))]


def section_urls(client, url):
    return get_xml(client, url).findall("s:url", NAMESPACES)


def locations(urls):
    return [url.findtext("s:loc", namespaces=NAMESPACES) for url in urls]


@pytest.fixture
def pages_of_two(monkeypatch):
    """Sections in pages of two addresses, to have several pages with a few items."""
    monkeypatch.setattr(TranslationsSitemap, "limit", 2)


@pytest.mark.django_db
def test_the_index_names_each_section_at_site_url_whatever_the_host(client, site_tree):
    for host in ("localhost", "127.0.0.1"):
        clear_caches()  # not the copy rendered for the other host
        assert section_addresses(Client(HTTP_HOST=host)) == [absolute_url(path) for path in SITEMAP_SECTIONS]


@pytest.mark.django_db
def test_each_section_lists_its_own_live_items(client, site_tree):
    item, draft = make_news_item(), make_news_item(live=False)
    publication = make_publication(with_cover=False, with_file=False)
    pages, news, publications = (set(locations(section_urls(client, url))) for url in SITEMAP_SECTIONS)
    assert absolute_url("/") in pages and absolute_url("/news/") in pages
    assert news == {absolute_url(f"/news/{item.slug}/")}
    assert publications == {absolute_url(f"/publications/{publication.slug}/")}
    assert absolute_url(f"/news/{draft.slug}/") not in pages | news | publications


@pytest.mark.django_db
def test_a_section_longer_than_a_page_is_split_into_the_pages_the_index_names(client, site_tree, pages_of_two):
    items = [make_news_item() for _ in range(5)]
    news = [address for address in section_addresses(client) if "/sitemap-news.xml" in address]
    assert news == [absolute_url(f"/sitemap-news.xml{query}") for query in ("", "?p=2", "?p=3")]
    listed = [location for address in news for location in locations(section_urls(client, local(address)))]
    newest_first = sorted(items, key=lambda item: (item.date, item.pk), reverse=True)
    assert listed == [absolute_url(f"/news/{item.slug}/") for item in newest_first]


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["4", "0", "-1", "999999999999999999999"])
def test_a_page_past_the_end_is_a_404(client, site_tree, pages_of_two, page):
    for _ in range(5):
        make_news_item()
    assert client.get("/sitemap-news.xml", {"p": page}).status_code == 404
    assert client.get("/sitemap-news.xml", {"p": page}).status_code == 404  # nothing kept for it either


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["abc", "1.5", "", "1e3", "%00", "1" * 5000])
def test_a_malformed_page_number_is_a_404(client, site_tree, page):
    make_news_item()
    response = client.get(f"/sitemap-news.xml?p={page}", follow=True)  # %00 is first taken out (a redirect)
    assert response.status_code == 404


@pytest.mark.django_db
def test_an_unknown_section_is_a_404(client, site_tree):
    assert client.get("/sitemap-drafts.xml").status_code == 404


@pytest.mark.django_db
def test_a_section_shows_a_publish_and_an_unpublish_on_the_next_request(client, site_tree):
    item = make_news_item()
    address = absolute_url(f"/news/{item.slug}/")
    assert locations(section_urls(client, "/sitemap-news.xml")) == [address]
    item.unpublish()
    assert locations(section_urls(client, "/sitemap-news.xml")) == []
    newer = make_news_item()
    assert locations(section_urls(client, "/sitemap-news.xml")) == [absolute_url(f"/news/{newer.slug}/")]


@pytest.mark.django_db
def test_a_purge_reaches_the_index_every_page_of_each_section_and_the_page_a_takedown_emptied(
    client, site_tree, pages_of_two
):
    items = [make_news_item() for _ in range(3)]
    items[0].unpublish()  # two left: one page of news, where there were two
    purged = urls_showing(items[0])
    sitemap = [absolute_url("/sitemap.xml")] + [absolute_url(f"/sitemap-news.xml{query}") for query in ("", "?p=2")]
    assert set(sitemap) <= set(purged)
    assert absolute_url("/sitemap-publications.xml") in purged and absolute_url("/sitemap-pages.xml") in purged


def build(count):
    for _ in range(count):
        make_news_item()
        make_publication(with_cover=False, with_file=False)


# Measured on SQLite and PostgreSQL. After a change (the cache emptied, so Wagtail's site root paths too):
# the request's site and the content generation, then the rendering: the index counts each section (and
# the pages section reads the private sections and the site root paths); a section counts its items,
# reads one page of them and their translations, the news and publications sections the private
# sections, their index pages and the site root paths for the index pages' URLs. Later: only the
# generation (the site is kept per generation too). Lower a number when a response gets cheaper, never raise
# one silently.
QUERIES = {
    "/sitemap.xml": (8, 1),
    "/sitemap-pages.xml": (8, 1),
    "/sitemap-news.xml": (9, 1),
    "/sitemap-publications.xml": (9, 1),
}


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize("count", [5, 50])
def test_each_response_costs_the_same_number_of_queries_whatever_the_number_of_items(
    client, site_tree, settings, django_assert_num_queries, subtests, count
):
    settings.PAGE_CACHE_SECONDS = 0  # the app's page cache off: only the sitemap's own
    build(count)
    for url, (after_a_change, later) in QUERIES.items():
        with subtests.test(url=url):
            assert_queries_after_a_change_then_later(client, url, (after_a_change, later), django_assert_num_queries)
    assert len(section_urls(client, "/sitemap-news.xml")) == count
