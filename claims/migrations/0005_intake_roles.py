"""Reviewers and journalists may import articles and decide on the proposals found in them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

INTAKE_PERMISSIONS = ["view_articleimport", "add_articleimport", "view_intakeproposal", "change_intakeproposal"]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="claims", codename__in=INTAKE_PERMISSIONS)
    for role in ("reviewer", "journalist"):
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="claims", codename__in=INTAKE_PERMISSIONS)
    for group in Group.objects.filter(name__in=["reviewer", "journalist"]):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [("claims", "0004_article_intake")]
    operations = [migrations.RunPython(grant, revoke)]
