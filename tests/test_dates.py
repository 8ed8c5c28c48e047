"""Dates as the programme writes them, and the rules an editor's news item must follow."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from core.dates import format_date_range
from news.models import NewsItem

from .factories import make_image

D = datetime.date


@pytest.mark.parametrize(
    "start, end, expected",
    [
        pytest.param(D(2008, 10, 9), None, "9 October 2008", id="single day"),
        pytest.param(D(2008, 10, 9), D(2008, 10, 9), "9 October 2008", id="ends the day it starts"),
        pytest.param(D(2008, 2, 13), D(2008, 2, 15), "13–15 February 2008", id="same month"),
        pytest.param(D(2008, 11, 30), D(2008, 12, 3), "30 November\u2009–\u20093 December 2008", id="across months"),
        pytest.param(D(2008, 12, 30), D(2009, 1, 2), "30 December 2008\u2009–\u20092 January 2009", id="across years"),
        pytest.param(
            D(2008, 3, 1), D(2009, 3, 5), "1 March 2008\u2009–\u20095 March 2009", id="same month of another year"
        ),
    ],
)
def test_a_date_range_repeats_only_the_parts_that_differ(start, end, expected):
    assert format_date_range(start, end) == expected


@pytest.mark.parametrize(
    "language, single, same_month, across_months",
    [
        ("ar", "9 أكتوبر 2008", "13–15 فبراير 2008", "30 نوفمبر – 3 ديسمبر 2008"),
        ("zh-hans", "2008年10月9日", "2008年2月13日至15日", "2008年11月30日至12月3日"),
        ("fr", "9 octobre 2008", "13–15 février 2008", "30 novembre\u2009–\u20093 décembre 2008"),
        ("ru", "9 октября 2008\u202fг.", "13–15 февраля 2008\u202fг.", "30 ноября – 3 декабря 2008\u202fг."),
        (
            "es",
            "9 de octubre de 2008",
            "13–15 de febrero de 2008",
            "30 de noviembre\u2009–\u20093 de diciembre de 2008",
        ),
    ],
)
def test_dates_and_ranges_are_written_as_each_language_writes_them(language, single, same_month, across_months):
    with translation.override(language):
        assert format_date_range(D(2008, 10, 9)) == single
        assert format_date_range(D(2008, 2, 13), D(2008, 2, 15)) == same_month
        assert format_date_range(D(2008, 11, 30), D(2008, 12, 3)) == across_months


def news_item(**fields):
    """An otherwise valid, unsaved news item."""
    return NewsItem(
        **{"title": "Meeting", "slug": "meeting", "summary": "A meeting.", "date": D(2008, 11, 30), **fields}
    )


@pytest.fixture
def image(db):
    return make_image()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields, with_image, field_in_error",
    [
        pytest.param({"end_date": D(2008, 11, 29)}, False, "end_date", id="ends before it starts"),
        pytest.param({"image_alt": ""}, True, "image_alt", id="image without alt text"),
        pytest.param({"image_alt": "   "}, True, "image_alt", id="image with blank alt text"),
    ],
)
def test_news_item_is_rejected(image, fields, with_image, field_in_error):
    item = news_item(**fields, image=image if with_image else None)
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert list(error.value.message_dict) == [field_in_error]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields, with_image",
    [
        pytest.param({}, False, id="one day"),
        pytest.param({"end_date": D(2008, 11, 30)}, False, id="ends the day it starts"),
        pytest.param({"end_date": D(2008, 12, 3)}, False, id="ends later"),
        pytest.param({"image_alt": "Delegates around a table"}, True, id="image with alt text"),
    ],
)
def test_news_item_is_accepted(image, fields, with_image):
    news_item(**fields, image=image if with_image else None).full_clean()
