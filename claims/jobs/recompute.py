"""Recompute after reviews and ratings, and the nightly full recompute that repairs anything missed.

A write calls `claims.jobs.outbox.recompute_request_create` inside its transaction: the request row
commits with the write or not at all, and the broker is told only after the commit. Processing a request is one
transaction (recompute, announce changes, mark done), so a worker killed half-way leaves nothing
half-written and the request is simply processed again.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from claims.jobs.webhooks import claim_changes_announce
from claims.models import Citation, Claim, RecomputeRequest
from claims.services import claim_status_refresh


def claims_recompute(*, claim_ids: list[int]) -> None:
    """Bring derived status (and, with the reliability engine, reliabilities and credibility) of
    these claims and their sources up to date.

    The engine branch replaces this body with its one incremental call,
    `sources.reliability.reliability_update_for_claims(claim_ids=claim_ids)`.
    """
    for claim in Claim.objects.filter(pk__in=claim_ids).order_by("pk"):
        claim_status_refresh(claim=claim)


def claims_recompute_all() -> int:
    """The nightly full recompute; with the engine merged, `reliability_recompute_all()`."""
    claim_ids = list(Claim.objects.order_by("pk").values_list("pk", flat=True))
    claims_recompute(claim_ids=claim_ids)
    return len(claim_ids)


def recompute_request_claim_ids(request: RecomputeRequest) -> list[int]:
    """The request's claims, and every claim its sources made or relayed."""
    claim_ids = set(request.claim_ids)
    if request.source_ids:
        citing = Q(source_id__in=request.source_ids) | Q(via_id__in=request.source_ids)
        claim_ids |= set(Citation.objects.filter(citing).values_list("claim_id", flat=True))
    return sorted(claim_ids)


def recompute_request_process(*, request_id: int) -> dict | None:
    """Process one request; None when it is already done or another worker holds it."""
    with transaction.atomic():
        request = (
            RecomputeRequest.objects.select_for_update(skip_locked=True)
            .filter(pk=request_id, done_at__isnull=True)
            .first()
        )
        if request is None:
            return None
        claim_ids = recompute_request_claim_ids(request)
        claims_recompute(claim_ids=claim_ids)
        announced = claim_changes_announce(claim_ids=claim_ids)
        request.done_at = timezone.now()
        request.save(update_fields=["done_at"])
    return {"claims": len(claim_ids), "changes_announced": announced}


def recompute_all() -> dict:
    """Full recompute and announcement of every change not yet announced; also marks every
    request that was waiting as done, since the full run covered it."""
    with transaction.atomic():
        # Read before recomputing, so only requests whose writes the full run saw are marked done.
        waiting = list(
            RecomputeRequest.objects.filter(done_at__isnull=True).values_list("pk", flat=True)
        )
        claims = claims_recompute_all()
        announced = claim_changes_announce()
        RecomputeRequest.objects.filter(pk__in=waiting, done_at__isnull=True).update(
            done_at=timezone.now()
        )
    return {"claims": claims, "changes_announced": announced}


def recompute_requests_undone(
    *, older_than: datetime | None = None, limit: int = 1000
) -> list[int]:
    """Requests still waiting after the grace period: their broker message was lost or never sent."""
    cutoff = older_than or timezone.now() - timedelta(seconds=settings.RECOMPUTE_SWEEP_GRACE)
    return list(
        RecomputeRequest.objects.filter(done_at__isnull=True, requested_at__lte=cutoff)
        .order_by("requested_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )


def recompute_requests_prune(*, older_than_days: int) -> int:
    """Done requests are only history; the nightly job keeps as many days as the job log."""
    cutoff = timezone.now() - timedelta(days=older_than_days)
    deleted, _ = RecomputeRequest.objects.filter(done_at__lt=cutoff).delete()
    return deleted
