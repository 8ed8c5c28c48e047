"""Listings: only live items, 20 a page, any ?page= value handled, and a fixed number of queries."""

import pytest
from django.core.cache import cache

from .factories import make_document, make_image, make_news_item, make_publication

LISTINGS = {"/news/": make_news_item, "/publications/": make_publication}


@pytest.mark.django_db
@pytest.mark.parametrize("url", LISTINGS)
def test_listing_paginates_twenty_a_page(client, site_tree, url):
    items = [LISTINGS[url]() for _ in range(45)]
    newest_first = sorted(items, key=lambda item: (item.date, item.pk), reverse=True)
    pages = [client.get(url, {"page": number}).content.decode() for number in (1, 2, 3)]
    item_class = 'class="news-list__item"' if url == "/news/" else 'class="publication-card"'
    assert [page.count(item_class) for page in pages] == [20, 20, 5]
    first_page = pages[0]
    assert f"/{newest_first[0].slug}/" in first_page
    assert f"/{newest_first[20].slug}/" not in first_page
    assert 'aria-current="page"><span class="visually-hidden">Page </span>1</a>' in first_page


@pytest.mark.django_db
@pytest.mark.parametrize("url", LISTINGS)
@pytest.mark.parametrize("page", ["abc", "-1", "0", "1.5", "", "%00", "9" * 40, "٣"])
def test_malformed_page_shows_the_first_page(client, site_tree, url, page):
    LISTINGS[url]()
    response = client.get(f"{url}?page={page}")
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("url", LISTINGS)
def test_page_past_the_end_is_a_404(client, site_tree, url, settings):
    settings.DEBUG = False
    LISTINGS[url]()
    response = client.get(f"{url}?page=2")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.django_db
def test_pagination_links_keep_the_filters(client, site_tree):
    for _ in range(25):
        make_news_item(kind="event")
    html = client.get("/news/?kind=event").content.decode()
    assert 'href="?kind=event&amp;page=2"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["news", "publication"])
def test_drafts_and_unpublished_items_never_reach_public_pages(client, site_tree, kind):
    make = make_news_item if kind == "news" else make_publication
    index = "/news/" if kind == "news" else "/publications/"
    draft = make(title="Secret draft", live=False)
    withdrawn = make(title="Withdrawn item")
    withdrawn.unpublish()
    pages = ["/", index, "/prevention/", f"{index}{draft.slug}/", f"{index}{withdrawn.slug}/"]
    for url in pages:
        html = client.get(url).content.decode()
        assert "Secret draft" not in html and "Withdrawn item" not in html, url
    assert client.get(f"{index}{draft.slug}/").status_code == 404
    assert client.get(f"{index}{withdrawn.slug}/").status_code == 404


@pytest.mark.django_db
def test_a_newer_draft_does_not_replace_the_published_version(client, site_tree):
    item = make_news_item(title="Published title")
    item.title = "Draft title"
    item.save_revision()
    html = client.get(f"/news/{item.slug}/").content.decode()
    assert "Published title" in html and "Draft title" not in html
    assert "Draft title" not in client.get("/news/").content.decode()


def build(count, site_tree):
    themes = list(site_tree["themes"].values())
    news = [make_news_item(themes=themes) for _ in range(count)]
    cover, document = make_image(), make_document()  # shared, to keep 200 items quick to build
    publications = [
        make_publication(themes=themes, featured=True, cover_image=cover, document=document) for _ in range(count)
    ]
    return news[0], publications[0]


# Measured; the same for 5 and 200 items. Lower them as pages get cheaper, never raise them silently.
QUERY_BUDGET = {
    "/": 21,
    "/news/": 15,
    "/publications/": 19,
    "/prevention/": 21,
    "news_item": 16,
    "publication": 18,
    "/un-gift/": 13,
}


@pytest.mark.django_db
@pytest.mark.parametrize("count", [5, 200])
@pytest.mark.parametrize("page", list(QUERY_BUDGET))
def test_query_count_does_not_grow_with_the_number_of_items(client, site_tree, django_assert_num_queries, count, page):
    news_item, publication = build(count, site_tree)
    url = {"news_item": f"/news/{news_item.slug}/", "publication": f"/publications/{publication.slug}/"}.get(page, page)
    client.get(url)  # renders image renditions once, as any earlier visitor would have
    cache.clear()
    with django_assert_num_queries(QUERY_BUDGET[page]):
        assert client.get(url).status_code == 200
