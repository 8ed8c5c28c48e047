"""Validated GET forms that filter public listings. Bad values never reach a query."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Theme, in_original_language


class ListingFilterForm(forms.Form):
    """A filter form whose valid fields narrow a queryset; invalid ones are reported and ignored.

    ``lookups`` maps each filter field to a queryset lookup, or to a function of the value returning a Q.
    """

    lookups = {}
    theme = forms.ModelChoiceField(
        queryset=Theme.objects.none(),  # the published English themes, the taxonomy (see __init__)
        to_field_name="slug",
        required=False,
        empty_label=_("All themes"),
        label=_("Theme"),
    )

    def __init__(self, data=None, *, years=(), theme_names=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["theme"].queryset = Theme.objects.filter(in_original_language(), live=True)
        if theme_names is not None:  # {theme pk: (name in the visitor's language, its language)}
            self.fields["theme"].label_from_instance = lambda theme: theme_names.get(theme.pk, (theme.name,))[0]
        if "year" in self.fields:
            self.fields["year"].choices = [("", _("All years"))] + [(str(year), str(year)) for year in years]

    def active_values(self):
        """The valid, non-empty filter values, in field order."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: self.cleaned_data[name] for name in self.lookups if self.cleaned_data.get(name) not in (None, "")}

    def filter(self, queryset):
        for name, value in self.active_values().items():
            lookup = self.lookups[name]
            queryset = queryset.filter(lookup(value) if callable(lookup) else Q(**{lookup: value}))
        return queryset

    def active_filters(self):
        """Each filter in use, with the query string that removes it (and resets the page)."""
        active = []
        for name, value in self.active_values().items():
            remaining = self.data.copy()
            remaining.pop(name, None)
            remaining.pop("page", None)
            field = self.fields[name]
            if isinstance(field, forms.ModelChoiceField):
                value = field.label_from_instance(value)
            elif isinstance(field, forms.ChoiceField):
                value = dict(field.choices).get(self.data.get(name), value)
            active.append({"label": field.label, "value": value, "remove_query": remaining.urlencode()})
        return active

    @property
    def invalid_fields(self):
        return [self[name].label for name in self.errors]
