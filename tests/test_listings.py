"""Listings: newest first, 20 a page, any ?page= value handled, and a fixed number of queries per page."""

import datetime
import re

import pytest

from .conftest import assert_queries_after_a_change_then_later
from .factories import make_document, make_image, make_news_item, make_publication
from .markup import parse
from .test_pages import assert_custom_404

LISTINGS = [
    pytest.param("/news/", make_news_item, id="news"),
    pytest.param("/publications/", make_publication, id="publications"),
]
# A filter of each listing, and the field value that passes it.
FILTERS = {"/news/": ("kind", "event"), "/publications/": ("publication_type", "toolkit")}
ITEM_TITLE_CLASSES = {"news-list__title", "publication-card__title"}


def listed_slugs(html, index_url):
    """The slugs of the items a listing shows, in the order shown: where each item's title links."""
    item_url = re.compile(rf"{re.escape(index_url)}([^/]+)/")
    titles = [title for title in parse(html).find_all() if title.get("class") in ITEM_TITLE_CLASSES]
    return [item_url.fullmatch(title.find("a")["href"])[1] for title in titles]


def newest_first(items):
    return [item.slug for item in sorted(items, key=lambda item: (item.date, item.pk), reverse=True)]


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize("url, make_item", LISTINGS)
def test_listing_shows_twenty_items_a_page_newest_first(client, site_tree, url, make_item):
    items = [make_item() for _ in range(45)]
    pages = [listed_slugs(client.get(url, {"page": number}).content.decode(), url) for number in (1, 2, 3)]
    assert [len(page) for page in pages] == [20, 20, 5]
    assert pages[0] + pages[1] + pages[2] == newest_first(items)


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize("url, make_item", LISTINGS)
def test_pagination_links_keep_the_filters(client, site_tree, url, make_item):
    name, value = FILTERS[url]
    matching = [make_item(**{name: value}) for _ in range(21)]
    for _ in range(20):
        make_item()
    first = client.get(url, {name: value}).content.decode()
    second = client.get(url, {name: value, "page": "2"}).content.decode()
    assert [link["href"] for link in parse(first).find_all("a", rel="next")] == [f"?{name}={value}&page=2"]
    assert [link["href"] for link in parse(second).find_all("a", rel="prev")] == [f"?{name}={value}&page=1"]
    assert "Page 2 of 2" in second
    assert listed_slugs(second, url) == newest_first(matching)[20:]


@pytest.mark.django_db
@pytest.mark.parametrize("url, make_item", LISTINGS)
@pytest.mark.parametrize("page", ["abc", "-1", "0", "1.5", "", "999999999999999999999", "%00", "1e3", "٣"])
def test_malformed_page_number_shows_the_first_page(client, site_tree, settings, url, make_item, page):
    settings.PAGINATE_BY = 2
    items = [make_item() for _ in range(3)]
    response = client.get(f"{url}?page={page}", follow=True)  # %00 is first taken out (a redirect)
    assert response.status_code == 200
    assert listed_slugs(response.content.decode(), url) == newest_first(items)[:2]
    assert "Page 1 of 2" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("url, make_item", LISTINGS)
@pytest.mark.parametrize("page", ["3", "999999999"])
def test_page_number_past_the_end_is_the_custom_404(client, site_tree, settings, url, make_item, page):
    settings.DEBUG = False
    settings.PAGINATE_BY = 2
    for _ in range(3):
        make_item()
    assert_custom_404(client.get(url, {"page": page}))


@pytest.mark.django_db
@pytest.mark.parametrize("url, make_item", LISTINGS)
def test_an_empty_listing_is_a_first_page_with_a_message(client, site_tree, url, make_item):
    response = client.get(url)
    assert response.status_code == 200
    assert listed_slugs(response.content.decode(), url) == []
    assert "to show yet." in response.content.decode()


def build_content(site_tree, count):
    """``count`` live news items (each with its own image) and featured publications (each with its own cover)."""
    themes = list(site_tree["themes"].values())
    document = make_document()  # one file for all: the listings never show files, the detail shows one
    news = [make_news_item(themes=themes, image=make_image(), image_alt="A photo") for _ in range(count)]
    publications = [make_publication(themes=themes, featured=True, document=document) for _ in range(count)]
    return {
        "/": "/",
        "/news/": "/news/",
        "/publications/": "/publications/",
        "section page": "/prevention/",
        "news item": f"/news/{news[0].slug}/",
        "publication": f"/publications/{publications[0].slug}/",
    }


# Measured on SQLite and PostgreSQL with the page cache off. The first request after a change reads
# the navigation, site settings, index pages, breadcrumbs, the page an address leads to, the item it shows
# and the items it lists, and keeps them per content generation (core.cache.cached_for_content, core.serving);
# every later request costs the second number (budget: 12): the content generation itself, read from the
# database so no cache can outlive a takedown. A listing reads its page's keys, then their rows
# (core.pagination), once per generation.
# The same whatever the number of items: lower a number when a page gets cheaper, never raise one silently.
QUERIES = {
    "/": (27, 1),
    "/news/": (25, 1),  # after a change, each page showing themes reads their names in its language
    "/publications/": (29, 1),
    "section page": (28, 1),
    "news item": (30, 1),
    "publication": (31, 1),  # its cover's renditions, looked up as its content is rendered
}


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize("count", [5, 200])
def test_a_page_costs_the_same_number_of_queries_whatever_the_number_of_items(
    client, site_tree, settings, django_assert_num_queries, subtests, count
):
    settings.PAGE_CACHE_SECONDS = 0  # every request renders its page
    urls = build_content(site_tree, count)
    for name, url in urls.items():
        after_a_change, later = QUERIES[name]
        with subtests.test(page=name):
            assert client.get(url).status_code == 200  # as an earlier visitor would: renditions now exist
            assert_queries_after_a_change_then_later(client, url, (after_a_change, later), django_assert_num_queries)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/news/", "/publications/"])
def test_a_deep_page_of_a_listing_costs_what_its_first_page_costs(
    client, site_tree, settings, django_assert_num_queries, url
):
    """Page 6 of 6 is read as page 1 is: its keys in the listing's order, then its rows (core.pagination), the
    newest first across pages."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.PAGINATE_BY = 2
    make = make_news_item if url == "/news/" else make_publication
    items = [
        make(title=f"Item {number:02}", date=datetime.date(2020, 1, 1) + datetime.timedelta(days=number))
        for number in range(12)
    ]
    titles = []
    for page in (1, 6):
        client.get(f"{url}?page={page}")  # the furniture of this content generation, read once
        with django_assert_num_queries(1):
            response = client.get(f"{url}?page={page}")
        titles += re.findall(r">(Item \d\d)</a>", response.content.decode())
    assert titles == [item.title for item in (items[11], items[10], items[1], items[0])]
