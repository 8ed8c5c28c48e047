"""The clearance round trip in the admin, as staff do it in Chromium: a news editor submits an item, the
Clearance officer requests changes with a comment from the dashboard, the editor (told by email) changes
and resubmits it, the officer approves it, and a visitor then reads it on the site."""

import datetime
import re

from django.core import mail
from playwright.sync_api import expect

from news.models import NewsItem
from pages.roles import CLEARANCE, NEWS_EDITORS

from .test_journeys import field, h1, signed_in_page

TITLE = "Prosecutors from twelve States trained in Vienna"
COMMENT = "Name the twelve States in the summary."


def footer_action(page, name):
    """A button of the edit form's footer, opening its "More actions" menu if the button is in it."""
    footer = page.get_by_role("navigation", name="Actions (footer)")
    button = footer.get_by_role("button", name=name)
    if not button.is_visible():
        footer.get_by_role("button", name="More actions").click()
    return button


def review(page, site_url, action):
    """The officer's dashboard: the item awaiting review, and one of its actions from the row's menu."""
    page.goto(site_url + "/admin/")
    panel = page.get_by_role("region", name="Awaiting your review")
    row = panel.get_by_role("row").filter(has_text=TITLE)
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name=action, exact=True).click()


def test_an_item_is_submitted_sent_back_with_a_comment_resubmitted_approved_and_public(open_context, site_tree_url):
    site_url, _tree = site_tree_url
    editor = signed_in_page(open_context, site_url, NEWS_EDITORS, "editor")
    officer = signed_in_page(open_context, site_url, CLEARANCE, "officer")

    # The editor writes the item: no Publish, a submission to Clearance.
    editor.goto(site_url + "/admin/snippets/news/newsitem/add/")
    field(editor, "Title").fill(TITLE)
    field(editor, "Date").fill(datetime.date.today().isoformat())
    field(editor, "Summary").fill("Prosecutors from twelve States were trained.")
    editor.get_by_role("checkbox", name="Prevention").check()
    footer = editor.get_by_role("navigation", name="Actions (footer)")
    footer.get_by_role("button", name="More actions").click()
    expect(footer.get_by_role("button", name="Publish")).to_have_count(0)
    footer.get_by_role("button", name="Submit to Clearance").click()
    expect(editor.get_by_role("status").filter(has_text=TITLE)).to_contain_text("submitted")
    item = NewsItem.objects.get(title=TITLE)
    assert item.workflow_in_progress and not item.live
    assert [message.to for message in mail.outbox] == [["officer@example.org"]]

    # The officer requests changes, with a comment, from the dashboard.
    mail.outbox.clear()
    review(officer, site_url, "Request changes")
    dialog = officer.get_by_role("dialog")
    dialog.get_by_label("Comment").fill(COMMENT)
    dialog.get_by_role("button", name="Request changes").click()
    expect(officer.get_by_role("row").filter(has_text=TITLE)).to_have_count(0)  # back on a dashboard without it
    [notice] = mail.outbox
    assert notice.to == ["editor@example.org"] and COMMENT in notice.body

    # The editor follows the link of the email, changes the summary and resubmits.
    edit_url = re.search(r"https?://\S+/admin/snippets/news/newsitem/edit/\d+/", notice.body).group()
    editor.goto(site_url + edit_url[edit_url.index("/admin/") :])
    field(editor, "Summary").fill("Prosecutors from Albania, Benin, ... and Viet Nam were trained.")
    footer_action(editor, "Resubmit to Clearance").click()
    expect(editor.get_by_role("status").filter(has_text=TITLE)).to_contain_text("submitted")

    # The officer approves it, which publishes it; the editor is told.
    mail.outbox.clear()
    review(officer, site_url, "Approve")
    expect(officer.get_by_role("row").filter(has_text=TITLE)).to_have_count(0)
    item.refresh_from_db()
    assert item.live
    assert [message.to for message in mail.outbox] == [["editor@example.org"]]

    visitor = open_context(1280, 900).new_page()
    visitor.goto(f"{site_url}/news/{item.slug}/")
    expect(h1(visitor)).to_have_text(TITLE)
    expect(visitor.get_by_text("Albania, Benin")).to_be_visible()
