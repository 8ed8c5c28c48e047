"""Events: format, organiser and registration link; upcoming events apart from past ones on the events
listing; an iCalendar file per event and a feed of the upcoming ones, read back by a real iCalendar parser."""

import datetime
import json
import re
import time
import zoneinfo
from html import unescape

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from icalendar import Calendar
from wagtail_localize.fields import SynchronizedField, TranslatableField, get_translatable_fields

from news.models import NewsItem
from pages.signals import urls_showing

from .conftest import assert_queries_after_a_change_then_later
from .factories import make_news_item, publish
from .markup import parse
from .test_admin import NEWS_ADMIN, news_form
from .test_languages import translate_item

EVENTS = "/news/?kind=event"
PROGRAMME = "UNODC Global Programme against Trafficking in Persons"
DAY = datetime.timedelta(days=1)


def make_event(starts_in=0, lasts=1, **fields):
    """A live event starting ``starts_in`` days from today (in the site's time zone), ``lasts`` days long."""
    start = timezone.localdate() + starts_in * DAY
    end = start + (lasts - 1) * DAY if lasts > 1 else None
    return make_news_item(kind="event", date=start, end_date=end, **fields)


def get_document(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return parse(response.content.decode())


def sections(document):
    """Each section of the listing under its heading: the heading and the titles it lists, in order."""
    return [
        (section.find("h2").text, [title.text for title in section.find_all(class_="news-list__title")])
        for section in document.find("main").find_all("section")
    ]


def event_data(client, item):
    html = client.get(f"/news/{item.slug}/").content.decode()
    graph = json.loads(unescape(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]))
    return next(node for node in graph["@graph"] if node["@type"] == "Event")


def read_calendar(response, filename):
    """The iCalendar file parsed, once its transport and structure are checked as calendar apps need them."""
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    raw = response.content
    # RFC 5545 3.1: lines end in CRLF and are folded at 75 octets.
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert max(len(line) for line in raw.split(b"\r\n")) <= 75
    calendar = Calendar.from_ical(raw)
    assert [component.errors for component in calendar.walk()] == [[] for _ in calendar.walk()]
    assert calendar.name == "VCALENDAR"
    assert (calendar["VERSION"], calendar["METHOD"]) == ("2.0", "PUBLISH")
    assert calendar["PRODID"] == "-//UNODC//Global Programme against Trafficking in Persons//EN"
    for event in calendar.events:
        for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "URL"):
            assert not isinstance(event[required], list), f"one {required} per event"
        # All-day: dates, not times, and the end the day after the last (DTEND is exclusive).
        assert type(event.start) is datetime.date and type(event.end) is datetime.date
        assert event.end > event.start
        assert event.DTSTAMP.tzinfo is not None
    return calendar


# The event's page


@pytest.mark.django_db
def test_an_upcoming_events_page_offers_registration_and_its_calendar_file(client, site_tree):
    event = make_event(
        starts_in=10,
        lasts=3,
        location="Vienna",
        event_format="hybrid",
        registration_url="https://example.org/register",
    )
    document = get_document(client, f"/news/{event.slug}/")
    details = {
        div.find("dt").text: div.find("dd").text for div in document.find("dl", class_="meta-list").find_all("div")
    }
    assert details["Location"] == "Vienna"
    assert details["Format"] == "In person and online"
    assert details["Organiser"] == PROGRAMME  # no organiser named: the programme itself
    actions = document.find("ul", class_="event-actions")
    assert [(link.text, link["href"]) for link in actions.find_all("a")] == [
        ("Register for this event", "https://example.org/register"),
        ("Add to your calendar (iCalendar file)", f"/news/{event.slug}/calendar/"),
    ]
    alternate = document.find("link", rel="alternate", type="text/calendar")
    assert alternate["href"] == f"/news/{event.slug}/calendar/"


