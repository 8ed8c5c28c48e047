"""Create the News editors and Publication managers groups with exactly their rights.

Permissions are normally created after all migrations run, so this migration creates
the ones it needs itself (same codenames), which Django then finds and keeps.
"""

from django.db import migrations

# The roles as they were when this migration was written, frozen here: pages/roles.py moves on with the
# models (Theme became core.Theme in core 0003, which carries these permissions along).
ROLES = {
    "News editors": {
        "model_permissions": {
            "wagtailadmin.admin": ["access"],
            "news.newsitem": ["add", "change", "delete", "view", "publish", "lock", "unlock"],
            "wagtailredirects.redirect": ["add", "change", "delete"],
        },
        "collection_permissions": {"wagtailimages.image": ["add", "change", "choose", "delete"]},
    },
    "Publication managers": {
        "model_permissions": {
            "wagtailadmin.admin": ["access"],
            "publications.publication": ["add", "change", "delete", "view", "publish", "lock", "unlock"],
            "pages.theme": ["add", "change", "delete", "view"],
            "wagtailredirects.redirect": ["add", "change", "delete"],
        },
        "collection_permissions": {
            "wagtailimages.image": ["add", "change", "choose", "delete"],
            "wagtaildocs.document": ["add", "change", "choose", "delete"],
        },
    },
}


def get_permission(apps, label, action):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    app_label, model = label.split(".")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    codename = f"{action}_{model}"
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": f"Can {action} {model}"}
    )
    return permission


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_collection = Collection.objects.filter(depth=1).first()

    for name, rights in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for label, actions in rights["model_permissions"].items():
            group.permissions.add(*(get_permission(apps, label, action) for action in actions))
        for label, actions in rights["collection_permissions"].items():
            for action in actions:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=get_permission(apps, label, action)
                )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0002_safety_settings"),
        ("news", "0001_initial"),
        ("publications", "0002_featured_order"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
