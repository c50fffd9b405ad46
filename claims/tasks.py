"""Celery tasks: thin wrappers that log a run and call the job services in claims/jobs/.

Every task is safe to run twice and is acknowledged late (settings), so a worker lost mid-task
means the task runs again, never that its work is lost.
"""

import logging

from celery import shared_task

from claims.jobs import linkcheck, recheck, webhooks
from claims.jobs.log import job_exclusive, job_run

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
