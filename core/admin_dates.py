"""Dates in the admin as the site writes them. An editor types or picks "1 December 2026" (in the admin's own
language, or in English) or 2026-12-01; anything else is refused with a form error, never read as another day.

Every date field of the admin's model forms uses these (core/wagtail_hooks.py), and every date picker of the
admin keeps a text it cannot read (core/static/core/admin/date_pickers.js) instead of putting today in its place.
"""

import datetime
import functools
import re

from babel.dates import get_timezone, get_timezone_location, parse_pattern
from django import forms
from django.conf import settings
from django.utils import timezone, translation
from django.utils.dates import MONTHS
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

from .dates import babel_locale, format_full_date, full_date_pattern

ISO_DATE = re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})")
PATTERN_FIELD = re.compile(r"%\((\w+)\)s")
# The fields of a full date's CLDR pattern: what each reads, and the date picker's (PHP-style) letter for it.
DAY, MONTH_NUMBER, MONTH_NAME, YEAR = (
    r"(?P<day>\d{1,2})",
    r"(?P<month>\d{1,2})",
    "(?P<month>{names})",
    r"(?P<year>\d{4})",
)
FIELDS = {
    "d": (DAY, "j"),
    "dd": (DAY, "d"),
    "M": (MONTH_NUMBER, "n"),
    "MM": (MONTH_NUMBER, "m"),
    "MMMM": (MONTH_NAME, "F"),
    "LLLL": (MONTH_NAME, "F"),
    "y": (YEAR, "Y"),
    "yyyy": (YEAR, "Y"),
}


def pattern_parts(language):
    """The full date pattern of ``language`` as (literal, field, literal, …, literal)."""
    return PATTERN_FIELD.split(parse_pattern(full_date_pattern(babel_locale(language))).format)


@functools.cache
def written_date(language):
    """A regular expression reading a date as the site writes it in ``language``, and the month each name
    it knows stands for: CLDR's names in a date and standing alone ("декабря", "декабрь"), and the names
    the admin's date picker writes (Django's)."""
    locale = babel_locale(language)
    months = {}
    for context in ("format", "stand-alone"):
        months |= {name.casefold(): number for number, name in locale.months[context]["wide"].items()}
    with translation.override(language):
        months |= {str(name).casefold(): number for number, name in MONTHS.items()}
    names = "|".join(re.escape(name) for name in sorted(months, key=len, reverse=True))
    parts = pattern_parts(language)
    expression = ""
    for index, part in enumerate(parts):
        if index % 2:
            expression += FIELDS[part][0].replace("{names}", names)
            continue
        # Literal text ("de", "г.", "年") may be typed or left out, with any spacing; between two fields
        # something must part them, so "2026121" is never guessed at.
        words = r"\s*".join(re.escape(word) for word in part.split())
        if index in (0, len(parts) - 1):
            expression += rf"(?:\s*{words})?\s*" if words else r"\s*"
        else:
            expression += rf"(?:\s*{words}\s*|\s+)" if words else r"\s+"
    return re.compile(expression, re.IGNORECASE), months


def picker_format(language):
    """The date picker's format for a full date in ``language``: "j F Y", "Y年n月j日"."""
    parts = pattern_parts(language)
    return "".join(
        FIELDS[part][1] if index % 2 else "".join(f"\\{character}" for character in part)
        for index, part in enumerate(parts)
    )


def parse_admin_date(text, language=None):
    """The day ``text`` names, in ISO form (2026-12-01) or as the site writes it in ``language`` (the active
    one by default) or in English; None for anything else, a numeric day-month order above all."""
    text = text.strip()
    match = ISO_DATE.fullmatch(text)
    months = {}
    for candidate in dict.fromkeys([language or get_language(), settings.LANGUAGE_CODE]):
        if match:
            break
        expression, months = written_date(candidate)
        match = expression.fullmatch(text)
    if not match:
        return None
    month = match["month"]
    try:
        return datetime.date(
            int(match["year"]), int(month) if month.isdigit() else months[month.casefold()], int(match["day"])
        )
    except ValueError:
        return None


class WrittenDateInput(AdminDateInput):
    """Wagtail's date picker, writing and showing a date as the site does, in the admin's language."""

    def format_value(self, value):
        if isinstance(value, datetime.date):
            return format_full_date(value)
        return super().format_value(value)  # what the editor typed, shown again with its error

    def get_config(self):
        # Closed once a day is picked, so it never stays over what follows (the Save button at the foot).
        return {**super().get_config(), "format": picker_format(get_language()), "closeOnDateSelect": True}


class WrittenDateField(forms.DateField):
    """A date typed in ISO form or as the site writes it; anything else is refused, saying what to type."""

    widget = WrittenDateInput
    default_error_messages = {"invalid": _("Enter the date as %(iso)s or %(written)s.")}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        day = parse_admin_date(str(value))
        if day is None:
            today = timezone.localdate()
            raise forms.ValidationError(
                self.error_messages["invalid"],
                code="invalid",
                params={"iso": today.isoformat(), "written": format_full_date(today)},
            )
        return day


def time_zone_note():
    """The clock schedule times are read on, for the schedule dialog: "Times are in Vienna time (Europe/Vienna).";
    the editor's own zone where Wagtail lets editors choose one."""
    zone = timezone.get_current_timezone_name()
    place = get_timezone_location(get_timezone(zone), locale=babel_locale(), return_city=True)
    if place == zone:
        return _("Times are in %(zone)s.") % {"zone": zone}
    return _("Times are in %(place)s time (%(zone)s).") % {"place": place, "zone": zone}
