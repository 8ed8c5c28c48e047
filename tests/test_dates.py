import datetime

import pytest
from django.core.exceptions import ValidationError

from news.models import NewsItem
from pages.dates import format_date_range

from .factories import make_image

D = datetime.date


@pytest.mark.parametrize(
    "start, end, expected",
    [
        (D(2008, 10, 9), None, "9 October 2008"),
        (D(2008, 10, 9), D(2008, 10, 9), "9 October 2008"),
        (D(2008, 2, 13), D(2008, 2, 15), "13 - 15 February 2008"),
        (D(2008, 11, 30), D(2008, 12, 3), "30 November - 3 December 2008"),
        (D(2008, 12, 30), D(2009, 1, 2), "30 December 2008 - 2 January 2009"),
    ],
)
def test_date_range_repeats_only_what_differs(start, end, expected):
    assert format_date_range(start, end) == expected


def news_item(**fields):
    return NewsItem(title="Meeting", slug="meeting", summary="A meeting.", date=D(2008, 11, 30), **fields)


@pytest.mark.django_db
def test_news_item_end_date_cannot_be_before_its_start():
    with pytest.raises(ValidationError) as error:
        news_item(end_date=D(2008, 11, 1)).full_clean()
    assert "end_date" in error.value.message_dict


@pytest.mark.django_db
def test_news_item_image_needs_alt_text():
    with pytest.raises(ValidationError) as error:
        news_item(image=make_image()).full_clean()
    assert "image_alt" in error.value.message_dict
    news_item(image=make_image(), image_alt="Delegates around a table").full_clean()
