import time

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, models, transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, Locale, Page, PageViewRestriction, RevisionMixin, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from .blocks import BodyBlock
from .dates import format_full_date


class ContentGeneration(models.Model):
    """One row: the number of the published state visitors can see, moved on by every visible change.

    Kept in the database, in the same transaction as the change it counts, so it can never disagree
    with the rows it describes: caches (Redis, files, nginx) key their entries by it and can lose,
    keep or restore entries, but never make an old one current again (see core.cache).
    """

    ROW = 1

    value = models.BigIntegerField()

    class Meta:
        verbose_name = "content generation"

    def __str__(self):
        return str(self.value)

    @classmethod
    def current(cls):
        # Read by every public request, a cached page's too: plain SQL spares it the ORM's building of a query.
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT value FROM {cls._meta.db_table} WHERE id = %s", [cls.ROW])
            row = cursor.fetchone()
        return row[0] if row else cls._start()

    @classmethod
    def advance(cls):
        if not cls.objects.filter(pk=cls.ROW).update(value=models.F("value") + 1):
            cls._start()

    @classmethod
    def _start(cls):
        # A clock reading, never a small number: a row lost (a flushed database) restarts above
        # every value it had, so entries cached under an earlier value stay dead.
        try:
            with transaction.atomic():
                return cls.objects.create(pk=cls.ROW, value=time.time_ns()).value
        except IntegrityError:  # another request created it first
            return cls.objects.values_list("value", flat=True).get(pk=cls.ROW)


class EmailDelivery(models.Model):
    """One row: whether mail (password resets, moderation notices) is reaching the mail server.

    Written by core.mail on every failure and on the first success after one; in the database, so every
    worker's failures reach the dashboard panel that warns administrators. Holds no message, address or
    server reply: only when delivery started failing, when it last failed and the error's class.
    """

    ROW = 1

    failing_since = models.DateTimeField(null=True)
    last_failure_at = models.DateTimeField(null=True)
    last_error = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name = "email delivery"

    def __str__(self):
        return f"failing since {self.failing_since}" if self.failing_since else "working"

    @classmethod
    def failed(cls, error):
        now = timezone.now()
        values = {"last_failure_at": now, "last_error": type(error).__name__[:100]}
        # The first failure after a success starts the period; later ones keep its start.
        if not cls.objects.filter(pk=cls.ROW).update(failing_since=Coalesce("failing_since", Value(now)), **values):
            cls.objects.update_or_create(pk=cls.ROW, defaults=values, create_defaults={"failing_since": now, **values})

    @classmethod
    def succeeded(cls):
        cls.objects.filter(pk=cls.ROW, failing_since__isnull=False).update(failing_since=None)

    @classmethod
    def failure(cls):
        """The current failure, or None while mail is delivered (or nothing was ever sent)."""
        return cls.objects.filter(pk=cls.ROW, failing_since__isnull=False).first()


def validate_unique_in_language(instance, messages):
    """Raise each field's message in ``messages`` where another row in the instance's language has the same
    value: Django checks a constraint naming the locale only when the locale is on the form, never here."""
    locale_id = instance.locale_id or Locale.get_default().pk
    others = type(instance).objects.filter(locale_id=locale_id).exclude(pk=instance.pk)
    errors = {
        name: message
        for name, message in messages.items()
        if getattr(instance, name) and others.filter(**{name: getattr(instance, name)}).exists()
    }
    if errors:
        raise ValidationError(errors)


def in_original_language():
    """``limit_choices_to`` for what items and pages are tagged with: the English themes, the one
    taxonomy every language shares (a translation names a theme, it is not another one)."""
    return Q(locale__language_code=settings.LANGUAGE_CODE)


