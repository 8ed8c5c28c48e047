"""The site in the six UN languages: English where it always was, the others under their prefix, each
page in the visitor's language where translated and otherwise in English with a notice saying so."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from wagtail.models import Locale, Page
from wagtail.users.models import UserProfile

from core.addresses import absolute_url
from pages.signals import urls_showing
from publications.models import PublicationFile

from .factories import make_document, make_news_item, make_publication, publish
from .markup import parse

LANGUAGES = {"ar": "rtl", "zh-hans": "ltr", "en": "ltr", "fr": "ltr", "ru": "ltr", "es": "ltr"}
OTHER_LANGUAGES = [code for code in LANGUAGES if code != "en"]
PAGE_TYPES = ["", "prevention/", "news/", "news/{news}/", "publications/", "publications/{publication}/",
              "search/?q=report", "get-help/"]  # fmt: skip


@pytest.fixture
def languages_site(site_tree):
    """The test site with each language's tree kept in step with English, as the launch content has it."""
    news = make_news_item(title="Report launched", slug="report-launched")
    publication = make_publication(title="Global report", slug="global-report")
    call_command("sync_locale_trees")
    return {**site_tree, "news": news, "publication": publication}


def address(language, path):
    return f"/{path}" if language == "en" else f"/{language}/{path}"


def get_document(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    return parse(response.content.decode())


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", PAGE_TYPES)
def test_every_page_type_answers_in_every_language_with_its_lang_and_direction(client, languages_site, language, path):
    url = address(language, path.format(news="report-launched", publication="global-report"))
    html = get_document(client, url).find("html")
    assert (html["lang"], html["dir"]) == (language, LANGUAGES[language])


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/prevention/", "/news/", "/publications/", "/search/"])
def test_english_keeps_its_addresses_whatever_the_browser_asks_for(client, languages_site, path):
    """No redirect on Accept-Language: a visitor changes language only by choosing one."""
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9,ar;q=0.8")
    assert response.status_code == 200
    assert parse(response.content.decode()).find("html")["lang"] == "en"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path, notice",
    [
        ("/fr/prevention/", "Cette page n’est pas encore disponible en français. Elle est affichée en anglais."),
        (
            "/fr/news/report-launched/",
            "Cette page n’est pas encore disponible en français. Elle est affichée en anglais.",
        ),
    ],
)
def test_untranslated_content_is_english_marked_and_says_so_in_the_visitors_language(
    client, languages_site, path, notice
):
    document = get_document(client, path)
    assert [note.text for note in document.find_all("div", role="note")] == [notice]
    assert document.find("article")["lang"] == "en"
    english = path.removeprefix("/fr")
    assert document.find("link", rel="canonical")["href"] == absolute_url(english)
    assert document.find_all("link", rel="alternate", hreflang="fr") == []


@pytest.mark.django_db
def test_english_content_inside_an_arabic_page_reads_left_to_right(client, languages_site):
    document = get_document(client, "/ar/prevention/")
    assert (document.find("html")["dir"], document.find("article")["dir"]) == ("rtl", "ltr")
    assert document.find("article")["lang"] == "en"
    assert len(document.find_all("div", role="note")) == 1


@pytest.mark.django_db
def test_the_sites_own_words_inside_english_content_keep_the_visitors_language(client, languages_site):
    document = get_document(client, "/ar/news/report-launched/")
    article = document.find("article")
    assert (article["lang"], article["dir"]) == ("en", "ltr")
    meta = article.find("dl", class_="meta-list")
    assert (meta["lang"], meta["dir"]) == ("ar", "rtl")  # "التاريخ" and the date, as Arabic reads them
    # Titles editors wrote, in whatever language, take the direction of their own text.
    assert {link.get("dir") for link in document.find("nav", class_="main-nav").find_all("a")[1:]} == {"auto"}
    english = get_document(client, "/news/report-launched/").find("dl", class_="meta-list")
    assert english.get("lang") is None


@pytest.mark.django_db
def test_english_content_carries_no_notice_and_no_lang_of_its_own(client, languages_site):
    document = get_document(client, "/prevention/")
    assert document.find_all("div", role="note") == []
    assert document.find("article").get("lang") is None
    assert document.find("link", rel="canonical")["href"] == absolute_url("/prevention/")


def translate(page, language, **fields):
    """A real translation of ``page`` (not the alias kept in step), published."""
    alias = page.get_translation(Locale.objects.get(language_code=language))
    alias.delete()  # what wagtail-localize does when a translation replaces the alias
    translation = page.copy_for_translation(Locale.objects.get(language_code=language))
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    return publish(translation)


