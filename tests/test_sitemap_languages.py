"""Every translation, and only real ones, reaches search engines and visitors: in the sitemap at its own
address with its translations as hreflang alternates, and in a news item's or publication's head and
language switcher, whatever slug each translation has."""

from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from core.addresses import absolute_url

from .conftest import clear_caches
from .factories import make_news_item, make_publication
from .test_languages import OTHER_LANGUAGES, get_document, translate, translate_item
from .test_sitemap import NAMESPACES, sitemap_urls


@pytest.fixture
def translated_site(site_tree):
    """English content with French translations of its own, each at a slug of its own: the prevention
    page, the news index (so the French items are under /fr/actualites/) and a news item."""
    news = make_news_item(title="Report launched", slug="report-launched")
    call_command("sync_locale_trees")
    translate(site_tree["prevention"], "fr", title="Prévention", slug="prevention-fr")
    translate(site_tree["news_index"], "fr", title="Actualités", slug="actualites")
    french_news = translate_item(news, "fr", title="Rapport publié", slug="rapport-publie")
    return {**site_tree, "news": news, "french_news": french_news}


def sitemap(client):
    """Each <loc> of the sitemap (every section its index names), with its alternates: {hreflang: href}."""
    return {
        url.findtext("s:loc", namespaces=NAMESPACES): {
            link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link[@rel='alternate']", NAMESPACES)
        }
        for url in sitemap_urls(client)
    }


def head_alternates(document):
    return {link["hreflang"]: link["href"] for link in document.find("head").find_all("link", rel="alternate")
            if link.get("hreflang")}  # fmt: skip


@pytest.mark.django_db
def test_the_sitemap_lists_each_translation_at_its_address_with_all_of_them_as_alternates(client, translated_site):
    urls = sitemap(client)
    for english, french in [
        ("/prevention/", "/fr/prevention-fr/"),
        ("/news/", "/fr/actualites/"),
        ("/news/report-launched/", "/fr/actualites/rapport-publie/"),
    ]:
        alternates = {"en": absolute_url(english), "fr": absolute_url(french), "x-default": absolute_url(english)}
        assert urls[absolute_url(english)] == urls[absolute_url(french)] == alternates  # each names both

    # The aliases kept in step with English show the English page, listed once, at its own address.
    translated = {urlsplit(url).path for url in urls if urlsplit(url).path.split("/")[1] in OTHER_LANGUAGES}
    assert translated == {"/fr/prevention-fr/", "/fr/actualites/", "/fr/actualites/rapport-publie/"}
    # Content in English only has no alternates to name.
    assert urls[absolute_url("/un-gift/")] == {}


@pytest.mark.django_db
def test_the_sitemap_leaves_out_translations_not_public(client, translated_site):
    translated_site["french_news"].unpublish()
    urls = sitemap(client)
    assert absolute_url("/fr/actualites/rapport-publie/") not in urls
    assert urls[absolute_url("/news/report-launched/")] == {}


@pytest.mark.django_db
def test_an_items_switcher_and_head_link_its_translations_whatever_their_slugs(client, translated_site):
    english = get_document(client, "/news/report-launched/")
    french = get_document(client, "/fr/actualites/rapport-publie/")
    for document in (english, french):
        switcher = document.find("nav", class_="language-switcher")
        assert {link["lang"]: link["href"] for link in switcher.find_all("a")} == {
            "ar": "/ar/news/report-launched/",
            "zh-hans": "/zh-hans/news/report-launched/",
            "en": "/news/report-launched/",
            "fr": "/fr/actualites/rapport-publie/",
            "ru": "/ru/news/report-launched/",
            "es": "/es/news/report-launched/",  # not translated: the English item, with a notice
        }
        assert head_alternates(document) == {
            "en": absolute_url("/news/report-launched/"),
            "fr": absolute_url("/fr/actualites/rapport-publie/"),
        }
    assert client.get("/es/news/report-launched/").status_code == 200


@pytest.mark.django_db
def test_an_item_in_english_only_has_no_hreflang(client, translated_site):
    publication = make_publication(title="Global report", slug="global-report")
    assert head_alternates(get_document(client, f"/publications/{publication.slug}/")) == {}


def add_items(count):
    """``count`` news items and publications, each translated into French."""
    for number in range(count):
        translate_item(make_news_item(), "fr", slug=f"nouvelle-{number}")
        translate_item(make_publication(with_cover=False, with_file=False), "fr", slug=f"publication-{number}")


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize("count", [3, 30])
def test_the_sitemap_costs_the_same_number_of_queries_whatever_the_number_of_items(
    client, translated_site, settings, django_assert_num_queries, count
):
    settings.PAGE_CACHE_SECONDS = 0
    add_items(count)
    clear_caches()
    # The index and the page of each section, each rendered once per change (tests/test_sitemap.py says
    # what each reads): 8, 5, 6 and 6, the site and Wagtail's site root paths read by the first only; later
    # 1 each (the content generation).
    with django_assert_num_queries(8 + 5 + 6 + 6):
        urls = sitemap(client)
    assert len([url for url in urls if "/fr/actualites/nouvelle-" in url]) == count
    with django_assert_num_queries(4 * 1):
        sitemap(client)
