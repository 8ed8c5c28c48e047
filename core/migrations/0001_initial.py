import time

from django.db import migrations, models


def start_generation(apps, schema_editor):
    apps.get_model("core", "ContentGeneration").objects.get_or_create(pk=1, defaults={"value": time.time_ns()})


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="ContentGeneration",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("value", models.BigIntegerField()),
            ],
            options={"verbose_name": "content generation"},
        ),
        migrations.RunPython(start_generation, migrations.RunPython.noop),
    ]