@pytest.mark.django_db
def test_a_translation_is_served_in_its_language_and_linked_both_ways(client, languages_site):
    prevention = languages_site["prevention"]
    translate(prevention, "fr", title="Prévention", slug="prevention-fr", summary="À propos de la prévention.")

    french = get_document(client, "/fr/prevention-fr/")
    assert french.find("h1").text == "Prévention"
    assert french.find_all("div", role="note") == []
    assert french.find("article").get("lang") is None
    assert french.find("link", rel="canonical")["href"] == absolute_url("/fr/prevention-fr/")

    english = get_document(client, "/prevention/")
    for document in (english, french):
        alternates = {link["hreflang"]: link["href"] for link in document.find_all("link", rel="alternate")
                      if link.get("hreflang")}  # fmt: skip
        assert alternates == {"en": absolute_url("/prevention/"), "fr": absolute_url("/fr/prevention-fr/")}


@pytest.mark.django_db
def test_the_language_switcher_names_each_language_in_itself_and_keeps_the_page(client, languages_site):
    translate(languages_site["prevention"], "fr", title="Prévention", slug="prevention-fr")
    switcher = get_document(client, "/ar/prevention/").find("nav", class_="language-switcher")
    links = [(link["lang"], link.text, link["href"], link.get("aria-current")) for link in switcher.find_all("a")]
    assert links == [
        ("ar", "العربيّة", "/ar/prevention/", "true"),
        ("zh-hans", "简体中文", "/zh-hans/prevention/", None),
        ("en", "English", "/prevention/", None),
        ("fr", "Français", "/fr/prevention-fr/", None),
        ("ru", "Русский", "/ru/prevention/", None),
        ("es", "Español", "/es/prevention/", None),
    ]
    # From the translation, whose address differs, each other language leads to its own version.
    switcher = get_document(client, "/fr/prevention-fr/?page=2").find("nav", class_="language-switcher")
    hrefs = [link["href"] for link in switcher.find_all("a")]
    assert hrefs == ["/ar/prevention/?page=2", "/zh-hans/prevention/?page=2", "/prevention/?page=2",
                     "/fr/prevention-fr/?page=2", "/ru/prevention/?page=2", "/es/prevention/?page=2"]  # fmt: skip


@pytest.mark.django_db
def test_the_language_switcher_keeps_a_search(client, languages_site):
    switcher = get_document(client, "/search/?q=report").find("nav", class_="language-switcher")
    assert switcher.find("a", lang="fr")["href"] == "/fr/search/?q=report"


@pytest.mark.django_db
def test_unpublishing_an_english_page_takes_it_down_in_every_language(client, languages_site):
    prevention = languages_site["prevention"]
    assert client.get("/ru/prevention/").status_code == 200
    Page.objects.get(pk=prevention.pk).unpublish()
    for language in LANGUAGES:
        assert client.get(address(language, "prevention/")).status_code == 404


@pytest.mark.django_db
def test_a_change_purges_its_addresses_in_every_language(languages_site):
    urls = urls_showing(languages_site["news"])
    for language in LANGUAGES:
        for path in ("", "news/", "news/report-launched/", "news/feed/"):
            assert absolute_url(address(language, path)) in urls


def translate_item(item, language, **fields):
    """A published translation of a news item or publication, as wagtail-localize's editor makes one."""
    translation = item.copy_for_translation(Locale.objects.get(language_code=language))
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    return publish(translation)


def listed_titles(document, css_class):
    return [(link.text, link.get("lang")) for link in document.find_all("a") if link.parent.get("class") == css_class]


@pytest.mark.django_db
def test_a_listing_shows_its_languages_items_then_the_untranslated_english_ones_marked(client, languages_site):
    translate_item(languages_site["news"], "fr", title="Rapport publié", summary="Un rapport.")
    make_news_item(title="Only in English", slug="only-in-english")
    news_index = languages_site["news_index"].get_translation(Locale.objects.get(language_code="fr"))

    news_index.show_untranslated = False  # the French listing left as editors of an alias find it
    news_index.save()
    document = get_document(client, "/fr/news/")
    assert listed_titles(document, "news-list__title") == [("Rapport publié", None)]

    news_index.show_untranslated = True
    news_index.save()
    document = get_document(client, "/fr/news/")
    assert sorted(listed_titles(document, "news-list__title")) == [("Only in English", "en"), ("Rapport publié", None)]
    english = get_document(client, "/news/")
    assert sorted(listed_titles(english, "news-list__title")) == [("Only in English", None), ("Report launched", None)]


