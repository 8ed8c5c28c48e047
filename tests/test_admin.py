"""The admin as each role uses it, over HTTP: news editors, publication managers, anonymous visitors."""

import datetime
from unittest import mock

import pytest
from django.contrib.auth.models import Group, User
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from news.models import NewsItem
from pages.roles import NEWS_EDITORS, PUBLICATION_MANAGERS
from publications.models import Publication

from .factories import make_document, make_news_item, make_publication
from .markup import parse

NEWS_ADMIN = "/admin/snippets/news/newsitem/"
PUBLICATIONS_ADMIN = "/admin/snippets/publications/publication/"


def user_in(role, username):
    """A member of ``role``, with an address for the notifications its work sends (clearance)."""
    user = User.objects.create_user(username=username, email=f"{username}@example.org", password="not-used")
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def news_editor(db):
    return user_in(NEWS_EDITORS, "editor")


@pytest.fixture
def publication_manager(db):
    return user_in(PUBLICATION_MANAGERS, "manager")


def news_form(theme, action=None, **fields):
    data = {
        "title": "Training for prosecutors",
        "slug": "training-for-prosecutors",
        "kind": "news",
        "date": "2026-11-20",
        "end_date": "",
        "location": "",
        "summary": "Prosecutors from twelve States trained.",
        "body": streamfield([("paragraph", rich_text("<p>Body text.</p>"))]),
        "image": "",
        "image_alt": "",
        "go_live_at": "",
        "expire_at": "",
        **fields,
    }
    if action:
        data[f"action-{action}"] = action
    # nested_form_data would flatten a list into numbered keys; a multiple choice field wants the list.
    return {**nested_form_data(data), "themes": [theme.pk]}


def page_form(page, action, **fields):
    """A standard page's edit form as the admin posts it, with ``action`` ("publish", "submit"...)."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "body": streamfield([]),
        "seo_title": "",
        "search_description": "",
        "show_in_menus": "on" if page.show_in_menus else "",
        "share_image": "",
        "go_live_at": "",
        "expire_at": "",
        "comments": inline_formset([]),
        f"action-{action}": action,
        **fields,
    }
    return nested_form_data(data)


def assert_redirected_to_dashboard(response):
    """How Wagtail refuses an admin page, or a form posted to it, to a user without the permission: a redirect to
    the dashboard, which shows one message, saying so. ``response`` is the request's, made with ``follow=True``."""
    assert response.redirect_chain == [("/admin/", 302)]
    messages = [(message.level_tag, message.message.strip()) for message in get_messages(response.wsgi_request)]
    assert messages == [("error", "Sorry, you do not have permission to access this area.")]


def test_roles_exist_after_migrate(db):
    assert set(Group.objects.values_list("name", flat=True)) >= {NEWS_EDITORS, PUBLICATION_MANAGERS}


@pytest.mark.usefixtures("without_clearance")
def test_news_editor_drafts_previews_and_publishes_an_item(client, site_tree, news_editor):
    client.force_login(news_editor)
    theme = site_tree["themes"]["prevention"]
    response = client.post(f"{NEWS_ADMIN}add/", news_form(theme))
    assert response.status_code == 302
    item = NewsItem.objects.get(slug="training-for-prosecutors")
    assert not item.live
    for url in ("/", "/news/", "/prevention/", "/news/training-for-prosecutors/"):
        assert "Training for prosecutors" not in client.get(url).content.decode(), url

    preview_url = f"{NEWS_ADMIN}preview/{item.pk}/"
    assert client.post(preview_url, news_form(theme)).json()["is_valid"]
    preview = client.get(preview_url)
    assert "Training for prosecutors" in preview.content.decode()
    assert "news/news_item.html" in [template.name for template in preview.templates]

    response = client.post(f"{NEWS_ADMIN}edit/{item.pk}/", news_form(theme, action="publish"))
    assert response.status_code == 302
    for url in ("/", "/news/", "/prevention/", "/news/training-for-prosecutors/"):
        assert "Training for prosecutors" in client.get(url).content.decode(), url


