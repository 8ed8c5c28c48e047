"""Finding things: filtered listings, site search, feeds, sitemap, robots, metadata and related content."""

import datetime
import json
import re
from html import unescape

import feedparser
import pytest
from django.utils import timezone

from publications.models import PublicationFile

from .conftest import assert_queries_after_a_change_then_later
from .factories import make_document, make_image, make_news_item, make_publication, publish
from .markup import parse
from .test_sitemap import NAMESPACES, sitemap_urls

D = datetime.date


def titles(response):
    return re.findall(
        r'class="(?:news-list|publication-card)__title"><a href="[^"]+">([^<]+)</a>', response.content.decode()
    )


@pytest.fixture
def news(site_tree):
    prevention, protection = site_tree["themes"]["prevention"], site_tree["themes"]["protection"]
    return {
        "old event": make_news_item(title="Old event", kind="event", date=D(2007, 5, 1), themes=[prevention]),
        "old news": make_news_item(title="Old news", date=D(2007, 6, 1), themes=[protection]),
        "new event": make_news_item(title="New event", kind="event", date=D(2008, 5, 1), themes=[protection]),
        "new news": make_news_item(title="New news", date=D(2008, 6, 1), themes=[prevention, protection]),
        "draft": make_news_item(title="Draft news", date=D(2008, 7, 1), themes=[prevention], live=False),
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query, expected",
    [
        ({}, ["New news", "New event", "Old news", "Old event"]),
        ({"year": "2008"}, ["New news", "New event"]),
        ({"theme": "prevention"}, ["New news", "Old event"]),
        ({"kind": "event"}, ["New event", "Old event"]),
        ({"year": "2008", "theme": "protection", "kind": "event"}, ["New event"]),
        ({"year": "2007", "kind": "news", "theme": "prevention"}, []),
    ],
)
def test_news_filters_alone_and_combined(client, news, query, expected):
    response = client.get("/news/", query)
    assert titles(response) == expected
    count = len(expected)
    strong = [element.text for element in parse(response.content.decode()).find_all("strong")]
    assert f"{count} result{'' if count == 1 else 's'}" in strong


@pytest.mark.django_db
def test_active_filters_are_shown_with_a_way_to_remove_each_and_to_clear_all(client, news):
    html = client.get("/news/", {"year": "2008", "theme": "prevention"}).content.decode()
    assert 'href="?theme=prevention">Year: 2008' in html
    assert 'href="?year=2008">Theme: Prevention' in html
    assert ("/news/", "Clear filters") in links(html)
    assert meta(html)["robots"] == "noindex"
    assert "robots" not in meta(client.get("/news/", {"year": "2008"}).content.decode())


FILTERS = {
    "/news/": {"year", "theme", "kind"},
    "/publications/": {"q", "publication_type", "year", "theme", "language"},
}


@pytest.mark.django_db
@pytest.mark.parametrize("url", list(FILTERS))
@pytest.mark.parametrize(
    "query",
    [
        {"year": "abc"},
        {"year": "19000"},  # a real year with no items is not bad: it lists none (tests/test_filters.py)
        {"theme": "nope"},
        {"theme": "\x00nope"},
        {"kind": "party"},
        {"publication_type": "scroll"},
        {"language": "xx"},
        {"q": "x" * 5000},
    ],
)
def test_bad_filter_values_show_the_listing_with_a_message(client, news, url, query):
    make_publication()
    response = client.get(url, {**query, "page": "-1"}, follow=True)  # a control character is first taken out
    assert response.status_code == 200
    html = response.content.decode()
    assert ("We could not use the filter" in html) == bool(set(query) & FILTERS[url])
    assert titles(response), "the listing is still shown"


