"""Themes have drafts now (core 0004-0006): publication managers, who manage them, publish them."""

import importlib

from django.db import migrations


def grant(apps, schema_editor):
    get_permission = importlib.import_module("pages.migrations.0003_staff_roles").get_permission
    for group in apps.get_model("auth", "Group").objects.filter(name="Publication managers"):
        group.permissions.add(get_permission(apps, "core.theme", "publish"))


def revoke(apps, schema_editor):
    publish = apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="core", codename="publish_theme"
    )
    for group in apps.get_model("auth", "Group").objects.filter(name="Publication managers"):
        group.permissions.remove(*publish)


class Migration(migrations.Migration):
    dependencies = [("pages", "0014_themes_in_english"), ("core", "0006_theme_translatable")]

    operations = [migrations.RunPython(grant, revoke)]