@pytest.mark.usefixtures("without_clearance")
def test_news_editor_schedules_an_item_that_goes_live_only_when_due(client, site_tree, news_editor):
    client.force_login(news_editor)
    tomorrow = (timezone.now() + datetime.timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
    form = news_form(site_tree["themes"]["prevention"], action="publish", go_live_at=tomorrow)
    assert client.post(f"{NEWS_ADMIN}add/", form).status_code == 302
    item = NewsItem.objects.get(slug="training-for-prosecutors")
    assert item.status_string == "scheduled"
    call_command("publish_scheduled")
    assert client.get("/news/training-for-prosecutors/").status_code == 404
    assert "Training for prosecutors" not in client.get("/").content.decode()

    # The scheduled run a day later publishes it.
    a_day_later = timezone.now() + datetime.timedelta(days=1, minutes=5)
    with mock.patch.object(timezone, "now", return_value=a_day_later):
        call_command("publish_scheduled")
    assert client.get("/news/training-for-prosecutors/").status_code == 200


@pytest.mark.usefixtures("without_clearance")
def test_news_editor_edits_a_live_item_and_reverts_it(client, site_tree, news_editor):
    client.force_login(news_editor)
    item = make_news_item(title="Original title", slug="original", themes=[site_tree["themes"]["prevention"]])
    original_revision = item.latest_revision
    form = news_form(site_tree["themes"]["prevention"], action="publish", title="Changed title", slug="original")
    client.post(f"{NEWS_ADMIN}edit/{item.pk}/", form)
    assert "Changed title" in client.get("/news/original/").content.decode()

    revert_url = f"{NEWS_ADMIN}history/{item.pk}/revisions/{original_revision.pk}/revert/"
    assert "Original title" in client.get(revert_url).content.decode()
    form = news_form(site_tree["themes"]["prevention"], action="publish", title="Original title", slug="original")
    client.post(revert_url, form)
    assert "Original title" in client.get("/news/original/").content.decode()
    assert client.get(f"{NEWS_ADMIN}history/{item.pk}/").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        PUBLICATIONS_ADMIN,
        f"{PUBLICATIONS_ADMIN}add/",
        "/admin/documents/",
        "/admin/pages/",
        "/admin/settings/pages/sitelinks/",
    ],
)
def test_news_editor_is_denied_publications_documents_pages_and_settings(client, site_tree, news_editor, url):
    client.force_login(news_editor)
    assert_redirected_to_dashboard(client.get(url, follow=True))


def test_news_editor_sees_drafts_on_the_dashboard(client, site_tree, news_editor):
    client.force_login(news_editor)
    make_news_item(title="A draft waiting", live=False)
    html = client.get("/admin/").content.decode()
    assert "News drafts and scheduled items" in html and "A draft waiting" in html
    assert "Recently changed publications" not in html


def upload_document(client, title, content, name):
    collection = Collection.get_first_root_node()
    file = SimpleUploadedFile(name, content, content_type="application/pdf")
    response = client.post("/admin/documents/add/", {"title": title, "file": file, "collection": collection.pk})
    assert response.status_code == 302, response.content.decode()[:500]
    return get_document_model().objects.get(title=title)


def publication_form(files, action=None, **fields):
    data = {
        "title": "Handbook for judges",
        "slug": "handbook-for-judges",
        "publication_type": "manual",
        "date": "2026-10-01",
        "featured": "",
        "featured_order": "0",
        "summary": "A handbook.",
        "body": streamfield([]),
        "cover_image": "",
        "files": inline_formset(
            [
                {"language": language, "document": document.pk, "ORDER": str(order)}
                for order, (language, document) in enumerate(files)
            ]
        ),
        "external_url": "",
        "go_live_at": "",
        "expire_at": "",
        **fields,
    }
    if action:
        data[f"action-{action}"] = action
    return nested_form_data(data)


@pytest.mark.usefixtures("without_clearance")
def test_publication_manager_publishes_features_and_replaces_a_file(client, site_tree, publication_manager):
    client.force_login(publication_manager)
    english = upload_document(client, "Handbook (English)", b"%PDF-1.4 english", "handbook-en.pdf")
    french = upload_document(client, "Handbook (French)", b"%PDF-1.4 french", "handbook-fr.pdf")
    files = [("en", english), ("fr", french)]
    response = client.post(f"{PUBLICATIONS_ADMIN}add/", publication_form(files, action="publish", featured="on"))
    assert response.status_code == 302
    publication = Publication.objects.get(slug="handbook-for-judges")
    assert publication.live and publication.featured
    assert "Handbook for judges" in client.get("/").content.decode()
    page = parse(client.get("/publications/handbook-for-judges/").content.decode())
    [french_link] = page.find_all("a", href="/publications/handbook-for-judges/download/fr/")
    assert [(span.attrs, span.text) for span in french_link.find_all("span")] == [
        ({"lang": "fr", "dir": "auto"}, "Français")
    ]
    assert "Français, PDF" in french_link.text

    new_file = SimpleUploadedFile("handbook-fr-v2.pdf", b"%PDF-1.4 french v2", content_type="application/pdf")
    collection = Collection.get_first_root_node()
    client.post(
        f"/admin/documents/edit/{french.pk}/", {"title": french.title, "file": new_file, "collection": collection.pk}
    )
    download = client.get("/publications/handbook-for-judges/download/fr/", follow=True)
    assert b"".join(download.streaming_content) == b"%PDF-1.4 french v2"


