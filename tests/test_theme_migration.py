"""Theme moved from pages to core (core 0003 and the state-only migrations after it) losing nothing.

A database as today's main left it (migrated up to before the move, with content and both roles), is
migrated forward: the rows, permissions, search index entries, references and the pages served are the
same, and the Publication managers still manage themes.
"""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import ReferenceIndex
from wagtail.search.models import IndexEntry

from core.models import Theme
from pages.roles import CLEARANCE, NEWS_EDITORS, PUBLICATION_MANAGERS, TRANSLATORS

from .conftest import clear_caches
from .factories import make_news_item, make_publication, make_site_tree

BEFORE_THE_MOVE = [("core", "0002_email_delivery")]  # unapplies core 0003 and the migrations that follow it
GRANTED_LATER = ["submit_translation", "edit_original_newsitem", "edit_original_publication", "publish_theme"]
URLS = ["/", "/news/", "/publications/", "/prevention/", "/news/?theme=prevention"]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()


def snapshot(client, urls):
    clear_caches()
    rows = {
        "themes": list(Theme.objects.order_by("pk").values_list("pk", "name", "slug", "description")),
        "news themes": sorted(Theme.news_items.through.objects.values_list("newsitem_id", "theme_id")),
        "publication themes": sorted(Theme.publications.through.objects.values_list("publication_id", "theme_id")),
        "permissions": sorted(Permission.objects.values_list("pk", "codename", "content_type_id")),
        # Less what later migrations give: the right to translate (pages 0009), to change originals (pages
        # 0010, with the Translators role) and to publish themes (pages 0015).
        "roles": {
            group.name: sorted(group.permissions.exclude(codename__in=GRANTED_LATER).values_list("pk", flat=True))
            for group in Group.objects.exclude(name__in=[TRANSLATORS, CLEARANCE])  # roles made later
        },
        "index entries": sorted(IndexEntry.objects.values_list("content_type_id", "object_id")),
        "references": sorted(ReferenceIndex.objects.values_list("content_type_id", "object_id", "to_object_id")),
    }
    pages = {url: client.get(url).content.decode() for url in urls}
    return rows, pages


@pytest.mark.django_db(transaction=True)
def test_moving_theme_to_core_keeps_rows_permissions_and_pages(client, wagtail_base_rows):
    tree = make_site_tree()
    prevention = tree["themes"]["prevention"]
    item = make_news_item(title="Story", themes=[prevention])
    make_publication(title="Report", themes=[prevention])
    Theme.objects.create(name="Partnerships", slug="partnerships", description="Working together.")
    for role in (NEWS_EDITORS, PUBLICATION_MANAGERS):
        User.objects.create_user(role.split()[0].lower()).groups.add(Group.objects.get(name=role))
    urls = URLS + [f"/news/{item.slug}/"]
    theme_type = ContentType.objects.get_for_model(Theme).pk
    pages_before = snapshot(client, urls)[1]

    migrate(BEFORE_THE_MOVE)
    try:
        assert ContentType.objects.get(pk=theme_type).app_label == "pages"  # as today's main has it
        rows_before = snapshot(client, [])[0]
    finally:
        migrate(None)

    rows_after, pages_after = snapshot(client, urls)
    assert rows_after == rows_before
    assert ContentType.objects.get_for_model(Theme).pk == theme_type
    assert ContentType.objects.get(pk=theme_type).app_label == "core"
    manager = User.objects.get(username="publication")
    assert manager.has_perm("core.change_theme") and not User.objects.get(username="news").has_perm("core.change_theme")
    assert pages_after == pages_before
    assert [name for _, name, _, _ in rows_after["themes"]] == ["Prevention", "Protection", "Partnerships"]
