"""What each staff role reads of work that is not its own, over HTTP as it uses the admin: no draft's title.

Seen (issue 12): each role read the other's drafts, titles and status, in the snippet choosers and on
bulk-action confirmation pages (/admin/bulk/news/newsitem/delete/?id=...), and both read draft pages'
titles in the page chooser, though neither has rights on pages.
"""

from types import SimpleNamespace

import pytest
from django.apps import apps
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.models import Collection

from core.permissions import user_may_see
from pages.models import StandardPage
from pages.roles import NEWS_EDITORS, PUBLICATION_MANAGERS

from .factories import add_page, make_image, make_news_item, make_publication
from .test_admin import assert_redirected_to_dashboard, user_in

WORD = "Confidential"  # in every draft's title, so each search below would find them all


@pytest.fixture
def drafts(site_tree):
    """A never-published draft of each kind: a news item, a publication (with its file) and a page.

    The publication's cover comes from the image library both roles share, under a title of its own.
    """
    cover = make_image("Cover photo")
    publication = make_publication(title=f"{WORD} global report", live=False, cover_image=cover)
    page = StandardPage(title=f"{WORD} campaign page", slug="campaign")
    return SimpleNamespace(
        home=site_tree["home"],
        live_page=site_tree["response"],
        news=make_news_item(title=f"{WORD} raid briefing", live=False),
        publication=publication,
        document=publication.files.get().document,
        cover=cover,
        page=add_page(site_tree["home"], page, live=False),
        elsewhere=Collection.get_first_root_node().add_child(name="Elsewhere"),
    )


@pytest.fixture
def role(request, client, drafts):
    """A client logged in as the role named by the test's parameter; ``own`` is its draft, ``hidden``
    the titles it must never read: the other role's draft (and its file) and the draft page."""
    client.force_login(user_in(request.param, "staff"))
    own, other = (drafts.news, drafts.publication)
    if request.param == PUBLICATION_MANAGERS:
        own, other = other, own
    return SimpleNamespace(name=request.param, client=client, own=own, hidden=[other.title, drafts.page.title])


BOTH_ROLES = pytest.mark.parametrize("role", [NEWS_EDITORS, PUBLICATION_MANAGERS], indirect=True)


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def leaks(role, responses):
    """The URLs among ``responses`` that show one of the titles the role must never read."""
    return [
        (response.request["PATH_INFO"], title)
        for response in responses
        for title in role.hidden
        if title in body(response)
    ]


# Every admin door that lists or names items, by area; ids are filled in from ``drafts``.
DOORS = {
    "choosers": [
        "/admin/snippets/choose/news/newsitem/",
        f"/admin/snippets/choose/news/newsitem/results/?q={WORD}",
        "/admin/snippets/choose/news/newsitem/chosen/{news}/",
        "/admin/snippets/choose/news/newsitem/chosen-multiple/?id={news}",
        "/admin/snippets/choose/publications/publication/",
        f"/admin/snippets/choose/publications/publication/results/?q={WORD}",
        "/admin/snippets/choose/publications/publication/chosen/{publication}/",
        "/admin/snippets/choose/publications/publication/chosen-multiple/?id={publication}",
        "/admin/snippets/choose/core/theme/",
        "/admin/choose-page/",
        "/admin/choose-page/{home}/",
        f"/admin/choose-page/search/?q={WORD}",
        f"/admin/documents/chooser/?q={WORD}",
        f"/admin/documents/chooser/results/?q={WORD}",
        "/admin/documents/chooser/chosen/{document}/",
        f"/admin/images/chooser/?q={WORD}",
    ],
    "bulk-action confirmation pages": [
        "/admin/bulk/news/newsitem/delete/?id={news}",
        "/admin/bulk/publications/publication/delete/?id={publication}",
        "/admin/bulk/publications/publication/delete/?id=all",
        "/admin/bulk/wagtailcore/page/delete/?id={page}",
        "/admin/bulk/wagtailcore/page/publish/?id={page}",
        "/admin/bulk/wagtailcore/page/unpublish/?id={page}",
        "/admin/bulk/wagtailcore/page/move/?id={page}",
        "/admin/bulk/wagtailcore/page/publish/?id=all&childOf={home}",
        "/admin/bulk/wagtaildocs/document/delete/?id={document}",
        "/admin/bulk/wagtaildocs/document/add_tags/?id={document}",
        "/admin/bulk/wagtaildocs/document/add_to_collection/?id={document}",
    ],
    "admin APIs": [
        "/admin/api/main/pages/",
        f"/admin/api/main/pages/?search={WORD}",
        "/admin/api/main/pages/{page}/",
        "/admin/api/main/pages/?child_of={home}&for_explorer=1",
        "/admin/api/main/documents/",
        f"/admin/api/main/documents/?search={WORD}",
        "/admin/api/main/images/",
        "/admin/api/main/images/{cover}/",
    ],
    "search, listings and reports": [
        f"/admin/pages/search/?q={WORD}",
        f"/admin/pages/search/results/?q={WORD}",
        f"/admin/snippets/news/newsitem/?q={WORD}",
        f"/admin/snippets/news/newsitem/results/?q={WORD}",
        f"/admin/snippets/publications/publication/?q={WORD}",
        f"/admin/snippets/publications/publication/results/?q={WORD}",
        f"/admin/documents/?q={WORD}",
        f"/admin/images/?q={WORD}",
        f"/admin/users/?q={WORD}",
        f"/admin/tag-autocomplete/?term={WORD}",
        "/admin/",
        "/admin/pages/{home}/",
        "/admin/reports/site-history/",
        "/admin/reports/locked/",
        "/admin/reports/aging-pages/",
    ],
    "an item's own pages": [
        "/admin/snippets/news/newsitem/edit/{news}/",
        "/admin/snippets/news/newsitem/history/{news}/",
        "/admin/snippets/news/newsitem/usage/{news}/",
        "/admin/snippets/publications/publication/edit/{publication}/",
        "/admin/snippets/publications/publication/history/{publication}/",
        "/admin/snippets/publications/publication/usage/{publication}/",
        "/admin/documents/edit/{document}/",
        "/admin/documents/usage/{document}/",
        "/admin/images/edit/{cover}/",
        "/admin/images/usage/{cover}/",
        "/admin/pages/{page}/edit/",
        "/admin/pages/{page}/usage/",
    ],
}


