"""Builders for test data: real rows through the models' own save and publish paths."""

import datetime
import io
import itertools

from django.core.files.base import ContentFile
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from news.models import NewsIndexPage, NewsItem
from pages.models import HomePage, InitiativeAim, InitiativeMilestone, InitiativePage, SectionPage, StandardPage, Theme
from publications.models import Publication, PublicationFile, PublicationIndexPage

_sequence = itertools.count(1)


def publish(obj):
    obj.save_revision().publish()
    obj.refresh_from_db()  # publishing saves a copy made from the revision
    return obj


def make_theme(name="Prevention"):
    theme, _ = Theme.objects.get_or_create(slug=name.lower().replace(" ", "-"), defaults={"name": name})
    return theme


def make_image(title="Photo", size=(40, 30)):
    output = io.BytesIO()
    Image.new("RGB", size, (10, 80, 140)).save(output, format="PNG")
    return get_image_model().objects.create(title=title, file=ContentFile(output.getvalue(), name="photo.png"))


def make_document(title="Report", content=b"%PDF-1.4\n% test\n%%EOF\n", name="report.pdf"):
    document = get_document_model()(title=title, file=ContentFile(content, name=name))
    document._set_document_file_metadata()
    document.save()
    return document


def make_site_tree():
    """The site map's page tree with empty bodies: home and one page of each type under it."""
    root = Page.get_first_root_node()
    root.get_children().delete()
    home = publish(root.add_child(instance=HomePage(title="Home", slug="home", summary="The programme.")))
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Test")
    prevention = make_theme("Prevention")
    protection = make_theme("Protection")
    tree = {"home": home, "themes": {"prevention": prevention, "protection": protection}}
    children = [
        ("standard", StandardPage(title="What is human trafficking?", slug="what-is-human-trafficking")),
        ("response", StandardPage(title="Our response", slug="response")),
        ("prevention", SectionPage(title="Prevention", slug="prevention", theme=prevention)),
        ("protection", SectionPage(title="Protection", slug="protection", theme=protection)),
        ("initiative", make_initiative_page()),
        ("news_index", NewsIndexPage(title="News and events", slug="news")),
        ("publication_index", PublicationIndexPage(title="Publications", slug="publications")),
        ("get_help", StandardPage(title="Get help", slug="get-help", show_in_menus=False)),
    ]
    for key, page in children:
        page.summary = page.summary or f"About {page.title}."
        page.show_in_menus = key != "get_help"
        home.add_child(instance=page)
        tree[key] = publish(page)
    return tree


def make_initiative_page():
    page = InitiativePage(
        title="UN.GIFT",
        slug="un-gift",
        summary="The Global Initiative to Fight Human Trafficking.",
        launch_date=datetime.date(2007, 3, 1),
        website_url="https://www.ungift.org/",
    )
    page.aims = [InitiativeAim(text="Raise awareness"), InitiativeAim(text="Increase the knowledge base")]
    page.milestones = [
        InitiativeMilestone(
            title="Vienna Forum",
            start_date=datetime.date(2008, 2, 13),
            end_date=datetime.date(2008, 2, 15),
            place="Vienna",
        )
    ]
    return page


def make_news_item(*, live=True, themes=(), **fields):
    number = next(_sequence)
    defaults = {
        "title": f"News item {number}",
        "slug": f"news-item-{number}",
        "date": datetime.date(2008, 1, 1) + datetime.timedelta(days=number % 3000),
        "summary": f"Summary of news item {number}.",
    }
    item = NewsItem(live=False, **{**defaults, **fields})
    item.themes = list(themes)
    item.save()
    return publish(item) if live else _save_draft(item)


def make_publication(*, live=True, themes=(), with_file=True, with_cover=True, document=None, **fields):
    number = next(_sequence)
    defaults = {
        "title": f"Publication {number}",
        "slug": f"publication-{number}",
        "date": datetime.date(2008, 1, 1) + datetime.timedelta(days=number % 3000),
        "summary": f"Summary of publication {number}.",
    }
    publication = Publication(live=False, **{**defaults, **fields})
    if with_cover and not publication.cover_image_id:
        publication.cover_image = make_image(f"Cover {number}")
    publication.themes = list(themes)
    if with_file:
        publication.files = [PublicationFile(language="en", document=document or make_document(publication.title))]
    publication.save()
    return publish(publication) if live else _save_draft(publication)


def _save_draft(obj):
    obj.save_revision()
    return obj
