"""Dates in the admin as editors type and pick them: kept or refused with a message, never replaced by
today; the schedule dialog names its time zone and its picker leaves Save schedule in reach."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from news.models import NewsItem
from tests.browser.test_journeys import signed_in_superuser
from tests.factories import make_news_item

D = datetime.date
REFUSED = "Enter the date as"  # in English: "Enter the date as 2026-12-01 or 1 December 2026."


@pytest.fixture
def editor(open_context, site_tree_url):
    """A superuser (who publishes without clearance) signed in at a laptop's viewport; and the site's address."""
    url, _tree = site_tree_url
    return signed_in_superuser(open_context, url, height=720), url


def open_draft(page, url, **fields):
    item = make_news_item(live=False, title="Meeting", date=D(2008, 11, 30), **fields)
    page.goto(f"{url}/admin/snippets/news/newsitem/edit/{item.pk}/")
    return item


def save_draft(page, name="Save draft"):
    with page.expect_navigation():  # the form's answer, saved or refused, before the database is read
        page.get_by_role("button", name=name).click()


def leave(page, field):
    """Leaves a field whose picker opened: the picker closes, and used to replace a text it could not read."""
    pickers = page.locator(".xdsoft_datetimepicker:visible")
    expect(pickers).to_have_count(1)
    field.blur()
    expect(pickers).to_have_count(0)


def type_date(page, text):
    """Types into the date field and leaves it, as an editor does: that is when the picker replaced the text."""
    date = page.locator("#id_date")
    date.fill(text)
    leave(page, date)
    expect(date).to_have_value(text)
    return date


def test_a_typed_date_is_kept_or_refused_never_replaced(editor):
    page, url = editor
    item = open_draft(page, url)
    date = page.locator("#id_date")
    expect(date).to_have_value("30 November 2008")
    # ISO and the site's own form are read; a numeric day and month in any order, or a day that does not
    # exist, is refused and shown again to correct.
    for typed, saved, shown in [
        ("2026-11-20", D(2026, 11, 20), "20 November 2026"),
        ("11/20/2026", None, None),
        ("3 December 2026", D(2026, 12, 3), "3 December 2026"),
        ("20/11/2026", None, None),
        ("01 January 2027", D(2027, 1, 1), "1 January 2027"),
        ("20.11.2026", None, None),
        ("31 February 2026", None, None),
        ("next Friday", None, None),
    ]:
        kept = item.date
        type_date(page, typed)
        save_draft(page)
        item.refresh_from_db()
        if saved:
            assert item.date == saved, typed
            expect(date).to_have_value(shown)
            expect(page.get_by_text(REFUSED)).to_have_count(0)
        else:
            assert item.date == kept, typed
            expect(page.get_by_text(REFUSED)).to_be_visible()
            expect(date).to_have_value(typed)


def test_in_a_french_admin_dates_are_written_picked_and_typed_in_french(editor):
    page, url = editor
    profile = UserProfile.get_for_user(User.objects.get(username="admin"))
    profile.preferred_language = "fr"
    profile.save()
    item = open_draft(page, url)
    date = page.locator("#id_date")
    expect(date).to_have_value("30 novembre 2008")

    date.click()  # the calendar opens on the field's month
    page.locator(".xdsoft_datetimepicker:visible .xdsoft_date[data-date='15']").click()
    expect(date).to_have_value("15 novembre 2008")
    save_draft(page, "Enregistrer le brouillon")
    item.refresh_from_db()
    assert item.date == D(2008, 11, 15)

    for typed, saved in [("3 décembre 2026", D(2026, 12, 3)), ("2027-01-05", D(2027, 1, 5))]:
        type_date(page, typed)
        save_draft(page, "Enregistrer le brouillon")
        item.refresh_from_db()
        assert item.date == saved

    type_date(page, "05/01/2027")
    save_draft(page, "Enregistrer le brouillon")
    with translation.override("fr"):
        refused = gettext("Enter the date as %(iso)s or %(written)s.").split("%")[0].strip()
    expect(page.get_by_text(refused)).to_be_visible()
    item.refresh_from_db()
    assert item.date == D(2027, 1, 5)


def test_the_schedule_dialog_names_its_time_zone_and_its_picker_leaves_save_in_reach(editor):
    page, url = editor
    item = open_draft(page, url)
    page.get_by_role("button", name="Toggle status").click()
    page.get_by_role("button", name="Set schedule").click()
    dialog = page.get_by_role("dialog", name="Set publishing schedule")
    expect(dialog).to_contain_text("Times are in Vienna time (Europe/Vienna).")

    go_live = dialog.locator("#id_go_live_at")
    go_live.click()
    expect(page.locator(".xdsoft_datetimepicker:visible")).to_have_count(1)
    go_live.fill("2026-12-24 10:00")
    save = dialog.get_by_role("button", name="Save schedule")
    save.scroll_into_view_if_needed()
    # With the picker open, nothing lies over Save schedule: what is at its centre is the button itself.
    assert save.evaluate(
        """button => {
            const box = button.getBoundingClientRect();
            return button.contains(document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2));
        }"""
    )
    leave(page, go_live)
    save.click()
    # The status panel says when, in the site's one format.
    expect(page.get_by_text("24 December 2026, 10:00")).to_be_visible()
    # 10:00 in Vienna, a winter day: 09:00 UTC.
    scheduled = NewsItem.objects.get(pk=item.pk).latest_revision.as_object().go_live_at
    assert scheduled == datetime.datetime(2026, 12, 24, 9, tzinfo=datetime.UTC)

    page.get_by_role("button", name="Edit schedule").click()
    go_live.fill("tomorrow at ten")
    leave(page, go_live)
    expect(go_live).to_have_value("tomorrow at ten")  # not replaced by the current time