@pytest.mark.django_db
def test_a_past_events_page_says_it_is_over_and_offers_no_registration(client, site_tree):
    event = make_event(starts_in=-3, organiser="Government of Austria", registration_url="https://example.org/r")
    document = get_document(client, f"/news/{event.slug}/")
    assert document.find("ul", class_="event-actions") is None
    assert document.find("p", class_="notice").text == "This event is over."
    assert "https://example.org/r" not in [link["href"] for link in document.find_all("a")]
    details = {
        div.find("dt").text: div.find("dd").text for div in document.find("dl", class_="meta-list").find_all("div")
    }
    assert details["Organiser"] == "Government of Austria"
    assert "Format" not in details  # not decided: not shown


@pytest.mark.django_db
def test_a_news_item_shows_no_event_details(client, site_tree):
    item = make_news_item(organiser="Someone", event_format="online", registration_url="https://example.org/r")
    document = get_document(client, f"/news/{item.slug}/")
    details = [div.find("dt").text for div in document.find("dl", class_="meta-list").find_all("div")]
    assert details == ["Date"]
    assert document.find("ul", class_="event-actions") is None
    assert document.find("link", type="text/calendar") is None
    assert client.get(f"/news/{item.slug}/calendar/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "event_format, mode, location",
    [
        ("in_person", "Offline", {"@type": "Place", "name": "Vienna", "address": "Vienna"}),
        ("online", "Online", {"@type": "VirtualLocation", "url": "https://example.org/join"}),
        (
            "hybrid",
            "Mixed",
            [
                {"@type": "Place", "name": "Vienna", "address": "Vienna"},
                {"@type": "VirtualLocation", "url": "https://example.org/join"},
            ],
        ),
    ],
)
def test_search_engines_read_how_to_attend_who_organises_and_where_to_register(
    client, site_tree, event_format, mode, location
):
    event = make_event(
        starts_in=5,
        location="Vienna",
        event_format=event_format,
        organiser="Government of Austria",
        registration_url="https://example.org/join",
    )
    data = event_data(client, event)
    assert data["eventAttendanceMode"] == f"https://schema.org/{mode}EventAttendanceMode"
    assert data["location"] == location
    assert data["organizer"] == {"@type": "Organization", "name": "Government of Austria"}
    assert data["offers"] == {"@type": "Offer", "url": "https://example.org/join"}
    assert data["startDate"] == data["endDate"] == event.date.isoformat()


@pytest.mark.django_db
def test_an_event_without_details_is_organised_by_the_programme(client, site_tree):
    data = event_data(client, make_event(starts_in=5))
    assert data["organizer"]["name"] == PROGRAMME
    assert "eventAttendanceMode" not in data and "offers" not in data and "location" not in data


# The fields in the admin and in translation


@pytest.mark.django_db
def test_editors_fill_the_event_details_under_when_and_where(client, site_tree):
    client.force_login(User.objects.create_superuser("admin", password="not-used"))
    form = client.get(f"{NEWS_ADMIN}add/").content.decode()
    for name in ("event_format", "organiser", "registration_url"):
        assert f'name="{name}"' in form
    data = news_form(
        site_tree["themes"]["prevention"],
        "publish",
        kind="event",
        event_format="online",
        organiser="UNODC and OSCE",
        registration_url="https://example.org/register",
    )
    assert client.post(f"{NEWS_ADMIN}add/", data).status_code == 302
    item = NewsItem.objects.get(slug="training-for-prosecutors")
    assert (item.live, item.event_format, item.organiser, item.registration_url) == (
        True,
        "online",
        "UNODC and OSCE",
        "https://example.org/register",
    )

    refused = client.post(f"{NEWS_ADMIN}add/", {**data, "slug": "x", "registration_url": "not a link"})
    assert refused.status_code == 200 and "Enter a valid URL." in refused.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["calendar", "feed"])
def test_an_item_cannot_take_an_address_the_feeds_use(site_tree, slug):
    item = NewsItem(title="Calendar", slug=slug, kind="event", date=datetime.date(2027, 1, 1), summary="S.")
    with pytest.raises(ValidationError) as refused:
        item.full_clean()
    assert refused.value.message_dict["slug"] == ["The news feeds use this address. Choose another."]


