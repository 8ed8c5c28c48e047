"""Create the launch content: every page of the site map, themes, news items and publications.

Idempotent: everything is looked up by slug and only what is missing is created, so a
second run creates nothing and never overwrites what an editor has changed since.
"""

import re

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

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
from pages.seed import content
from pages.seed.generate import cover_png, text_pdf
from publications.models import Publication, PublicationFile, PublicationIndexPage

PAGE_TYPES = {
    model.__name__: model for model in (StandardPage, SectionPage, InitiativePage, NewsIndexPage, PublicationIndexPage)
}
PAGE_LINK = re.compile(r'(<a linktype="page" id=")([a-z0-9-]+)(")')


class Command(BaseCommand):
    help = "Load the site's launch content. Safe to run again: it only adds what is missing."

    @transaction.atomic
    def handle(self, *args, **options):
        self.created = []
        themes = {slug: self.get_or_create_theme(slug, name, description) for slug, name, description in content.THEMES}
        home, new_pages = self.get_or_create_home()
        new_pages += self.create_missing_pages(home, themes)
        # Bodies link to other pages, so they are written once every page exists.
        slugs_to_ids = dict(home.get_children().values_list("slug", "id"))
        for page, spec in new_pages:
            page.body = self.stream_data(spec["body"], slugs_to_ids)
            page.save_revision().publish()
        self.set_site_links(home, slugs_to_ids)
        for spec in content.NEWS:
            self.create_news_item(spec, themes)
        for spec in content.PUBLICATIONS:
            self.create_publication(spec, themes)
        self.stdout.write(
            f"Launch content: {len(self.created)} created"
            + (": " + ", ".join(self.created) if self.created else ", everything was already there.")
        )

    def get_or_create_theme(self, slug, name, description):
        theme, created = Theme.objects.get_or_create(slug=slug, defaults={"name": name, "description": description})
        if created:
            self.created.append(f"theme {name}")
        return theme

    def get_or_create_home(self):
        home = HomePage.objects.first()
        new_pages = []
        if home is None:
            root = Page.get_first_root_node()
            # Wagtail's first migration leaves a placeholder welcome page; the home page replaces it.
            for placeholder in root.get_children().filter(content_type__model="page", numchild=0):
                placeholder.delete()
            home = root.add_child(
                instance=HomePage(title=content.HOME["title"], slug="home", summary=content.HOME["summary"], live=True)
            )
            self.created.append("home page")
            new_pages.append((home, content.HOME))
        site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True, hostname="localhost")
        if site.root_page_id != home.pk:
            site.root_page = home
            site.port = site.port or 80
            site.site_name = site.site_name or "UNODC Global Programme against Trafficking in Persons"
            site.save()
        return home, new_pages

    def create_missing_pages(self, home, themes):
        existing = set(home.get_children().values_list("slug", flat=True))
        new_pages = []
        for spec in content.PAGES:
            if spec["slug"] in existing:
                continue
            fields = {
                "title": spec["title"],
                "slug": spec["slug"],
                "summary": spec["summary"],
                "show_in_menus": spec["menu"],
            }
            if "theme" in spec:
                fields["theme"] = themes[spec["theme"]]
            for name in ("launch_date", "aims_introduction", "website_url", "website_link_text"):
                if name in spec:
                    fields[name] = spec[name]
            page = PAGE_TYPES[spec["type"]](**fields)
            if "aims" in spec:
                page.aims = [InitiativeAim(text=text) for text in spec["aims"]]
                page.milestones = [
                    InitiativeMilestone(title=title, start_date=start, end_date=end, place=place)
                    for title, start, end, place in spec["milestones"]
                ]
            home.add_child(instance=page)
            new_pages.append((page, spec))
            self.created.append(f"page /{spec['slug']}/")
        return new_pages

    @staticmethod
    def stream_data(body, slugs_to_ids=None):
        """StreamField data for a seed body, whose links name pages by slug where the blocks need ids."""
        data = []
        for block_type, value in body:
            if block_type == "paragraph":
                value = PAGE_LINK.sub(lambda m: f"{m[1]}{slugs_to_ids[m[2]]}{m[3]}", value)
            elif block_type == "call_to_action" and value.get("page"):
                value = {**value, "page": slugs_to_ids[value["page"]]}
            data.append({"type": block_type, "value": value})
        return data

    def set_site_links(self, home, slugs_to_ids):
        site = Site.objects.get(root_page=home)
        links = SiteLinks.for_site(site)
        changed = False
        for field, slug in content.SITE_LINKS.items():
            if getattr(links, f"{field}_id") is None and slug in slugs_to_ids:
                setattr(links, f"{field}_id", slugs_to_ids[slug])
                changed = True
        if not links.accessible_formats_email:
            links.accessible_formats_email = content.ACCESSIBLE_FORMATS_EMAIL
            changed = True
        if changed:
            links.save()

    def create_news_item(self, spec, themes):
        slug = slugify(spec["title"])[:255]
        if NewsItem.objects.filter(slug=slug).exists():
            return
        item = NewsItem(
            slug=slug,
            live=False,
            **{key: value for key, value in spec.items() if key not in ("themes", "body")},
            body=self.stream_data(spec["body"]),
        )
        item.themes = [themes[theme] for theme in spec["themes"]]
        item.save()
        item.save_revision().publish()
        self.created.append(f"news item {spec['date']:%Y-%m-%d}")

    def create_publication(self, spec, themes):
        if Publication.objects.filter(slug=spec["slug"]).exists():
            return
        cover = self.save_with_metadata(
            get_image_model()(title=f"Cover: {spec['title']}"),
            ContentFile(cover_png(spec["title"]), name=f"{spec['slug'][:80]}-cover.png"),
        )
        document = self.save_with_metadata(
            get_document_model()(title=spec["title"]),
            ContentFile(text_pdf(spec["title"], [spec["summary"]]), name=f"{spec['slug'][:80]}.pdf"),
        )
        publication = Publication(
            live=False,
            cover_image=cover,
            **{key: value for key, value in spec.items() if key != "themes"},
        )
        publication.themes = [themes[theme] for theme in spec["themes"]]
        publication.files = [PublicationFile(language="en", document=document)]
        publication.save()
        publication.save_revision().publish()
        self.created.append(f"publication {spec['slug']}")

    @staticmethod
    def save_with_metadata(media, file):
        """Save an image or document with the size and hash Wagtail's upload forms would record."""
        media.file = file
        if hasattr(media, "_set_image_file_metadata"):
            media._set_image_file_metadata()
        else:
            media._set_document_file_metadata()
        media.save()
        return media
