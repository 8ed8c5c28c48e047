"""Rows saved before text was cleaned on save (core/text.py) lose the characters XML 1.0 forbids, so
every export and feed, Wagtail's own reports included, can write them. StreamField bodies keep theirs
until they are next saved: stored as JSON, they break nothing on the way out."""

from django.db import migrations, models

from core.text import CONTENT_APPS, clean_text

OTHER_MODELS = {"wagtailimages.image", "wagtaildocs.document"}


def clean_stored_text(apps, schema_editor):
    for model in apps.get_models():
        if model._meta.app_label not in CONTENT_APPS and model._meta.label_lower not in OTHER_MODELS:
            continue
        names = [
            field.attname
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField)
        ]
        for row in model._base_manager.values("pk", *names).iterator():
            cleaned = {name: clean_text(row[name]) for name in names if isinstance(row[name], str)}
            changed = {name: value for name, value in cleaned.items() if value != row[name]}
            if changed:
                model._base_manager.filter(pk=row["pk"]).update(**changed)


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0005_search_index_expression"),
        ("news", "0002_share_image"),
        ("publications", "0003_share_image"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(clean_stored_text, migrations.RunPython.noop)]
