"""Site search costs the same few queries however many texts match, and on PostgreSQL ranks at most
core.search.RANKED_MATCHES of them: the newest whose title has the words, then the newest whose text has
them. The best of those still comes first, and what is not live is never found."""

import datetime
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.db import connection

from .conftest import assert_queries_after_a_change_then_later
from .factories import make_document, make_image, make_news_item, make_publication, publish
from .test_search_languages import found

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite's FTS5 keeps Wagtail's search, which ranks every match"
)

D = datetime.date


@pytest.fixture
def bounds(monkeypatch):
    """Sets how many results of each kind the site's search lists and how many matches PostgreSQL ranks to
    find them (never fewer than the results), so that a few items can outnumber both."""

    def set_bounds(results_per_kind, ranked_matches):
        monkeypatch.setattr("pages.search.RESULTS_PER_KIND", results_per_kind)
        monkeypatch.setattr("core.search.RANKED_MATCHES", ranked_matches)

    return set_bounds


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize("count", [5, 50])
@pytest.mark.parametrize(
    "path, search_cache_seconds, queries",
    [
        ("/search/", 0, (21, 8)),
        ("/fr/search/", 0, (24, 10)),
        # Asked again while the content is unchanged: the page of results is read from the cache as shown.
        ("/search/", 60, (21, 1)),
        ("/fr/search/", 60, (24, 1)),
    ],
)
def test_a_word_in_every_item_costs_the_same_queries_whatever_the_number_of_items(
    client, site_tree, settings, bounds, django_assert_num_queries, count, path, search_cache_seconds, queries
):
    """After a change, then on every later request; 50 items of each kind outnumber the 20 PostgreSQL ranks.
    The results shown cost a query per kind among them: a page with the word in its title is among them."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.SEARCH_CACHE_SECONDS = search_cache_seconds
    bounds(10, 20)
    page = site_tree["standard"]
    page.title = "Trafficking"
    publish(page)
    cover, document = make_image(), make_document()
    for _ in range(count):
        make_news_item(summary="Trafficking victims helped.")
        make_publication(summary="A study of trafficking.", cover_image=cover, document=document)
    call_command("sync_locale_trees")  # the French tree, where the English items are offered untranslated
    url = f"{path}?{urlencode({'q': 'trafficking'})}"
    client.get(url)
    assert_queries_after_a_change_then_later(client, url, queries, django_assert_num_queries)


@pytest.mark.django_db
@on_postgresql
def test_the_best_match_comes_first_when_more_texts_match_than_are_ranked(client, site_tree, bounds):
    """Three are ranked of six matches: the one whose title has the word, however old, as Wagtail's ranking
    puts a title first, then the two newest whose text has it. Of those, the best two are listed: the
    title's, then the text with the word three times, not the newest. An older text with the word five
    times is not ranked: it is neither new enough nor a title's."""
    bounds(2, 3)
    best = make_news_item(title="Smuggling of migrants", date=D(2001, 1, 1))
    make_news_item(title="Meeting 2005", summary=" ".join(["Smuggling."] * 5), date=D(2005, 1, 1))
    for year in (2010, 2011, 2013):
        make_news_item(title=f"Meeting {year}", summary="On smuggling.", date=D(year, 1, 1))
    repeated = make_news_item(title="Meeting 2012", summary="Smuggling, smuggling and smuggling.", date=D(2012, 1, 1))

    assert found(client, "/search/", "smuggling") == [best.get_url(), repeated.get_url()]


@pytest.mark.django_db
def test_what_is_not_live_is_never_found_nor_ranked_in_place_of_what_is(client, site_tree, bounds):
    """The newest matches are a draft and a news item taken down: neither is found, nor takes the place of the
    live items among those ranked."""
    bounds(2, 2)
    live = [make_news_item(title=f"Trafficking report {year}", date=D(year, 1, 1)) for year in (2001, 2002)]
    taken_down = make_news_item(title="Trafficking story withdrawn", date=D(2020, 1, 1))
    taken_down.unpublish()
    drafted = make_news_item(title="Trafficking story drafted", date=D(2021, 1, 1), live=False)
    page = site_tree["standard"]
    page.body = [("paragraph", "<p>Trafficking page taken down.</p>")]
    publish(page).unpublish()

    results = found(client, "/search/", "trafficking")
    assert {item.get_url() for item in live} <= set(results)
    assert not {taken_down.get_url(), drafted.get_url(), page.url} & set(results)


@pytest.mark.django_db
def test_a_ranking_kept_for_a_repeated_search_never_outlives_a_takedown(client, site_tree, settings):
    """The same words asked again are answered from the kept ranking, until anything is published or taken down."""
    settings.SEARCH_CACHE_SECONDS = 60
    kept = make_news_item(title="Shelter opens")
    withdrawn = make_news_item(title="Shelter story withdrawn")
    assert set(found(client, "/search/", "shelter")) == {kept.get_url(), withdrawn.get_url()}

    withdrawn.unpublish()

    assert found(client, "/search/", "shelter") == [kept.get_url()]
    added = make_news_item(title="Shelter extended")
    assert set(found(client, "/search/", "shelter")) == {kept.get_url(), added.get_url()}
