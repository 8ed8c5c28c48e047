"""The launch content loader: every page of the site map, the seed texts, and idempotency.

These tests read the database, not rendered pages, so they hold whatever the templates do.
"""

import datetime
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils.text import slugify
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from news.models import NewsIndexPage, NewsItem
from pages.models import (
    HomePage,
    InitiativeAim,
    InitiativeMilestone,
    InitiativePage,
    SectionPage,
    SiteLinks,
    StandardPage,
    Theme,
)
from pages.seed.generate import cover_png, text_pdf
from publications.models import Publication, PublicationFile, PublicationIndexPage

# The home page's children in order: URL, type, title, shown in the main menu.
SITE_MAP = [
    ("/what-is-human-trafficking/", StandardPage, "What is human trafficking?", True),
    ("/response/", StandardPage, "UNODC's Response to Human Trafficking", True),
    ("/prevention/", SectionPage, "Prevention", True),
    ("/protection/", SectionPage, "Protection", True),
    ("/prosecution/", SectionPage, "Prosecution", True),
    ("/un-gift/", InitiativePage, "UN.GIFT: the Global Initiative to Fight Human Trafficking", True),
    ("/news/", NewsIndexPage, "News and events", True),
    ("/publications/", PublicationIndexPage, "Publications", True),
    ("/get-help/", StandardPage, "Get help", False),
    ("/browse-safely/", StandardPage, "Browse safely", False),
    ("/accessibility/", StandardPage, "Accessibility statement", False),
]

SEED_NEWS = [
    (datetime.date(2008, 11, 30), "UNODC holds Expert Group Meeting to Elaborate Basic Training Modules on Preventing and Combating the Smuggling of Migrants"),  # noqa: E501
    (datetime.date(2008, 11, 15), "UNODC Regional Office for South Asia holds Colloquium on Justice Delivery in India"),
    (datetime.date(2008, 10, 20), "UNODC released report on trafficking in Lebanon"),
    (datetime.date(2008, 10, 15), "UNODC hosts event to discuss challenges in the delivery of technical assistance"),
    (datetime.date(2008, 10, 9), "UNODC releases new Toolkit to combat Trafficking in Persons"),
]  # fmt: skip

UN_GIFT_AIMS = [
    "Raise awareness and foster commitment to adopt and implement policies to counter trafficking in persons",
    "Increase the knowledge base about human trafficking",
    "Build and strengthen greater commitment to existing and new partnerships with Governments, the international "
    "community, NGOs, the private sector, civil society organizations and the media",
    "Mobilize resources to support action",
    "Implement projects to fight human trafficking on a local, regional and international level",
]

# Title: (type, date, featured)
SEED_PUBLICATIONS = {
    "Global Report on Trafficking in Persons": ("report", datetime.date(2012, 12, 1), True),
    "Toolkit to Combat Trafficking in Persons": ("toolkit", datetime.date(2008, 10, 9), True),
    "Report on Trafficking in Persons in Lebanon": ("report", datetime.date(2008, 10, 20), False),
    "Thematic Programme against Transnational Organized Crime and Illicit Trafficking 2011-2013": (
        "programme",
        datetime.date(2011, 1, 1),
        False,
    ),
    "Comprehensive Strategy to Combat Trafficking in Persons and Smuggling of Migrants": (
        "strategy",
        datetime.date(2012, 1, 1),
        True,
    ),
}

COUNTED_MODELS = [
    Page,
    Revision,
    Site,
    SiteLinks,
    Theme,
    InitiativeAim,
    InitiativeMilestone,
    NewsItem,
    Publication,
    PublicationFile,
    get_image_model(),
    get_document_model(),
    get_user_model(),
]


def load_seed_content():
    output = io.StringIO()
    call_command("load_seed_content", stdout=output)
    return output.getvalue()


@pytest.fixture
def seeded(db):
    return load_seed_content()


def default_site():
    return Site.objects.get(is_default_site=True)


def body_text(obj):
    """Every string in a body's stored blocks, whatever the block types."""

    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict | list):
            for item in value.values() if isinstance(value, dict) else value:
                yield from strings(item)

    return "\n".join(strings(list(obj.body.raw_data)))


def counts():
    return {model._meta.label: model.objects.count() for model in COUNTED_MODELS}


