from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, Locale, Orderable, Page, RevisionMixin, Site, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.blocks import HelpLineBlock
from core.cache import cached_for_content, cached_unless_preview
from core.dates import format_date_range
from core.models import BasePage, Theme, in_original_language
from news.models import NewsItem
from publications.models import Publication


class HomePage(BasePage):
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "pages.StandardPage",
        "pages.SectionPage",
        "pages.InitiativePage",
        "news.NewsIndexPage",
        "publications.PublicationIndexPage",
    ]
    latest_news_count = 5
    featured_publications_count = 3

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):

        context = super().get_context(request, *args, **kwargs)
        children = cached_for_content(
            request,
            f"home-sections:{self.pk}",
            lambda: list(self.get_children().live().public().type(SectionPage, InitiativePage).specific()),
        )
        context["section_pages"] = [p for p in children if isinstance(p, SectionPage)]
        context["initiative_page"] = next((p for p in children if isinstance(p, InitiativePage)), None)
        context["news_index"] = NewsItem.get_index_page(request)
        context["publication_index"] = Publication.get_index_page(request)
        # Items are public only while the page that routes them is. Read once per content generation.
        if context["news_index"]:
            context["latest_news"] = cached_for_content(
                request, "latest-news", lambda: list(NewsItem.objects.for_listing()[: self.latest_news_count])
            )
        if context["publication_index"]:
            context["featured_publications"] = cached_for_content(
                request,
                "featured-publications",
                lambda: list(Publication.objects.featured()[: self.featured_publications_count]),
            )
        return context


class StandardPage(BasePage):
    """An article of the site: the explainer, the response, help, safety and accessibility pages."""

    parent_page_types = ["pages.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("standard page")


class SectionPage(BasePage):
    """One of the three strands (prevention, protection, prosecution), with the latest items of its theme."""

    theme = models.ForeignKey(
        Theme,
        verbose_name=_("theme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to=in_original_language,
        help_text=_("News and publications of this theme are listed on the page."),
    )

    def read_for_serving(self):
        super().read_for_serving()
        self.theme  # noqa: B018 - read now, kept with the page (a theme's change is a new content generation)

    # Its translations list the same theme's items: items are tagged with the English themes.
    override_translatable_fields = [SynchronizedField("theme")]
    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    latest_count = 5

    content_panels = BasePage.content_panels + [FieldPanel("theme")]

    class Meta:
        verbose_name = _("section page")

    @classmethod
    def for_themes_of(cls, item):
        """The section pages of a themed item's themes ("More on this theme"), as visitors can open them, in
        the active language (its translations, or the aliases of the English ones)."""
        pages = cls.public_objects().filter(theme__in=item.theme_ids(), locale__language_code=get_language())
        return pages.order_by("path")

    def get_context(self, request, *args, **kwargs):

        context = super().get_context(request, *args, **kwargs)
        context["news_index"] = NewsItem.get_index_page(request)
        context["publication_index"] = Publication.get_index_page(request)
        # Items are public only while the page that routes them is. Read once per content generation, for each
        # theme (a preview may show a theme of its own).
        if self.theme_id and context["news_index"]:
            context["theme_news"] = cached_unless_preview(
                request,
                f"theme-news:{self.theme_id}",
                lambda: list(NewsItem.objects.for_listing().filter(themes=self.theme_id)[: self.latest_count]),
            )
        if self.theme_id and context["publication_index"]:
            context["theme_publications"] = cached_unless_preview(
                request,
                f"theme-publications:{self.theme_id}",
                lambda: list(Publication.objects.for_listing().filter(themes=self.theme_id)[: self.latest_count]),
            )
        return context


class InitiativePage(BasePage):
    """A partner initiative, such as UN.GIFT: launch, aims, milestones and its own website."""

    launch_date = models.DateField(_("launch date"), null=True, blank=True)
    aims_introduction = models.CharField(_("aims introduction"), max_length=255, blank=True)
    website_url = models.URLField(_("website"), blank=True)
    website_link_text = models.CharField(_("website link text"), max_length=120, blank=True)

    parent_page_types = ["pages.HomePage"]
    subpage_types = []

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("launch_date"), FieldPanel("website_url"), FieldPanel("website_link_text")],
            heading=_("Initiative"),
        ),
        MultiFieldPanel([FieldPanel("aims_introduction"), InlinePanel("aims", label=_("Aim"))], heading=_("Aims")),
        InlinePanel("milestones", heading=_("Milestones"), label=_("Milestone")),
    ]
    search_fields = BasePage.search_fields + [
        index.RelatedFields("aims", [index.SearchField("text")]),
        index.RelatedFields("milestones", [index.SearchField("title"), index.SearchField("place")]),
    ]

    class Meta:
        verbose_name = _("initiative page")


class InitiativeAim(Orderable):
    page = ParentalKey(InitiativePage, on_delete=models.CASCADE, related_name="aims")
    text = models.CharField(_("aim"), max_length=255)

    panels = [FieldPanel("text")]

    def __str__(self):
        return self.text


