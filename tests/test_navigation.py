"""The site's navigation as served: the main menu by each page's short menu label, "Get help" in the
header, the favicon, and the words that follow a count. How it fits the screen: tests/browser/test_navigation.py."""

import io

import pytest
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext
from PIL import Image
from wagtail.models import Locale, Site

from pages.models import SiteLinks

from .factories import make_news_item, publish
from .markup import parse
from .test_admin import page_form


def get_document(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return parse(response.content.decode())


def menu_labels(client, url="/"):
    [nav] = get_document(client, url).find_all("nav", class_="main-nav")
    return [link.text for link in nav.find("ul").find_all("a")]


def set_menu_label(page, label):
    page = page.specific
    page.menu_label = label
    return publish(page)


@pytest.mark.django_db
def test_the_menu_names_each_page_by_its_menu_label_else_by_its_title(client, site_tree):
    set_menu_label(site_tree["standard"], "What is trafficking?")
    set_menu_label(site_tree["news_index"], "News")
    assert menu_labels(client) == [
        "Home",
        "What is trafficking?",
        "Our response",
        "Prevention",
        "Protection",
        "UN.GIFT",
        "News",
        "Publications",
    ]


@pytest.mark.django_db
def test_an_editor_gives_a_page_its_menu_label_in_the_promote_tab_and_a_long_one_is_refused(
    client, site_tree, django_user_model
):
    client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.org", "x"))
    page = site_tree["standard"]
    edit_url = f"/admin/pages/{page.pk}/edit/"
    promote = parse(client.get(edit_url).content.decode()).find(id="tab-promote")
    assert promote.find("input", name="menu_label")["maxlength"] == "24"

    too_long = "What is human trafficking"  # 25 characters
    response = client.post(edit_url, page_form(page, "publish", menu_label=too_long))
    assert response.status_code == 200, "the form again, with the error"
    assert "Ensure this value has at most 24 characters (it has 25)." in response.content.decode()
    assert menu_labels(client)[1] == "What is human trafficking?", "the title while no label is saved"

    assert client.post(edit_url, page_form(page, "publish", menu_label="Human trafficking")).status_code == 302
    assert menu_labels(client)[1] == "Human trafficking"


@pytest.mark.django_db
def test_a_menu_label_is_translated_with_the_page(client, site_tree, django_user_model):
    from wagtail_localize.models import StringSegment, StringTranslation, Translation
    from wagtail_localize.operations import TranslationCreator

    set_menu_label(site_tree["standard"], "What is trafficking?")
    call_command("sync_locale_trees")
    french = Locale.objects.get(language_code="fr")
    translator = django_user_model.objects.create_superuser("translator", "t@example.org", "x")
    TranslationCreator(translator, [french]).create_translations(site_tree["standard"])

    # The label is one of the strings a translator is given, like the title.
    [segment] = StringSegment.objects.filter(
        context__path="menu_label", source__object_id=site_tree["standard"].translation_key
    )
    assert segment.string.data == "What is trafficking?"
    StringTranslation.objects.create(
        translation_of=segment.string, locale=french, context=segment.context, data="La traite des personnes"
    )
    Translation.objects.get(source=segment.source, target_locale=french).save_target(user=translator)
    assert "La traite des personnes" in menu_labels(client, "/fr/")
    assert "What is trafficking?" in menu_labels(client, "/")


@pytest.mark.django_db
def test_the_menu_button_is_in_the_page_from_the_start_for_the_style_sheet_to_show(client, site_tree):
    """Not revealed by site.js (``hidden`` until then): whether it shows is decided before the first paint."""
    nav = get_document(client, "/prevention/").find("nav", class_="main-nav")
    button = nav.find("button")
    assert button.get("hidden") is None
    assert (button["aria-expanded"], button.text) == ("false", "Menu")
    assert nav.find("ul")["id"] == button["aria-controls"]


@pytest.fixture
def help_page_linked(site_tree):
    links = SiteLinks.for_site(Site.objects.get(is_default_site=True))
    links.get_help_page = site_tree["get_help"]
    links.save()
    return site_tree["get_help"]


@pytest.mark.django_db
@pytest.mark.parametrize("language, address", [("en", "/get-help/"), ("fr", "/fr/get-help/"), ("ar", "/ar/get-help/")])
def test_get_help_is_in_the_header_in_the_visitors_language(client, help_page_linked, language, address):
    call_command("sync_locale_trees")
    home = "/" if language == "en" else f"/{language}/"
    [link] = get_document(client, home).find("header", class_="site-header").find_all("a", class_="site-header__help")
    with translation.override(language):
        assert (link["href"], link.text) == (address, gettext("Get help"))
    assert link.get("aria-current") is None
    help_page = get_document(client, address).find("a", class_="site-header__help")
    assert help_page["aria-current"] == "page"


@pytest.mark.django_db
def test_without_a_help_page_the_header_links_to_none(client, site_tree):
    assert get_document(client, "/").find("a", class_="site-header__help") is None


@pytest.mark.django_db
def test_a_help_page_taken_offline_leaves_the_header(client, help_page_linked):
    help_page_linked.unpublish()
    assert get_document(client, "/").find("a", class_="site-header__help") is None


@pytest.mark.django_db
def test_the_favicon_is_served_at_its_conventional_address_and_may_be_cached(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] in ("image/vnd.microsoft.icon", "image/x-icon")
    assert "public" in response["Cache-Control"] and "max-age=86400" in response["Cache-Control"]
    icon = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert icon.format == "ICO"
    assert {(16, 16), (32, 32), (48, 48)} <= icon.info["sizes"]


@pytest.mark.django_db
def test_every_page_links_its_svg_icon_which_is_served(client, site_tree):
    [icon] = get_document(client, "/prevention/").find_all("link", rel="icon")
    assert icon["type"] == "image/svg+xml"
    response = client.get(icon["href"])
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert parse(b"".join(response.streaming_content).decode()).find("svg")["viewbox"] == "0 0 32 32"


def related_themes(client, item):
    return get_document(client, f"/news/{item.slug}/").find("p", class_="related-themes").children[0].strip()


@pytest.mark.django_db
def test_the_themes_of_an_item_are_introduced_in_the_singular_or_the_plural(client, site_tree):
    themes = site_tree["themes"]
    one = make_news_item(title="One theme", themes=[themes["prevention"]])
    two = make_news_item(title="Two themes", themes=[themes["prevention"], themes["protection"]])
    assert related_themes(client, one) == "More on this theme:"
    assert related_themes(client, two) == "More on these themes:"


@pytest.mark.django_db
def test_until_translated_the_other_languages_menus_show_the_english_label(client, site_tree):
    call_command("sync_locale_trees")
    set_menu_label(site_tree["standard"], "What is trafficking?")  # publishing updates the aliases
    assert "What is trafficking?" in menu_labels(client, "/ar/")
