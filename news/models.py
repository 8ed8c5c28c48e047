from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Q, Value, When
from django.urls import Resolver404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PublishingPanel, TitleFieldPanel
from wagtail.admin.widgets.slug import SlugInput
from wagtail.contrib.routable_page.models import path
from wagtail.search import index

from core.cache import ADDRESS_CACHE_SECONDS, cached_response, query_digest
from core.dates import format_date_range
from core.items import RoutedItem, RoutedItemQuerySet
from core.models import Theme, in_original_language
from core.routing import SnippetIndexPage
from core.structured_data import ORGANIZATION

from .calendar import calendar_response
from .choices import EventFormat, Kind
from .feeds import NewsAtomFeed, NewsFeed
from .forms import NewsFilterForm

# The soonest events a calendar subscription holds.
CALENDAR_LENGTH = 100


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

    def upcoming(self):
        """Events not over yet, soonest first."""
        return self.filter(kind=Kind.EVENT).filter(not_over()).order_by("date", "pk")

    def upcoming_first(self):
        """Events not over yet, soonest first, then the others, newest first: one stream to paginate."""
        upcoming = not_over()
        return self.order_by(
            Case(When(upcoming, then=Value(0)), default=Value(1)), Case(When(upcoming, then="date")), "-date", "-pk"
        )


def not_over():
    """An event is on until its last day (its end date, or its date if it lasts one day) has passed in the
    site's time zone (TIME_ZONE). Read at each request: cached pages show it for at most PAGE_CACHE_SECONDS
    after midnight."""
    today = timezone.localdate()
    return Q(end_date__gte=today) | Q(end_date__isnull=True, date__gte=today)


