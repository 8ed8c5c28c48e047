"""Dates in the admin: read in ISO form or as the site writes them in the admin's language, anything else refused
with a form error; shown in the site's one format, the listing included; times named by their zone."""

import datetime

import pytest
from django.utils import timezone, translation

from core.admin_dates import WrittenDateField, parse_admin_date, time_zone_note
from core.dates import format_full_date
from news.models import NewsItem
from tests.factories import make_news_item

D = datetime.date
LANGUAGES = ["ar", "zh-hans", "en", "fr", "ru", "es"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_admin_language_reads_iso_its_own_written_date_and_english(language):
    with translation.override(language):
        for day in (D(2026, 12, 1), D(2008, 2, 29), D(2027, 5, 31)):
            assert parse_admin_date(format_full_date(day)) == day
            assert parse_admin_date(day.isoformat()) == day
            assert parse_admin_date(format_full_date(day, "en")) == day


@pytest.mark.parametrize(
    "language, text, day",
    [
        ("en", "01 December 2026", D(2026, 12, 1)),  # what WAGTAIL_DATE_FORMAT used to write
        ("en", "  1 december 2026 ", D(2026, 12, 1)),
        ("ru", "1 декабрь 2026", D(2026, 12, 1)),  # the picker's month name, standing alone
        ("ru", "1 декабря 2026", D(2026, 12, 1)),  # without "г."
        ("es", "1 diciembre 2026", D(2026, 12, 1)),  # without "de"
        ("zh-hans", "2026年12月1日", D(2026, 12, 1)),
    ],
)
def test_written_dates_are_read_as_editors_type_them(language, text, day):
    with translation.override(language):
        assert parse_admin_date(text) == day


@pytest.mark.parametrize(
    "text",
    ["11/20/2026", "20/11/2026", "20.11.2026", "2026121", "31 February 2026", "December 2026", "next Friday", "1 Dec"],
)
def test_anything_else_is_refused_never_guessed(text):
    for language in LANGUAGES:
        with translation.override(language):
            assert parse_admin_date(text) is None, (language, text)


def test_a_refused_date_says_what_to_type():
    field = WrittenDateField()
    with pytest.raises(Exception) as refused:
        field.clean("11/20/2026")
    today = timezone.localdate()
    assert refused.value.messages == [f"Enter the date as {today.isoformat()} or {format_full_date(today)}."]


def post_edit(client, item, date):
    data = {
        "title": item.title,
        "slug": item.slug,
        "kind": "news",
        "date": date,
        "summary": item.summary,
        "body-count": "0",
    }
    return client.post(f"/admin/snippets/news/newsitem/edit/{item.pk}/", data)


def test_the_edit_form_shows_keeps_and_refuses_dates(admin_client):
    item = make_news_item(live=False, date=D(2008, 11, 30))
    page = admin_client.get(f"/admin/snippets/news/newsitem/edit/{item.pk}/").content.decode()
    assert 'value="30 November 2008"' in page

    refused = post_edit(admin_client, item, "11/20/2026")
    assert refused.status_code == 200
    assert "Enter the date as" in refused.content.decode()
    assert 'value="11/20/2026"' in refused.content.decode()  # shown again, to correct
    assert NewsItem.objects.get(pk=item.pk).date == D(2008, 11, 30)

    for typed, day in (("2026-11-20", D(2026, 11, 20)), ("3 December 2026", D(2026, 12, 3))):
        assert post_edit(admin_client, item, typed).status_code == 302
        assert NewsItem.objects.get(pk=item.pk).date == day


def test_the_admin_listing_writes_dates_as_the_site_does(admin_client):
    make_news_item(date=D(2008, 11, 30))
    listing = admin_client.get("/admin/snippets/news/newsitem/").content.decode()
    assert "30 November 2008" in listing
    assert "Nov. 30, 2008" not in listing


def test_schedule_times_are_named_by_their_zone(settings):
    assert settings.TIME_ZONE == "Europe/Vienna"
    assert time_zone_note() == "Times are in Vienna time (Europe/Vienna)."
    with timezone.override("UTC"):
        assert time_zone_note() == "Times are in UTC."
    with translation.override("fr"), timezone.override("America/New_York"):
        assert "New York" in time_zone_note()
