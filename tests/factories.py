"""Builders for test data: real rows, saved and published through the models' own code paths."""

import datetime
import io
import itertools

from django.core.files.base import ContentFile
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from core.models import Theme
from news.models import NewsIndexPage, NewsItem
from pages.models import HomePage, InitiativeAim, InitiativeMilestone, InitiativePage, SectionPage, StandardPage
from publications.models import Publication, PublicationFile, PublicationIndexPage

PDF_BYTES = b"%PDF-1.4\n% a test document\n%%EOF\n"

_sequence = itertools.count(1)


def publish(obj):
    """Publish the object's current state as a revision, as an editor's Publish button does."""
    obj.save_revision().publish()
    obj.refresh_from_db()  # publishing saves a copy built from the revision, not this instance
    return obj


def save_draft(obj):
    """Keep the object's current state as a draft revision only: nothing public changes."""
    obj.save_revision()
    return obj


def make_theme(name="Prevention"):
    theme, _ = Theme.objects.get_or_create(slug=name.lower().replace(" ", "-"), defaults={"name": name})
    return theme


def make_image(title="Photo", size=(40, 30)):
    output = io.BytesIO()
    Image.new("RGB", size, (10, 80, 140)).save(output, format="PNG")
    return get_image_model().objects.create(title=title, file=ContentFile(output.getvalue(), name="photo.png"))


def make_document(title="Report", content=PDF_BYTES, name="report.pdf"):
    document = get_document_model()(title=title, file=ContentFile(content, name=name))
    document._set_document_file_metadata()  # size and hash, as the admin's upload form sets them
    document.save()
    return document


def make_site_tree():
    """The site map's tree: a home page in place of Wagtail's welcome page, one page of each type under it.

    Returns the pages and themes by name: "home", "standard", "response", "prevention", "protection",
    "initiative", "news_index", "publication_index", "get_help" and "themes".
    """
    root = Page.get_first_root_node()
    # Wagtail's migration made a default site; a transactional test's restored database may lack it.
    site = Site.objects.filter(is_default_site=True).first() or Site(hostname="localhost", is_default_site=True)
    # Deleting a site's root page deletes the site, so park the site on the root while the welcome page goes.
    site.root_page = root
    site.save()
    root.get_children().filter(slug="home").delete()
    home = publish(root.add_child(instance=HomePage(title="Home", slug="home", summary="The programme.")))
    site.root_page = home
    site.save()

    prevention, protection = make_theme("Prevention"), make_theme("Protection")
    tree = {"home": home, "themes": {"prevention": prevention, "protection": protection}}
    children = {
        "standard": StandardPage(title="What is human trafficking?", slug="what-is-human-trafficking"),
        "response": StandardPage(title="Our response", slug="response"),
        "prevention": SectionPage(title="Prevention", slug="prevention", theme=prevention),
        "protection": SectionPage(title="Protection", slug="protection", theme=protection),
        "initiative": make_initiative_page(),
        "news_index": NewsIndexPage(title="News and events", slug="news"),
        "publication_index": PublicationIndexPage(title="Publications", slug="publications"),
        "get_help": StandardPage(title="Get help", slug="get-help"),
    }
    for key, page in children.items():
        page.show_in_menus = key != "get_help"
        tree[key] = add_page(home, page)
    return tree


def add_page(parent, page, *, live=True):
    """Add ``page`` under ``parent``, published unless ``live=False`` (then only a draft)."""
    page.summary = page.summary or f"About {page.title}."
    if not live:
        page.live = False
    parent.add_child(instance=page)
    return publish(page) if live else save_draft(page)


def make_initiative_page():
    page = InitiativePage(
        title="UN.GIFT",
        slug="un-gift",
        summary="The Global Initiative to Fight Human Trafficking.",
        launch_date=datetime.date(2007, 3, 1),
        aims_introduction="UN.GIFT aims to:",
        website_url="https://www.ungift.org/",
        website_link_text="Visit the UN.GIFT website",
    )
    page.aims = [InitiativeAim(text="Raise awareness"), InitiativeAim(text="Increase the knowledge base")]
    page.milestones = [
        InitiativeMilestone(title="Launch", start_date=datetime.date(2007, 3, 26), place="London"),
        InitiativeMilestone(
            title="Vienna Forum",
            start_date=datetime.date(2008, 2, 13),
            end_date=datetime.date(2008, 2, 15),
            place="Vienna",
        ),
    ]
    return page


def _defaults(kind):
    number = next(_sequence)
    return {
        "title": f"{kind} {number}",
        "slug": f"{kind.lower().replace(' ', '-')}-{number}",
        "date": datetime.date(2008, 1, 1) + datetime.timedelta(days=number % 3000),
        "summary": f"Summary of {kind.lower()} {number}.",
    }


def make_news_item(*, live=True, themes=(), **overrides):
    """A news item, published; with ``live=False`` a draft that was never published."""
    item = NewsItem(**{**_defaults("News item"), **overrides, "live": False})
    item.themes = list(themes)
    item.save()
    return publish(item) if live else save_draft(item)


def make_publication(*, live=True, themes=(), with_file=True, with_cover=True, document=None, **overrides):
    """A publication with its own cover and an English PDF, published; with ``live=False`` a never-published draft."""
    publication = Publication(**{**_defaults("Publication"), **overrides, "live": False})
    if with_cover and not publication.cover_image_id:
        publication.cover_image = make_image(f"Cover of {publication.title}")
    publication.themes = list(themes)
    if with_file:
        publication.files = [PublicationFile(language="en", document=document or make_document(publication.title))]
    publication.save()
    return publish(publication) if live else save_draft(publication)
