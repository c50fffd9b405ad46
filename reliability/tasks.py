"""Celery tasks of the reliability engine: thin wrappers that log a run and call
reliability.recompute. Safe to run twice, acknowledged late (settings)."""

from celery import shared_task
from django.conf import settings

from claims.jobs import recheck
from claims.jobs.log import job_exclusive, job_run, job_runs_prune
from claims.tasks import publish_each
from reliability import recompute


@shared_task(bind=True)
def recompute_request_process(self, request_id: int) -> None:
    with job_run("recompute", task_id=self.request.id) as counts:
        try:
            outcome = recompute.recompute_request_process(request_id=request_id)
        except Exception as error:
            recompute.recompute_request_failure_record(request_id=request_id, error=repr(error))
            raise
        counts.update(outcome or {"skipped": 1})


@shared_task(bind=True)
def recompute_requests_sweep(self) -> None:
    with job_run("recompute sweep", task_id=self.request.id) as counts:
        counts.add(
            "enqueued",
            publish_each(recompute_request_process, recompute.recompute_requests_undone()),
        )


@shared_task(bind=True)
def recompute_nightly(self) -> None:
    with (
        job_run("nightly recompute", task_id=self.request.id) as counts,
        job_exclusive("nightly") as mine,
    ):
        if not mine:
            counts.add("skipped_already_running")
            return
        counts.update(recompute.recompute_all())
        counts.add("cleared_recheck_flags_deleted", recheck.recheck_flags_cleared_delete())
        counts.add("job_runs_pruned", job_runs_prune())
        counts.add(
            "recompute_requests_pruned",
            recompute.recompute_requests_prune(older_than_days=settings.JOB_RUN_RETENTION_DAYS),
        )
