"""What news items and publications share, written once: a themed snippet with drafts, revisions,
locking, previews and scheduling, shown at its slug under the index page that routes it."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, LockableMixin, PreviewableMixin, RevisionMixin
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from .blocks import BodyBlock
from .models import ThemedMixin
from .routing import RoutedSnippetMixin


class RoutedItemQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def live(self):
        return self.filter(live=True)


class RoutedItem(
    ThemedMixin,
    RoutedSnippetMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    """The fields every routed item has; each model adds its own (and its ``themes``, named for it)."""

    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, unique=True, help_text=_("The last part of its web address."))
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
    ]

    class Meta:
        abstract = True
        ordering = ["-date", "-pk"]

    def __str__(self):
        return self.title
