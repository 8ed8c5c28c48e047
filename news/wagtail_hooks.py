from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, LiveStatusTagColumn, UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from core.admin_filters import DatedSnippetFilterSet, YearFilter
from core.admin_panels import SnippetSummaryPanel
from core.exports import SafeExportMixin
from core.permissions import OwnItemsSnippetChooserViewSet

from .models import NewsItem


class NewsItemFilterSet(DatedSnippetFilterSet):
    year = YearFilter(NewsItem)

    class Meta:
        model = NewsItem
        fields = ["status", "kind", "year", "themes"]


class NewsItemIndexView(SafeExportMixin, IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("themes")


class NewsItemViewSet(SnippetViewSet):
    chooser_viewset_class = OwnItemsSnippetChooserViewSet
    model = NewsItem
    index_view_class = NewsItemIndexView
    icon = "calendar-alt"
    menu_label = _("News and events")
    menu_order = 100
    add_to_admin_menu = True
    list_display = [
        "title",
        "kind",
        "date",
        LiveStatusTagColumn(),
        Column("theme_names", label=_("Themes")),
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
    export_headings = {"get_kind_display": _("Kind"), "status_string": _("Status"), "theme_names": _("Themes")}
    export_filename = "news-and-events"
    filterset_class = NewsItemFilterSet
    search_fields = ["title", "summary", "location"]
    search_backend_name = None  # a plain database search, so drafts just saved are found at once
    ordering = ["-date", "-pk"]


register_snippet(NewsItemViewSet)


@hooks.register("construct_homepage_panels")
def add_news_panels(request, panels):
    if not request.user.has_perm("news.change_newsitem"):
        return
    unpublished_work = NewsItem.objects.filter(Q(live=False) | Q(has_unpublished_changes=True))
    panels.append(
        SnippetSummaryPanel(
            "news-drafts",
            _("News drafts and scheduled items"),
            unpublished_work.order_by("-latest_revision__created_at"),
            _("No news item is waiting to be published."),
        )
    )
