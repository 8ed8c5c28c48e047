"""The launch content: every page of the site map with the seed texts, loaded idempotently."""

import datetime
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from news.models import NewsItem
from pages.models import HomePage, InitiativePage, SectionPage, Theme
from publications.models import Publication

SITE_MAP = {
    "/": "HomePage",
    "/what-is-human-trafficking/": "StandardPage",
    "/response/": "StandardPage",
    "/prevention/": "SectionPage",
    "/protection/": "SectionPage",
    "/prosecution/": "SectionPage",
    "/un-gift/": "InitiativePage",
    "/news/": "NewsIndexPage",
    "/publications/": "PublicationIndexPage",
    "/get-help/": "StandardPage",
    "/browse-safely/": "StandardPage",
    "/accessibility/": "StandardPage",
}

SEED_NEWS = [
    ("UNODC holds Expert Group Meeting to Elaborate Basic Training Modules on Preventing and Combating the Smuggling of Migrants", "30 November - 3 December 2008"),  # noqa: E501
    ("UNODC Regional Office for South Asia holds Colloquium on Justice Delivery in India", "15 November 2008"),
    ("UNODC released report on trafficking in Lebanon", "20 October 2008"),
    ("UNODC hosts event to discuss challenges in the delivery of technical assistance", "15 October 2008"),
    ("UNODC releases new Toolkit to combat Trafficking in Persons", "9 October 2008"),
]  # fmt: skip

UN_GIFT_AIMS = [
    "Raise awareness and foster commitment",
    "Increase the knowledge base about human trafficking",
    "Build and strengthen greater commitment to existing and new partnerships",
    "Mobilize resources to support action",
    "Implement projects to fight human trafficking on a local, regional and international level",
]


@pytest.fixture
def seeded(db):
    call_command("load_seed_content", verbosity=0)


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Page, NewsItem, Publication, Theme, Revision, get_image_model(), get_document_model())
    }


@pytest.mark.parametrize("url, page_type", SITE_MAP.items())
def test_every_page_of_the_site_map_is_live_with_its_type(client, seeded, url, page_type):
    response = client.get(url)
    assert response.status_code == 200
    assert type(response.context["page"]).__name__ == page_type
    assert response.context["page"].live


def test_home_carries_the_overview_and_the_five_news_items_newest_first(client, seeded):
    html = client.get("/").content.decode()
    assert "UNODC and Human Trafficking" in html
    assert "Human trafficking is the acquisition of people by improper means" in html
    positions = [html.index(title) for title, _ in SEED_NEWS]
    assert positions == sorted(positions)
    for _, date in SEED_NEWS:
        assert date in html


def test_the_five_news_items_have_their_exact_titles_and_dates(seeded):
    items = list(NewsItem.objects.live().order_by("-date"))
    assert [(item.title, item.date_range) for item in items] == SEED_NEWS
    first = items[0]
    assert first.kind == "event"
    assert (first.date, first.end_date) == (datetime.date(2008, 11, 30), datetime.date(2008, 12, 3))


def test_response_page_states_the_newer_figures(client, seeded):
    html = unescape(client.get("/response/").content.decode())
    assert "UNODC's Response to Human Trafficking" in html
    assert "Blue Heart Campaign" in html
    assert "147 States" in html and "110 States" not in html
    assert "Global Programme against Trafficking in Persons" in html


def test_un_gift_page_has_five_aims_and_the_vienna_forum(client, seeded):
    page = InitiativePage.objects.get()
    assert page.aims.count() == 5
    html = client.get("/un-gift/").content.decode()
    for aim in UN_GIFT_AIMS:
        assert aim in html
    assert "13 - 15 February 2008" in html and "Vienna Forum to Fight Human Trafficking" in html


def test_section_pages_show_their_themes_items(client, seeded):
    for slug in ("prevention", "protection", "prosecution"):
        page = SectionPage.objects.get(slug=slug)
        assert page.theme.slug == slug
    assert "UNODC releases new Toolkit to combat Trafficking in Persons" in client.get("/prevention/").content.decode()


def test_publications_have_a_cover_and_a_downloadable_pdf(client, seeded):
    publications = Publication.objects.live()
    titles = set(publications.values_list("title", flat=True))
    for expected in ("Global Report", "Toolkit to Combat Trafficking", "Lebanon", "Thematic Programme", "Strategy"):
        assert any(expected in title for title in titles), expected
    for publication in publications:
        assert publication.cover_image is not None
        download = client.get(f"/publications/{publication.slug}/download/en/", follow=True)
        assert download.status_code == 200
        assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_running_twice_creates_and_changes_nothing(seeded):
    before = counts()
    call_command("load_seed_content", verbosity=0)
    assert counts() == before


def test_an_editors_changes_survive_a_second_run(seeded):
    home = HomePage.objects.get()
    home.title = "Edited by an editor"
    home.save_revision().publish()
    item = NewsItem.objects.get(date=datetime.date(2008, 10, 20))
    item.title = "Edited news title"
    item.save_revision().publish()
    call_command("load_seed_content", verbosity=0)
    assert HomePage.objects.get().title == "Edited by an editor"
    assert NewsItem.objects.get(pk=item.pk).title == "Edited news title"


def test_no_user_is_created(seeded):
    assert not get_user_model().objects.exists()


def test_footer_links_help_safety_and_accessibility(client, seeded):
    footer = client.get("/").content.decode().split("<footer")[1]
    for url in ("/get-help/", "/browse-safely/", "/accessibility/"):
        assert f'href="{url}"' in footer
