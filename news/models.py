from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PublishingPanel, TitleFieldPanel
from wagtail.admin.widgets.slug import SlugInput
from wagtail.contrib.routable_page.models import path
from wagtail.search import index

from core.dates import format_date_range
from core.items import RoutedItem, RoutedItemQuerySet
from core.models import Theme, in_original_language
from core.routing import SnippetIndexPage
from core.structured_data import ORGANIZATION

from .choices import Kind
from .feeds import NewsAtomFeed, NewsFeed
from .forms import NewsFilterForm


class NewsItemQuerySet(RoutedItemQuerySet):
    def for_listing(self, with_untranslated=True):
        """Live items in the visitor's language, newest first, with everything a listing shows fetched up
        front (cards show no themes)."""
        return (
            self.live()
            .in_language(with_untranslated=with_untranslated)
            .select_related("image")
            .order_by("-date", "-pk")
        )

    def for_detail(self):
        return self.live().select_related("image").prefetch_related("themes")


class NewsItem(RoutedItem):
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.NEWS)
    date = models.DateField(_("date"), help_text=_("For an event, the day it starts."))
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("Only for events of more than one day.")
    )
    location = models.CharField(_("location"), max_length=255, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("image alt text"),
        max_length=255,
        blank=True,
        help_text=_("Describe what the image shows. Required with an image."),
    )
    themes = ParentalManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="news_items", limit_choices_to=in_original_language
    )

    objects = NewsItemQuerySet.as_manager()
    index_page_model = "news.NewsIndexPage"

    panels = [
        TitleFieldPanel("title", targets=["slug"]),
        FieldPanel("slug", widget=SlugInput),
        MultiFieldPanel(
            [FieldPanel("kind"), FieldRowPanel([FieldPanel("date"), FieldPanel("end_date")]), FieldPanel("location")],
            heading=_("When and where"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
        FieldPanel("themes"),
        PublishingPanel(),
    ]
    search_fields = RoutedItem.search_fields + [index.SearchField("location"), index.FilterField("kind")]

    class Meta(RoutedItem.Meta):
        indexes = [models.Index(fields=["live", "-date"], name="news_live_date_idx")]
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        # Translators have every right but this one (core.permissions.OriginalsPermissionPolicy).
        permissions = [("edit_original_newsitem", "Can change the English news items translations are made from")]

    def clean(self):
        super().clean()
        errors = {}
        if self.end_date and self.date and self.end_date < self.date:
            errors["end_date"] = _("The end date cannot be before the start date.")
        if self.image_id and not self.image_alt.strip():
            errors["image_alt"] = _("Describe the image for people who cannot see it.")
        if errors:
            raise ValidationError(errors)

    @property
    def date_range(self):
        return format_date_range(self.date, self.end_date)

    @property
    def is_event(self):
        return self.kind == Kind.EVENT

    def structured_data(self):
        """What schema.org says of the item beyond its name, URL, description and image (pages/seo.py)."""
        if self.is_event:
            data = {"@type": "Event", "startDate": self.date.isoformat(), "organizer": ORGANIZATION}
            if self.end_date:
                data["endDate"] = self.end_date.isoformat()
            if self.location:
                data["location"] = {"@type": "Place", "name": self.location, "address": self.location}
            return data
        return {
            "@type": "NewsArticle",
            "headline": self.title[:110],
            "datePublished": self.date.isoformat(),
            "publisher": ORGANIZATION,
        }

    def search_result_details(self):
        """(kind, date as shown, ISO date) for a search result."""
        return self.get_kind_display(), self.date_range, self.date.isoformat()

    def get_cached_paths(self):
        """The listing and the item's page, and the feeds listing it."""
        paths = super().get_cached_paths()
        return [*paths, "feed/", "feed/atom/"] if paths else []

    def get_preview_template(self, request, mode_name):
        return "news/news_item.html"


class NewsIndexPage(SnippetIndexPage):
    """News and Events: every live news item and event, newest first."""

    snippet_model = NewsItem
    detail_template = "news/news_item.html"

    class Meta:
        verbose_name = _("news index page")

    def get_filter_form_class(self):
        return NewsFilterForm

    def get_detail_context(self, request, item):
        return {"related_news": item.related(NewsItem)}

    # Routed before the items' slugs, so no item can hide the feeds.
    @path("feed/", name="feed")
    def rss_feed(self, request):
        return NewsFeed()(request, index_page=self)

    @path("feed/atom/", name="atom_feed")
    def atom_feed(self, request):
        return NewsAtomFeed()(request, index_page=self)
