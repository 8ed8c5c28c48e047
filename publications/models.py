from django.db import models
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PublishingPanel,
    TitleFieldPanel,
)
from wagtail.admin.widgets.slug import SlugInput
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from core.blocks import BodyBlock
from core.dates import format_month
from core.items import RoutedItem, RoutedItemQuerySet
from core.models import Theme, in_original_language
from core.routing import SnippetIndexPage
from core.structured_data import ORGANIZATION

from .choices import Language, PublicationType
from .forms import PublicationFilterForm


def files_with_documents():
    """A publication's files and their documents, in one query, not one each."""
    return Prefetch("files", queryset=PublicationFile.objects.select_related("document"))


class PublicationQuerySet(RoutedItemQuerySet):
    def with_card_fields(self):
        """What a listing shows of each (cover, files), fetched up front."""
        return self.select_related("cover_image").prefetch_related("cover_image__renditions", files_with_documents())

    def for_listing(self, with_untranslated=True):
        """Live publications in the visitor's language, newest first, with what a listing shows."""
        return self.live().in_language(with_untranslated=with_untranslated).with_card_fields().order_by("-date", "-pk")

    def for_detail(self):
        """What the publication's page shows: its cover, files and themes. Not the cover's renditions: the page
        keeps the publication for its whole content generation (core.routing), and renditions made meanwhile (by
        the first visitor, when they were missing) must be found when its content is rendered again."""
        return self.live().select_related("cover_image").prefetch_related(files_with_documents(), "themes")

    def featured(self):
        """Live featured publications in the order publication managers gave them."""
        return self.for_listing().filter(featured=True).order_by("featured_order", "-date", "-pk")


class Publication(RoutedItem):
    publication_type = models.CharField(
        _("type"), max_length=20, choices=PublicationType.choices, default=PublicationType.REPORT
    )
    date = models.DateField(_("publication date"))
    summary = models.TextField(_("summary"), max_length=1000, help_text=_("Shown in listings and to search engines."))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("description"))
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    external_url = models.URLField(
        _("external link"), blank=True, help_text=_("Where the publication is hosted elsewhere.")
    )
    themes = ParentalManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="publications", limit_choices_to=in_original_language
    )
    featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Featured publications appear on the home page.")
    )
    featured_order = models.PositiveSmallIntegerField(
        _("order on the home page"),
        default=0,
        help_text=_("Featured publications are shown lowest number first; equal numbers newest first."),
    )

    objects = PublicationQuerySet.as_manager()
    index_page_model = "publications.PublicationIndexPage"

    panels = [
        TitleFieldPanel("title", targets=["slug"]),
        FieldPanel("slug", widget=SlugInput),
        MultiFieldPanel(
            [
                FieldPanel("publication_type"),
                FieldPanel("date"),
                FieldRowPanel([FieldPanel("featured"), FieldPanel("featured_order")]),
            ],
            heading=_("About"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("cover_image"),
        MultiFieldPanel([InlinePanel("files", label=_("File")), FieldPanel("external_url")], heading=_("Downloads")),
        FieldPanel("themes"),
        PublishingPanel(),
    ]
    search_fields = RoutedItem.search_fields + [index.FilterField("publication_type"), index.FilterField("featured")]

    class Meta(RoutedItem.Meta):
        indexes = [
            models.Index(fields=["live", "-date"], name="publication_live_date_idx"),
            # The listings' order in each language, for their pages' keys (core.pagination.ListingPaginator).
            models.Index(
                fields=["locale", "-date", "-id"], condition=models.Q(live=True), name="publication_listing_order_idx"
            ),
        ]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        # Translators have every right but this one (core.permissions.OriginalsPermissionPolicy).
        permissions = [("edit_original_publication", "Can change the English publications translations are made from")]

    def files_in_visitors_language_first(self):
        """Its files, the one in the visitor's language first, then in the order the managers gave."""
        language = get_language().split("-")[0]  # "zh-hans" reads the Chinese file ("zh")
        return sorted(self.files.all(), key=lambda file: file.language != language)

    def language_names(self):
        return ", ".join(file.get_language_display() for file in self.files.all())

    @property
    def cover_alt(self):
        return _("Cover of %(title)s") % {"title": self.title}

    def structured_data(self):
        """What schema.org says of the publication beyond its name, URL, description and image (pages/seo.py)."""
        return {
            "@type": "Report",
            "datePublished": self.date.isoformat(),
            "publisher": ORGANIZATION,
            "genre": self.get_publication_type_display(),
        }

    def search_result_details(self):
        """(kind, date as shown, ISO date) for a search result."""
        return self.get_publication_type_display(), format_month(self.date), self.date.isoformat()

    def get_preview_template(self, request, mode_name):
        return "publications/publication.html"

    @property
    def accessible_format_subject(self):
        return _("Accessible format request: %(title)s") % {"title": self.title}

    @property
    def accessible_format_body(self):
        """The start of an email asking for this publication in an accessible format, naming each file."""
        files = "\n".join(
            f"- {file.document.title} ({file.get_language_display()}, {file.format})" for file in self.files.all()
        )
        return _(
            "I would like to receive this publication in an accessible format.\n\n"
            "Publication: %(title)s\nFiles:\n%(files)s\n\n"
            "The format I need (for example large print, plain text, audio or Braille):\n"
        ) % {"title": self.title, "files": files or "-"}


class PublicationFile(Orderable):
    """The publication in one language, as a document from the document library."""

    publication = ParentalKey(Publication, on_delete=models.CASCADE, related_name="files")
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.ENGLISH)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.PROTECT, related_name="+"
    )

    panels = [FieldPanel("language"), FieldPanel("document")]

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["publication", "language"], name="one_file_per_language")]

    def __str__(self):
        return f"{self.publication} ({self.get_language_display()})"

    @property
    def format(self):
        return self.document.file_extension.upper()

    def get_url(self, request=None):
        """A stable address for this language's file, so links survive the document being replaced."""
        publication_url = self.publication.get_url(request)
        return publication_url and f"{publication_url}download/{self.language}/"


class PublicationIndexPage(SnippetIndexPage):
    """The publications library."""

    snippet_model = Publication
    detail_template = "publications/publication.html"

    class Meta:
        verbose_name = _("publication index page")

    def get_filter_form_class(self):
        return PublicationFilterForm

    def get_detail_context(self, request, item):
        # Related news comes from the site layer above (pages' related_news_for): news is not below us.
        return {"related_publications": list(item.related(Publication))}

    @path("<slug:slug>/download/<str:language>/", name="download")
    def download(self, request, slug, language):
        publication_file = get_object_or_404(
            PublicationFile.objects.select_related("document"),
            publication__live=True,
            publication__slug=slug,
            language=language,
        )
        # Temporary: the document behind this address may be replaced.
        return redirect(publication_file.document.url)
