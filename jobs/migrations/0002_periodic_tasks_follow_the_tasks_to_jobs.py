"""Schedules written by setup_periodic_tasks before the job tasks moved from claims.tasks and
reliability.tasks to jobs.tasks keep working: their stored task names follow (as
reliability.0004 did for the move to reliability.tasks)."""

from django.db import migrations

MOVED = {
    "claims.tasks.recheck_flags_update": "jobs.tasks.recheck_flags_update",
    "claims.tasks.link_checks_run": "jobs.tasks.link_checks_run",
    "claims.tasks.webhook_delivery_send": "jobs.tasks.webhook_delivery_send",
    "claims.tasks.webhook_deliveries_sweep": "jobs.tasks.webhook_deliveries_sweep",
    "reliability.tasks.recompute_request_process": "jobs.tasks.recompute_request_process",
    "reliability.tasks.recompute_requests_sweep": "jobs.tasks.recompute_requests_sweep",
    "reliability.tasks.recompute_nightly": "jobs.tasks.recompute_nightly",
}


def rename(apps, schema_editor, names):
    periodic_tasks = apps.get_model("django_celery_beat", "PeriodicTask").objects
    for old, new in names.items():
        periodic_tasks.filter(task=old).update(task=new)


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0001_initial"),
        ("reliability", "0004_periodic_tasks_follow_the_recompute_tasks"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.RunPython(
            lambda apps, editor: rename(apps, editor, MOVED),
            lambda apps, editor: rename(apps, editor, {new: old for old, new in MOVED.items()}),
        ),
    ]
