"""Every page type renders at its URL, sits only where the site map allows, carries the shared layout,
and shows only what is published."""

import datetime
import re

import pytest
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import get_resolver
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from news.models import NewsIndexPage
from pages.models import HomePage, InitiativePage, SectionPage, SiteLinks, StandardPage
from publications.models import PublicationIndexPage

from .factories import PDF_BYTES, add_page, make_document, make_image, make_news_item, make_publication, make_site_tree
from .markup import parse

D = datetime.date
SITE_NAME = "UNODC Global Programme against Trafficking in Persons"
HOME_CHILDREN = {StandardPage, SectionPage, InitiativePage, NewsIndexPage, PublicationIndexPage}
PAGES = ["home", "standard", "prevention", "initiative", "news_index", "publication_index"]

# The two kinds of routed items, each with its index page and what makes it show on the home page.
ITEM_KINDS = [
    pytest.param("/news/", make_news_item, {}, id="news"),
    pytest.param("/publications/", make_publication, {"featured": True}, id="publications"),
]


def section(document, heading_id):
    """The one <section> labelled by the heading with this id, which it holds."""
    [labelled] = document.find_all("section", aria_labelledby=heading_id)
    assert labelled.find(id=heading_id) is not None, heading_id
    return labelled


def linked_slugs(element, index_url):
    """The slugs of the items under ``index_url`` that the links inside ``element`` lead to, in order."""
    item_url = re.compile(rf"{re.escape(index_url)}([^/]+)/")
    return [match[1] for link in element.find_all("a") if (match := item_url.fullmatch(link.get("href", "")))]


def get_html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def get_document(client, url):
    return parse(get_html(client, url))


def assert_page_layout(document, title):
    """The shared layout of a page titled ``title``: that <title>, one <h1> saying it, the skip link first in the
    body, and the one main landmark it leads to."""
    assert document.find("head").find("title").text == f"{title} | {SITE_NAME}"
    assert [h1.text for h1 in document.find_all("h1")] == [title]
    skip_link = document.find("body").find("a")
    assert skip_link.attrs == {"class": "skip-link", "href": "#main-content"}
    assert skip_link.text == "Skip to main content"
    assert [main.get("id") for main in document.find_all("main")] == ["main-content"]


class SiteMapTests(WagtailPageTestCase):
    """The tree of the site map: home under the root, every other page type under home, nothing deeper."""

    @classmethod
    def setUpTestData(cls):
        cls.tree = make_site_tree()
        cls.news_item = make_news_item()
        cls.publication = make_publication()

    def test_home_page_sits_only_under_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(HomePage, HOME_CHILDREN)

    def test_every_other_page_type_sits_only_under_home_and_has_no_children(self):
        for page_type in HOME_CHILDREN:
            with self.subTest(page_type=page_type.__name__):
                self.assertAllowedParentPageTypes(page_type, {HomePage})
                self.assertAllowedSubpageTypes(page_type, set())

    def test_there_is_one_home_news_index_and_publication_index_but_any_number_of_other_pages(self):
        home = self.tree["home"]
        for page_type in (HomePage, NewsIndexPage, PublicationIndexPage):
            with self.subTest(page_type=page_type.__name__):
                self.assertFalse(page_type.can_create_at(home))
        for page_type in (StandardPage, SectionPage, InitiativePage):
            with self.subTest(page_type=page_type.__name__):
                self.assertTrue(page_type.can_create_at(home))

    def test_every_page_type_is_renderable(self):
        for key in PAGES:
            with self.subTest(page=key):
                self.assertPageIsRenderable(self.tree[key])

    def test_index_pages_render_their_items(self):
        self.assertPageIsRenderable(self.tree["news_index"], route_path=f"{self.news_item.slug}/")
        self.assertPageIsRenderable(self.tree["publication_index"], route_path=f"{self.publication.slug}/")
        self.assertPageIsRenderable(self.tree["news_index"], route_path="no-such-item/", accept_404=True)

    def test_every_page_type_is_previewable(self):
        for key in PAGES:
            page = self.tree[key].specific
            form = {"title": page.title, "slug": page.slug, "summary": page.summary, "body": streamfield([])}
            if isinstance(page, InitiativePage):
                form.update(aims=inline_formset([]), milestones=inline_formset([]))
            with self.subTest(page=key):
                self.assertPageIsPreviewable(page, post_data=nested_form_data(form))


