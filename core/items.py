"""What news items and publications share, written once: a themed snippet with drafts, revisions,
locking, previews, scheduling and workflows (clearance), shown at its slug under the index page that routes it."""

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel
from wagtail.fields import StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from .admin_forms import ThemedItemForm
from .blocks import BodyBlock
from .models import ThemedMixin, validate_unique_in_language
from .routing import RoutedSnippetMixin


class RoutedItemQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def live(self):
        return self.filter(live=True)

    def in_language(self, language=None, with_untranslated=True):
        """Items written in ``language`` (the visitor's by default), then, unless told not to, the
        English items not yet translated into it, which are shown in English and marked so."""
        language = language or get_language()
        written = Q(locale__language_code=language)
        items = self.select_related("locale")  # each says its language, for lang="en" where it differs
        if language == settings.LANGUAGE_CODE or not with_untranslated:
            return items.filter(written)
        translated = self.model.objects.filter(written).values("translation_key")
        untranslated = Q(locale__language_code=settings.LANGUAGE_CODE) & ~Q(translation_key__in=translated)
        return items.filter(written | untranslated)

    def with_translation_dates(self):
        """Each item with, for every other language, when its translation was last published (None
        while it has none, or has one never published): one query for a whole listing."""
        translations = {
            translation_field(language): Subquery(
                self.model.objects.filter(
                    translation_key=OuterRef("translation_key"), locale__language_code=language
                ).values("last_published_at")[:1]
            )
            for language, _name in settings.LANGUAGES
            if language != settings.LANGUAGE_CODE
        }
        return self.annotate(**translations)


def translation_field(language):
    return f"translation_published_{language.replace('-', '_')}"


class RoutedItem(
    TranslatableMixin,
    ThemedMixin,
    RoutedSnippetMixin,
    WorkflowMixin,  # before DraftStateMixin and RevisionMixin, as Wagtail requires
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    """The fields every routed item has; each model adds its own (and its ``themes``, named for it)."""

    title = models.CharField(_("title"), max_length=255)
    # Unique in each language: a translation keeps its item's address under its language's prefix.
    slug = models.SlugField(_("slug"), max_length=255, help_text=_("The last part of its web address."))
    date = models.DateField(_("date"))
    summary = models.TextField(_("summary"), max_length=500, help_text=_("Shown in listings and to search engines."))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    search_fields = [
        index.SearchField("title", boost=2),
        index.AutocompleteField("title"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("live"),
        index.FilterField("date"),
        index.FilterField("locale"),
    ]
    base_form_class = ThemedItemForm

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["-date", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="%(app_label)s_%(class)s_slug_per_language")
        ]

    def __str__(self):
        return self.title

    @classmethod
    def search_results(cls, keys):
        """The live items of ``keys`` as search results show them (each says its language)."""
        return cls.objects.live().filter(pk__in=keys).select_related("locale")

    def is_original(self):
        """Whether this is in the language translations are made from (a new item is saved in it)."""
        return self.locale_id is None or self.locale.language_code == settings.LANGUAGE_CODE

    def translation_status(self):
        """For an English item (annotated by ``with_translation_dates``): each other language's name and
        whether its translation is up to date, outdated (the English was published since) or missing."""
        if self.locale.language_code != settings.LANGUAGE_CODE:
            return []
        statuses = []
        for language, name in settings.LANGUAGES:
            if language == settings.LANGUAGE_CODE:
                continue
            published = getattr(self, translation_field(language))
            if published is None:
                status = _("missing")
            elif self.last_published_at and published < self.last_published_at:
                status = _("outdated")
            else:
                status = _("up to date")
            statuses.append((name, status))
        return statuses

    def clean(self):
        super().clean()
        validate_unique_in_language(
            self, {"slug": _("Another item in this language already has this address. Choose another.")}
        )
