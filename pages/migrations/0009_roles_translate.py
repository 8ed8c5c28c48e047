"""News editors and publication managers may translate their items (wagtail-localize's 'submit
translation' permission), as pages/roles.py now says."""

import importlib

from django.db import migrations

ROLES_WITH_TRANSLATION = ["News editors", "Publication managers"]


def grant(apps, schema_editor):
    get_permission = importlib.import_module("pages.migrations.0003_staff_roles").get_permission
    submit = get_permission(apps, "wagtail_localize.translation", "submit")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=ROLES_WITH_TRANSLATION):
        group.permissions.add(submit)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    submit = Permission.objects.filter(content_type__app_label="wagtail_localize", codename="submit_translation")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=ROLES_WITH_TRANSLATION):
        group.permissions.remove(*submit)


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0008_six_languages"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
