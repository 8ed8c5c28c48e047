from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, LiveStatusTagColumn, UpdatedAtColumn
from wagtail.snippets.models import register_snippet

from core.admin_filters import DatedSnippetFilterSet, YearFilter
from core.viewsets import RoutedItemViewSet, TranslationStatusColumn

from .models import NewsItem


class NewsItemFilterSet(DatedSnippetFilterSet):
    year = YearFilter(NewsItem)

    class Meta:
        model = NewsItem
        fields = ["status", "kind", "year", "themes"]


class NewsItemViewSet(RoutedItemViewSet):
    model = NewsItem
    icon = "calendar-alt"
    menu_label = _("News and events")
    menu_order = 100
    list_display = [
        "title",
        "kind",
        "date",
        LiveStatusTagColumn(),
        Column("theme_names", label=_("Themes")),
        TranslationStatusColumn(),
        UpdatedAtColumn(),
    ]
    list_export = [
        "title",
        "get_kind_display",
        "date",
        "end_date",
        "location",
        "status_string",
        "theme_names",
        "summary",
    ]
    export_headings = {**RoutedItemViewSet.export_headings, "get_kind_display": _("Kind")}
    export_filename = "news-and-events"
    filterset_class = NewsItemFilterSet
    search_fields = ["title", "summary", "location"]
    dashboard_panel_name = "news-drafts"
    dashboard_heading = _("News drafts and scheduled items")
    dashboard_empty_message = _("No news item is waiting to be published.")

    def get_dashboard_queryset(self):
        """Items waiting to be published: drafts, scheduled items and unpublished changes."""
        return super().get_dashboard_queryset().filter(Q(live=False) | Q(has_unpublished_changes=True))


register_snippet(NewsItemViewSet)
