"""The two roles: reviewers decide (reviews, ratings) in the admin; journalists read and submit.

Reviews and ratings are append-only, so neither role may delete them; only staff with explicit
permissions could, and the database refuses anyway.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLE_PERMISSIONS = {
    "reviewer": {
        "sources": {
            "source": ["view", "add", "change"],
            "sourcealias": ["view", "add", "change", "delete"],
            "sourcerating": ["view", "add"],
        },
        "claims": {
            "claim": ["view", "add", "change"],
            "citation": ["view", "add", "change"],
            "review": ["view", "add"],
        },
        "pghistory": {"events": ["view"], "middlewareevents": ["view"]},
    },
    "journalist": {
        "sources": {
            "source": ["view", "add"],
            "sourcealias": ["view", "add"],
            "sourcerating": ["view"],
        },
        "claims": {
            "claim": ["view", "add"],
            "citation": ["view", "add"],
            "review": ["view"],
        },
    },
}


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations ran; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, app_models in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        codenames = [
            (app_label, f"{action}_{model}")
            for app_label, models in app_models.items()
            for model, actions in models.items()
            for action in actions
        ]
        permissions = [
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in codenames
        ]
        group.permissions.set(permissions)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0002_initial"),
        ("sources", "0001_initial"),
        ("pghistory", "0006_delete_aggregateevent"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
