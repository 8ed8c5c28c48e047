"""Clearance: the Clearance role, and the workflow through which news items and publications go out.

News editors, publication managers and translators keep their right to publish, which under the workflow
submits (core.permissions.OriginalsPermissionPolicy); the Clearance group approves, which publishes.
"""

import importlib

from django.db import migrations

# As they were when this migration was written, frozen here (pages/roles.py moves on with the models).
CLEARANCE = "Clearance"
CLEARED_MODELS = ["news.newsitem", "publications.publication"]
RIGHTS = {
    "model_permissions": {
        "wagtailadmin.admin": ["access"],
        **{label: ["change", "view", "publish", "lock", "unlock", "edit_original"] for label in CLEARED_MODELS},
    },
    "collection_permissions": {"wagtailimages.image": ["choose"], "wagtaildocs.document": ["choose"]},
}


def create_clearance(apps, schema_editor):
    get_permission = importlib.import_module("pages.migrations.0003_staff_roles").get_permission
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")

    group, _ = Group.objects.get_or_create(name=CLEARANCE)
    for label, actions in RIGHTS["model_permissions"].items():
        group.permissions.add(*(get_permission(apps, label, action) for action in actions))
    root_collection = Collection.objects.filter(depth=1).first()
    for label, actions in RIGHTS["collection_permissions"].items():
        for action in actions:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=get_permission(apps, label, action)
            )

    # Historical models lack Task.__init__, which records each task's own type.
    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name=CLEARANCE).first() or GroupApprovalTask.objects.create(
        name=CLEARANCE, content_type=task_type, active=True
    )
    task.groups.add(group)
    workflow, _ = Workflow.objects.get_or_create(name=CLEARANCE, defaults={"active": True})
    apps.get_model("wagtailcore", "WorkflowTask").objects.get_or_create(
        workflow=workflow, task=task, defaults={"sort_order": 0}
    )
    for label in CLEARED_MODELS:
        app_label, model = label.split(".")
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        # A model already given another workflow keeps it.
        apps.get_model("wagtailcore", "WorkflowContentType").objects.get_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )


def remove_clearance(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=CLEARANCE).delete()
    apps.get_model("wagtailcore", "Task").objects.filter(name=CLEARANCE).delete()
    apps.get_model("auth", "Group").objects.filter(name=CLEARANCE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0016_menu_label"),
        ("news", "0009_edit_original"),
        ("publications", "0009_edit_original"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_clearance, remove_clearance)]
