"""The Translators role (pages/roles.py), and the right to change English originals for the roles that
write them: translators have every other right on news items and publications."""

import importlib

from django.conf import settings
from django.db import migrations

TRANSLATORS = {
    "model_permissions": {
        "wagtailadmin.admin": ["access"],
        "news.newsitem": ["change", "view", "publish"],
        "publications.publication": ["change", "view", "publish"],
        "wagtail_localize.translation": ["submit"],
    },
    "collection_permissions": {"wagtailimages.image": ["choose"]},
}
TRANSLATED_PAGE_PERMISSIONS = ["change", "publish"]
ORIGINALS = {"News editors": "news.newsitem", "Publication managers": "publications.publication"}


def grant(apps, schema_editor):
    get_permission = importlib.import_module("pages.migrations.0003_staff_roles").get_permission
    Group = apps.get_model("auth", "Group")
    for name, label in ORIGINALS.items():
        for group in Group.objects.filter(name=name):
            group.permissions.add(get_permission(apps, label, "edit_original"))

    translators, _ = Group.objects.get_or_create(name="Translators")
    for label, actions in TRANSLATORS["model_permissions"].items():
        translators.permissions.add(*(get_permission(apps, label, action) for action in actions))
    root_collection = apps.get_model("wagtailcore", "Collection").objects.filter(depth=1).first()
    for label, actions in TRANSLATORS["collection_permissions"].items():
        for action in actions:
            apps.get_model("wagtailcore", "GroupCollectionPermission").objects.get_or_create(
                group=translators, collection=root_collection, permission=get_permission(apps, label, action)
            )
    # The home pages of the other languages there already are; later ones are granted by pages.signals.
    homes = apps.get_model("wagtailcore", "Page").objects.filter(depth=2).exclude(
        locale__language_code=settings.LANGUAGE_CODE
    )
    for home in homes:
        for action in TRANSLATED_PAGE_PERMISSIONS:
            apps.get_model("wagtailcore", "GroupPagePermission").objects.get_or_create(
                group=translators, page=home, permission=get_permission(apps, "wagtailcore.page", action)
            )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name="Translators").delete()
    Permission = apps.get_model("auth", "Permission")
    for name, label in ORIGINALS.items():
        app_label, model = label.split(".")
        edit_original = Permission.objects.filter(content_type__app_label=app_label, codename=f"edit_original_{model}")
        for group in Group.objects.filter(name=name):
            group.permissions.remove(*edit_original)


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0009_roles_translate"),
        ("news", "0009_edit_original"),
        ("publications", "0009_edit_original"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