@pytest.fixture
def public_pages(site_tree):
    """URL and title of a page of every type, including a news item and a publication."""
    item = make_news_item(title="Expert meeting held")
    publication = make_publication(title="Global Report")
    return {
        "home": ("/", "Home"),
        "standard": ("/what-is-human-trafficking/", "What is human trafficking?"),
        "section": ("/prevention/", "Prevention"),
        "initiative": ("/un-gift/", "UN.GIFT"),
        "news index": ("/news/", "News and events"),
        "publication index": ("/publications/", "Publications"),
        "news item": (f"/news/{item.slug}/", "Expert meeting held"),
        "publication": (f"/publications/{publication.slug}/", "Global Report"),
    }


PUBLIC_PAGES = [
    "home",
    "standard",
    "section",
    "initiative",
    "news index",
    "publication index",
    "news item",
    "publication",
]


@pytest.mark.django_db
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_every_page_type_has_its_title_a_skip_link_and_one_main_landmark(client, public_pages, name):
    url, title = public_pages[name]
    assert_page_layout(get_document(client, url), title)


def main_navigation(html):
    """(href, aria-current or None) of each link of the main navigation, in order."""
    [nav] = parse(html).find_all("nav", class_="main-nav")
    return [(link["href"], link.get("aria-current")) for link in nav.find_all("a")]


MENU = [
    "/",
    "/what-is-human-trafficking/",
    "/response/",
    "/prevention/",
    "/protection/",
    "/un-gift/",
    "/news/",
    "/publications/",
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url, current",
    [
        ("/", {"/": "page"}),
        ("/prevention/", {"/prevention/": "page"}),
        ("/news/", {"/news/": "page"}),
    ],
)
def test_main_navigation_lists_the_menu_pages_and_marks_the_current_page(client, site_tree, url, current):
    links = main_navigation(get_html(client, url))
    assert [href for href, _ in links] == MENU, "pages left out of menus (Get help) stay out"
    assert {href: mark for href, mark in links if mark} == current


@pytest.mark.django_db
def test_on_a_news_item_the_main_navigation_marks_its_index_as_the_current_section(client, site_tree):
    links = main_navigation(get_html(client, f"/news/{make_news_item().slug}/"))
    assert [href for href, _ in links] == MENU
    assert {href: mark for href, mark in links if mark} == {"/news/": "true"}, "the section, not the page"


def breadcrumbs(html):
    """(href, or "current" for the current page, text) of each item of the breadcrumb trail; [] without one."""
    trail = parse(html).find("nav", aria_label="Breadcrumb")
    items = []
    for item in trail.find_all("li") if trail else []:
        [link] = [*item.find_all("a"), *item.find_all("span", aria_current="page")]
        items.append((link.get("href", "current"), link.text))
    return items


@pytest.mark.django_db
def test_breadcrumbs_lead_from_home_to_the_current_page(client, site_tree):
    item = make_news_item(title="Colloquium held")
    publication = make_publication(title="Toolkit")
    home = ("/", "Home")
    assert breadcrumbs(get_html(client, "/")) == []
    assert breadcrumbs(get_html(client, "/prevention/")) == [home, ("current", "Prevention")]
    assert breadcrumbs(get_html(client, f"/news/{item.slug}/")) == [
        home,
        ("/news/", "News and events"),
        ("current", "Colloquium held"),
    ]
    assert breadcrumbs(get_html(client, f"/publications/{publication.slug}/")) == [
        home,
        ("/publications/", "Publications"),
        ("current", "Toolkit"),
    ]


