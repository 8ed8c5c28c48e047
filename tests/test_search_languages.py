"""Site search in each language finds the words of its texts as that language writes them: PostgreSQL indexes
each text with its own language's text-search configuration and reads a query in all of them (core/search.py)."""

import re
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.models import Locale

from news.models import NewsItem

from .factories import make_image, make_news_item
from .test_languages import get_document, translate_item

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL stems each language with its own configuration; SQLite's FTS5 matches words as written",
)


@pytest.fixture
def site(site_tree):
    """The test site with one English news item and each language's tree kept in step with English."""
    news = make_news_item(title="Trafficking victims helped", slug="victims-helped", summary="Shelters opened.")
    call_command("sync_locale_trees")
    return {**site_tree, "news": news}


def found(client, search_path, query):
    """The addresses a search lists, best first."""
    results = get_document(client, f"{search_path}?{urlencode({'q': query})}").find("ol", class_="search-results")
    return [link["href"] for link in results.find_all("a")] if results else []


def indexed_lexemes(obj):
    """The lexemes of ``obj``'s title and body as the search index holds them."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tsvector_to_array(title || body) FROM wagtailsearch_indexentry WHERE id = %s",
            [obj.index_entries.get().pk],
        )
        return set(cursor.fetchone()[0])


FRENCH = {"title": "Aide aux victimes", "summary": "Les victimes de la traite sont protégées."}
CHINESE = {"title": "援助受害者", "summary": "人口贩运，受害者保护。"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language, fields, query",
    [
        pytest.param("fr", FRENCH, "protéger", marks=on_postgresql),
        pytest.param("es", {"title": "Ayuda a las víctimas", "summary": "Las víctimas fueron rescatadas."}, "rescate",
                     marks=on_postgresql),
        pytest.param("ru", {"title": "Помощь жертвам", "summary": "Помощь жертвам торговли людьми."}, "жертвы",
                     marks=on_postgresql),
        # The definite article and the preposition are not part of the word: الاتجار بالبشر.
        pytest.param("ar", {"title": "مساعدة الضحايا", "summary": "مكافحة الاتجار بالبشر."}, "اتجار",
                     marks=on_postgresql),
        # PostgreSQL cannot split Chinese into words: one is found where punctuation or spaces set it apart.
        ("zh-hans", CHINESE, "人口贩运"),
    ],
)  # fmt: skip
def test_a_translation_is_found_by_another_form_of_its_words_in_its_languages_search(
    client, site, language, fields, query
):
    translate_item(site["news"], language, **fields)
    assert found(client, f"/{language}/search/", query) == [f"/{language}/news/victims-helped/"]


@pytest.mark.django_db
@on_postgresql
def test_english_is_found_by_another_form_of_its_words_in_every_languages_search(client, site):
    assert found(client, "/search/", "helping victim") == ["/news/victims-helped/"]
    # Not yet translated, so offered in English in every language, and read as English there.
    assert found(client, "/ru/search/", "helping victim") == ["/ru/news/victims-helped/"]
    # A page not yet translated is an alias holding the English page's text: English, in every tree.
    assert "/ar/what-is-human-trafficking/" in found(client, "/ar/search/", "trafficked")


@pytest.mark.django_db
@on_postgresql
def test_each_text_is_indexed_with_its_own_languages_configuration(site):
    french = translate_item(site["news"], "fr", **FRENCH)
    chinese = translate_item(site["news"], "zh-hans", **CHINESE)
    french_alias = site["standard"].get_translation(Locale.objects.get(language_code="fr")).specific

    assert {"victim", "trait", "proteg"} <= indexed_lexemes(french)
    assert "victimes" not in indexed_lexemes(french)
    assert indexed_lexemes(chinese) == {"援助受害者", "人口贩运", "受害者保护"}  # as written, split at punctuation
    assert {"traffick", "victim", "help"} <= indexed_lexemes(site["news"])
    assert "traffick" in indexed_lexemes(french_alias)  # the English it holds, though in the French tree
    assert "traffick" in indexed_lexemes(make_image("Trafficking routes"))  # no language of its own: English


@pytest.mark.django_db
@on_postgresql
def test_a_search_need_not_know_its_language_to_find_each_text_by_its_own_forms(site):
    """Wagtail's search API, as any code calls it, reads the query in every language."""
    russian = translate_item(site["news"], "ru", title="Помощь жертвам", summary="Помощь жертвам торговли людьми.")
    assert list(NewsItem.objects.live().search("жертвы")) == [russian]
    assert list(NewsItem.objects.live().search("helping")) == [site["news"]]


@pytest.mark.django_db
@on_postgresql
def test_a_query_read_in_every_language_is_one_constant_the_index_can_serve(site):
    """PostgreSQL folds the readings into one tsquery before running the search: the condition test_discovery
    shows the GIN index of pages.0005 serving, whichever plan a table this small gets."""
    plan = NewsItem.objects.live().search("victimes").get_queryset().explain()
    assert re.search(r"\(title \|\| body\) @@ '''victim''[^()]* \| ''victimes''[^()]*'::tsquery", plan), plan
