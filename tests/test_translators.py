"""The Translators role over HTTP, as a translator uses the admin: translate and publish translations of
news items, publications and pages; never add, change, publish, unpublish or delete the English originals.

And wagtail-localize's own views keep each role to its models: its snippet API, its submit views and
its report named every snippet and page to anyone with admin access."""

import pytest
from django.core.management import call_command
from wagtail.models import Locale

from pages.roles import CLEARANCE, NEWS_EDITORS, PUBLICATION_MANAGERS, TRANSLATORS

from .factories import make_news_item, make_publication
from .test_admin import user_in


@pytest.fixture
def translated_site(site_tree):
    news = make_news_item(title="Report launched", slug="report-launched")
    draft_publication = make_publication(title="Confidential report", slug="confidential", live=False)
    call_command("sync_locale_trees")  # each language's home page, and its rights for translators
    return {**site_tree, "news": news, "draft_publication": draft_publication}


@pytest.fixture
def translator(client, translated_site):
    client.force_login(user_in(TRANSLATORS, "translator"))
    return client


def french():
    return Locale.objects.get(language_code="fr")


def submit_for_translation(client, path, status=302):
    response = client.post(path, {"locales": [french().pk]})
    assert response.status_code == status
    return response


def assert_refused(response):
    """Refused as Wagtail's admin refuses: a 403, or a redirect to the dashboard saying so."""
    assert response.status_code == 403 or (response.status_code, response["Location"]) == (302, "/admin/")


def news_url(action, item):
    return f"/admin/snippets/news/newsitem/{action}/{item.pk}/"


@pytest.mark.django_db
def test_a_translator_translates_a_news_item_and_publishes_the_translation(translator, translated_site, client):
    """Published through clearance, as every language is (tests/test_clearance.py): wagtail-localize's Publish
    submits it, the Clearance group's approval publishes it."""
    news = translated_site["news"]
    submit_for_translation(translator, f"/admin/localize/submit/snippet/news/newsitem/{news.pk}/")
    translation = news.get_translation(french())
    assert not translation.live  # a draft copy of the English until its translator publishes it

    assert translator.get(news_url("edit", translation)).status_code == 200  # wagtail-localize's editor
    response = translator.post(news_url("edit", translation), {"action": "publish"})
    assert response.status_code == 302
    translation.refresh_from_db()
    assert translation.workflow_in_progress and not translation.live
    assert translator.get(news_url("edit", translation)).status_code == 200  # still opens, awaiting clearance

    client.force_login(user_in(CLEARANCE, "officer"))
    task_state = translation.current_workflow_task_state
    client.post(news_url("workflow/action", translation) + f"approve/{task_state.pk}/", {"comment": ""})
    translation.refresh_from_db()
    assert translation.live


@pytest.mark.django_db
@pytest.mark.parametrize(
    "method, action",
    [("get", "edit"), ("post", "edit"), ("get", "delete"), ("post", "delete"), ("post", "unpublish"),
     ("post", "lock"), ("get", "add")],
)  # fmt: skip
def test_a_translator_cannot_touch_an_english_original(translator, translated_site, method, action):
    news = translated_site["news"]
    path = "/admin/snippets/news/newsitem/add/" if action == "add" else news_url(action, news)
    data = {"title": "Changed by a translator", "slug": "changed", "date": "2026-01-01", "summary": "x"}
    response = getattr(translator, method)(path, data if method == "post" else None)
    assert_refused(response)
    news.refresh_from_db()
    assert (news.title, news.live, news.locked) == ("Report launched", True, False)


@pytest.mark.django_db
def test_a_translator_may_edit_a_translated_page_but_no_english_page(translator, translated_site):
    section = translated_site["prevention"]
    submit_for_translation(translator, f"/admin/localize/submit/page/{section.pk}/")
    french_section = section.get_translation(french())
    assert translator.get(f"/admin/pages/{french_section.pk}/edit/").status_code == 200
    assert_refused(translator.get(f"/admin/pages/{section.pk}/edit/"))


@pytest.mark.django_db
def test_the_roles_that_write_originals_still_change_them(client, translated_site):
    client.force_login(user_in(NEWS_EDITORS, "editor"))
    assert client.get(news_url("edit", translated_site["news"])).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/admin/localize/api/snippets/publications/publication/",
        "/admin/localize/api/snippets/publications/publication/{pk}/",
        "/admin/localize/submit/snippet/publications/publication/{pk}/",
    ],
)
def test_wagtail_localize_names_no_item_of_another_roles_model(client, translated_site, path):
    client.force_login(user_in(NEWS_EDITORS, "editor"))
    response = client.get(path.format(pk=translated_site["draft_publication"].pk))
    assert_refused(response)
    assert b"Confidential" not in response.content


@pytest.mark.django_db
def test_the_translations_report_lists_only_the_roles_own_models(client, translated_site):
    publication = translated_site["draft_publication"]
    client.force_login(user_in(PUBLICATION_MANAGERS, "manager"))
    submit_for_translation(client, f"/admin/localize/submit/snippet/publications/publication/{publication.pk}/")
    assert b"Confidential report" in client.get("/admin/localize/reports/translations/").content

    client.force_login(user_in(NEWS_EDITORS, "editor"))
    response = client.get("/admin/localize/reports/translations/")
    assert response.status_code == 200
    assert b"Confidential" not in response.content


@pytest.mark.django_db
def test_a_role_without_page_rights_cannot_submit_a_page_for_translation(client, translated_site):
    """Its submission would have turned the live French alias into a copy no longer kept in step."""
    section = translated_site["prevention"]
    client.force_login(user_in(NEWS_EDITORS, "editor"))
    assert_refused(client.get(f"/admin/localize/submit/page/{section.pk}/"))
    assert_refused(client.post(f"/admin/localize/submit/page/{section.pk}/", {"locales": [french().pk]}))
    assert section.get_translation(french()).alias_of_id == section.pk


@pytest.mark.django_db
def test_updating_translations_is_for_the_roles_of_what_is_translated(client, translated_site):
    """wagtail-localize's update view named and published any source's translations for any role."""
    from wagtail_localize.models import TranslationSource

    publication = translated_site["draft_publication"]
    client.force_login(user_in(PUBLICATION_MANAGERS, "manager"))
    submit_for_translation(client, f"/admin/localize/submit/snippet/publications/publication/{publication.pk}/")
    source = TranslationSource.objects.get(object_id=publication.translation_key)
    assert client.get(f"/admin/localize/update/{source.pk}/").status_code == 200

    client.force_login(user_in(NEWS_EDITORS, "editor"))
    response = client.get(f"/admin/localize/update/{source.pk}/")
    assert_refused(response)
    assert b"Confidential" not in response.content
    assert_refused(client.post(f"/admin/localize/update/{source.pk}/", {"publish_translations": "on"}))
    assert not publication.get_translation(french()).live


@pytest.mark.django_db
def test_a_translator_account_is_created_in_its_role(translated_site, capsys):
    call_command("create_staff_user", "amal", "--role", "translator")
    assert f"Created amal in {TRANSLATORS}." in capsys.readouterr().out
