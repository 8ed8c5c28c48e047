"""Events as iCalendar files (RFC 5545, written by the icalendar library) that Google Calendar, Outlook
and Apple Calendar import or subscribe to: one event to add, or the upcoming events as a feed.

Events are all-day: they have dates, no times, so they fall on the same days in every time zone. Text is
in the visitor's language (the item's translation, else the English item, as its page shows it).
"""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from core.addresses import absolute_url
from core.text import clean_text

PRODID = "-//UNODC//Global Programme against Trafficking in Persons//EN"
# How often a subscribed calendar should fetch the feed again (RFC 7986; Outlook reads X-PUBLISHED-TTL).
REFRESH_INTERVAL = datetime.timedelta(hours=12)


def calendar_response(request, events, filename, feed_name=None, url=None):
    """``events`` as an iCalendar file named ``filename``.

    A feed has a name (X-WR-CALNAME) and tells subscribers when to refresh. A single event's file has no
    name, so it is added to one of the visitor's calendars: Outlook imports a named file into a new calendar
    of that name, and Microsoft's iCalendar rules ([MS-OXCICAL] 2.1.3.1.1.17) leave it out of one event.
    """
    calendar = Calendar.new(prodid=PRODID, method="PUBLISH", calscale="GREGORIAN", uid=absolute_url(request.path))
    if feed_name is not None:
        calendar.calendar_name = text(f"{feed_name} – {_('UNODC Global Programme against Trafficking in Persons')}")
        calendar.url = absolute_url(url)
        calendar.source = absolute_url(request.path)
        calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", REFRESH_INTERVAL)
    for item in events:
        calendar.add_component(event_component(request, item))
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_component(request, item):
    page_url = absolute_url(item.get_url(request))
    # The same event in every language: a visitor who adds it twice keeps one, in the language added last.
    return Event.new(
        uid=f"{item.translation_key}@{urlsplit(settings.SITE_URL).hostname}",
        stamp=item.last_published_at or timezone.now(),
        last_modified=item.last_published_at,
        start=item.date,
        end=(item.end_date or item.date) + datetime.timedelta(days=1),  # DTEND is the day after the last
        summary=text(item.title),
        description=description(item, page_url),
        location=text(item.location) or None,
        url=page_url,
        status="CONFIRMED",
        classification="PUBLIC",
        transparency="TRANSPARENT",  # an all-day event does not make the visitor busy
    )


def description(item, page_url):
    """The summary, then what the page says of the event (calendars show no URL property but this)."""
    details = []
    if item.event_format:
        details.append((_("Format"), item.get_event_format_display()))
    details.append((_("Organiser"), item.organiser_name))
    if item.registration_url and item.is_upcoming:
        details.append((_("Registration"), item.registration_url))
    details.append((_("More information"), page_url))
    lines = [_("%(label)s: %(value)s") % {"label": label, "value": value} for label, value in details]
    return text("\n".join([item.summary, "", *lines]))


def text(value):
    """``value`` as iCalendar text: no control characters, any line break a newline (escaped as ``\\n``)."""
    return clean_text(str(value).replace("\r\n", "\n").replace("\r", "\n"))
