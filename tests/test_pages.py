"""Every page type renders at its URL, sits only where the site map allows, and carries the layout."""

import datetime
import re

import pytest
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from news.models import NewsIndexPage
from pages.models import HomePage, InitiativePage, SectionPage, SiteLinks, StandardPage
from publications.models import PublicationIndexPage

from .factories import make_news_item, make_publication, make_site_tree

HOME_CHILDREN = {StandardPage, SectionPage, InitiativePage, NewsIndexPage, PublicationIndexPage}


class PageTreeTests(WagtailPageTestCase):
    """The tree of the site map: home under the root, every other page type under home, nothing deeper."""

    @classmethod
    def setUpTestData(cls):
        cls.tree = make_site_tree()

    def test_home_page_only_under_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(HomePage, HOME_CHILDREN)

    def test_every_other_page_type_only_under_home_and_without_children(self):
        for page_type in HOME_CHILDREN:
            with self.subTest(page_type=page_type.__name__):
                self.assertAllowedParentPageTypes(page_type, {HomePage})
                self.assertAllowedSubpageTypes(page_type, set())

    def test_every_page_renders_and_previews(self):
        for key in ["home", "standard", "prevention", "initiative", "news_index", "publication_index"]:
            page = self.tree[key].specific
            form_data = {"title": page.title, "slug": page.slug, "summary": page.summary, "body": streamfield([])}
            if isinstance(page, InitiativePage):
                form_data.update(aims=inline_formset([]), milestones=inline_formset([]))
            with self.subTest(page=key):
                self.assertPageIsRenderable(page)
                self.assertPageIsPreviewable(page, post_data=nested_form_data(form_data))

    def test_only_one_home_news_and_publications_index(self):
        for page_type in (HomePage, NewsIndexPage, PublicationIndexPage):
            with self.subTest(page_type=page_type.__name__):
                self.assertFalse(page_type.can_create_at(self.tree["home"]))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url, title",
    [
        ("/", "Home"),
        ("/what-is-human-trafficking/", "What is human trafficking?"),
        ("/prevention/", "Prevention"),
        ("/un-gift/", "UN.GIFT"),
        ("/news/", "News and events"),
        ("/publications/", "Publications"),
    ],
)
def test_page_has_title_layout_landmarks_and_skip_link(client, site_tree, url, title):
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert f"<title>{title} | " in html
    assert re.search(r"<h1[^>]*>\s*" + re.escape(title), html)
    assert html.count("<h1") == 1
    skip = html.index('class="skip-link" href="#main-content"')
    assert skip < html.index('<main id="main-content"')
    assert '<nav class="main-nav" aria-label="Main"' in html
    assert "<footer" in html
    assert 'name="description"' in html


@pytest.mark.django_db
def test_navigation_marks_the_current_section(client, site_tree):
    html = client.get("/prevention/").content.decode()
    assert '<a href="/prevention/" aria-current="page">Prevention</a>' in html
    assert '<a href="/protection/">Protection</a>' in html
    assert "Get help</a></li>" not in html.split("</nav>")[0], "pages hidden from menus stay out of the main menu"


@pytest.mark.django_db
def test_navigation_marks_the_index_of_a_routed_item_without_claiming_it_is_the_page(client, site_tree):
    item = make_news_item()
    html = client.get(f"/news/{item.slug}/").content.decode()
    assert '<a href="/news/" aria-current="true">News and events</a>' in html


@pytest.mark.django_db
def test_breadcrumbs_trail_from_home(client, site_tree):
    item = make_news_item(title="Colloquium held")
    html = client.get(f"/news/{item.slug}/").content.decode()
    trail = html[html.index('aria-label="Breadcrumb"') :].split("</nav>")[0]
    assert re.findall(r"<li>(.*?)</li>", trail) == [
        '<a href="/">Home</a>',
        '<a href="/news/">News and events</a>',
        '<span aria-current="page">Colloquium held</span>',
    ]
    assert 'aria-label="Breadcrumb"' not in client.get("/").content.decode()


@pytest.mark.django_db
def test_footer_links_the_pages_chosen_in_site_links(client, site_tree):
    links = SiteLinks.for_site(site_tree["home"].get_site())
    links.get_help_page = site_tree["get_help"]
    links.save()
    footer = client.get("/").content.decode().split("<footer")[1]
    assert '<a href="/get-help/">Get help</a>' in footer


