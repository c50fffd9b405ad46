"""The outbox: work stored with the write that caused it, sent to the broker once it commits.

A broker that is down must not turn a reviewer's saved verdict into an error page: the work was
already stored in the database in the same transaction (a RecomputeRequest, a pending
WebhookDelivery), so a failed publish is logged and the next sweep enqueues it again.
"""

import logging
from collections.abc import Iterable

from django.db import transaction

from claims.models import RecomputeRequest

logger = logging.getLogger(__name__)


def enqueue_on_commit(task, *args, **kwargs) -> None:
    def publish():
        try:
            task.apply_async(args=args, kwargs=kwargs)
        except Exception:
            # Any broker or network failure lands here; the stored work is swept up later.
            logger.warning(
                "could not enqueue %s%r; the sweep will pick it up", task.name, args, exc_info=True
            )

    transaction.on_commit(publish)


def recompute_request_create(
    *, reason: str, claim_ids: Iterable[int] = (), source_ids: Iterable[int] = ()
) -> RecomputeRequest:
    """Called inside a write's transaction (a review, a rating, a citation): the request commits
    with the write or not at all, and the broker hears of it only after the commit."""
    from claims.tasks import recompute_request_process

    request = RecomputeRequest.objects.create(
        reason=reason, claim_ids=sorted(set(claim_ids)), source_ids=sorted(set(source_ids))
    )
    enqueue_on_commit(recompute_request_process, request.pk)
    return request
