"""Filters that tell the truth: a real year or theme with no items lists none and says so; only a malformed
value is ignored, with a message, and never shown back; the admin offers themes as checkboxes and filters
publications by language.

Seen (issue 15): ``/news/?year=2007`` (a real year with no items) listed *every* item under "Select a valid
choice"; themes in the admin were a multiple select needing Ctrl-click; the admin publication listing had no
language filter although the public library has one.
"""

import datetime

import pytest
from wagtail.models import Locale

from core.models import Theme
from news.models import NewsItem
from pages.roles import NEWS_EDITORS, PUBLICATION_MANAGERS
from publications.models import PublicationFile

from .conftest import assert_queries_after_a_change_then_later
from .factories import make_document, make_news_item, make_publication, make_theme, publish
from .markup import parse
from .test_admin import NEWS_ADMIN, PUBLICATIONS_ADMIN, news_form, user_in
from .test_languages import translate_item

D = datetime.date
NOT_APPLIED = "We could not use the filter"


@pytest.fixture
def content(site_tree):
    """News of 2008 and an event of 2009, a publication of each year; a published theme with no items
    (partnerships) and an English theme never published (research)."""
    prevention, protection = site_tree["themes"]["prevention"], site_tree["themes"]["protection"]
    publish(make_theme("Partnerships"))
    Theme.objects.create(name="Research", slug="research", live=False)
    make_news_item(title="News of 2008", kind="news", date=D(2008, 6, 1), themes=[prevention])
    make_news_item(title="Event of 2009", kind="event", date=D(2009, 3, 1), themes=[protection])
    make_publication(title="Toolkit of 2008", date=D(2008, 10, 9), themes=[prevention])
    make_publication(title="Report of 2009", date=D(2009, 1, 1), themes=[protection])
    return site_tree


TITLE_CLASSES = {"news-list__title", "publication-card__title"}


def listed(document):
    return [element.text for element in document.find_all() if element.get("class") in TITLE_CLASSES]


def paragraphs(document):
    """(text, link addresses) of each paragraph of the page's main content."""
    return [(p.text, [link["href"] for link in p.find_all("a")]) for p in document.find("main").find_all("p")]


def get(client, url, query):
    response = client.get(url, query)
    assert response.status_code == 200
    return parse(response.content.decode())


def selected(document, name):
    select = document.find("select", name=name)
    return [option.get("value") for option in select.find_all("option") if "selected" in option.attrs]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url, query, sentence",
    [
        ("/news/", {"year": "2007"}, "No news or events from 2007."),
        ("/news/", {"theme": "partnerships"}, "No news or events on the theme “Partnerships”."),
        ("/news/", {"year": "2009", "theme": "prevention"}, "No news or events from 2009 on the theme “Prevention”."),
        ("/news/", {"year": "2008", "kind": "event"}, "No events from 2008."),
        ("/news/", {"theme": "protection", "kind": "news"}, "No news items on the theme “Protection”."),
        (
            "/news/",
            {"year": "1949", "theme": "partnerships", "kind": "event"},
            "No events from 1949 on the theme “Partnerships”.",
        ),
        ("/publications/", {"year": "2007"}, "No publications from 2007."),
        ("/publications/", {"theme": "partnerships"}, "No publications on the theme “Partnerships”."),
        (
            "/publications/",
            {"year": "2009", "theme": "prevention"},
            "No publications from 2009 on the theme “Prevention”.",
        ),
        ("/publications/", {"language": "ru"}, "No publications match these filters. Try removing one."),
    ],
)
def test_a_real_year_or_theme_with_no_items_lists_none_and_says_so(client, content, url, query, sentence):
    document = get(client, url, query)
    assert listed(document) == []
    assert NOT_APPLIED not in document.text
    assert "0 results" in [strong.text for strong in document.find_all("strong")]
    all_items = "All news and events" if url == "/news/" else "All publications"
    assert (sentence, []) in paragraphs(document) and (all_items, [url]) in paragraphs(document)
    if "year" in query:  # the form shows the year filtered, though it has no items
        assert selected(document, "year") == [query["year"]]


@pytest.mark.django_db
def test_the_year_list_offers_the_years_with_items(client, content):
    for url in ("/news/", "/publications/"):
        options = get(client, url, {}).find("select", name="year").find_all("option")
        assert [option["value"] for option in options] == ["", "2009", "2008"]


@pytest.mark.django_db
@pytest.mark.parametrize("url, kept, expected", [("/news/", {"kind": "event"}, ["Event of 2009"])])
@pytest.mark.parametrize(
    "bad, label",
    [
        ({"year": "abc"}, "Year"),
        ({"year": "99999999999"}, "Year"),
        ({"year": "0999"}, "Year"),
        ({"year": "-2008"}, "Year"),
        ({"year": "2008.0"}, "Year"),
        ({"year": "٢٠٠٨"}, "Year"),  # digits a select never sends: malformed, as for ?page=
        ({"year": "9" * 5000}, "Year"),
        ({"theme": "nope"}, "Theme"),  # no such theme: nothing to name, and never a visitor's own words
        ({"theme": "research"}, "Theme"),  # an English theme not published
    ],
)
def test_a_malformed_value_is_ignored_with_a_message_and_the_other_filters_apply(
    client, content, url, kept, expected, bad, label
):
    document = get(client, url, {**bad, **kept})
    assert listed(document) == expected
    [notice] = [p.text for p in document.find_all("p") if NOT_APPLIED in p.text]
    assert notice == f"We could not use the filter {label}, so it is not applied."
    control = document.find("select", name=next(iter(bad)))
    assert control["aria-invalid"] == "true" and document.find("p", id=control["aria-describedby"]) is not None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url, name",
    [("/news/", "kind"), ("/news/", "theme"), ("/publications/", "publication_type"), ("/publications/", "language")],
)
def test_a_malformed_value_is_never_shown_back(client, content, url, name):
    """A link to the site cannot make it say what the link's maker wants (a false hotline number, say)."""
    planted = "Call 0800 000 000 now"
    html = client.get(url, {name: planted}).content.decode()
    assert NOT_APPLIED in html and "0800 000 000" not in html