class Theme(TranslatableMixin, DraftStateMixin, RevisionMixin, index.Indexed, models.Model):
    """A strand of the programme's work; news items, publications and section pages carry one or more.

    Written in English; each translation gives its name and description in one language, public once
    its translator publishes it (drafts, so a copy of the English is never shown as a translation).
    """

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="theme")

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("locale")]
    # A translation keeps its theme's address (?theme=prevention) in every language.
    override_translatable_fields = [SynchronizedField("slug")]

    class Meta(TranslatableMixin.Meta):
        db_table = "pages_theme"  # where it was created, before it moved below the content apps
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [
            models.UniqueConstraint(fields=["locale", "name"], name="theme_name_per_language"),
            models.UniqueConstraint(fields=["locale", "slug"], name="theme_slug_per_language"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        validate_unique_in_language(
            self,
            {
                "name": _("Another theme in this language already has this name."),
                "slug": _("Another theme in this language already has this slug."),
            },
        )

    @classmethod
    def taxonomy(cls):
        """The published English themes, which items are filed under, in their order."""
        return list(cls.objects.filter(in_original_language(), live=True))

    @classmethod
    def names_in_language(cls):
        """{English theme's pk: (name, language)} in the active language where a translation of it is
        published, else in English: one query for every theme."""
        themes = cls.objects.filter(live=True).filter(
            Q(locale__language_code=settings.LANGUAGE_CODE) | Q(locale__language_code=get_language())
        )
        rows = themes.values_list("pk", "translation_key", "name", "locale__language_code")
        originals = {key: pk for pk, key, _name, language in rows if language == settings.LANGUAGE_CODE}
        names = {}
        for _pk, key, name, language in sorted(rows, key=lambda row: row[3] != settings.LANGUAGE_CODE):
            if key in originals:
                names[originals[key]] = (name, language)  # the translation, read last, wins
        return names


class ThemedMixin:
    """For models with a ``themes`` many-to-many: related content and theme names."""

    related_count = 3

    def theme_names(self):
        return ", ".join(theme.name for theme in self.themes.all())

    def theme_ids(self):
        return [theme.pk for theme in self.themes.all()]

    def related(self, model):
        """The newest live items of ``model`` sharing a theme with this one."""
        # A semi-join, not DISTINCT over whole rows: the newest live rows are read by index and
        # kept if they share a theme (1 ms instead of 40 at 10,000 items). Only titles and
        # dates are shown, so nothing is prefetched.
        sharing_a_theme = model.objects.filter(themes__in=self.theme_ids()).values("pk")
        items = model.objects.live().in_language().filter(pk__in=sharing_a_theme).order_by("-date", "-pk")
        if isinstance(self, model):
            items = items.exclude(pk=self.pk)
        return items[: self.related_count]


def with_own_content():
    """Pages showing content of their own language: the English ones, and translations once published.

    Not an alias of the English page, nor the copy of the English that wagtail-localize makes of an alias
    when its page is submitted for translation: live at once, published by nobody, its live revision
    still the English page's until its translator publishes.
    """
    own_live_revision = Q(live_revision__object_id=Cast("pk", output_field=models.CharField()))
    return Q(alias_of__isnull=True) & (Q(locale__language_code=settings.LANGUAGE_CODE) | own_live_revision)


# Short enough that the main menu's labels fit in one row at 1024 px in every language.
MENU_LABEL_MAX_LENGTH = 24


class BasePage(Page):
    """What every page of the site has: a summary for listings and meta descriptions, and a body."""

    summary = models.TextField(
        _("summary"),
        max_length=300,
        help_text=_("One or two sentences shown in listings, search results and search engines."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    menu_label = models.CharField(
        _("menu label"),
        max_length=MENU_LABEL_MAX_LENGTH,
        blank=True,
        help_text=_(
            "A short name for the main menu, one to three words (the menu must fit in one row). "
            "Leave blank to use the title."
        ),
    )
    share_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("share image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when the page is shared on social media (1200 x 630 pixels is best)."),
    )

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    # Wagtail's "For search engines", then the label beside the switch that puts the page in the menu.
    promote_panels = Page.promote_panels[:1] + [
        MultiFieldPanel([FieldPanel("show_in_menus"), FieldPanel("menu_label")], heading=_("For site menus")),
        FieldPanel("share_image"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]

    class Meta:
        abstract = True

    @property
    def meta_description(self):
        return self.search_description or self.summary

    @classmethod
    def with_own_fields(cls, pages, *names):
        """Plain pages (of any type) with each of the text fields ``names`` that every page type has (blank
        for a page without them), read in the same query: a left join per page type, where ``.specific()``
        would add a query per type."""

        def own_field(name):
            fields = [
                F(f"{model._meta.get_ancestor_link(Page).related_query_name()}__{name}")
                for model in apps.get_models()
                if issubclass(model, cls) and model._meta.get_field(name).model is model
            ]
            return Coalesce(*fields, Value(""), output_field=models.TextField())

        return pages.annotate(**{name: own_field(name) for name in names})

    @classmethod
    def search_results(cls, keys):
        """The live pages of ``keys`` as search results show them, in one query whatever their types: each
        of its own type, with its title, summary and publishing date (its other fields are not read)."""
        return cls.with_own_fields(Page.objects.live().filter(pk__in=keys), "summary").specific(defer=True)

    def search_result_details(self):
        """(kind, date as shown, ISO date) for a search result: the day it was published, in the site's
        time zone (HTML dates allow no microseconds)."""
        published = self.last_published_at and timezone.localtime(self.last_published_at).date()
        return _("Page"), published and format_full_date(published), published and published.isoformat()

    @classmethod
    def public_objects(cls, request=None):
        """The pages of this type a visitor can open: live and not private."""
        return cls.objects.live().public()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["content_key"] = self.content_cache_key(request)
        return context

    def content_cache_key(self, request):
        """What the page's main content (base.html's ``content`` block) depends on besides the content generation,
        language and site, for it to be rendered once per generation (``{% cached_content %}``). A page type whose
        content depends on the request otherwise (a form) returns None."""
        return f"page:{self.pk}"

    def read_for_serving(self):
        """Read now what Wagtail's view reads on every request besides the page (its view restrictions), for
        core.serving to keep with the page for the whole content generation (a page made private or public
        again is a new generation). Not the blocks the body chooses: a pickled StreamField keeps only its JSON."""
        self.view_restrictions_found = list(self.get_view_restrictions())

    def get_view_restrictions(self):
        """Wagtail's rule (an alias has its source page's restrictions), read without its query for each
        alias on the way: in other languages, every page not yet translated is an alias of the English."""
        if hasattr(self, "view_restrictions_found"):
            return self.view_restrictions_found
        pages = self.get_ancestors(inclusive=True).values_list("pk", "alias_of_id", "alias_of__alias_of_id")
        if any(source_of_source for _pk, _source, source_of_source in pages):
            return super().get_view_restrictions()  # an alias of an alias: Wagtail's own walk
        return PageViewRestriction.objects.filter(page_id__in={source or pk for pk, source, _ in pages})