@pytest.mark.django_db
def test_an_item_is_served_in_the_visitors_language_where_translated(client, languages_site):
    translate_item(languages_site["news"], "fr", title="Rapport publié", summary="Un rapport.")
    french = get_document(client, "/fr/news/report-launched/")
    assert [h1.text for h1 in french.find_all("h1")] == ["Rapport publié"]
    assert french.find_all("div", role="note") == []
    english = get_document(client, "/news/report-launched/")
    assert [h1.text for h1 in english.find_all("h1")] == ["Report launched"]
    spanish = get_document(client, "/es/news/report-launched/")  # not translated into Spanish
    assert [h1.text for h1 in spanish.find_all("h1")] == ["Report launched"]
    assert spanish.find("article")["lang"] == "en"
    assert len(spanish.find_all("div", role="note")) == 1


@pytest.mark.django_db
def test_feeds_search_and_sitemap_follow_the_language(client, languages_site):
    translate_item(languages_site["news"], "fr", title="Rapport publié", summary="Un rapport.")
    feed = client.get("/fr/news/feed/").content.decode()
    assert "Rapport publié" in feed and "Report launched" not in feed
    assert "Report launched" in client.get("/news/feed/").content.decode()

    results = get_document(client, "/fr/search/?q=rapport").find("ol", class_="search-results")
    assert [link["href"] for link in results.find_all("a")] == ["/fr/news/report-launched/"]
    # An English search never offers the French translation.
    english_results = get_document(client, "/search/?q=rapport").find("main")
    assert english_results.find("ol", class_="search-results") is None, english_results.text

    sitemap = client.get("/sitemap-news.xml").content.decode()
    assert "http://localhost/fr/news/report-launched/" in sitemap
    assert "http://localhost/news/report-launched/" in sitemap


@pytest.mark.django_db
def test_two_items_of_one_language_cannot_share_an_address(languages_site):
    duplicate = make_news_item(live=False, title="Another", slug="another")
    duplicate.slug = "report-launched"
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "slug" in error.value.message_dict
    translation = languages_site["news"].copy_for_translation(Locale.objects.get(language_code="fr"))
    translation.full_clean()  # the same address in another language is its translation's


@pytest.mark.django_db
def test_editors_see_each_items_translation_status_in_the_listing(client, languages_site, django_user_model):
    news = languages_site["news"]
    translate_item(news, "fr", title="Rapport publié")
    translate_item(news, "es", title="Informe publicado")
    news.title = "Report launched, corrected"
    publish(news)  # the English changed after the Spanish was published... and after the French
    translate_item(make_news_item(title="Other", slug="other"), "ar", title="آخر")
    french = news.get_translation(Locale.objects.get(language_code="fr"))
    french.title = "Rapport publié, corrigé"
    publish(french)  # ...but the French was brought up to date

    client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.org", "pw"))
    document = get_document(client, "/admin/snippets/news/newsitem/?locale=en")
    rows = {
        row.find("a").text: [item.text for item in row.find("td", class_="translation-status").find_all("li")]
        for row in document.find("table", class_="listing").find("tbody").find_all("tr")
    }
    assert rows["Report launched, corrected"] == [
        "Arabic: missing",
        "Chinese: missing",
        "French: up to date",
        "Russian: missing",
        "Spanish: outdated",
    ]
    assert rows["Other"][0] == "Arabic: up to date"


@pytest.mark.django_db
@pytest.mark.parametrize("language, first", [("en", "en"), ("fr", "fr"), ("zh-hans", "zh"), ("ru", "en")])
def test_a_publication_offers_the_file_in_the_visitors_language_first(client, languages_site, language, first):
    publication = languages_site["publication"]
    for code in ("fr", "zh"):
        publication.files.add(PublicationFile(language=code, document=make_document(f"Report ({code})")))
    publish(publication)
    downloads = get_document(client, address(language, "publications/global-report/")).find(
        "ul", class_="downloads__list"
    )
    links = [
        (link["hreflang"], link.find("span", lang=link["hreflang"], dir="auto").text)
        for link in downloads.find_all("a")
        if link.get("hreflang")
    ]
    assert links[0][0] == first
    assert sorted(links) == [("en", "English"), ("fr", "Français"), ("zh", "中文")]  # each named in itself


@pytest.mark.django_db
@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_the_admin_works_in_each_language(client, languages_site, django_user_model, language):
    """An editor who chose the language in their account gets the admin, the listings, the editor and
    the translation form in it."""
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    item = languages_site["news"]
    for url in [
        "/admin/",
        "/admin/snippets/news/newsitem/",
        f"/admin/snippets/news/newsitem/edit/{item.pk}/",
        "/admin/pages/",
        f"/admin/localize/submit/snippet/news/newsitem/{item.pk}/",
    ]:
        html = get_document(client, url).find("html")
        assert (html["lang"], html["dir"]) == (language, LANGUAGES[language]), url