# Public pages' query budget with filters that leave nothing, after a change and on every later request
# (tests/test_listings.py): the same whatever the number of items.
ZERO_RESULT_QUERIES = {
    "/news/?year=2007&theme=prevention": (23, 1),
    "/news/?year=2007": (23, 1),
    "/publications/?year=2007&theme=protection": (23, 1),
}


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize("count", [5, 60])
@pytest.mark.parametrize("url", list(ZERO_RESULT_QUERIES))
def test_a_listing_left_empty_by_its_filters_costs_a_fixed_number_of_queries(
    client, site_tree, settings, django_assert_num_queries, count, url
):
    settings.PAGE_CACHE_SECONDS = 0
    themes = list(site_tree["themes"].values())
    for _ in range(count):
        make_news_item(themes=themes)  # all from 2008 on
        make_publication(themes=themes)
    assert "0 results" in client.get(url).content.decode()
    assert_queries_after_a_change_then_later(client, url, ZERO_RESULT_QUERIES[url], django_assert_num_queries)


# The admin


def theme_checkboxes(html):
    document = parse(html)
    assert document.find("select", name="themes") is None, "no multiple select"
    return {box["value"]: "checked" in box.attrs for box in document.find_all("input", type="checkbox", name="themes")}


@pytest.mark.django_db
@pytest.mark.parametrize("role, admin_url", [(NEWS_EDITORS, NEWS_ADMIN), (PUBLICATION_MANAGERS, PUBLICATIONS_ADMIN)])
def test_themes_are_checkboxes_of_the_published_english_themes(client, content, role, admin_url):
    themes = {theme.slug: str(theme.pk) for theme in Theme.objects.filter(locale__language_code="en")}
    french = Theme.objects.get(slug="prevention").copy_for_translation(Locale.objects.get(language_code="fr"))
    french.name = "Prévention"
    french.save()
    publish(french)
    client.force_login(user_in(role, "someone"))
    html = client.get(f"{admin_url}add/").content.decode()
    assert theme_checkboxes(html) == {themes[slug]: False for slug in ("partnerships", "prevention", "protection")}
    assert "core/admin/theme_checkboxes" in html, "laid out in columns"


@pytest.mark.django_db
def test_a_theme_an_item_has_stays_checked_though_no_longer_published(client, content):
    """Saving the item keeps it: the editor sees it, and can untick it."""
    item = make_news_item(title="Tagged", themes=[Theme.objects.get(slug="research"), content["themes"]["prevention"]])
    client.force_login(user_in(NEWS_EDITORS, "editor"))
    boxes = theme_checkboxes(client.get(f"{NEWS_ADMIN}edit/{item.pk}/").content.decode())
    research, prevention = (str(Theme.objects.get(slug=slug).pk) for slug in ("research", "prevention"))
    assert boxes[research] is True and boxes[prevention] is True
    assert len(boxes) == 4


@pytest.mark.django_db
def test_a_forged_post_cannot_tag_an_item_with_an_unpublished_theme(client, content):
    """The form offers only published themes (and the item's own), and refuses any other however posted."""
    client.force_login(user_in(NEWS_EDITORS, "editor"))
    response = client.post(f"{NEWS_ADMIN}add/", news_form(Theme.objects.get(slug="research")))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not NewsItem.objects.filter(title="Training for prosecutors").exists()


@pytest.mark.django_db
def test_the_admin_publication_listing_filters_by_file_language_and_by_locale(client, site_tree):
    manuel = make_publication(title="Manuel des juges")
    PublicationFile.objects.create(publication=manuel, language="fr", document=make_document("Manuel"))
    report = make_publication(title="Annual report")
    translate_item(report, "fr", title="Rapport annuel")
    client.force_login(user_in(PUBLICATION_MANAGERS, "manager"))

    def titles(query):
        html = client.get(PUBLICATIONS_ADMIN, query).content.decode()
        return {title for title in ("Manuel des juges", "Annual report", "Rapport annuel") if title in html}

    document = parse(client.get(PUBLICATIONS_ADMIN).content.decode())
    languages = [box["value"] for box in document.find_all("input", name="language")]
    assert languages == ["", "en", "fr", "es", "ru", "ar", "zh"]
    assert titles({}) == {"Manuel des juges", "Annual report", "Rapport annuel"}
    assert titles({"language": "fr"}) == {"Manuel des juges"}  # has a French file, as the public filter reads
    assert titles({"locale": "fr"}) == {"Rapport annuel"}  # is the French version
    assert titles({"language": "fr", "locale": "en"}) == {"Manuel des juges"}
