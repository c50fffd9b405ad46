"""Reviewers can read what the engine learned from the data (population prior, temperature,
half-life of evidence, statement weights) in the admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSION = "view_reliabilityparameters"


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations ran; the group needs them now.
    app_config = apps.get_app_config("reliability")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    reviewer, _ = Group.objects.get_or_create(name="reviewer")
    reviewer.permissions.add(
        *Permission.objects.filter(content_type__app_label="reliability", codename=PERMISSION)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="reviewer"):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="reliability", codename=PERMISSION)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("reliability", "0007_reliability_parameters_half_life"),
        ("claims", "0003_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