@pytest.mark.django_db
def test_a_page_submitted_for_translation_stays_english_and_marked_until_its_translation_is_published(
    client, languages_site, django_user_model
):
    """wagtail-localize turns the French alias into a page of its own holding a copy of the English, live:
    until the translator publishes, French visitors read English, and are told so."""
    from wagtail_localize.operations import TranslationCreator

    editor = django_user_model.objects.create_superuser("translator", "t@example.org", "x")
    TranslationCreator(editor, [Locale.objects.get(language_code="fr")]).create_translations(
        languages_site["prevention"]
    )
    french = languages_site["prevention"].get_translation(Locale.objects.get(language_code="fr"))
    print(
        french.alias_of_id,
        french.live,
        french.live_revision_id,
        french.latest_revision_id,
        french.has_unpublished_changes,
        french.last_published_at,
        french.first_published_at,
    )
    document = get_document(client, "/fr/prevention/")
    assert document.find("article")["lang"] == "en"
    assert len(document.find_all("div", role="note")) == 1
    assert document.find("link", rel="canonical")["href"] == absolute_url("/prevention/")


def hotline(name, description):
    return [("help_line", {"name": name, "area": "International", "phone": "112", "description": description})]


@pytest.mark.django_db
def test_help_lines_are_read_in_the_visitors_language_once_their_translation_is_published(client, languages_site):
    from pages.models import HelpLines

    english = HelpLines.objects.create(heading="Need help now?", help_lines=hotline("Hotline", "Free."))
    french = english.copy_for_translation(Locale.objects.get(language_code="fr"))
    french.heading, french.help_lines = "Besoin d’aide ?", hotline("Ligne d’écoute", "Gratuit.")
    french.live = False
    french.save()  # a translation not yet published: French visitors still read the English, marked so
    heading = get_document(client, "/fr/prevention/").find("h2", id="help-lines-heading")
    assert (heading.text, heading["lang"]) == ("Need help now?", "en")

    publish(french)
    heading = get_document(client, "/fr/prevention/").find("h2", id="help-lines-heading")
    assert (heading.text, heading.get("lang")) == ("Besoin d’aide ?", None)
    assert "Ligne d’écoute" in client.get("/fr/prevention/").content.decode()
    spanish = get_document(client, "/es/prevention/").find("h2", id="help-lines-heading")
    assert (spanish.text, spanish["lang"], spanish["dir"]) == ("Need help now?", "en", "ltr")


@pytest.mark.django_db
def test_there_is_one_set_of_help_lines_per_language(languages_site):
    from pages.models import HelpLines

    HelpLines.objects.create(help_lines=hotline("Hotline", "Free."))
    with pytest.raises(ValidationError):
        HelpLines(help_lines=hotline("Another", "Free.")).full_clean()


@pytest.mark.django_db
def test_themes_are_named_in_the_visitors_language_once_their_translation_is_published(client, site_tree):
    from news.models import NewsItem

    prevention = site_tree["themes"]["prevention"]
    make_news_item(title="Report launched", slug="report-launched", themes=[prevention])
    call_command("sync_locale_trees")
    french = prevention.copy_for_translation(Locale.objects.get(language_code="fr"))
    french.name, french.live = "Prévention", False
    french.save()  # a draft: French visitors still read the English name, marked as English

    def theme_names(url):
        """(name, lang) of each theme shown in the item's details."""
        meta = get_document(client, url).find("dl", class_="meta-list")
        names = [dd for dd in meta.find_all("dd") if dd.text in ("Prévention", "Prevention")]
        return [(dd.text, dd.find("span")["lang"] if dd.find("span") else None) for dd in names]

    assert theme_names("/fr/news/report-launched/") == [("Prevention", "en")]
    publish(french)
    assert theme_names("/fr/news/report-launched/") == [("Prévention", None)]
    assert theme_names("/es/news/report-launched/") == [("Prevention", "en")]
    headings = [h2.text for h2 in get_document(client, "/fr/prevention/").find_all("h2")]
    assert "Dernières actualités sur le thème Prévention" in headings
    options = get_document(client, "/fr/news/").find("select", name="theme").find_all("option")
    assert [option.text for option in options if option.get("value") == "prevention"] == ["Prévention"]
    # The filter keeps the theme's address in every language; a translation keeps its item's themes.
    translate_item(NewsItem.objects.get(slug="report-launched"), "fr", title="Rapport publié")
    french_listing = get_document(client, "/fr/news/?theme=prevention")
    assert listed_titles(french_listing, "news-list__title") == [("Rapport publié", None)]


