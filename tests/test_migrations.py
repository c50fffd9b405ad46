import importlib
from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_models_and_migrations_agree():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


@pytest.mark.django_db
def test_schedules_stored_under_the_old_task_names_follow_the_recompute_tasks_to_reliability():
    from django.apps import apps
    from django_celery_beat.models import IntervalSchedule, PeriodicTask

    moved = importlib.import_module(
        "reliability.migrations.0004_periodic_tasks_follow_the_recompute_tasks"
    )
    every_minute = IntervalSchedule.objects.create(every=1, period=IntervalSchedule.MINUTES)
    sweep = PeriodicTask.objects.create(
        name="sweep", task="claims.tasks.recompute_requests_sweep", interval=every_minute
    )
    link_check = PeriodicTask.objects.create(
        name="links", task="claims.tasks.link_checks_run", interval=every_minute
    )

    moved.rename(apps, None, moved.MOVED)

    sweep.refresh_from_db()
    link_check.refresh_from_db()
    assert sweep.task == "reliability.tasks.recompute_requests_sweep"
    assert link_check.task == "claims.tasks.link_checks_run"


@pytest.mark.django_db
def test_schedules_stored_under_the_old_task_names_follow_the_tasks_to_jobs():
    from django.apps import apps
    from django_celery_beat.models import IntervalSchedule, PeriodicTask

    moved = importlib.import_module("jobs.migrations.0002_periodic_tasks_follow_the_tasks_to_jobs")
    every_minute = IntervalSchedule.objects.create(every=1, period=IntervalSchedule.MINUTES)
    stored = {
        old: PeriodicTask.objects.create(name=old, task=old, interval=every_minute)
        for old in ("reliability.tasks.recompute_nightly", "claims.tasks.link_checks_run")
    }
    unrelated = PeriodicTask.objects.create(
        name="other", task="celery.backend_cleanup", interval=every_minute
    )

    moved.rename(apps, None, moved.MOVED)

    assert {old: PeriodicTask.objects.get(pk=task.pk).task for old, task in stored.items()} == {
        "reliability.tasks.recompute_nightly": "jobs.tasks.recompute_nightly",
        "claims.tasks.link_checks_run": "jobs.tasks.link_checks_run",
    }
    unrelated.refresh_from_db()
    assert unrelated.task == "celery.backend_cleanup"
    assert set(moved.MOVED.values()) <= set(celery_task_names())


def celery_task_names() -> list[str]:
    from factcheck.celery import app

    app.loader.import_default_modules()
    return list(app.tasks)


@pytest.mark.django_db
def test_roles_keep_their_permissions_on_the_models_that_moved_to_jobs_and_intake():
    from django.contrib.auth.models import Group

    def granted(role):
        return set(
            Group.objects.get(name=role).permissions.values_list(
                "content_type__app_label", "codename"
            )
        )

    assert {
        ("jobs", "view_claimdueforrecheck"),
        ("jobs", "view_jobrun"),
        ("claims", "view_citationlinkcheck"),
        ("intake", "add_articleimport"),
        ("intake", "change_intakeproposal"),
    } <= granted("reviewer")
    assert {("intake", "add_articleimport"), ("intake", "view_intakeproposal")} <= granted(
        "journalist"
    )
