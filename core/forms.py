"""Validated GET forms that filter public listings. Bad values never reach a query."""

from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# Django's own wording, which does not repeat the value: a link to the site cannot make it show text of
# the link maker's choosing ("Select a valid choice. <anything> is not one of the available choices.").
INVALID_CHOICE = forms.ModelChoiceField.default_error_messages["invalid_choice"]


class ThemeField(forms.ChoiceField):
    """A theme of the taxonomy (the published English themes) chosen by its slug, cleaned to the Theme itself.
    The themes are given (read once per content generation), not a queryset read at each validation and
    rendering as ModelChoiceField's."""

    def __init__(self, **kwargs):
        super().__init__(**{"required": False, "label": _("Theme"), **kwargs})
        self.themes = {}

    def set_themes(self, themes, theme_names):
        """``themes`` in order; ``theme_names``: {theme pk: (name in the visitor's language, its language)}."""
        self.themes = {theme.slug: theme for theme in themes}
        named = [(theme.slug, theme_names.get(theme.pk, (theme.name,))[0]) for theme in themes]
        self.choices = [("", _("All themes")), *named]

    def clean(self, value):
        return self.themes.get(super().clean(value))


class YearField(forms.Field):
    """Any year written with four digits (1000 to 9999, all of which the date lookups take): a year with no
    items lists none and says so. The select offers the years with items; a year given in the address is
    added to it, so the form shows what is filtered."""

    widget = forms.Select
    default_error_messages = {"invalid": _("Choose a year from the list.")}

    def __init__(self, **kwargs):
        super().__init__(**{"required": False, "label": _("Year"), **kwargs})

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if not (isinstance(value, str) and len(value) == 4 and value.isascii() and value.isdigit() and value[0] != "0"):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return int(value)


class ListingFilterForm(forms.Form):
    """A filter form whose valid fields narrow a queryset; invalid ones are reported and ignored.

    ``lookups`` maps each filter field to a queryset lookup, or to a function of the value returning a Q.
    ``no_results_sentences`` says what a listing the filters leave empty has none of, for the combinations
    of filters that have a sentence of their own: each key is the set of the filters in use (a field named
    in ``worded_by_value`` as ``name=value``, where the value changes the wording), each sentence takes the
    values shown as ``%(name)s``.
    """

    lookups = {}
    no_results_sentences = {}
    worded_by_value = ()
    theme = ThemeField()

    def __init__(self, data=None, *, years=(), themes=(), theme_names=None, **kwargs):
        super().__init__(data, **kwargs)
        # An unknown slug is not a theme with no items: it is ignored, never named back to the visitor.
        self.fields["theme"].set_themes(themes, theme_names or {})
        for field in self.fields.values():
            if isinstance(field, forms.ChoiceField):
                field.error_messages["invalid_choice"] = INVALID_CHOICE
        if "year" in self.fields:
            years = list(years)
            try:
                requested = self.fields["year"].clean(self.data.get("year"))
            except ValidationError:
                requested = None
            if requested is not None and requested not in years:
                years = sorted([*years, requested], reverse=True)
            self.fields["year"].widget.choices = [("", _("All years"))] + [(str(year), str(year)) for year in years]

    def active_values(self):
        """The valid, non-empty filter values, in field order."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: self.cleaned_data[name] for name in self.lookups if self.cleaned_data.get(name) not in (None, "")}

    def active_key(self):
        """The valid filter values in use, as a key for what they list (a theme by its key)."""
        return urlencode([(name, getattr(value, "pk", value)) for name, value in self.active_values().items()])

    def filter(self, queryset):
        for name, value in self.active_values().items():
            lookup = self.lookups[name]
            queryset = queryset.filter(lookup(value) if callable(lookup) else Q(**{lookup: value}))
        return queryset

    def shown_value(self, name, value):
        """A filter's value as the form shows it: a theme's name, a choice's label."""
        field = self.fields[name]
        if isinstance(field, forms.ChoiceField):
            return dict(field.choices).get(self.data.get(name), value)
        return value

    def active_filters(self):
        """Each filter in use, with the query string that removes it (and resets the page)."""
        active = []
        for name, value in self.active_values().items():
            remaining = self.data.copy()
            remaining.pop(name, None)
            remaining.pop("page", None)
            active.append(
                {
                    "label": self.fields[name].label,
                    "value": self.shown_value(name, value),
                    "remove_query": remaining.urlencode(),
                }
            )
        return active

    def no_results_sentence(self):
        """What the listing has none of, with the filters' values (``No news or events from 2007.``); None
        where the combination in use has no sentence of its own."""
        values = self.active_values()
        key = frozenset(f"{name}={value}" if name in self.worded_by_value else name for name, value in values.items())
        sentence = self.no_results_sentences.get(key)
        if sentence is None:
            return None
        return str(sentence) % {name: self.shown_value(name, value) for name, value in values.items()}

    @property
    def invalid_fields(self):
        return [self[name].label for name in self.errors]
