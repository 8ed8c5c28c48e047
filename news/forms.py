from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import ListingFilterForm, YearField

from .choices import Kind


class NewsFilterForm(ListingFilterForm):
    year = YearField()
    kind = forms.ChoiceField(choices=[("", _("News and events"))] + Kind.choices, required=False, label=_("Show"))

    field_order = ["year", "theme", "kind"]
    lookups = {"year": "date__year", "theme": "themes", "kind": "kind"}
    worded_by_value = ("kind",)
    no_results_sentences = {
        frozenset({"year"}): _("No news or events from %(year)s."),
        frozenset({"theme"}): _("No news or events on the theme “%(theme)s”."),
        frozenset({"year", "theme"}): _("No news or events from %(year)s on the theme “%(theme)s”."),
        frozenset({f"kind={Kind.NEWS.value}"}): _("No news items yet."),
        frozenset({f"kind={Kind.NEWS.value}", "year"}): _("No news items from %(year)s."),
        frozenset({f"kind={Kind.NEWS.value}", "theme"}): _("No news items on the theme “%(theme)s”."),
        frozenset({f"kind={Kind.NEWS.value}", "year", "theme"}): _(
            "No news items from %(year)s on the theme “%(theme)s”."
        ),
        frozenset({f"kind={Kind.EVENT.value}"}): _("No events yet."),
        frozenset({f"kind={Kind.EVENT.value}", "year"}): _("No events from %(year)s."),
        frozenset({f"kind={Kind.EVENT.value}", "theme"}): _("No events on the theme “%(theme)s”."),
        frozenset({f"kind={Kind.EVENT.value}", "year", "theme"}): _(
            "No events from %(year)s on the theme “%(theme)s”."
        ),
    }