def snapshot():
    """What an editor could see change: titles, slugs, live state and latest revisions of everything seeded."""
    return {
        "pages": list(Page.objects.order_by("pk").values_list("pk", "title", "slug", "live", "latest_revision_id")),
        "news": list(NewsItem.objects.order_by("pk").values_list("pk", "title", "slug", "live", "latest_revision_id")),
        "publications": list(
            Publication.objects.order_by("pk").values_list("pk", "title", "slug", "live", "latest_revision_id")
        ),
        "themes": list(Theme.objects.order_by("pk").values_list("pk", "name", "slug")),
        "site": list(Site.objects.values_list("pk", "hostname", "port", "root_page_id", "site_name")),
        "site_links": list(SiteLinks.objects.values()),
    }


def test_the_home_page_replaces_wagtails_welcome_page_at_the_site_root(db):
    welcome = Page.objects.filter(depth=2, content_type=ContentType.objects.get_for_model(Page))
    assert welcome.exists(), "Wagtail's migrations leave a placeholder page that the loader replaces"

    load_seed_content()

    assert not welcome.exists()
    site = default_site()
    assert Site.objects.count() == 1
    assert (site.hostname, site.port) == ("localhost", 80)
    assert site.site_name == "UNODC Global Programme against Trafficking in Persons"
    home = site.root_page.specific
    assert type(home) is HomePage
    assert home.title == "UNODC and Human Trafficking"
    assert home.depth == 2 and home.live and home.live_revision_id is not None
    assert home.relative_url(site) == "/"
    assert "Human trafficking is the acquisition of people by improper means" in body_text(home)


def test_every_page_of_the_site_map_is_a_live_child_of_the_home_page_in_menu_order(seeded):
    site = default_site()
    home = HomePage.objects.filter(locale__language_code="en").get()
    children = home.get_children().specific()
    assert [(page.relative_url(site), type(page), page.title, page.show_in_menus) for page in children] == SITE_MAP
    for page in children:
        assert page.slug == page.relative_url(site).strip("/")
        assert page.live and page.live_revision_id is not None, page.slug


@pytest.mark.parametrize("slug", ["home"] + [url.strip("/") for url, *_ in SITE_MAP])
def test_every_page_has_a_summary_and_a_body_the_admin_would_accept(seeded, slug):
    page = Page.objects.filter(locale__language_code="en").get(slug=slug).specific
    assert 0 < len(page.summary) <= 300
    page.body.stream_block.clean(page.body)  # raises ValidationError, as the page editor would show


def test_section_pages_are_linked_to_their_themes(seeded):
    assert list(Theme.objects.order_by("pk").values_list("slug", "name")) == [
        ("prevention", "Prevention"),
        ("protection", "Protection"),
        ("prosecution", "Prosecution"),
        ("partnerships", "Partnerships"),
        ("research-and-awareness", "Research and awareness"),
    ]
    for slug in ("prevention", "protection", "prosecution"):
        assert SectionPage.objects.filter(locale__language_code="en").get(slug=slug).theme.slug == slug


def test_the_explainer_gives_the_protocols_definition(seeded):
    text = body_text(StandardPage.objects.filter(locale__language_code="en").get(slug="what-is-human-trafficking"))
    for words in (
        "recruitment, transportation, transfer, harbouring or receipt of persons",
        "abuse of power or of a position of vulnerability",
        "to achieve the consent of a person having control over another person",
        "forced labour or services, slavery or practices similar to slavery, servitude or the removal of organs",
        "the consent of a victim to the intended exploitation is irrelevant",
        "child",
    ):
        assert words in text


def test_the_response_page_carries_the_newer_seed_text_and_links_the_sections(seeded):
    page = StandardPage.objects.filter(locale__language_code="en").get(slug="response")
    text = body_text(page)
    assert "Blue Heart Campaign" in text
    assert "147 States" in text and "110 States" not in text
    assert "Global Programme against Trafficking in Persons" in text and "Human Beings" not in text
    components = [block.value for block in page.body if block.block_type == "key_facts"]
    assert [fact["description"] for fact in components[0]["facts"]] == [
        "Research and awareness raising",
        "Promotion of the Protocols and capacity-building",
        "The strengthening of partnerships and coordination",
    ]
    for slug in ("prevention", "protection", "prosecution"):
        section = SectionPage.objects.filter(locale__language_code="en").get(slug=slug)
        assert f'<a linktype="page" id="{section.pk}">' in text


def test_the_un_gift_page_has_its_five_aims_and_milestones(seeded):
    page = InitiativePage.objects.filter(locale__language_code="en").get(slug="un-gift")
    assert page.launch_date == datetime.date(2007, 3, 1)
    assert page.website_url == "https://www.ungift.org/" and page.website_link_text
    assert page.aims_introduction
    assert [aim.text for aim in page.aims.all()] == UN_GIFT_AIMS
    milestones = {milestone.title: milestone for milestone in page.milestones.all()}
    vienna = milestones["Vienna Forum to Fight Human Trafficking"]
    assert (vienna.start_date, vienna.end_date, vienna.place) == (
        datetime.date(2008, 2, 13),
        datetime.date(2008, 2, 15),
        "Vienna",
    )
    assert any(milestone.start_date == datetime.date(2007, 3, 1) for milestone in milestones.values())


