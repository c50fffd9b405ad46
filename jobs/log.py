"""The job log: every run of a job is a JobRun row with its start, end, counts and error."""

import traceback
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.utils import timezone

from jobs.models import JobRun, JobRunStatus


class RunCounts(dict):
    def add(self, name: str, amount: int = 1) -> None:
        self[name] = self.get(name, 0) + amount


@contextmanager
def job_run(job: str, *, task_id: str = ""):
    """Record a run of `job`. The row is written outside the job's own transaction, so a job that
    fails and rolls back its work still leaves its failure in the log. The exception is
    re-raised."""
    run = JobRun.objects.create(job=job, task_id=task_id or "")
    counts = RunCounts()
    try:
        yield counts
    except Exception as error:
        _finish(run, JobRunStatus.FAILED, counts, "".join(traceback.format_exception(error)))
        raise
    _finish(run, JobRunStatus.SUCCEEDED, counts, "")


def _finish(run: JobRun, status: str, counts: dict, error: str) -> None:
    JobRun.objects.filter(pk=run.pk).update(
        status=status, finished_at=timezone.now(), counts=dict(counts), error=error
    )


def job_runs_prune() -> int:
    cutoff = timezone.now() - timedelta(days=settings.JOB_RUN_RETENTION_DAYS)
    deleted, _ = (
        JobRun.objects.filter(started_at__lt=cutoff).exclude(status=JobRunStatus.RUNNING).delete()
    )
    return deleted


@contextmanager
def job_exclusive(job: str):
    """Yields whether this process may run `job` now: False while another run holds it.

    A PostgreSQL advisory lock, so it holds across workers and machines and is released if the
    worker dies (its database session ends). Scheduled jobs use it so a slow run (a link check
    batch on a slow day) and the next scheduled one do not work side by side.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(hashtext(%s))", [f"factcheck.job.{job}"])
        acquired = cursor.fetchone()[0]
    try:
        yield acquired
    finally:
        if acquired:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(hashtext(%s))", [f"factcheck.job.{job}"])
