"""Clearance over HTTP, as staff use the admin: news editors, publication managers and translators submit,
the Clearance group approves (which publishes) or requests changes with a comment, each is told by email and
finds what awaits them on the dashboard; superusers publish directly; nobody's unpublish waits for clearance."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import GroupApprovalTask, Locale, Workflow, WorkflowContentType, WorkflowState

from news.models import NewsItem
from pages.roles import CLEARANCE, CLEARANCE_WORKFLOW, NEWS_EDITORS, PUBLICATION_MANAGERS, TRANSLATORS
from publications.models import Publication

from .factories import make_news_item, make_publication
from .test_admin import (
    NEWS_ADMIN,
    PUBLICATIONS_ADMIN,
    assert_redirected_to_dashboard,
    news_form,
    publication_form,
    user_in,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(site_tree):
    return user_in(NEWS_EDITORS, "editor")


@pytest.fixture
def officer(site_tree):
    return user_in(CLEARANCE, "officer")


def as_user(client, user):
    client.force_login(user)
    return client


def footer_actions(response):
    """The names of the edit form's actions (Save, Publish, Submit, Unpublish...), as its footer offers them."""
    footer = BeautifulSoup(response.content, "html.parser").select_one("footer")
    names = {button.get("name") for button in footer.select("button[name]")}
    links = {link["href"] for link in footer.select("a[href]")}
    return names | {"unpublish" for href in links if "/unpublish/" in href}


def task_state_of(item):
    return WorkflowState.objects.for_instance(item).get(status__in=["in_progress", "needs_changes"]).current_task_state


def workflow_action(client, item, action, comment=""):
    admin = NEWS_ADMIN if isinstance(item, NewsItem) else PUBLICATIONS_ADMIN
    url = f"{admin}workflow/action/{item.pk}/{action}/{task_state_of(item).pk}/"
    return client.post(url, {"comment": comment})


def test_migrations_create_the_clearance_role_and_workflow_for_news_and_publications():
    workflow = Workflow.objects.get(name=CLEARANCE_WORKFLOW, active=True)
    [task] = [task.specific for task in workflow.tasks]
    assert isinstance(task, GroupApprovalTask) and list(task.groups.values_list("name", flat=True)) == [CLEARANCE]
    cleared = {row.content_type.model_class() for row in WorkflowContentType.objects.filter(workflow=workflow)}
    assert cleared == {NewsItem, Publication}
    assert NewsItem.get_default_workflow() == workflow == Publication.get_default_workflow()


def test_a_news_editor_is_offered_submit_not_publish_and_a_posted_publish_publishes_nothing(client, site_tree, editor):
    as_user(client, editor)
    form = client.get(f"{NEWS_ADMIN}add/")
    assert "action-publish" not in footer_actions(form)
    assert "action-submit" in footer_actions(form)
    assert "Submit to Clearance" in form.content.decode()

    client.post(f"{NEWS_ADMIN}add/", news_form(site_tree["themes"]["prevention"], action="publish"))
    item = NewsItem.objects.get(slug="training-for-prosecutors")
    assert not item.live and not item.workflow_in_progress
    assert client.get("/news/training-for-prosecutors/").status_code == 404


