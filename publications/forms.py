from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.forms import ListingFilterForm, YearField

from .choices import Language, PublicationType


def matches_text(text):
    return Q(title__icontains=text) | Q(summary__icontains=text)


class PublicationFilterForm(ListingFilterForm):
    q = forms.CharField(required=False, max_length=200, label=_("Title or summary contains"))
    publication_type = forms.ChoiceField(
        choices=[("", _("All types"))] + PublicationType.choices, required=False, label=_("Type")
    )
    year = YearField()
    language = forms.ChoiceField(
        choices=[("", _("All languages"))] + Language.choices, required=False, label=_("Language")
    )

    field_order = ["q", "publication_type", "year", "theme", "language"]
    lookups = {
        "q": matches_text,
        "publication_type": "publication_type",
        "year": "date__year",
        "theme": "themes",
        "language": "files__language",
    }
    no_results_sentences = {
        frozenset({"year"}): _("No publications from %(year)s."),
        frozenset({"theme"}): _("No publications on the theme “%(theme)s”."),
        frozenset({"year", "theme"}): _("No publications from %(year)s on the theme “%(theme)s”."),
    }