def test_the_five_news_items_have_their_exact_titles_and_dates(seeded):
    items = list(NewsItem.objects.order_by("-date"))
    assert [(item.date, item.title) for item in items] == SEED_NEWS
    event, *news = items
    assert (event.kind, event.end_date) == ("event", datetime.date(2008, 12, 3))
    assert all(item.kind == "news" and item.end_date is None for item in news)
    for item in items:
        assert item.slug == slugify(item.title)
        assert item.live and item.live_revision_id is not None
        assert item.summary and item.themes.exists()
        item.body.stream_block.clean(item.body)


def test_publications_have_a_cover_and_a_pdf(seeded):
    publications = {publication.title: publication for publication in Publication.objects.all()}
    assert len(publications) >= 5
    for title, (publication_type, date, featured) in SEED_PUBLICATIONS.items():
        publication = publications[title]
        assert (publication.publication_type, publication.date, publication.featured) == (
            publication_type,
            date,
            featured,
        )
    for publication in publications.values():
        assert publication.live and publication.live_revision_id is not None
        assert publication.summary and publication.themes.exists()
        cover = publication.cover_image
        assert cover.title == f"Cover: {publication.title}"
        assert (cover.width, cover.height) == (600, 848)
        [file] = publication.files.all()
        assert (file.language, file.document.title) == ("en", publication.title)
        with file.document.open_file() as pdf:
            content = pdf.read()
        assert content.startswith(b"%PDF")
        assert file.document.file_size == len(content)


def test_site_links_point_at_the_help_safety_and_accessibility_pages(seeded):
    links = SiteLinks.for_site(default_site())
    assert [page.slug for page in links.footer_pages] == ["get-help", "browse-safely", "accessibility"]
    assert links.browse_safely_page.title == "Browse safely"


def test_running_again_creates_and_changes_nothing(seeded):
    assert re.search(r"created [1-9]\d*, kept 0\b", seeded)
    before_counts, before = counts(), snapshot()

    output = load_seed_content()

    assert counts() == before_counts
    assert snapshot() == before
    assert re.search(r"created 0, kept [1-9]\d*\b", output)


def test_editors_changes_survive_a_second_run(seeded):
    edited = [
        HomePage.objects.filter(locale__language_code="en").get(),
        StandardPage.objects.filter(locale__language_code="en").get(slug="response"),
        NewsItem.objects.get(date=datetime.date(2008, 10, 20)),
        Publication.objects.get(slug="global-report-on-trafficking-in-persons"),
    ]
    for obj in edited:
        obj.title = f"Edited: {obj.title}"
        obj.save_revision().publish()
    before_counts = counts()

    load_seed_content()

    assert counts() == before_counts
    for obj in edited:
        assert type(obj).objects.get(pk=obj.pk).title.startswith("Edited: ")


def test_no_user_is_created(db):
    users = get_user_model().objects.count()
    load_seed_content()
    assert get_user_model().objects.count() == users


def test_the_generated_pdf_has_escaped_text_and_correct_cross_references():
    pdf = text_pdf(r"A (bracketed) back\slash title", ["Ünïcode → text is replaced, not dropped."])
    assert pdf.startswith(b"%PDF-1.4\n") and pdf.endswith(b"%%EOF\n")
    assert rb"(A \(bracketed\) back\\slash title) Tj" in pdf
    xref_at = int(re.search(rb"startxref\n(\d+)\n", pdf)[1])
    assert pdf[xref_at:].startswith(b"xref\n")
    entries = re.findall(rb"(\d{10}) 00000 n \n", pdf[xref_at:])
    assert len(entries) == int(re.search(rb"/Size (\d+)", pdf)[1]) - 1
    for number, offset in enumerate(entries, start=1):
        assert pdf[int(offset) :].startswith(b"%d 0 obj\n" % number)
    length = int(re.search(rb"/Length (\d+)", pdf)[1])
    stream_start = pdf.index(b"stream\n") + len(b"stream\n")
    assert pdf[stream_start + length :].startswith(b"\nendstream")


def test_the_generated_cover_is_a_blue_png_of_the_expected_size():
    image = Image.open(io.BytesIO(cover_png("Global Report on Trafficking in Persons")))
    assert (image.format, image.size) == ("PNG", (600, 848))
    assert image.getpixel((5, 5)) == (0, 74, 128)