@pytest.mark.django_db
def test_publication_filters(client, site_tree):
    prevention = site_tree["themes"]["prevention"]
    make_publication(title="Toolkit on victims", publication_type="toolkit", date=D(2008, 10, 9), themes=[prevention])
    make_publication(title="Annual report", publication_type="report", date=D(2009, 1, 1))
    french = make_publication(title="Manuel", publication_type="manual", date=D(2009, 2, 1))
    PublicationFile.objects.create(publication=french, language="fr", document=make_document("Manuel"))
    assert titles(client.get("/publications/", {"publication_type": "toolkit"})) == ["Toolkit on victims"]
    assert titles(client.get("/publications/", {"year": "2009"})) == ["Manuel", "Annual report"]
    assert titles(client.get("/publications/", {"theme": "prevention"})) == ["Toolkit on victims"]
    assert titles(client.get("/publications/", {"language": "fr"})) == ["Manuel"]
    assert titles(client.get("/publications/", {"q": "VICTIMS"})) == ["Toolkit on victims"]
    assert titles(client.get("/publications/", {"q": "annual", "year": "2009", "publication_type": "report"})) == [
        "Annual report"
    ]


@pytest.mark.django_db
def test_search_finds_pages_news_and_publications_by_words_in_their_bodies_and_never_drafts(client, site_tree):
    page = site_tree["standard"]
    page.body = [("paragraph", "<p>The zanzibarian corridor.</p>")]
    publish(page)
    body = [("paragraph", "<p>A zanzibarian meeting.</p>")]
    news = make_news_item(title="Meeting", body=body)
    publication = make_publication(title="Study", body=body)
    make_news_item(title="Secret", body=body, live=False)
    response = client.get("/search/", {"q": "zanzibarian"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<strong>3 results for" in html
    found = re.findall(r'class="search-result__title"><a href="([^"]+)"', html)
    assert sorted(found) == sorted(["/what-is-human-trafficking/", news.get_url(), publication.get_url()])
    assert {kind for kind in re.findall(r'<span class="tag">([^<]+)</span>', html)} == {"Page", "News", "Report"}
    assert "Secret" not in html
    # Every result's date is a valid HTML date: a page's publication time is shown as its day.
    published = timezone.localtime(page.last_published_at).date()
    assert {news.date.isoformat(), publication.date.isoformat(), published.isoformat()} == set(
        re.findall(r'<time datetime="([^"]+)"', html)
    )


@pytest.mark.django_db
def test_search_highlights_the_query_and_escapes_everything_else(client, site_tree):
    make_news_item(title="Vienna <b>forum</b>", summary="The forum met in Vienna.")
    html = client.get("/search/", {"q": "forum"}).content.decode()
    assert "Vienna &lt;b&gt;<mark>forum</mark>&lt;/b&gt;" in html
    assert "The <mark>forum</mark> met in Vienna." in html


def meta(html):
    """The page's <meta> tags: name (or property) to content."""
    return {tag.get("name") or tag.get("property"): tag.get("content") for tag in parse(html).find_all("meta")}


def links(html):
    """(href, text) of every link on the page."""
    return [(link.get("href"), link.text) for link in parse(html).find_all("a")]


def search(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["zzzzqqq", '"unbalanced', "NEAR(a b)", "tool*", "<script>"])
def test_search_never_fails_on_what_the_search_engine_could_choke_on(client, site_tree, query):
    assert "Nothing matched your search" in search(client, query)


@pytest.mark.django_db
def test_an_empty_search_shows_the_form_and_no_results(client, site_tree):
    document = parse(search(client, ""))
    assert document.find("input", id="search-query") is not None
    assert "results for" not in document.text


@pytest.mark.django_db
def test_a_search_too_long_to_run_says_so(client, site_tree):
    assert "Your search is too long" in search(client, "x" * 100_000)


@pytest.mark.django_db
def test_every_page_has_a_search_box_in_its_header(client, site_tree):
    header = client.get("/prevention/").content.decode().split("</header>")[0]
    assert 'action="/search/"' in header and 'name="q"' in header


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/news/feed/", "/news/feed/atom/"])
def test_feeds_list_live_items_newest_first_and_parse_cleanly(client, news, path):
    response = client.get(path)
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert [entry.title for entry in feed.entries] == ["New news", "New event", "Old news", "Old event"]
    entry = feed.entries[0]
    assert entry.link == f"http://localhost/news/{news['new news'].slug}/"
    assert entry.id == entry.link
    assert entry.summary == news["new news"].summary
    assert entry.published_parsed[:3] == (2008, 6, 1)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query, expected",
    [("theme=prevention", ["New news", "Old event"]), ("kind=event", ["New event", "Old event"]), ("theme=nope", None)],
)
def test_feeds_per_theme_and_kind(client, news, query, expected):
    feed = feedparser.parse(client.get(f"/news/feed/?{query}").content)
    assert [entry.title for entry in feed.entries] == (expected or ["New news", "New event", "Old news", "Old event"])


@pytest.mark.django_db
def test_feeds_are_advertised_on_every_page(client, site_tree):
    html = client.get("/un-gift/").content.decode()
    alternates = {
        (link["type"], link["href"]): link.get("title") for link in parse(html).find_all("link", rel="alternate")
    }
    assert alternates[("application/rss+xml", "/news/feed/")] == "News and events (RSS)"
    assert "application/atom+xml" in {kind for kind, _ in alternates}


@pytest.mark.django_db
def test_sitemap_lists_live_pages_news_and_publications(client, site_tree, news):
    publication = make_publication()
    make_publication(title="Draft publication", slug="draft-publication", live=False)
    urls = sitemap_urls(client)  # from the index, each section
    locations = {url.findtext("s:loc", namespaces=NAMESPACES) for url in urls}
    assert "http://localhost/" in locations and "http://localhost/un-gift/" in locations
    assert f"http://localhost/news/{news['new news'].slug}/" in locations
    assert f"http://localhost/publications/{publication.slug}/" in locations
    assert f"http://localhost/news/{news['draft'].slug}/" not in locations
    assert "http://localhost/publications/draft-publication/" not in locations
    assert all(url.findtext("s:lastmod", namespaces=NAMESPACES) for url in urls)


@pytest.mark.django_db
def test_robots_points_to_the_sitemap_and_keeps_crawlers_out_of_admin_and_search(client, site_tree):
    response = client.get("/robots.txt")
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in text and "Disallow: /search/" in text
    assert "Sitemap: http://localhost/sitemap.xml" in text


def json_ld(html):
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1])["@graph"]


