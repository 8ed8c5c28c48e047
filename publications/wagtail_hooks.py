import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BooleanColumn, Column, LiveStatusTagColumn, UpdatedAtColumn
from wagtail.snippets.models import register_snippet

from core.admin_filters import DatedSnippetFilterSet, YearFilter
from core.viewsets import RoutedItemViewSet, TranslationStatusColumn

from .choices import Language
from .models import Publication


class PublicationFilterSet(DatedSnippetFilterSet):
    year = YearFilter(Publication)
    featured = django_filters.BooleanFilter(label=_("Featured"))
    # The languages of its files, as the public library filters them (the Languages column); the item's own
    # language, of which it may have translations, is Wagtail's Locale filter.
    language = django_filters.ChoiceFilter(
        field_name="files__language",
        choices=Language.choices,
        label=_("Language"),
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Publication
        fields = ["status", "publication_type", "year", "themes", "language", "featured"]


class PublicationViewSet(RoutedItemViewSet):
    model = Publication
    listing_prefetch = ("themes", "files")
    icon = "doc-full"
    menu_order = 200
    list_display = [
        "title",
        "publication_type",
        "date",
        LiveStatusTagColumn(),
        BooleanColumn("featured", label=_("Featured")),
        Column("theme_names", label=_("Themes")),
        Column("language_names", label=_("Languages")),
        TranslationStatusColumn(),
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
        **RoutedItemViewSet.export_headings,
        "get_publication_type_display": _("Type"),
        "language_names": _("Languages"),
    }
    export_filename = "publications"
    filterset_class = PublicationFilterSet
    search_fields = ["title", "summary"]
    dashboard_panel_name = "recent-publications"
    dashboard_heading = _("Recently changed publications")
    dashboard_empty_message = _("No publication has been changed yet.")


register_snippet(PublicationViewSet)