@pytest.mark.django_db
def test_items_are_tagged_with_the_english_themes_only(client, site_tree, django_user_model):
    """A translation names a theme, it is not another one: the taxonomy editors choose from is English."""
    french = site_tree["themes"]["prevention"].copy_for_translation(Locale.objects.get(language_code="fr"))
    french.name = "Prévention"
    french.save()
    client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.org", "x"))
    form = client.get("/admin/snippets/news/newsitem/add/").content.decode()
    assert "Prevention" in form and "Prévention" not in form


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ar"])
def test_more_on_this_theme_links_the_section_in_the_visitors_language_once(client, site_tree, language):
    make_news_item(title="Report launched", slug="report-launched", themes=[site_tree["themes"]["prevention"]])
    call_command("sync_locale_trees")
    related = get_document(client, address(language, "news/report-launched/")).find("p", class_="related-themes")
    assert [link["href"] for link in related.find_all("a")] == [address(language, "prevention/")]


@pytest.mark.django_db
def test_the_sites_own_links_stay_in_the_visitors_language(client, languages_site):
    from pages.models import HelpLines, SiteLinks

    links = SiteLinks.for_site(languages_site["home"].get_site())
    links.get_help_page = links.accessibility_page = languages_site["get_help"]
    links.save()
    HelpLines.objects.create(help_lines=hotline("Hotline", "Free and confidential."))

    document = get_document(client, "/ar/prevention/")
    assert document.find("a", class_="site-header__brand")["href"] == "/ar/"
    footer = document.find("footer").find("ul")
    assert [link["href"] for link in footer.find_all("a")][:2] == ["/ar/get-help/", "/ar/get-help/"]
    # The help page in each language shows the help lines in full, as the English one does.
    assert "Free and confidential." in client.get("/ar/get-help/").content.decode()


@pytest.mark.django_db
def test_an_english_publication_title_in_an_arabic_download_link_is_marked_english(client, languages_site):
    publication = languages_site["publication"]
    download = get_document(client, "/ar/publications/global-report/").find("ul", class_="downloads__list")
    title = download.find("a").find("span")
    assert (title.text, title["lang"], title["dir"]) == (publication.title, "en", "ltr")


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["", "prevention/", "news/", "news/report-launched/", "publications/global-report/"])
@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_page_in_another_language_costs_one_query_more_than_in_english(
    client, languages_site, settings, path, language
):
    """The one: that language's home page, where Wagtail starts routing. Pages not yet translated are
    aliases, whose view restrictions are their English page's: read without a query per alias."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .conftest import clear_caches

    settings.PAGE_CACHE_SECONDS = 0  # every request renders its page
    translate_item(languages_site["news"], "fr", title="Rapport publié", summary="Un rapport.")
    counts = []
    for url in (address("en", path), address(language, path)):
        client.get(url)  # the furniture read once per content generation, as after any change
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[1] <= counts[0] + 1
    clear_caches()


@pytest.mark.django_db
def test_an_alias_of_an_alias_of_a_private_page_is_private(client, site_tree):
    """View restrictions of aliases are read without Wagtail's query per alias, but its rule is kept."""
    from wagtail.models import PageViewRestriction

    page, home = site_tree["standard"], site_tree["home"]
    alias = page.create_alias(parent=home, update_slug="first-alias")
    alias.create_alias(parent=home, update_slug="second-alias")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    for path in (page.url, "/first-alias/", "/second-alias/"):
        assert client.get(path).status_code == 302, path  # to the login page


@pytest.mark.django_db
def test_a_page_made_private_after_its_translations_were_made_leaves_every_languages_listings(
    client, languages_site, django_capture_on_commit_callbacks
):
    """Its aliases follow it: the French footer, menu and search no longer name it, and again when
    it is made public."""
    from wagtail.models import PageViewRestriction

    from pages.models import SiteLinks

    page = languages_site["get_help"]
    links = SiteLinks.for_site(languages_site["home"].get_site())
    links.get_help_page = page
    links.save()
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)

    footer = get_document(client, "/fr/").find("footer")
    assert "/fr/get-help/" not in [link["href"] for link in footer.find_all("a")]
    assert "get-help" not in client.get("/fr/search/?q=help").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    footer = get_document(client, "/fr/").find("footer")
    assert "/fr/get-help/" in [link["href"] for link in footer.find_all("a")]
