"""Listing filters shared by the news and publication admin listings."""

import django_filters
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.models import Revision

from .models import Theme, in_original_language


class PublishingStatusFilter(django_filters.ChoiceFilter):
    """Draft, scheduled, live, or live with unpublished changes: the states an editor works with."""

    STATUSES = [
        ("draft", _("Draft")),
        ("scheduled", _("Scheduled")),
        ("live", _("Live")),
        ("live-draft", _("Live + draft")),
    ]

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Status"))
        kwargs.setdefault("widget", forms.RadioSelect)
        kwargs.setdefault("empty_label", _("All"))
        super().__init__(choices=self.STATUSES, method=self.filter_status, **kwargs)

    @staticmethod
    def filter_status(queryset, name, value):
        scheduled = Exists(
            Revision.objects.filter(
                content_type=ContentType.objects.get_for_model(queryset.model),
                object_id=Cast(OuterRef("pk"), CharField()),
                approved_go_live_at__isnull=False,
            )
        )
        if value == "scheduled":
            return queryset.filter(scheduled)
        if value == "draft":
            return queryset.filter(live=False).exclude(scheduled)
        if value == "live":
            return queryset.filter(live=True, has_unpublished_changes=False)
        if value == "live-draft":
            return queryset.filter(live=True, has_unpublished_changes=True)
        return queryset


class YearFilter(django_filters.ChoiceFilter):
    """The years that the model's dates fall in, newest first."""

    def __init__(self, model, field_name="date", **kwargs):
        def year_choices():
            years = model._default_manager.dates(field_name, "year", order="DESC")
            return [(str(day.year), str(day.year)) for day in years]

        kwargs.setdefault("label", _("Year"))
        kwargs.setdefault("empty_label", _("All"))
        super().__init__(choices=year_choices, field_name=f"{field_name}__year", **kwargs)


class DatedSnippetFilterSet(WagtailFilterSet):
    """Status, year and theme: what both news items and publications are filtered by."""

    status = PublishingStatusFilter()
    themes = django_filters.ModelMultipleChoiceFilter(
        queryset=lambda request: Theme.objects.filter(in_original_language()),
        widget=forms.CheckboxSelectMultiple,
        label=_("Themes"),
    )