@pytest.mark.django_db
def test_metadata_on_pages_news_and_publications(client, site_tree):
    event = make_news_item(title="Forum", kind="event", date=D(2008, 2, 13), end_date=D(2008, 2, 15), location="Vienna")
    article = make_news_item(title="Report released")
    publication = make_publication(title="Global Report")
    cases = {
        "/": {"Organization", "BreadcrumbList"},
        f"/news/{event.slug}/": {"Event", "BreadcrumbList"},
        f"/news/{article.slug}/": {"NewsArticle", "BreadcrumbList"},
        f"/publications/{publication.slug}/": {"Report", "BreadcrumbList"},
        "/prevention/": {"BreadcrumbList"},
    }
    seen_titles = set()
    for url, types in cases.items():
        html = client.get(url).content.decode()
        assert {node["@type"] for node in json_ld(unescape(html))} == types, url
        document, tags = parse(html), meta(html)
        assert document.find("link", rel="canonical")["href"] == f"http://localhost{url}"
        assert tags["og:image"].startswith("http://localhost/")
        assert tags["twitter:card"] == "summary_large_image"
        assert tags["description"]
        seen_titles.add(document.find("title").text)
    assert len(seen_titles) == len(cases), "every page has its own title"
    event_data = next(
        node for node in json_ld(client.get(f"/news/{event.slug}/").content.decode()) if node["@type"] == "Event"
    )
    assert (event_data["startDate"], event_data["endDate"]) == ("2008-02-13", "2008-02-15")


