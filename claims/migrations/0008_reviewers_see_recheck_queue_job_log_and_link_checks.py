"""Reviewers work from the re-check queue and look at link checks and the job log in the admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REVIEWER_VIEWS = ["claimdueforrecheck", "citationlinkcheck", "jobrun"]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations ran; the group needs them now.
    app_config = apps.get_app_config("claims")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    reviewer, _ = Group.objects.get_or_create(name="reviewer")
    reviewer.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="claims",
            codename__in=[f"view_{model}" for model in REVIEWER_VIEWS],
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="reviewer"):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="claims",
                codename__in=[f"view_{model}" for model in REVIEWER_VIEWS],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0007_jobs_outbox_recheck_linkcheck_webhooks_jobrun"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
