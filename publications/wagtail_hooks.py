import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn, Column, LiveStatusTagColumn, UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from core.admin_filters import DatedSnippetFilterSet, YearFilter
from core.admin_panels import SnippetSummaryPanel
from core.exports import SafeExportMixin
from core.permissions import OwnItemsSnippetChooserViewSet

from .models import Publication


class PublicationFilterSet(DatedSnippetFilterSet):
    year = YearFilter(Publication)
    featured = django_filters.BooleanFilter(label=_("Featured"))

    class Meta:
        model = Publication
        fields = ["status", "publication_type", "year", "themes", "featured"]


class PublicationIndexView(SafeExportMixin, IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("themes", "files")


class PublicationViewSet(SnippetViewSet):
    chooser_viewset_class = OwnItemsSnippetChooserViewSet
    model = Publication
    index_view_class = PublicationIndexView
    icon = "doc-full"
    menu_order = 200
    add_to_admin_menu = True
    list_display = [
        "title",
        "publication_type",
        "date",
        LiveStatusTagColumn(),
        BooleanColumn("featured", label=_("Featured")),
        Column("theme_names", label=_("Themes")),
        Column("language_names", label=_("Languages")),
        UpdatedAtColumn(),
    ]
    list_export = [
        "title",
        "get_publication_type_display",
        "date",
        "status_string",
        "featured",
        "featured_order",
        "theme_names",
        "language_names",
        "external_url",
        "summary",
    ]
    export_headings = {
        "get_publication_type_display": _("Type"),
        "status_string": _("Status"),
        "theme_names": _("Themes"),
        "language_names": _("Languages"),
    }
    export_filename = "publications"
    filterset_class = PublicationFilterSet
    search_fields = ["title", "summary"]
    search_backend_name = None  # a plain database search, so drafts just saved are found at once
    ordering = ["-date", "-pk"]


register_snippet(PublicationViewSet)


@hooks.register("construct_homepage_panels")
def add_publication_panels(request, panels):
    if not request.user.has_perm("publications.change_publication"):
        return
    panels.append(
        SnippetSummaryPanel(
            "recent-publications",
            _("Recently changed publications"),
            Publication.objects.order_by("-latest_revision__created_at"),
            _("No publication has been changed yet."),
        )
    )