def test_the_clearance_round_trip_with_its_emails_and_dashboards(client, site_tree, editor, officer):
    theme = site_tree["themes"]["prevention"]
    as_user(client, editor)
    client.post(f"{NEWS_ADMIN}add/", news_form(theme, action="submit"))
    item = NewsItem.objects.get(slug="training-for-prosecutors")
    assert item.workflow_in_progress and not item.live

    # The Clearance group is told, the submitter is not.
    [notice] = mail.outbox
    assert notice.to == [officer.email]
    assert '"Training for prosecutors" has been submitted for approval' in notice.subject
    # (Wagtail 8's snippet notice also says "You can preview the news item here:" with no address after it.)
    assert f"http://testserver{NEWS_ADMIN}edit/{item.pk}/" in notice.body

    # Each dashboard shows it: to the officer awaiting review, to the editor in a workflow.
    assert "Training for prosecutors" in dashboard_panel(as_user(client, officer), "Awaiting your review")
    assert "Training for prosecutors" in dashboard_panel(
        as_user(client, editor), "Your pages and snippets in a workflow"
    )
    assert "Training for prosecutors" not in dashboard_panel(as_user(client, editor), "Awaiting your review")

    # The officer requests changes with a comment; the editor is told, with the comment.
    mail.outbox.clear()
    assert workflow_action(as_user(client, officer), item, "reject", "Name the twelve States.").status_code == 302
    [notice] = mail.outbox
    assert notice.to == [editor.email]
    assert 'The following comment was left: "Name the twelve States."' in notice.body
    item.refresh_from_db()
    assert not item.live and item.current_workflow_state.status == "needs_changes"

    # The editor changes the item and resubmits it; the officer approves, which publishes.
    as_user(client, editor)
    form = news_form(theme, action="submit", summary="Prosecutors from twelve States (listed) trained.")
    assert client.post(f"{NEWS_ADMIN}edit/{item.pk}/", form).status_code == 302
    item.refresh_from_db()
    assert item.current_workflow_state.status == "in_progress" and not item.live
    mail.outbox.clear()
    workflow_action(as_user(client, officer), item, "approve")
    item.refresh_from_db()
    assert item.live and not item.workflow_in_progress
    assert [notice.to for notice in mail.outbox] == [[editor.email]]
    assert "has been approved" in mail.outbox[0].subject
    client.logout()
    assert "(listed)" in client.get("/news/training-for-prosecutors/").content.decode()


def dashboard_panel(client, heading):
    """The text of the dashboard panel with this heading ("" when the dashboard has none)."""
    for panel in BeautifulSoup(client.get("/admin/").content, "html.parser").select("section[data-panel]"):
        if panel.select_one("h2").get_text(strip=True) == heading:
            return panel.get_text(" ", strip=True)
    return ""


@pytest.mark.parametrize("action", ["unpublish", "unpublish while awaiting clearance"])
def test_a_news_editor_unpublishes_at_once_without_clearance(client, site_tree, editor, action):
    """Takedowns are final and immediate: the right to publish no longer publishes, but still unpublishes, even
    while a change to the item awaits clearance (Wagtail would hide Unpublish from an item locked for review)."""
    item = make_news_item(title="Live item", slug="live-item")
    as_user(client, editor)
    if action.endswith("clearance"):
        form = news_form(site_tree["themes"]["prevention"], action="submit", title="Live item", slug="live-item")
        client.post(f"{NEWS_ADMIN}edit/{item.pk}/", form)
        assert NewsItem.objects.get(pk=item.pk).workflow_in_progress
    actions = footer_actions(client.get(f"{NEWS_ADMIN}edit/{item.pk}/"))
    assert "unpublish" in actions and "action-publish" not in actions
    assert client.post(f"{NEWS_ADMIN}unpublish/{item.pk}/").status_code == 302
    item.refresh_from_db()
    assert not item.live
    assert client.get("/news/live-item/").status_code == 404


def test_a_news_editor_cancels_a_cleared_items_scheduled_publishing(client, site_tree, editor):
    """Stopping a publication is a takedown too: never cleared, though scheduling one is."""
    item = make_news_item(live=False, title="Embargoed", slug="embargoed")
    item.go_live_at = timezone.now() + datetime.timedelta(days=1)
    revision = item.save_revision()
    revision.publish()  # as an approval does: scheduled
    revision.refresh_from_db()
    assert revision.approved_go_live_at
    as_user(client, editor)
    client.post(f"{NEWS_ADMIN}history/{item.pk}/revisions/{revision.pk}/unschedule/")
    revision.refresh_from_db()
    assert revision.approved_go_live_at is None


def test_a_publication_manager_submits_and_the_clearance_group_publishes(client, site_tree, officer):
    manager = user_in(PUBLICATION_MANAGERS, "manager")
    document = make_publication(live=False).files.get().document
    as_user(client, manager)
    assert "action-publish" not in footer_actions(client.get(f"{PUBLICATIONS_ADMIN}add/"))
    client.post(f"{PUBLICATIONS_ADMIN}add/", publication_form([("en", document)], action="publish"))
    assert not Publication.objects.get(slug="handbook-for-judges").live
    client.post(f"{PUBLICATIONS_ADMIN}add/", publication_form([("en", document)], action="submit", slug="cleared"))
    publication = Publication.objects.get(slug="cleared")
    assert publication.workflow_in_progress and not publication.live
    assert [notice.to for notice in mail.outbox] == [[officer.email]]
    workflow_action(as_user(client, officer), publication, "approve")
    publication.refresh_from_db()
    assert publication.live