def footer_links(html):
    return [(link["href"], link.text) for link in parse(html).find("footer").find_all("a")]


@pytest.mark.django_db
def test_footer_links_the_live_pages_chosen_in_the_site_links_setting(client, site_tree):
    home = site_tree["home"]
    assert footer_links(get_html(client, "/")) == [("https://www.unodc.org/", "UNODC main website")]

    links = SiteLinks.for_site(home.get_site())
    links.get_help_page = site_tree["get_help"]
    links.browse_safely_page = add_page(home, StandardPage(title="Browse safely", slug="browse-safely"))
    links.accessibility_page = add_page(home, StandardPage(title="Accessibility", slug="accessibility"), live=False)
    links.save()
    assert footer_links(get_html(client, "/")) == [
        ("/get-help/", "Get help"),
        ("/browse-safely/", "Browse safely"),
        ("https://www.unodc.org/", "UNODC main website"),
    ], "a page that is not live is left out"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/no-such-page/",
        "/prevention/no-such-page/",
        "/news/no-such-item/",
        "/news/caf%C3%A9/",
        "/publications/no-such-publication/",
        "/publications/no-such-publication/download/en/",
    ],
)
def test_unknown_addresses_get_the_custom_404_page(client, site_tree, settings, url):
    settings.DEBUG = False
    assert_custom_404(client.get(url))


@pytest.mark.django_db
def test_a_publication_in_a_language_it_does_not_have_gets_the_custom_404_page(client, site_tree, settings):
    settings.DEBUG = False
    assert_custom_404(client.get(f"/publications/{make_publication().slug}/download/fr/"))


def assert_custom_404(response):
    assert response.status_code == 404
    assert_page_layout(parse(response.content.decode()), "Page not found")


def test_server_error_page_is_the_500_template_and_needs_no_request_context_or_database():
    # No database access is allowed in this test: the page must render when the database is the problem.
    template_only = render_to_string("500.html")
    assert_page_layout(parse(template_only), "Sorry, there is a problem with the service")

    handler = get_resolver().resolve_error_handler(500)
    response = handler(RequestFactory().get("/news/"))
    assert response.status_code == 500
    assert response.content.decode() == template_only


@pytest.mark.django_db
def test_home_shows_the_five_latest_live_news_items_newest_first(client, site_tree):
    live = [make_news_item(date=D(2008, 1, day)) for day in range(1, 8)]
    make_news_item(date=D(2009, 1, 1), live=False)
    make_news_item(date=D(2009, 1, 2)).unpublish()
    latest = section(get_document(client, "/"), "latest-news-heading")
    assert linked_slugs(latest, "/news/") == [item.slug for item in reversed(live[2:])]


@pytest.mark.django_db
def test_home_shows_only_featured_live_publications_in_the_managers_order(client, site_tree):
    second = make_publication(featured=True, featured_order=2, date=D(2009, 1, 1))
    first = make_publication(featured=True, featured_order=1, date=D(2008, 1, 1))
    make_publication(featured=False, date=D(2010, 1, 1))
    make_publication(featured=True, live=False)
    make_publication(featured=True).unpublish()
    featured = section(get_document(client, "/"), "featured-publications-heading")
    assert linked_slugs(featured, "/publications/") == [first.slug, second.slug]


@pytest.mark.django_db
def test_section_page_lists_only_the_news_and_publications_of_its_theme(client, site_tree):
    prevention, protection = site_tree["themes"]["prevention"], site_tree["themes"]["protection"]
    news = [make_news_item(themes=themes) for themes in ([prevention], [protection], [prevention, protection], [])]
    publications = [
        make_publication(themes=themes) for themes in ([prevention], [protection], [protection, prevention])
    ]
    document = get_document(client, "/prevention/")
    assert set(linked_slugs(section(document, "theme-news-heading"), "/news/")) == {news[0].slug, news[2].slug}
    assert set(linked_slugs(section(document, "theme-publications-heading"), "/publications/")) == {
        publications[0].slug,
        publications[2].slug,
    }


