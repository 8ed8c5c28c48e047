"""The six official UN languages as Wagtail locales, each kept in step with English by wagtail-localize
(its untranslated pages are aliases of the English ones until translated). Run
`manage.py sync_locale_trees` after migrating a site with content: migrations do not copy pages."""

from django.conf import settings
from django.db import migrations


def add_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    LocaleSynchronization = apps.get_model("wagtail_localize", "LocaleSynchronization")
    english, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    for code, _name in settings.LANGUAGES:
        if code != english.language_code:
            locale, _ = Locale.objects.get_or_create(language_code=code)
            LocaleSynchronization.objects.get_or_create(locale=locale, defaults={"sync_from": english})


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0007_theme_in_core"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(add_locales, migrations.RunPython.noop)]