def test_translators_translate_the_organiser_and_keep_the_format_and_link():
    fields = {field.field_name: type(field) for field in get_translatable_fields(NewsItem)}
    assert fields["organiser"] is TranslatableField
    assert fields["event_format"] is SynchronizedField
    assert fields["registration_url"] is SynchronizedField


# The events listing


@pytest.mark.django_db
def test_upcoming_events_come_first_soonest_first_then_past_events_newest_first(client, site_tree):
    make_event(starts_in=-30, title="Last month")
    make_event(starts_in=-1, title="Yesterday")
    make_event(starts_in=-2, lasts=3, title="Ends today")
    make_event(starts_in=-5, lasts=10, title="Under way")
    make_event(starts_in=20, title="Next month")
    make_event(starts_in=2, title="In two days")
    make_news_item(title="A news item", date=timezone.localdate())
    assert sections(get_document(client, EVENTS)) == [
        ("Upcoming events", ["Under way", "Ends today", "In two days", "Next month"]),
        ("Past events", ["Yesterday", "Last month"]),
    ]
    # News and events together stay one stream, newest first.
    all_items = get_document(client, "/news/")
    assert [title.text for title in all_items.find_all(class_="news-list__title")] == [
        "Next month",
        "In two days",
        "A news item",
        "Yesterday",
        "Ends today",
        "Under way",
        "Last month",
    ]


@pytest.mark.django_db
def test_an_event_is_upcoming_until_its_last_day_has_passed_in_the_sites_time_zone(client, site_tree, settings):
    # UTC-12 and UTC+14 are 26 hours apart: whatever the time, their dates differ.
    west, east = "Etc/GMT+12", "Etc/GMT-14"
    west_today = datetime.datetime.now(zoneinfo.ZoneInfo(west)).date()
    make_news_item(kind="event", date=west_today, title="Today in the west")
    settings.TIME_ZONE = west
    assert sections(get_document(client, EVENTS)) == [("Upcoming events", ["Today in the west"])]
    cache.clear()  # the page cache keys pages by content and address, not by day (see the next test)
    settings.TIME_ZONE = east
    assert sections(get_document(client, EVENTS))[1:] == [("Past events", ["Today in the west"])]


@pytest.mark.django_db
def test_a_cached_listing_moves_a_finished_event_to_past_events_within_the_page_caches_lifetime(
    client, site_tree, settings
):
    """What a visitor sees at midnight: the cached page lives at most PAGE_CACHE_SECONDS, then the event
    is listed as past (here the day changes by moving the site's time zone across the date line)."""
    settings.PAGE_CACHE_SECONDS = 1
    west, east = "Etc/GMT+12", "Etc/GMT-14"
    make_news_item(kind="event", date=datetime.datetime.now(zoneinfo.ZoneInfo(west)).date(), title="Ending")
    settings.TIME_ZONE = west
    first = client.get(EVENTS)
    assert first["X-Cache"] == "MISS" and sections(parse(first.content.decode()))[0] == ("Upcoming events", ["Ending"])
    settings.TIME_ZONE = east  # midnight has passed
    assert client.get(EVENTS)["X-Cache"] == "HIT"
    time.sleep(1.1)
    later = client.get(EVENTS)
    assert later["X-Cache"] == "MISS"
    assert sections(parse(later.content.decode()))[1] == ("Past events", ["Ending"])


@pytest.mark.django_db
def test_the_split_listing_is_paginated_as_one_stream(client, site_tree, settings):
    settings.PAGINATE_BY = 3
    for number in range(2):
        make_event(starts_in=number + 1, title=f"Upcoming {number}")
    for number in range(4):
        make_event(starts_in=-number - 1, title=f"Past {number}")
    assert sections(get_document(client, EVENTS)) == [
        ("Upcoming events", ["Upcoming 0", "Upcoming 1"]),
        ("Past events", ["Past 0"]),
    ]
    second = get_document(client, f"{EVENTS}&page=2")
    assert sections(second) == [("Past events", ["Past 1", "Past 2", "Past 3"])]
    assert "Page 2 of 2" in second.find("nav", class_="pagination").text