@pytest.mark.django_db
def test_unknown_url_gets_the_custom_404_page(client, site_tree, settings):
    settings.DEBUG = False
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<h1>Page not found</h1>" in html
    assert 'class="skip-link"' in html


def test_500_page_renders_without_a_request_or_database():
    html = render_to_string("500.html")
    assert "Sorry, there is a problem with the service" in html
    assert "/static/css/site.css" in html


@pytest.mark.django_db
def test_home_shows_the_five_latest_live_news_items_newest_first(client, site_tree):
    items = [make_news_item(date=datetime.date(2008, 1, day)) for day in range(1, 8)]
    make_news_item(title="Unpublished draft", date=datetime.date(2009, 1, 1), live=False)
    html = client.get("/").content.decode()
    latest = html[html.index('id="latest-news-heading"') :].split("</section>")[0]
    shown = re.findall(r'<a href="/news/([^/]+)/">', latest)
    assert shown == [item.slug for item in reversed(items[2:])]
    assert "Unpublished draft" not in html


@pytest.mark.django_db
def test_home_shows_only_featured_live_publications_in_the_managers_order(client, site_tree):
    second = make_publication(title="Second featured", featured=True, featured_order=2)
    first = make_publication(title="First featured", featured=True, featured_order=1)
    make_publication(title="Not featured")
    make_publication(title="Featured draft", featured=True, live=False)
    html = client.get("/").content.decode()
    featured = html[html.index('id="featured-publications-heading"') :]
    assert featured.index(first.title) < featured.index(second.title)
    assert "Not featured" not in html
    assert "Featured draft" not in html


@pytest.mark.django_db
def test_section_page_lists_only_items_of_its_theme(client, site_tree):
    themes = site_tree["themes"]
    make_news_item(title="Prevention news", themes=[themes["prevention"]])
    make_news_item(title="Protection news", themes=[themes["protection"]])
    make_publication(title="Prevention report", themes=[themes["prevention"]])
    make_publication(title="Protection report", themes=[themes["protection"]])
    html = client.get("/prevention/").content.decode()
    assert "Prevention news" in html and "Prevention report" in html
    assert "Protection news" not in html and "Protection report" not in html


@pytest.mark.django_db
def test_initiative_page_lists_aims_and_milestones(client, site_tree):
    html = client.get("/un-gift/").content.decode()
    aims = html[html.index('<ul class="aims">') :].split("</ul>")[0]
    assert re.findall(r"<li>(.*?)</li>", aims) == ["Raise awareness", "Increase the knowledge base"]
    assert "13 - 15 February 2008</time>: Vienna Forum, Vienna" in html
    assert 'href="https://www.ungift.org/"' in html


@pytest.mark.django_db
def test_news_item_page(client, site_tree):
    item = make_news_item(
        title="Expert Group Meeting",
        kind="event",
        date=datetime.date(2008, 11, 30),
        end_date=datetime.date(2008, 12, 3),
        location="Vienna",
        themes=[site_tree["themes"]["prevention"]],
    )
    response = client.get(f"/news/{item.slug}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Expert Group Meeting | " in html
    assert '<time datetime="2008-11-30">30 November - 3 December 2008</time>' in html
    assert "Vienna" in html and "Prevention" in html


@pytest.mark.django_db
def test_publication_page_lists_downloads_with_language_format_and_size(client, site_tree):
    publication = make_publication(title="Global Report")
    response = client.get(f"/publications/{publication.slug}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'alt="Cover of Global Report"' in html
    size = publication.files.get().document.file_size
    assert f'<span lang="en">English</span>, PDF, {size}' in html


@pytest.mark.django_db
def test_download_address_serves_the_pdf_and_survives_a_replaced_file(client, site_tree):
    publication = make_publication(title="Toolkit")
    download = f"/publications/{publication.slug}/download/en/"
    response = client.get(download, follow=True)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")

    document = publication.files.get().document
    document.file.save("toolkit-second-edition.pdf", ContentFile(b"%PDF-1.4 second edition"), save=True)
    response = client.get(download, follow=True)
    assert b"".join(response.streaming_content) == b"%PDF-1.4 second edition"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/news/no-such-item/",
        "/publications/no-such-publication/",
        "/publications/no-such-publication/download/en/",
        "/news/caf%C3%A9/",
    ],
)
def test_unknown_slugs_are_404(client, site_tree, url):
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_unknown_download_language_is_404(client, site_tree):
    publication = make_publication()
    assert client.get(f"/publications/{publication.slug}/download/fr/").status_code == 404