@pytest.mark.django_db
def test_initiative_page_lists_its_aims_and_milestones_with_date_ranges(client, site_tree):
    document = get_document(client, "/un-gift/")
    aims = section(document, "aims-heading")
    assert "UN.GIFT aims to:" in [paragraph.text for paragraph in aims.find_all("p")]
    [aims_list] = aims.find_all("ul", class_="aims")
    assert [aim.text for aim in aims_list.find_all("li")] == ["Raise awareness", "Increase the knowledge base"]
    # A description list: each date is the term, not a numbered item ("1. 26 March 2007" read as a date).
    [milestones] = section(document, "milestones-heading").find_all("dl", class_="milestones")
    assert not milestones.find_all("li")
    assert {date: event.text for date, event in descriptions(milestones).items()} == {
        "26 March 2007": "Launch, London",
        "13–15 February 2008": "Vienna Forum, Vienna",
    }
    assert [(time["datetime"], time.text, time.parent.tag) for time in milestones.find_all("time")] == [
        ("2007-03-26", "26 March 2007", "dt"),
        ("2008-02-13", "13–15 February 2008", "dt"),
    ]
    [button] = document.find_all("a", class_="button")
    assert button.attrs == {"class": "button", "href": "https://www.ungift.org/"}
    assert button.text == "Visit the UN.GIFT website"


def descriptions(description_list):
    """{term: the <dd> element describing it} of a <dl>, whether or not a <div> wraps each pair."""
    described, term = {}, None
    for element in description_list.find_all():
        if element.tag == "dt":
            term = element.text
        elif element.tag == "dd":
            described[term] = element
    return described


@pytest.mark.django_db
def test_news_item_page_shows_its_dates_place_themes_and_image(client, site_tree):
    item = make_news_item(
        title="Expert Group Meeting",
        slug="expert-group-meeting",
        kind="event",
        date=D(2008, 11, 30),
        end_date=D(2008, 12, 3),
        location="Vienna",
        image=make_image(),
        image_alt="Delegates around a table",
        themes=[site_tree["themes"]["prevention"], site_tree["themes"]["protection"]],
    )
    document = get_document(client, "/news/expert-group-meeting/")
    assert [h1.text for h1 in document.find_all("h1")] == [item.title]
    assert [kind.text for kind in document.find_all("p", class_="news-item__kind")] == ["Event"]
    details = descriptions(document.find("dl"))
    assert {term: detail.text for term, detail in details.items()} == {
        "Date": "30 November\u2009–\u20093 December 2008",
        "Location": "Vienna",
        "Organiser": "UNODC Global Programme against Trafficking in Persons",  # the programme, left blank
        "Themes": "Prevention, Protection",
    }
    [time] = details["Date"].find_all("time")
    assert (time["datetime"], time.text) == ("2008-11-30", details["Date"].text)
    assert document.find("img", alt="Delegates around a table") is not None


@pytest.mark.django_db
def test_publication_page_offers_its_file_with_language_format_and_size(client, site_tree):
    document = make_document("Global Report", content=PDF_BYTES.ljust(2048, b" "))
    publication = make_publication(title="Global Report", slug="global-report", document=document)
    page = get_document(client, "/publications/global-report/")
    assert page.find("img", alt="Cover of Global Report") is not None
    [download] = page.find_all("a", href="/publications/global-report/download/en/")
    assert download["hreflang"] == "en" and "download" in download.attrs
    assert download.text == "Global Report (English, PDF, 2.0\xa0KB)"
    assert [(span.attrs, span.text) for span in download.find_all("span")] == [
        ({"lang": "en", "dir": "auto"}, "English")
    ]
    assert publication.files.get().document == document


