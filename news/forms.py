from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import ListingFilterForm

from .choices import Kind


class NewsFilterForm(ListingFilterForm):
    year = forms.TypedChoiceField(coerce=int, required=False, label=_("Year"))
    kind = forms.ChoiceField(choices=[("", _("News and events"))] + Kind.choices, required=False, label=_("Show"))

    field_order = ["year", "theme", "kind"]
    lookups = {"year": "date__year", "theme": "themes", "kind": "kind"}
