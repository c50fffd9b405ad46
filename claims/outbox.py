"""The outbox: work stored with the write that caused it, sent to the broker once it commits.

A broker that is down must not turn a reviewer's saved verdict into an error page: the work was
already stored in the database in the same transaction (a RecomputeRequest, a pending
WebhookDelivery), so a failed publish is logged and the next sweep enqueues it again.

It lives in the claims app, below the jobs that do the work: a review, a citation or a new grade
must store its recompute request in its own transaction, and a RecomputeRequest is the claim's
"recompute pending" state that the claims' and the reliability pages read. The jobs app above
processes the requests (jobs/recompute.py, jobs/tasks.py).
"""

import logging
from collections.abc import Iterable

from celery import current_app
from django.db import transaction

from claims.models import RecomputeRequest

logger = logging.getLogger(__name__)

# Named rather than imported: the task lives in the jobs app, above this one.
RECOMPUTE_REQUEST_TASK = "jobs.tasks.recompute_request_process"


def enqueue_on_commit(task_name: str, *args) -> None:
    def publish():
        try:
            current_app.send_task(task_name, args=args)
        except Exception:
            # Any broker or network failure lands here; the stored work is swept up later.
            logger.warning(
                "could not enqueue %s%r; the sweep will pick it up", task_name, args, exc_info=True
            )

    transaction.on_commit(publish)


def recompute_request_create(
    *, reason: str, claim_ids: Iterable[int] = (), source_ids: Iterable[int] = ()
) -> RecomputeRequest:
    """Called inside a write's transaction (a review, a rating, a citation): the request commits
    with the write or not at all, and the broker hears of it only after the commit."""
    request = RecomputeRequest.objects.create(
        reason=reason, claim_ids=sorted(set(claim_ids)), source_ids=sorted(set(source_ids))
    )
    enqueue_on_commit(RECOMPUTE_REQUEST_TASK, request.pk)
    return request


def recompute_request_for_sources(*, source_ids: list[int], reason: str, **kwargs) -> None:
    """Receiver of `sources.signals.source_figures_stale`."""
    recompute_request_create(reason=reason, source_ids=source_ids)