@pytest.mark.django_db
def test_editors_override_title_description_and_share_image_in_the_promote_tab(client, site_tree):
    page = site_tree["standard"]
    page.seo_title = "Trafficking explained"
    page.search_description = "A short explanation."
    page.share_image = make_image("Share")
    publish(page)
    html = client.get("/what-is-human-trafficking/").content.decode()
    assert parse(html).find("title").text.startswith("Trafficking explained | ")
    assert meta(html)["description"] == "A short explanation."
    assert re.match(r"http://localhost/media/images/[^\"]+fill-1200x630", meta(html)["og:image"])


@pytest.mark.django_db
def test_news_item_shows_related_items_and_its_theme_section(client, news):
    html = client.get(f"/news/{news['new news'].slug}/").content.decode()
    related = html[html.index("Related news and events") :]
    assert "New event" in related and "Old event" in related and "Old news" in related
    assert "Draft news" not in html
    assert ("/prevention/", "Prevention") in links(html)


@pytest.mark.django_db
def test_publication_shows_related_publications_and_news(client, site_tree, news):
    prevention = site_tree["themes"]["prevention"]
    publication = make_publication(title="Main", themes=[prevention])
    make_publication(title="Sibling", themes=[prevention])
    make_publication(title="Unrelated")
    html = client.get(f"/publications/{publication.slug}/").content.decode()
    assert "Sibling" in html and "Unrelated" not in html
    assert "New news" in html[html.index("Related news and events") :]


def build(count, site_tree):
    themes = list(site_tree["themes"].values())
    cover, document = make_image(), make_document()
    for _ in range(count):
        # In 2008 whatever ran before: the filtered listing below lists them (a year with none lists none).
        make_news_item(themes=themes, date=D(2008, 6, 1), summary="Common words for search.")
        make_publication(themes=themes, cover_image=cover, document=document, summary="Common words for search.")


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize("count", [5, 60])
@pytest.mark.parametrize(
    "url, queries",
    [
        # The ranking, then the results shown, a query per kind among them (60 news items fill the first page);
        # asked again, the page of results as shown.
        ("/search/?q=common", {5: (20, 1), 60: (19, 1)}),
        ("/news/feed/", (14, 1)),  # rendered once per change (core.cache.cached_response)
        ("/news/?year=2008&theme=prevention", (25, 1)),  # its page's keys, then its rows (core.pagination)
        ("/sitemap.xml", (8, 1)),  # the index: tests/test_sitemap.py measures it and its sections
    ],
)
def test_query_count_of_search_feeds_and_filters_is_constant(
    client, site_tree, settings, django_assert_num_queries, count, url, queries
):
    """After a change, then on every later request (site furniture kept per content generation; a search asked
    again, its ranking)."""
    settings.PAGE_CACHE_SECONDS = 0
    build(count, site_tree)
    client.get(url)
    queries = queries[count] if isinstance(queries, dict) else queries
    assert_queries_after_a_change_then_later(client, url, queries, django_assert_num_queries)


@pytest.mark.django_db
def test_postgresql_search_is_served_by_an_index_not_a_table_scan(site_tree):
    """Wagtail matches ``title || body``; migration pages.0005 indexes exactly that expression."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from news.models import NewsItem

    if connection.vendor != "postgresql":
        pytest.skip("SQLite searches with FTS5")
    make_news_item(title="Indexed words")
    with CaptureQueriesContext(connection) as queries:
        assert len(NewsItem.objects.live().search("indexed")[:10]) == 1
    assert '("wagtailsearch_indexentry"."title" || "wagtailsearch_indexentry"."body") @@' in queries[-1]["sql"]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # with a few rows a scan would be cheaper anyway
        cursor.execute("EXPLAIN SELECT id FROM wagtailsearch_indexentry WHERE (title || body) @@ to_tsquery('indexed')")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "search_title_body_gin" in plan
