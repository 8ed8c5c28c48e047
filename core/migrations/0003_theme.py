"""Theme moves from pages to core, below the content apps, without touching its rows.

State only: the table keeps its name (pages_theme), and the content type is renamed in place, so its
permissions (the Publication managers' rights), search index entries and references stay attached.
news 0003, publications 0004 and pages 0007 then point their fields here and drop the old model.
"""

import modelsearch.index
from django.db import migrations, models


def rename_content_type(apps, schema_editor, old, new):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label=new, model="theme").exists():
        ContentType.objects.filter(app_label=old, model="theme").update(app_label=new)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_email_delivery"),
        ("pages", "0006_clean_stored_text"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Theme",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(max_length=100, unique=True, verbose_name="name")),
                        ("slug", models.SlugField(max_length=100, unique=True, verbose_name="slug")),
                        ("description", models.TextField(blank=True, verbose_name="description")),
                    ],
                    options={
                        "verbose_name": "theme",
                        "verbose_name_plural": "themes",
                        "ordering": ["name"],
                        "db_table": "pages_theme",
                    },
                    bases=(modelsearch.index.Indexed, models.Model),
                ),
            ],
        ),
        migrations.RunPython(
            lambda apps, schema_editor: rename_content_type(apps, schema_editor, "pages", "core"),
            lambda apps, schema_editor: rename_content_type(apps, schema_editor, "core", "pages"),
        ),
    ]
