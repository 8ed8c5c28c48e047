"""Create the launch content: every page of the site map, themes, news items and publications.

Idempotent: everything is looked up by slug and only what is missing is created, so a
second run creates nothing and never overwrites what an editor has changed since.
"""

import io
import re

from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.utils.file import hash_filelike

from core.addresses import site_hostname_and_port
from core.models import Theme, in_original_language
from news.models import NewsIndexPage, NewsItem
from pages.models import (
    HomePage,
    InitiativeAim,
    InitiativeMilestone,
    InitiativePage,
    SectionPage,
    SiteLinks,
    StandardPage,
)
from pages.seed import content
from pages.seed.generate import sample_cover_png, sample_pdf
from publications.choices import Language
from publications.models import Publication, PublicationFile, PublicationIndexPage

PAGE_MODELS = {
    model.__name__: model for model in (StandardPage, SectionPage, InitiativePage, NewsIndexPage, PublicationIndexPage)
}
PAGE_LINK = re.compile(r'(<a linktype="page" id=")([a-z0-9-]+)(")')


class Command(BaseCommand):
    help = "Load the site's launch content. Safe to run again: it only adds what is missing."

    @transaction.atomic
    def handle(self, *args, **options):
        self.created, self.kept = [], []
        themes = {slug: self.theme(slug, name, description) for slug, name, description in content.THEMES}
        home, home_created = self.home_page()
        site = self.default_site(home, home_created)
        new_pages = [(home, content.HOME)] if home_created else []
        existing = set(home.get_children().values_list("slug", flat=True))
        for spec in content.PAGES:
            if not self.exists(f"page /{spec['slug']}/", spec["slug"] in existing):
                new_pages.append((self.child_page(home, spec, themes), spec))
        # Bodies link to other pages by id, so they are written once every page exists.
        self.page_ids = dict(home.get_children().values_list("slug", "id"))
        for page, spec in new_pages:
            page.body = self.stream_data(spec["body"])
            page.save_revision().publish()
        self.site_links(site)
        for spec in content.NEWS:
            self.news_item(spec, themes)
        for spec in content.PUBLICATIONS:
            self.publication(spec, themes)
        # Each other language's page tree: aliases of the English pages until they are translated.
        call_command("sync_locale_trees")

        self.stdout.write(f"Launch content: created {len(self.created)}, kept {len(self.kept)} that already existed.")
        if options["verbosity"] > 1:
            for label in self.created:
                self.stdout.write(f"  created {label}")

    def record(self, label, created):
        (self.created if created else self.kept).append(label)

    def exists(self, label, found):
        """Whether an object is already there: if so it is counted as kept, and left as it is."""
        if found:
            self.record(label, created=False)
        return found

    def theme(self, slug, name, description):
        themes = Theme.objects.filter(in_original_language())
        theme, created = themes.get_or_create(slug=slug, defaults={"name": name, "description": description})
        self.record(f"theme {slug}", created)
        return theme

    def home_page(self):
        """The home page, and whether it was created now."""
        home = HomePage.objects.first()
        if self.exists("home page", home is not None):
            return home, False
        root = Page.get_first_root_node()
        # Wagtail's first migration leaves a "Welcome to your new Wagtail site!" page where the home page goes.
        # Deleting it also deletes the Site rooted at it (the foreign key cascades); default_site() makes a new one.
        for placeholder in root.get_children().filter(content_type=ContentType.objects.get_for_model(Page), numchild=0):
            placeholder.delete()
        home = root.add_child(instance=HomePage(**page_fields(content.HOME)))
        self.record("home page", created=True)
        return home, True

    def default_site(self, home, home_created):
        site = Site.objects.filter(is_default_site=True).first()
        if self.exists("default site", site is not None):
            if home_created and site.root_page_id != home.pk:
                site.root_page = home
                site.save(update_fields=["root_page"])
            return site
        self.record("default site", created=True)
        hostname, port = site_hostname_and_port()  # SITE_URL, as migrate sets it
        return Site.objects.create(
            hostname=hostname, port=port, is_default_site=True, site_name=content.SITE_NAME, root_page=home
        )

    def child_page(self, home, spec, themes):
        fields = page_fields(spec)
        if "theme" in fields:
            fields["theme"] = themes[fields["theme"]]
        page = home.add_child(instance=PAGE_MODELS[spec["type"]](**fields, **initiative_children(spec)))
        self.record(f"page /{spec['slug']}/", created=True)
        return page

    def site_links(self, site):
        """Point the site's help, safety and accessibility links at the seed pages, where they are not set."""
        links = SiteLinks.for_site(site)
        unset = [field for field in content.SITE_LINKS if getattr(links, f"{field}_id") is None]
        for field in unset:
            setattr(links, f"{field}_id", self.page_ids[content.SITE_LINKS[field]])
        if unset:
            links.save()
        self.record("site links", created=bool(unset))

    def news_item(self, spec, themes):
        slug = slugify(spec["title"])
        if self.exists(f"news item {slug}", NewsItem.objects.filter(slug=slug).exists()):
            return
        self.publish_snippet(NewsItem(slug=slug, **self.snippet_fields(spec, themes)))

    def publication(self, spec, themes):
        """A sample publication: its title, cover, file and description say so, until the published one replaces it."""
        title, slug = spec["title"], spec["slug"]
        if self.exists(f"publication {slug}", Publication.objects.filter(slug=slug).exists()):
            return
        sample = content.SAMPLE_TITLE_PREFIX
        cover = save_sample(
            get_image_model(), f"{sample}Cover: {title}", sample_cover_png(title), f"{slug[:80]}-cover.png"
        )
        pdf = save_sample(
            get_document_model(), sample + title, sample_pdf(title, [spec["summary"]]), f"{slug[:80]}.pdf"
        )
        publication = Publication(
            cover_image=cover,
            files=[PublicationFile(language=Language.ENGLISH, document=pdf)],
            **self.snippet_fields({**spec, "title": sample + title, "body": [content.SAMPLE_NOTE]}, themes),
        )
        self.publish_snippet(publication)

    def snippet_fields(self, spec, themes):
        fields = {name: value for name, value in spec.items() if name not in ("themes", "body")}
        return {
            **fields,
            "themes": [themes[slug] for slug in spec["themes"]],
            "body": self.stream_data(spec.get("body", [])),
        }

    def publish_snippet(self, snippet):
        """Save a new news item or publication as a draft, then publish that revision, as the admin would."""
        snippet.live = False
        snippet.save()
        snippet.save_revision().publish()
        self.record(f"{snippet._meta.verbose_name} {snippet.slug}", created=True)

    def stream_data(self, body):
        """StreamField data for a seed body, with the page slugs it links to turned into page ids."""
        data = []
        for block_type, value in body:
            if block_type == "paragraph":
                value = PAGE_LINK.sub(lambda m: f"{m[1]}{self.page_ids[m[2]]}{m[3]}", value)
            elif block_type == "call_to_action" and value.get("page"):
                value = {**value, "page": self.page_ids[value["page"]]}
            data.append({"type": block_type, "value": value})
        return data


def page_fields(spec):
    """A page spec's model fields: all but its type, its body (written later) and its inline children."""
    return {name: value for name, value in spec.items() if name not in ("type", "body", "aims", "milestones")}


def initiative_children(spec):
    """An initiative's aims and milestones, as inline objects that modelcluster saves with the page."""
    children = {}
    if "aims" in spec:
        children["aims"] = [InitiativeAim(text=text) for text in spec["aims"]]
    if "milestones" in spec:
        children["milestones"] = [InitiativeMilestone(**milestone) for milestone in spec["milestones"]]
    return children


def save_sample(model, title, data, filename):
    """Save a sample image or document with the size and hash that Wagtail's upload forms record, tagged as a sample."""
    file = File(io.BytesIO(data), name=filename)
    media = model.objects.create(title=title, file=file, file_size=len(data), file_hash=hash_filelike(io.BytesIO(data)))
    media.tags.add(content.SAMPLE_TAG)
    return media