class NewsItem(RoutedItem):
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.NEWS)
    date = models.DateField(_("date"), help_text=_("For an event, the day it starts."))
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("Only for events of more than one day.")
    )
    location = models.CharField(_("location"), max_length=255, blank=True)
    # wagtail-localize's defaults: the organiser's name is translated, the format (a choice) and the
    # registration link (a URL) are kept as the English item's, unless a translator overrides the link.
    event_format = models.CharField(
        _("format"),
        max_length=10,
        choices=EventFormat.choices,
        blank=True,
        help_text=_("How people take part. Leave empty while it is not decided."),
    )
    organiser = models.CharField(
        _("organiser"),
        max_length=255,
        blank=True,
        help_text=_("Leave empty when the programme organises the event itself."),
    )
    registration_url = models.URLField(
        _("registration link"),
        max_length=500,
        blank=True,
        help_text=_("Where people sign up, if they must. Shown until the event is over."),
    )
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
            [
                FieldPanel("kind"),
                FieldRowPanel([FieldPanel("date"), FieldPanel("end_date")]),
                FieldPanel("location"),
                FieldPanel("event_format"),
                FieldPanel("organiser"),
                FieldPanel("registration_url"),
            ],
            heading=_("When and where"),
            help_text=_("Format, organiser and registration link are shown for events only."),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
        FieldPanel("themes"),
        PublishingPanel(),
    ]
    search_fields = RoutedItem.search_fields + [index.SearchField("location"), index.FilterField("kind")]

    class Meta(RoutedItem.Meta):
        indexes = [
            models.Index(fields=["live", "-date"], name="news_live_date_idx"),
            # The listings' order in each language, for their pages' keys (core.pagination.ListingPaginator).
            models.Index(
                fields=["locale", "-date", "-id"], condition=models.Q(live=True), name="news_listing_order_idx"
            ),
        ]
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
        if self.slug and self.slug_is_taken_by_a_feed():
            errors["slug"] = _("The news feeds use this address. Choose another.")
        if errors:
            raise ValidationError(errors)

    def slug_is_taken_by_a_feed(self):
        """Whether the index page routes ``<slug>/`` to something else (``feed/``, ``calendar/``): the item's
        page could never be reached."""
        try:
            return NewsIndexPage.get_resolver().resolve(f"/{self.slug}/").url_name != "detail"
        except Resolver404:
            return False  # not a slug at all: the slug field says so

    @property
    def date_range(self):
        return format_date_range(self.date, self.end_date)

    @property
    def is_event(self):
        return self.kind == Kind.EVENT

    @property
    def is_upcoming(self):
        """An event not over yet (see ``not_over``)."""
        return self.is_event and (self.end_date or self.date) >= timezone.localdate()

    @property
    def organiser_name(self):
        """Who organises an event: the programme unless an organiser is named."""
        return self.organiser or _("UNODC Global Programme against Trafficking in Persons")

    def structured_data(self):
        """What schema.org says of the item beyond its name, URL, description and image (pages/seo.py)."""
        if self.is_event:
            organizer = {"@type": "Organization", "name": self.organiser} if self.organiser else ORGANIZATION
            data = {
                "@type": "Event",
                "startDate": self.date.isoformat(),
                "endDate": (self.end_date or self.date).isoformat(),
                "eventStatus": "https://schema.org/EventScheduled",
                "organizer": organizer,
            }
            places = []
            if self.location and self.event_format != EventFormat.ONLINE:
                places.append({"@type": "Place", "name": self.location, "address": self.location})
            if self.event_format:
                data["eventAttendanceMode"] = EventFormat(self.event_format).attendance_mode
                if self.event_format != EventFormat.IN_PERSON and self.registration_url:
                    places.append({"@type": "VirtualLocation", "url": self.registration_url})
            if places:
                data["location"] = places[0] if len(places) == 1 else places
            if self.registration_url:
                data["offers"] = {"@type": "Offer", "url": self.registration_url}
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
        """The listing and the item's page, an event's calendar file, and the feeds and calendar listing it."""
        paths = super().get_cached_paths()
        if not paths:
            return []
        routes = NewsIndexPage.get_resolver()
        calendar_file = [routes.reverse("event_calendar", slug=self.slug)] if self.is_event else []
        return [*paths, *calendar_file, *(routes.reverse(name) for name in ("feed", "atom_feed", "calendar"))]

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
        return {"related_news": list(item.related(NewsItem))}

    def arrange_listing(self, filter_form, items):
        """Events: upcoming ones first, soonest first, then past ones, newest first (the template heads each)."""
        if filter_form.active_values().get("kind") != Kind.EVENT:
            return items, {}
        return items.upcoming_first(), {"events_apart": True}

    # Routed before the items' slugs, so no item can hide the feeds (NewsItem.clean refuses those slugs).
    @path("feed/", name="feed")
    def rss_feed(self, request):
        return self.feed_response(request, NewsFeed)

    @path("feed/atom/", name="atom_feed")
    def atom_feed(self, request):
        return self.feed_response(request, NewsAtomFeed)

    def feed_response(self, request, feed_class):
        """The feed, rendered once per content generation, language and query (its theme or kind), kept in the
        shared cache only, as briefly as the app keeps a page: a visitor writes the query."""
        return cached_response(
            request,
            f"feed:{self.pk}:{feed_class.__name__}:{query_digest(request)}",
            lambda: feed_class()(request, index_page=self),
            timeout=ADDRESS_CACHE_SECONDS,
            per_worker=False,
        )

    # Wagtail serves no address with a dot in it (events.ics): the file name comes with the response.
    @path("calendar/", name="calendar")
    def upcoming_calendar(self, request):
        """The upcoming events, for calendars to subscribe to."""
        events = NewsItem.objects.live().in_language(with_untranslated=self.show_untranslated)
        events = events.upcoming().defer("body")[:CALENDAR_LENGTH]
        listing = self.get_url(request) + "?" + urlencode({"kind": Kind.EVENT})
        return calendar_response(request, events, "upcoming-events.ics", feed_name=_("Upcoming events"), url=listing)

    @path("<slug:slug>/calendar/", name="event_calendar")
    def event_calendar(self, request, slug):
        """One event, to add to a calendar."""
        event = self.get_item(slug, NewsItem.objects.live().filter(kind=Kind.EVENT).defer("body"))
        return calendar_response(request, [event], f"{event.slug}.ics")