@pytest.mark.django_db
def test_download_address_serves_the_pdf_even_after_its_file_is_replaced(client, site_tree):
    first_edition = PDF_BYTES + b"first edition"
    publication = make_publication(slug="global-report", document=make_document(content=first_edition))
    download = "/publications/global-report/download/en/"
    response = client.get(download, follow=True)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == first_edition

    second_edition = PDF_BYTES + b"second edition"
    document = publication.files.get().document
    document.file.save("global-report-second-edition.pdf", ContentFile(second_edition))
    response = client.get(download, follow=True)
    assert b"".join(response.streaming_content) == second_edition


@pytest.mark.django_db
@pytest.mark.parametrize("index_url, make_item, shown_on_home", ITEM_KINDS)
def test_drafts_and_unpublished_items_appear_nowhere(client, site_tree, index_url, make_item, shown_on_home):
    prevention = [site_tree["themes"]["prevention"]]
    published = make_item(title="Published item", themes=prevention, date=D(2008, 1, 1), **shown_on_home)
    draft = make_item(title="Never published", themes=prevention, date=D(2009, 1, 1), live=False, **shown_on_home)
    withdrawn = make_item(title="Withdrawn item", themes=prevention, date=D(2009, 1, 2), **shown_on_home)
    withdrawn.unpublish()
    for url in ("/", index_url, "/prevention/"):
        html = get_html(client, url)
        assert "Published item" in html, url
        assert "Never published" not in html and "Withdrawn item" not in html, url
    assert client.get(f"{index_url}{published.slug}/").status_code == 200
    assert client.get(f"{index_url}{draft.slug}/").status_code == 404
    assert client.get(f"{index_url}{withdrawn.slug}/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("index_url, make_item, shown_on_home", ITEM_KINDS)
def test_a_newer_draft_does_not_replace_the_published_version(client, site_tree, index_url, make_item, shown_on_home):
    item = make_item(title="Published title", themes=[site_tree["themes"]["prevention"]], **shown_on_home)
    item.title = "Draft title"
    item.save_revision()
    for url in ("/", index_url, "/prevention/", f"{index_url}{item.slug}/"):
        html = get_html(client, url)
        assert "Published title" in html and "Draft title" not in html, url


@pytest.mark.django_db
@pytest.mark.parametrize(
    "make_item, article_class",
    [
        pytest.param(make_news_item, "news-item", id="news"),
        pytest.param(make_publication, "publication", id="publications"),
    ],
)
def test_preview_renders_a_draft_with_the_public_template(client, site_tree, make_item, article_class):
    item = make_item(title="Draft for review", live=False)
    item.title = "Edited, not yet saved"
    response = item.make_preview_request()
    assert response.status_code == 200
    document = parse(response.content.decode())
    assert_page_layout(document, "Edited, not yet saved")
    assert document.find("article", class_=article_class) is not None


@pytest.mark.django_db
def test_preview_is_never_answered_from_the_public_page_cache(client, site_tree):
    item = make_news_item(title="Draft for review", live=False)
    get_html(client, "/")  # a visitor's request puts the home page in the page cache
    document = parse(item.make_preview_request().content.decode())
    assert [h1.text for h1 in document.find_all("h1")] == ["Draft for review"]


@pytest.mark.django_db
def test_an_address_leads_to_the_page_published_there_now(client, site_tree, settings):
    """Each worker keeps the page an address leads to per content generation (core.serving): a new slug
    published moves the page at once, the old address no longer serves it, and an item under a routed index
    page still gets its own route."""
    settings.PAGE_CACHE_SECONDS = 0
    page = site_tree["standard"]
    assert client.get("/what-is-human-trafficking/").status_code == 200
    page.slug = "about-trafficking"
    page.save_revision().publish()
    assert client.get("/about-trafficking/").status_code == 200
    assert client.get("/what-is-human-trafficking/").status_code in (301, 302, 404)
    for title in ("First routed item", "Second routed item"):
        item = make_news_item(title=title)
        assert title in client.get(f"/news/{item.slug}/").content.decode()
