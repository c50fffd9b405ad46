"""Celery tasks: thin wrappers that log a run and call the jobs (re-check rules, link checks,
webhooks, the recompute that follows a write, the search window).

Every task is safe to run twice and is acknowledged late (settings), so a worker lost mid-task
means the task runs again, never that its work is lost.
"""

import logging

from celery import shared_task
from django.conf import settings

from claims.services import search_window_roll as search_window_roll_service
from jobs import linkcheck, recheck, recompute, webhooks
from jobs.log import job_exclusive, job_run, job_runs_prune

logger = logging.getLogger(__name__)


def publish_each(task, ids) -> int:
    sent = 0
    for item_id in ids:
        try:
            task.delay(item_id)
            sent += 1
        except Exception:
            logger.warning(
                "could not enqueue %s(%s); the next sweep retries",
                task.name,
                item_id,
                exc_info=True,
            )
    return sent


@shared_task(bind=True)
def recheck_flags_update(self) -> None:
    with (
        job_run("re-check rules", task_id=self.request.id) as counts,
        job_exclusive("recheck") as mine,
    ):
        if not mine:
            counts.add("skipped_already_running")
            return
        counts.update(recheck.recheck_flags_update())


@shared_task(bind=True)
def link_checks_run(self) -> None:
    with (
        job_run("link check", task_id=self.request.id) as counts,
        job_exclusive("link check") as mine,
    ):
        if not mine:
            counts.add("skipped_already_running")
            return
        linkcheck.link_checks_run(counts=counts)


@shared_task
def webhook_delivery_send(delivery_id: int) -> str:
    return webhooks.webhook_delivery_send(delivery_id=delivery_id)


@shared_task(bind=True)
def webhook_deliveries_sweep(self) -> None:
    with job_run("webhook sweep", task_id=self.request.id) as counts:
        counts.add(
            "enqueued", publish_each(webhook_delivery_send, webhooks.webhook_deliveries_due())
        )


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


@shared_task(bind=True)
def search_window_roll(self) -> None:
    with (
        job_run("search window", task_id=self.request.id) as counts,
        job_exclusive("search window") as mine,
    ):
        if not mine:
            counts.add("skipped_already_running")
            return
        counts.update(
            search_window_roll_service(
                claims=settings.SEARCH_WINDOW_CLAIMS,
                inner_claims=settings.SEARCH_INNER_WINDOW_CLAIMS,
            )
        )