@pytest.mark.django_db
def test_with_no_upcoming_events_the_listing_says_so_and_offers_the_calendar(client, site_tree):
    make_event(starts_in=-10, title="Over")
    document = get_document(client, EVENTS)
    assert sections(document) == [("Upcoming events", []), ("Past events", ["Over"])]
    upcoming = document.find("main").find("section")
    assert "No upcoming events have been announced." in upcoming.text
    assert upcoming.find("a")["href"] == "/news/calendar/"
    assert document.find("link", rel="alternate", type="text/calendar")["href"] == "/news/calendar/"


# Query counts, as tests/test_listings.py measures them: after a change, then on every later request.
QUERIES = {EVENTS: (25, 1), "/news/calendar/": (13, 2), "/news/{slug}/calendar/": (13, 2)}


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize("count", [5, 200])
def test_the_events_listing_and_calendars_cost_the_same_queries_whatever_the_number_of_events(
    client, site_tree, settings, django_assert_num_queries, subtests, count
):
    settings.PAGE_CACHE_SECONDS = 0
    events = [make_event(starts_in=number - count // 2, organiser="Partner") for number in range(count)]
    for url, (after_a_change, later) in QUERIES.items():
        url = url.format(slug=events[-1].slug)
        with subtests.test(url=url):
            assert client.get(url).status_code == 200
            assert_queries_after_a_change_then_later(client, url, (after_a_change, later), django_assert_num_queries)


# iCalendar files


@pytest.mark.django_db
def test_an_events_calendar_file_holds_the_event_as_calendar_apps_import_it(client, site_tree):
    event = make_event(
        starts_in=30,
        lasts=3,
        title="Forum, Vienna; 2027",
        summary="Practitioners meet.\r\nThree days of work.",
        location="Vienna International Centre",
        event_format="in_person",
        registration_url="https://example.org/register",
    )
    calendar = read_calendar(client.get(f"/news/{event.slug}/calendar/"), f"{event.slug}.ics")
    assert "X-WR-CALNAME" not in calendar  # a named file would open as a calendar of its own in Outlook
    [vevent] = calendar.events
    assert vevent["UID"] == f"{event.translation_key}@localhost"
    assert vevent.DTSTAMP == event.last_published_at.replace(microsecond=0)
    assert (vevent.start, vevent.end) == (event.date, event.end_date + DAY)
    assert f"DTSTART;VALUE=DATE:{event.date:%Y%m%d}".encode() in client.get(f"/news/{event.slug}/calendar/").content
    assert vevent["SUMMARY"] == "Forum, Vienna; 2027"
    assert vevent["LOCATION"] == "Vienna International Centre"
    assert vevent["URL"] == f"http://localhost/news/{event.slug}/"
    assert (vevent["STATUS"], vevent["TRANSP"], vevent["CLASS"]) == ("CONFIRMED", "TRANSPARENT", "PUBLIC")
    assert vevent["DESCRIPTION"].split("\n") == [
        "Practitioners meet.",
        "Three days of work.",
        "",
        "Format: In person",
        f"Organiser: {PROGRAMME}",
        "Registration: https://example.org/register",
        f"More information: http://localhost/news/{event.slug}/",
    ]


@pytest.mark.django_db
def test_a_one_day_event_ends_the_next_day_and_a_past_one_offers_no_registration(client, site_tree):
    event = make_event(starts_in=-40, organiser="OSCE", registration_url="https://example.org/r")
    [vevent] = read_calendar(client.get(f"/news/{event.slug}/calendar/"), f"{event.slug}.ics").events
    assert (vevent.start, vevent.end) == (event.date, event.date + DAY)
    assert "LOCATION" not in vevent
    assert "Organiser: OSCE" in vevent["DESCRIPTION"] and "example.org" not in vevent["DESCRIPTION"]


@pytest.mark.django_db
def test_the_calendar_feed_holds_the_live_upcoming_events_soonest_first(client, site_tree):
    make_event(starts_in=9, title="Later")
    make_event(starts_in=-1, lasts=2, title="Last day today")
    make_event(starts_in=3, title="Soon")
    make_event(starts_in=-1, title="Yesterday")
    make_event(starts_in=1, title="A draft", live=False)
    make_news_item(title="News", date=timezone.localdate() + DAY)
    calendar = read_calendar(client.get("/news/calendar/"), "upcoming-events.ics")
    assert [str(event["SUMMARY"]) for event in calendar.events] == ["Last day today", "Soon", "Later"]
    assert calendar["X-WR-CALNAME"] == f"Upcoming events – {PROGRAMME}"
    assert calendar["NAME"] == calendar["X-WR-CALNAME"]
    assert calendar["URL"] == "http://localhost/news/?kind=event"
    assert calendar["SOURCE"] == "http://localhost/news/calendar/"
    assert calendar["REFRESH-INTERVAL"].dt == datetime.timedelta(hours=12)
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT12H" in client.get("/news/calendar/").content
    assert len({event["UID"] for event in calendar.events}) == 3


@pytest.mark.django_db
def test_with_no_upcoming_events_the_feed_is_an_empty_calendar(client, site_tree):
    make_event(starts_in=-3)
    assert read_calendar(client.get("/news/calendar/"), "upcoming-events.ics").events == []


@pytest.mark.django_db
def test_calendar_files_exist_only_for_live_events(client, site_tree):
    draft = make_event(starts_in=4, live=False)
    news = make_news_item()
    event = make_event(starts_in=4)
    for url in (f"/news/{draft.slug}/calendar/", f"/news/{news.slug}/calendar/", "/news/no-such-event/calendar/"):
        assert client.get(url).status_code == 404, url
    event.unpublish()
    assert client.get(f"/news/{event.slug}/calendar/").status_code == 404


@pytest.mark.django_db
def test_calendar_files_are_in_the_visitors_language(client, site_tree):
    event = make_event(starts_in=6, title="Expert meeting", summary="Experts meet.", organiser="Government")
    call_command("sync_locale_trees")
    translate_item(
        event, "fr", title="Réunion d’experts", summary="Des experts se réunissent.", organiser="Le Gouvernement"
    )
    french = read_calendar(client.get(f"/fr/news/{event.slug}/calendar/"), f"{event.slug}.ics")
    [vevent] = french.events
    assert vevent["SUMMARY"] == "Réunion d’experts"
    assert vevent["URL"] == f"http://localhost/fr/news/{event.slug}/"
    assert "Le Gouvernement" in vevent["DESCRIPTION"]
    # The same event in every language: adding both keeps one.
    [english] = read_calendar(client.get(f"/news/{event.slug}/calendar/"), f"{event.slug}.ics").events
    assert english["UID"] == vevent["UID"] and english["SUMMARY"] == "Expert meeting"

    feed = read_calendar(client.get("/fr/news/calendar/"), "upcoming-events.ics")
    assert feed["X-WR-CALNAME"].endswith("Programme mondial de l’ONUDC contre la traite des personnes")
    assert [str(event["SUMMARY"]) for event in feed.events] == ["Réunion d’experts"]
    # Not yet translated into Spanish: the English event, at its Spanish address.
    [spanish] = read_calendar(client.get(f"/es/news/{event.slug}/calendar/"), f"{event.slug}.ics").events
    assert spanish["SUMMARY"] == "Expert meeting" and spanish["URL"] == f"http://localhost/es/news/{event.slug}/"


@pytest.mark.django_db
def test_a_change_to_an_event_purges_its_calendar_file_and_the_feed(client, site_tree):
    event = make_event(starts_in=4)
    urls = urls_showing(event)
    for path in (f"/news/{event.slug}/calendar/", "/news/calendar/", f"/fr/news/{event.slug}/calendar/"):
        assert f"http://localhost{path}" in urls
    event.title = "Renamed"
    publish(event)
    [vevent] = read_calendar(client.get(f"/news/{event.slug}/calendar/"), f"{event.slug}.ics").events
    assert vevent["SUMMARY"] == "Renamed"
