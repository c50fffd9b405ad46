"""Reviewers take, assign and let go of claims and write notes; journalists see both."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "reviewer": [
        "view_claimassignment", "add_claimassignment", "change_claimassignment",
        "delete_claimassignment", "view_claimnote", "add_claimnote",
    ],
    "journalist": ["view_claimassignment", "view_claimnote"],
}  # fmt: skip


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations ran; the groups need them now.
    app_config = apps.get_app_config("claims")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="claims", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in GRANTS.items():
        for group in Group.objects.filter(name=role):
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label="claims", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0018_claim_assignments_and_notes"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
