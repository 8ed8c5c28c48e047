"""News items and publications saved before they became translatable are English, each the first of its
translations, once migrated (news 0005-0007, publications 0005-0007): nothing is lost or hidden."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("news", "0004_slug_from_routed_item"), ("publications", "0004_theme_in_core")]
MODELS = [("news", "NewsItem"), ("publications", "Publication")]


def migrate(targets=None):
    """Migrates to ``targets`` (all the latest by default); the models as they are there."""
    executor = MigrationExecutor(connection)
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_rows_saved_before_become_english_and_distinct_translations(wagtail_base_rows):
    old = migrate(BEFORE)
    for app_label, model_name in MODELS:
        model = old.get_model(app_label, model_name)
        for number in range(3):
            model.objects.create(title=f"{model_name} {number}", slug=f"item-{number}", date=datetime.date(2008, 1, 1))

    new = migrate()
    for app_label, model_name in MODELS:
        rows = list(
            new.get_model(app_label, model_name).objects.values_list("slug", "locale__language_code", "translation_key")
        )
        assert sorted((slug, language) for slug, language, _key in rows) == [(f"item-{n}", "en") for n in range(3)]
        assert len({key for _slug, _language, key in rows}) == 3


@pytest.mark.django_db(transaction=True)
def test_the_sites_help_lines_become_the_english_ones_published(wagtail_base_rows):
    """pages 0011-0013: the help lines setting, once per site, becomes a translatable snippet."""
    old = migrate([("pages", "0010_translators")])
    # An earlier transactional test's flush may have removed the default Site.
    Site, Page = old.get_model("wagtailcore", "Site"), old.get_model("wagtailcore", "Page")
    site = Site.objects.order_by("-is_default_site").first() or Site(
        hostname="localhost", root_page=Page.objects.get(depth=1)
    )
    site.is_default_site = True
    site.save()
    lines = [{"type": "help_line", "value": {"name": "Hotline", "area": "International", "phone": "112"}}]
    old.get_model("pages", "HelpLines").objects.create(site_id=site.pk, heading="Need help now?", help_lines=lines)

    new = migrate()
    help_lines = new.get_model("pages", "HelpLines").objects.get()
    assert (help_lines.heading, help_lines.locale.language_code, help_lines.live) == ("Need help now?", "en", True)
    assert help_lines.help_lines.raw_data[0]["value"]["name"] == "Hotline"