class InitiativeMilestone(Orderable):
    page = ParentalKey(InitiativePage, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("title"), max_length=255)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=120, blank=True)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("place"),
    ]

    class Meta(Orderable.Meta):
        ordering = ["sort_order", "start_date"]

    def __str__(self):
        return self.title

    @property
    def date_range(self):
        return format_date_range(self.start_date, self.end_date)


class PublicSiteSetting(BaseSiteSetting):
    """A site setting every public page shows: read once per content change, not on every request."""

    class Meta:
        abstract = True

    @classmethod
    def for_request(cls, request):
        attr_name = cls.get_cache_attr_name()
        if not hasattr(request, attr_name):
            site = Site.find_for_request(request)
            if site is None:  # no site answers this host: Wagtail's own lookup says so
                return super().for_request(request)
            site_settings = cached_for_content(
                request, f"setting:{cls._meta.label_lower}:{site.pk}", lambda: cls.for_site(site).for_visitors()
            )
            site_settings._request = request  # as Wagtail does, for shorter page URLs
            setattr(request, attr_name, site_settings)
        return getattr(request, attr_name)

    def for_visitors(self):
        """This setting with what public pages read of it fetched, before it is cached."""
        return self


@register_setting(icon="link")
class SiteLinks(PublicSiteSetting):
    """Where every public page links to: help for people at risk, safe browsing, accessibility, quick exit."""

    quick_exit_url = models.URLField(
        _("quick exit address"),
        default="https://www.bbc.com/weather",
        help_text=_("A neutral site the 'Exit this page' button opens in place of this one."),
    )
    accessible_formats_email = models.EmailField(
        _("accessible formats email"),
        blank=True,
        help_text=_("Where visitors ask for a publication in an accessible format. Without it, no link is shown."),
    )
    get_help_page = models.ForeignKey(
        Page, verbose_name=_("get help page"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    browse_safely_page = models.ForeignKey(
        Page, verbose_name=_("browse safely page"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accessibility_page = models.ForeignKey(
        Page, verbose_name=_("accessibility page"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    select_related = ["get_help_page", "browse_safely_page", "accessibility_page"]

    panels = [
        FieldPanel("quick_exit_url"),
        FieldPanel("get_help_page"),
        FieldPanel("browse_safely_page"),
        FieldPanel("accessibility_page"),
        FieldPanel("accessible_formats_email"),
    ]

    class Meta:
        verbose_name = _("site links")

    @property
    def footer_pages(self):
        return [page for page in (self.get_help_page, self.browse_safely_page, self.accessibility_page) if page]

    def for_visitors(self):
        """Each linked page in the visitor's language (its translation, or the alias kept in step with the
        English), where a visitor can open it (live, not private); else the English one; else none."""
        linked = {"get_help_page": self.get_help_page, "browse_safely_page": self.browse_safely_page,
                  "accessibility_page": self.accessibility_page}  # fmt: skip
        keys = [page.translation_key for page in linked.values() if page]
        languages = [get_language(), settings.LANGUAGE_CODE]
        versions = Page.objects.filter(translation_key__in=keys, locale__language_code__in=languages)
        by_key = {}
        # English first, so the visitor's language, read last, wins.
        for page in sorted(
            versions.live().public().select_related("locale"),
            key=lambda page: page.locale.language_code != settings.LANGUAGE_CODE,
        ):
            by_key[page.translation_key] = page
        for name, page in linked.items():
            setattr(self, name, by_key.get(page.translation_key) if page else None)
        return self


class HelpLines(TranslatableMixin, DraftStateMixin, RevisionMixin, models.Model):
    """Help lines shown to people who may need them: on the home, section, news item and Get help pages.

    A snippet, not a site setting, so that it is translated as news items are (Wagtail's settings cannot
    be): written once in English, each translation published by its translator; a language with none
    published shows the English, marked as English.
    """

    heading = models.CharField(_("heading"), max_length=120, default="Need help now?")
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        default="If you or someone you know may be a victim of trafficking, contact one of these services. "
        "If you are in immediate danger, call your local emergency number.",
    )
    help_lines = StreamField([("help_line", HelpLineBlock())], blank=True, verbose_name=_("help lines"))
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="help_lines")

    panels = [FieldPanel("heading"), FieldPanel("introduction"), FieldPanel("help_lines")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("help lines")
        verbose_name_plural = _("help lines")
        constraints = [models.UniqueConstraint(fields=["locale"], name="help_lines_one_per_language")]

    def __str__(self):
        return self.heading

    def clean(self):
        # The constraint names the locale, which is not on the form, so Django would not check it there.
        super().clean()
        locale_id = self.locale_id or Locale.get_default().pk
        if type(self).objects.filter(locale_id=locale_id).exclude(pk=self.pk).exists():
            raise ValidationError(_("There are help lines in this language already: edit those instead."))

    @classmethod
    def for_request(cls, request):
        """The live help lines in the visitor's language, else the English ones; None while there are
        none. Read once per content change."""

        def find():
            live = cls.objects.filter(live=True).select_related("locale")
            by_language = {help_lines.locale.language_code: help_lines for help_lines in live}
            return by_language.get(get_language()) or by_language.get(settings.LANGUAGE_CODE)

        return cached_for_content(request, "help-lines", find)