@pytest.mark.parametrize("url", [NEWS_ADMIN, f"{NEWS_ADMIN}add/"])
def test_publication_manager_is_denied_news(client, site_tree, publication_manager, url):
    client.force_login(publication_manager)
    assert_redirected_to_dashboard(client.get(url, follow=True))


def test_publication_listing_filters_and_exports(client, site_tree, publication_manager):
    client.force_login(publication_manager)
    make_publication(title="A toolkit", publication_type="toolkit", featured=True)
    make_publication(title="A report", publication_type="report")
    html = client.get(PUBLICATIONS_ADMIN, {"publication_type": "toolkit"}).content.decode()
    assert "A toolkit" in html and "A report" not in html
    export = client.get(PUBLICATIONS_ADMIN, {"export": "csv"})
    rows = b"".join(export.streaming_content).decode().splitlines()
    assert rows[0].startswith("Title,Type,Publication date,Status,Featured")
    assert any(row.startswith("A toolkit,Toolkit,") for row in rows)


def test_news_listing_filters_by_status(client, site_tree, news_editor):
    client.force_login(news_editor)
    make_news_item(title="Live item")
    make_news_item(title="Draft item", live=False)
    html = client.get(NEWS_ADMIN, {"status": "draft"}).content.decode()
    assert "Draft item" in html and "Live item" not in html
    html = client.get(NEWS_ADMIN, {"status": "live"}).content.decode()
    assert "Live item" in html and "Draft item" not in html


def test_a_document_attached_to_a_publication_cannot_be_deleted(client, site_tree, publication_manager):
    client.force_login(publication_manager)
    document = make_document("Attached")
    make_publication(document=document)
    client.post(f"/admin/documents/delete/{document.pk}/")
    assert get_document_model().objects.filter(pk=document.pk).exists()


@pytest.mark.parametrize(
    "url", ["/admin/", NEWS_ADMIN, PUBLICATIONS_ADMIN, "/admin/documents/", "/admin/pages/", "/admin/redirects/"]
)
def test_anonymous_users_are_sent_to_the_login_page(client, site_tree, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_anonymous_users_never_see_drafts_through_preview(client, site_tree):
    item = make_news_item(title="Secret draft", live=False)
    response = client.get(f"{NEWS_ADMIN}preview/{item.pk}/")
    assert response.status_code == 302 and "Secret draft" not in response.content.decode()


@pytest.mark.usefixtures("without_clearance")
def test_renaming_a_live_items_slug_redirects_the_old_address(client, site_tree, news_editor):
    client.force_login(news_editor)
    item = make_news_item(title="Meeting", slug="meeting", themes=[site_tree["themes"]["prevention"]])
    form = news_form(site_tree["themes"]["prevention"], action="publish", title="Meeting", slug="meeting-in-vienna")
    client.post(f"{NEWS_ADMIN}edit/{item.pk}/", form)
    client.logout()
    response = client.get("/news/meeting/")
    assert response.status_code == 301
    assert response["Location"] == "/news/meeting-in-vienna/"
    assert client.get("/news/meeting-in-vienna/").status_code == 200


def test_saving_a_draft_with_a_new_slug_keeps_the_live_address(client, site_tree, news_editor):
    client.force_login(news_editor)
    item = make_news_item(title="Meeting", slug="meeting", themes=[site_tree["themes"]["prevention"]])
    client.post(f"{NEWS_ADMIN}edit/{item.pk}/", news_form(site_tree["themes"]["prevention"], slug="renamed"))
    assert client.get("/news/meeting/").status_code == 200
