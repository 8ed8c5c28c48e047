"""The launch content loader: every page of the site map, the seed texts, and idempotency.

Most tests read the database, not rendered pages, so they hold whatever the templates do; those on the
sample publications also read what visitors and the admin are shown of them.
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
from pages.seed.generate import sample_cover_png, sample_pdf, text_pdf
from publications.models import Publication, PublicationFile, PublicationIndexPage

from .markup import parse

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

# The publications the sources date, each with the date they give its release: (slug, title, type, date).
SEED_PUBLICATIONS = [
    # "9 October 2008, UNODC releases new Toolkit to combat Trafficking in Persons"
    (
        "toolkit-to-combat-trafficking-in-persons",
        "Toolkit to Combat Trafficking in Persons",
        "toolkit",
        datetime.date(2008, 10, 9),
    ),
    # "20 October 2008, UNODC released report on trafficking in Lebanon"
    (
        "report-on-trafficking-in-persons-in-lebanon",
        "Report on trafficking in Lebanon",
        "report",
        datetime.date(2008, 10, 20),
    ),
]
SAMPLE = "SAMPLE – "

# Every date the two source documents give, as they write it; a range is compared with its " to "/"–" read as " - ".
# "30 November - 3 December" has no year there: the list runs newest first among items of 2008, so the loader
# dates the event 2008 (a date field needs a year) and its text gives no year.
SOURCE_DATES = [
    "30 November - 3 December",
    "15 November 2008",
    "20 October 2008",
    "15 October 2008",
    "9 October 2008",
    "March 2007",
    "13 to 15 February 2008",
    "December 2012",  # when UNODC "will publish the next Global Report": announced, not published
]
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
WRITTEN_DATE = re.compile(
    rf"(?:\d{{1,2}} (?:to|-|–) )?(?:\d{{1,2}} )?(?:{MONTHS})(?: (?:to|-|–) \d{{1,2}} (?:{MONTHS}))?(?: \d{{4}})?"
)

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


def test_the_un_gift_page_has_its_five_aims_and_the_milestone_the_source_names(seeded):
    page = InitiativePage.objects.filter(locale__language_code="en").get(slug="un-gift")
    # "In March 2007": the field needs a day, which the page never shows (see the next test).
    assert (page.launch_date.year, page.launch_date.month) == (2007, 3)
    assert page.website_url == "https://www.ungift.org/" and page.website_link_text
    assert page.aims_introduction
    assert [aim.text for aim in page.aims.all()] == UN_GIFT_AIMS
    # "A key milestone towards this goal was the Vienna Forum to Fight Human Trafficking held on 13 to 15 February
    # 2008": the one the source names. A launch milestone would show a day the source does not give.
    assert [(m.title, m.start_date, m.end_date, m.place) for m in page.milestones.all()] == [
        ("Vienna Forum to Fight Human Trafficking", datetime.date(2008, 2, 13), datetime.date(2008, 2, 15), ""),
    ]


def test_the_un_gift_page_shows_the_launch_month_and_the_milestones_as_a_description_list(seeded, client):
    document = parse(client.get("/un-gift/").content.decode())
    [launched] = [p for p in document.find_all("p") if p.text.startswith("Launched")]
    assert launched.text == "Launched March 2007"
    [milestones] = document.find_all("dl", class_="milestones")
    assert [
        (dt.text, dd.text) for dt, dd in zip(milestones.find_all("dt"), milestones.find_all("dd"), strict=True)
    ] == [
        ("13–15 February 2008", "Vienna Forum to Fight Human Trafficking"),
    ]


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


def test_the_launch_publications_are_those_the_sources_date_with_their_dates(seeded):
    publications = Publication.objects.order_by("date")
    assert [(p.slug, p.title, p.publication_type, p.date) for p in publications] == [
        (slug, SAMPLE + title, publication_type, date) for slug, title, publication_type, date in SEED_PUBLICATIONS
    ]
    assert [p.slug for p in Publication.objects.featured()] == [slug for slug, *_ in SEED_PUBLICATIONS]


def test_each_launch_publication_is_a_sample_on_its_face_in_its_title_and_in_the_admin(seeded):
    for slug, title, *_ in SEED_PUBLICATIONS:
        publication = Publication.objects.get(slug=slug)
        assert publication.live and publication.live_revision_id is not None
        assert publication.summary and publication.themes.exists()
        assert "This is a sample entry." in body_text(publication)
        cover = publication.cover_image
        assert cover.title == f"{SAMPLE}Cover: {title}"
        assert list(cover.tags.names()) == ["sample"]
        with cover.open_file() as image_file:
            image = Image.open(image_file)
            image.load()
        assert (image.width, image.height) == (600, 848)
        assert image.getpixel((2, 500)) == (255, 221, 0)  # the "SAMPLE" band
        [file] = publication.files.all()
        assert (file.language, file.document.title) == ("en", SAMPLE + title)
        assert list(file.document.tags.names()) == ["sample"]
        with file.document.open_file() as pdf:
            content = pdf.read()
        assert content.startswith(b"%PDF")
        assert file.document.file_size == len(content)
        assert b"/F2 72 Tf\n0.7 0 0 rg\n0 -78 Td\n(SAMPLE) Tj" in content  # first, in large red letters
        assert b"It is not the published document: replace it with the published PDF." in pdf_text(content)


@pytest.mark.parametrize("url", ["/publications/", "/"])
def test_visitors_see_sample_publications_marked_in_listings(seeded, client, url):
    document = parse(client.get(url).content.decode())
    links = [link for link in document.find_all("a") if link.get("href", "").startswith("/publications/")]
    publication_links = [link.text for link in links if link["href"] != "/publications/"]
    assert sorted(publication_links) == sorted(SAMPLE + title for _, title, *_ in SEED_PUBLICATIONS)


def test_a_sample_publications_download_link_says_it_is_a_sample(seeded, client):
    slug, title, *_ = SEED_PUBLICATIONS[0]
    document = parse(client.get(f"/publications/{slug}/").content.decode())
    assert document.find("h1").text == SAMPLE + title
    assert document.find("img", alt=f"Cover of {SAMPLE}{title}") is not None
    [download] = document.find_all("a", href=f"/publications/{slug}/download/en/")
    assert download.text.startswith(f"{SAMPLE}{title} (English, PDF, ")
    assert "This is a sample entry. Its cover and PDF file were made when this website was set up" in document.text


def test_the_admin_lists_the_sample_files_and_covers_under_their_tag(seeded, client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.org", None))
    for listing, names in (
        ("/admin/documents/", [SAMPLE + title for _, title, *_ in SEED_PUBLICATIONS]),
        ("/admin/images/", [f"{SAMPLE}Cover: {title}" for _, title, *_ in SEED_PUBLICATIONS]),
    ):
        html = client.get(listing, {"tag": "sample"}).content.decode()
        for name in names:
            assert name in html, (listing, name)
    html = client.get("/admin/snippets/publications/publication/").content.decode()
    for _, title, *_ in SEED_PUBLICATIONS:
        assert SAMPLE + title in html


def seeded_texts():
    """Every text the launch content shows: titles, summaries, bodies and inline fields of English pages and items."""
    for page in Page.objects.filter(locale__language_code="en").specific():
        yield page.title
        yield getattr(page, "summary", "")
        if hasattr(page, "body"):
            yield body_text(page)
        if isinstance(page, InitiativePage):
            yield page.aims_introduction
            yield from (milestone.title for milestone in page.milestones.all())
    for item in [*NewsItem.objects.all(), *Publication.objects.all()]:
        yield from (item.title, item.summary, body_text(item))


def test_the_launch_content_writes_no_date_the_sources_do_not_give(seeded):
    def as_range(date):
        return re.sub(r" (?:to|–) ", " - ", date)

    written = {as_range(date) for text in seeded_texts() for date in WRITTEN_DATE.findall(text) if date[-1].isdigit()}
    assert {"March 2007", "13 - 15 February 2008", "9 October 2008"} <= written
    assert written <= {as_range(date) for date in SOURCE_DATES}


def test_the_launch_content_claims_no_publication_the_sources_only_announce(seeded):
    """The sources say UNODC "will publish the next Global Report ... in December 2012": not that it did."""
    assert not Publication.objects.filter(title__icontains="Global Report").exists()
    for text in seeded_texts():
        assert "will publish the next Global Report on Trafficking in Persons in December 2012" in text or (
            "December 2012" not in text
        ), text


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
        Publication.objects.get(slug="toolkit-to-combat-trafficking-in-persons"),
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


def test_the_generated_cover_is_a_blue_png_with_a_sample_band_whatever_the_title():
    for title in ("Toolkit to Combat Trafficking in Persons", " ".join(["Trafficking"] * 40)):
        image = Image.open(io.BytesIO(sample_cover_png(title)))
        assert (image.format, image.size) == ("PNG", (600, 848))
        assert image.getpixel((5, 5)) == (0, 74, 128)
        band = [y for y in range(848) if image.getpixel((2, y)) == (255, 221, 0)]
        assert len(band) == 201 and band[-1] < 848 - 110  # whole, and above the imprint
        black = sum(image.getpixel((x, y)) == (0, 0, 0) for x in range(600) for y in band)
        assert black > 5_000  # the word, large


def pdf_text(pdf):
    """The text a generated PDF shows, its lines joined by spaces."""
    return b" ".join(line for line in re.findall(rb"\((.*?)\) Tj", pdf) if line)


def test_the_sample_pdf_says_first_that_it_is_a_sample_and_names_it_so():
    pdf = sample_pdf("Toolkit", ["A summary."])
    assert pdf_text(pdf).startswith(b"SAMPLE This file is a sample made when the website was set up.")
    assert pdf_text(pdf).endswith(b"the published PDF. Toolkit A summary.")
    assert b"/Title (SAMPLE \x96 Toolkit)" in pdf  # the en dash in WinAnsiEncoding
