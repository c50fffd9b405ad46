"""Schedules written by setup_periodic_tasks before the recompute tasks moved from claims.tasks to
reliability.tasks keep working: their stored task names follow."""

from django.db import migrations

MOVED = {
    "claims.tasks.recompute_requests_sweep": "reliability.tasks.recompute_requests_sweep",
    "claims.tasks.recompute_nightly": "reliability.tasks.recompute_nightly",
    "claims.tasks.recompute_request_process": "reliability.tasks.recompute_request_process",
}


def rename(apps, schema_editor, names):
    periodic_tasks = apps.get_model("django_celery_beat", "PeriodicTask").objects
    for old, new in names.items():
        periodic_tasks.filter(task=old).update(task=new)


class Migration(migrations.Migration):
    dependencies = [
        ("reliability", "0003_learned_parameters_and_source_priors"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.RunPython(
            lambda apps, editor: rename(apps, editor, MOVED),
            lambda apps, editor: rename(apps, editor, {new: old for old, new in MOVED.items()}),
        ),
    ]
