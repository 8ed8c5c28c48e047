"""Dates and date ranges as the programme writes them, in the visitor's language (Unicode CLDR's
patterns, through Babel): day, month in full, year; a range repeats only the parts that differ."""

import datetime
import re

from babel import Locale
from babel.dates import format_date
from django.utils import timezone
from django.utils.translation import get_language, to_locale

# English as the UN writes it (day month year), not as the United States does.
BABEL_LOCALES = {"en": "en_GB"}
# A pattern's abbreviated month (MMM, or LLL standing alone), for the full one (MMMM, LLLL).
ABBREVIATED_MONTH = re.compile(r"(?<![ML])([ML])\1\1(?![ML])")


def babel_locale(language=None):
    language = language or get_language()
    return Locale.parse(BABEL_LOCALES.get(language, to_locale(language)))


def full_months(pattern):
    """CLDR has no interval patterns with the month in full for most languages: its rule is to take
    the nearest skeleton's (abbreviated month) and widen the field."""
    return ABBREVIATED_MONTH.sub(lambda match: match.group(1) * 4, pattern)


def format_full_date(day, language=None):
    """ "13 February 2008", "13 février 2008", "2008年2月13日"; a moment on its day in the site's time zone."""
    if isinstance(day, datetime.datetime):
        day = timezone.localdate(day)
    locale = babel_locale(language)
    return format_date(day, full_date_pattern(locale), locale=locale)


def full_date_pattern(locale):
    """The CLDR pattern of a full date in ``locale`` ("d MMMM y"): the one the site writes and the admin reads."""
    pattern = locale.datetime_skeletons.get("yMMMMd") or full_months(str(locale.datetime_skeletons["yMMMd"]))
    return str(pattern)


def format_date_range(start, end=None, language=None):
    """ "13–15 February 2008", "30 November – 3 December 2008", "2008年2月13日至15日"."""
    if end is None or end == start:
        return format_full_date(start, language)
    locale = babel_locale(language)
    greatest_difference = "y" if start.year != end.year else "M" if start.month != end.month else "d"
    if "yMMMMd" in locale.interval_formats:
        first, second = locale.interval_formats["yMMMMd"][greatest_difference]
    else:
        first, second = (full_months(part) for part in locale.interval_formats["yMMMd"][greatest_difference])
    return format_date(start, first, locale=locale) + format_date(end, second, locale=locale)


def format_month(day, language=None):
    """ "February 2008", "février 2008", "февраль 2008 г.", "2008年2月"."""
    locale = babel_locale(language)
    return format_date(day, str(locale.datetime_skeletons["yMMMM"]), locale=locale)