def urls(doors, drafts):
    return [door.format(**{name: obj.pk for name, obj in vars(drafts).items()}) for door in doors]


@BOTH_ROLES
@pytest.mark.parametrize("area", DOORS)
def test_a_role_never_reads_another_roles_drafts_or_draft_pages(role, drafts, area):
    assert leaks(role, [role.client.get(url) for url in urls(DOORS[area], drafts)]) == []


@BOTH_ROLES
def test_a_role_reads_no_draft_page_title_given_its_id(role, drafts):
    doors = ["/admin/choose-page/chosen-multiple/?id={page}", "/admin/choose-page/{page}/"]
    assert leaks(role, [role.client.get(url) for url in urls(doors, drafts)]) == []


def snapshot(obj):
    """Everything a bulk action could change: the row, and tags where the model has them."""
    row = type(obj).objects.filter(pk=obj.pk).values().first()
    return row, sorted(obj.tags.names()) if hasattr(obj, "tags") else None


# What a role might post to a bulk action on what it has no rights on, by role: the target in ``drafts``, the action.
BULK_POSTS = {
    NEWS_EDITORS: [
        ("publication", "delete"),
        ("document", "delete"),
        ("document", "add_tags"),
        ("document", "add_to_collection"),
        ("page", "delete"),
        ("page", "publish"),
    ],
    PUBLICATION_MANAGERS: [("news", "delete"), ("page", "publish"), ("page", "move"), ("live_page", "unpublish")],
}


@BOTH_ROLES
def test_a_bulk_action_posted_on_what_a_role_has_no_rights_on_changes_and_shows_nothing(role, drafts):
    form = {"tags": "leaked", "collection": drafts.elsewhere.pk, "chooser": drafts.home.pk}
    responses, changed = [], []
    for target, action in BULK_POSTS[role.name]:
        obj = getattr(drafts, target)
        before = snapshot(obj)
        url = f"/admin/bulk/{obj._meta.app_label}/{obj._meta.model_name}/{action}/?id={obj.pk}"
        responses.append(role.client.post(url, form, follow=True))
        if snapshot(obj) != before:
            changed.append(url)
    assert leaks(role, responses) == [] and changed == []


def test_every_bulk_action_refuses_a_model_the_role_has_no_rights_on(client, drafts):
    """Whatever Wagtail registers, now or in a later release: a model without rights is refused whole."""
    refused = set()
    for role in (NEWS_EDITORS, PUBLICATION_MANAGERS):
        user = user_in(role, role.lower().replace(" ", "-"))
        client.force_login(user)
        for model in apps.get_models():
            if user_may_see(user, model):
                continue
            meta = model._meta
            for action in bulk_action_registry.get_bulk_actions_for_model(meta.app_label, meta.model_name):
                url = f"/admin/bulk/{meta.app_label}/{meta.model_name}/{action.action_type}/?id=all"
                assert_redirected_to_dashboard(client.get(url, follow=True))
                assert_redirected_to_dashboard(client.post(url, follow=True))
                refused.add((role, meta.label_lower))
    assert refused >= {
        (NEWS_EDITORS, "publications.publication"),
        (NEWS_EDITORS, "core.theme"),
        (NEWS_EDITORS, "wagtaildocs.document"),
        (NEWS_EDITORS, "wagtailcore.page"),
        (NEWS_EDITORS, "auth.user"),
        (PUBLICATION_MANAGERS, "news.newsitem"),
        (PUBLICATION_MANAGERS, "wagtailcore.page"),
        (PUBLICATION_MANAGERS, "auth.user"),
    }


@BOTH_ROLES
def test_a_role_still_works_with_its_own_drafts(role):
    meta = role.own._meta
    chooser = f"/admin/snippets/choose/{meta.app_label}/{meta.model_name}/"
    assert role.own.title in body(role.client.get(chooser))
    assert role.own.title in body(role.client.get(f"{chooser}results/", {"q": WORD}))
    bulk_delete = f"/admin/bulk/{meta.app_label}/{meta.model_name}/delete/?id={role.own.pk}"
    assert role.own.title in body(role.client.get(bulk_delete))
    role.client.post(bulk_delete)
    assert not type(role.own).objects.filter(pk=role.own.pk).exists()


@BOTH_ROLES
def test_a_role_links_to_live_pages_and_assigns_themes(role, drafts):
    """The cross-links the content model needs: bodies link to pages, items carry themes."""
    assert drafts.live_page.title in body(role.client.get(f"/admin/choose-page/{drafts.home.pk}/"))
    assert drafts.live_page.title in body(role.client.get("/admin/choose-page/search/", {"q": "response"}))
    assert "Prevention" in body(role.client.get("/admin/snippets/choose/core/theme/"))


def test_page_editors_still_see_draft_pages_in_the_page_chooser(admin_client, drafts):
    """Only a user without rights on pages is kept to the live ones."""
    assert drafts.page.title in body(admin_client.get(f"/admin/choose-page/{drafts.home.pk}/"))