def test_superusers_and_the_clearance_group_publish_directly(client, site_tree, officer):
    admin = User.objects.create_superuser("admin", "admin@example.org", "not-used")
    item = make_news_item(live=False, title="Draft", slug="draft")
    theme = site_tree["themes"]["prevention"]
    for user in (admin, officer):
        as_user(client, user)
        assert "action-publish" in footer_actions(client.get(f"{NEWS_ADMIN}edit/{item.pk}/"))
    as_user(client, admin)
    client.post(f"{NEWS_ADMIN}edit/{item.pk}/", news_form(theme, action="publish", title="Draft", slug="draft"))
    item.refresh_from_db()
    assert item.live
    assert mail.outbox == []


def test_the_clearance_group_neither_adds_nor_deletes(client, officer):
    item = make_news_item()
    as_user(client, officer)
    assert_redirected_to_dashboard(client.get(f"{NEWS_ADMIN}add/", follow=True))
    assert_redirected_to_dashboard(client.post(f"{NEWS_ADMIN}delete/{item.pk}/", follow=True))
    assert NewsItem.objects.filter(pk=item.pk).exists()


@pytest.mark.parametrize("switch_off", ["disable the workflow", "remove the model from it"])
def test_with_clearance_switched_off_for_a_model_its_editors_publish_directly(client, site_tree, editor, switch_off):
    """As README says: Settings › Workflows, the Clearance workflow, then Disable it or untick the model."""
    workflow = Workflow.objects.get(name=CLEARANCE_WORKFLOW)
    if switch_off == "disable the workflow":
        workflow.deactivate()
    else:
        WorkflowContentType.objects.filter(workflow=workflow, content_type__model="newsitem").delete()
    as_user(client, editor)
    assert "action-publish" in footer_actions(client.get(f"{NEWS_ADMIN}add/"))
    client.post(f"{NEWS_ADMIN}add/", news_form(site_tree["themes"]["prevention"], action="publish"))
    assert NewsItem.objects.get(slug="training-for-prosecutors").live


def test_a_translation_published_in_wagtail_localize_is_submitted_for_clearance(client, site_tree, officer):
    """wagtail-localize's "Publish in French" by a translator: a draft revision submitted, the live row untouched;
    resubmitted the same way after changes are requested; published by the officer's approval."""
    news = make_news_item(title="Report launched", slug="report-launched")
    call_command("sync_locale_trees")
    french = Locale.objects.get(language_code="fr")
    translator = user_in(TRANSLATORS, "translator")
    as_user(client, translator)
    client.post(f"/admin/localize/submit/snippet/news/newsitem/{news.pk}/", {"locales": [french.pk]})
    translation = news.get_translation(french)
    edit_url = f"{NEWS_ADMIN}edit/{translation.pk}/"

    response = client.post(edit_url, {"action": "publish"}, follow=True)
    assert "submitted for clearance" in response.content.decode()
    translation.refresh_from_db()
    assert not translation.live and translation.workflow_in_progress
    assert [notice.to for notice in mail.outbox] == [[officer.email]]

    workflow_action(as_user(client, officer), translation, "reject", "Use the official title.")
    as_user(client, translator)
    client.post(edit_url, {"action": "publish"})
    translation.refresh_from_db()
    assert translation.current_workflow_state.status == "in_progress"

    workflow_action(as_user(client, officer), translation, "approve")
    translation.refresh_from_db()
    assert translation.live
    client.logout()
    assert client.get(f"/fr/news/{translation.slug}/").status_code == 200


def test_create_staff_user_offers_the_clearance_role(db, capsys):
    call_command("create_staff_user", "aisha", "--email", "aisha@example.org", "--role", "clearance")
    assert User.objects.get(username="aisha").groups.get().name == CLEARANCE
    assert re.search(r"Created aisha in Clearance", capsys.readouterr().out)
