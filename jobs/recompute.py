"""Recompute after reviews, ratings and citations, and the nightly full recompute that repairs
anything missed.

A write calls `claims.outbox.recompute_request_create` inside its transaction: the request row
commits with the write or not at all, and the broker is told only after the commit. Processing a
request is one transaction (reliability engine, re-check flags, announcing changes, marking it
done), so a worker killed half-way leaves nothing half-written and the request is simply processed
again.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from claims.models import Citation, Claim, ClaimStatus, RecomputeRequest
from claims.services import claim_status_refresh
from claims.status import derive_status, standing_verdicts
from jobs.recheck import recheck_flag_claims_of_sources
from jobs.webhooks import claim_changes_announce
from reliability.engine import (
    ReliabilityUpdate,
    Standing,
    reliability_recompute_all,
    reliability_update_for_claims,
    reliability_update_for_sources,
)
from sources.models import Source


def recompute_request_claim_ids(request: RecomputeRequest) -> list[int]:
    """The request's claims, and every claim its sources made or relayed."""
    claim_ids = set(request.claim_ids)
    if request.source_ids:
        citing = Q(source_id__in=request.source_ids) | Q(via_id__in=request.source_ids)
        claim_ids |= set(Citation.objects.filter(citing).values_list("claim_id", flat=True))
    return sorted(claim_ids)


def _sources_moved(*updates: ReliabilityUpdate) -> dict[int, str]:
    """Sources whose computed reliability moved materially over these updates, in order (a new
    letter, or the mean by at least RECHECK_RELIABILITY_CHANGE), with a line saying how. A first
    estimate is no move."""
    before: dict[int, Standing | None] = {}
    after: dict[int, Standing] = {}
    for update in updates:
        for source_id, (old, new) in update.standing.items():
            before.setdefault(source_id, old)
            after[source_id] = new
    moved = {
        source_id: (old, after[source_id])
        for source_id, old in before.items()
        if old is not None
        and (
            after[source_id][1] != old[1]
            or abs(after[source_id][0] - old[0]) >= settings.RECHECK_RELIABILITY_CHANGE
        )
    }
    names = dict(Source.objects.filter(pk__in=list(moved)).values_list("pk", "name"))
    return {
        source_id: f"{names[source_id]}: computed reliability {old[0]:.2f} → {new[0]:.2f}"
        f" ({old[1]} → {new[1]})"
        for source_id, (old, new) in moved.items()
    }


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
        for claim in Claim.objects.filter(pk__in=claim_ids).order_by("pk"):
            claim_status_refresh(claim=claim)
        updates = []
        if request.source_ids:
            updates.append(reliability_update_for_sources(source_ids=request.source_ids))
        if request.claim_ids:
            updates.append(reliability_update_for_claims(claim_ids=request.claim_ids))
        moved = _sources_moved(*updates)
        # The claims under review here are being looked at right now; only their neighbours are due.
        flagged = recheck_flag_claims_of_sources(sources=moved, exclude_claim_ids=request.claim_ids)
        # The engine also moves credibility of claims connected to these through shared sources.
        announced = claim_changes_announce()
        request.done_at = timezone.now()
        request.save(update_fields=["done_at"])
    return {
        "claims": len(claim_ids),
        "sources_moved": len(moved),
        "recheck_flags": flagged,
        "changes_announced": announced,
    }


def claim_statuses_repair() -> int:
    """Status from reviews for every claim, in a few set-based statements: one read of the
    standing verdicts, one of the stored statuses, one update per status that changed."""
    derived = {
        claim_id: derive_status(verdicts)
        for claim_id, verdicts in standing_verdicts(claim_ids=None).items()
    }
    stored = dict(Claim.objects.exclude(status=ClaimStatus.UNVERIFIED).values_list("id", "status"))
    wrong: dict[str, list[int]] = {}
    for claim_id in derived.keys() | stored.keys():
        status = derived.get(claim_id, ClaimStatus.UNVERIFIED)
        if stored.get(claim_id, ClaimStatus.UNVERIFIED) != status:
            wrong.setdefault(status, []).append(claim_id)
    for status, claim_ids in wrong.items():
        Claim.objects.filter(pk__in=claim_ids).update(status=status)
    return sum(len(claim_ids) for claim_ids in wrong.values())


def recompute_all() -> dict:
    """Full recompute and announcement of every change not yet announced; also marks every
    request that was waiting as done, since the full run covered it."""
    with transaction.atomic():
        # Read before recomputing, so only requests whose writes the full run saw are marked done.
        waiting = list(
            RecomputeRequest.objects.filter(done_at__isnull=True).values_list("pk", flat=True)
        )
        statuses_repaired = claim_statuses_repair()
        update = reliability_recompute_all()
        flagged = recheck_flag_claims_of_sources(
            sources=_sources_moved(update), exclude_claim_ids=[]
        )
        announced = claim_changes_announce()
        RecomputeRequest.objects.filter(pk__in=waiting, done_at__isnull=True).update(
            done_at=timezone.now()
        )
    return {
        "claims": update.claims,
        "sources": update.sources,
        "statuses_repaired": statuses_repaired,
        "recheck_flags": flagged,
        "changes_announced": announced,
    }


def recompute_request_failure_record(*, request_id: int, error: str) -> None:
    """Written outside the failed run's transaction, which rolled back everything else."""
    RecomputeRequest.objects.filter(pk=request_id, done_at__isnull=True).update(
        failed_attempts=F("failed_attempts") + 1, last_error=error
    )


def recompute_requests_undone(
    *, older_than: datetime | None = None, limit: int = 1000
) -> list[int]:
    """Requests still waiting after the grace period: their broker message was lost or never sent,
    or their run failed. One that failed RECOMPUTE_MAX_ATTEMPTS times is left to the nightly full
    recompute (and to staff, who see it in the admin) rather than failing every minute."""
    cutoff = older_than or timezone.now() - timedelta(seconds=settings.RECOMPUTE_SWEEP_GRACE)
    return list(
        RecomputeRequest.objects.filter(
            done_at__isnull=True,
            requested_at__lte=cutoff,
            failed_attempts__lt=settings.RECOMPUTE_MAX_ATTEMPTS,
        )
        .order_by("requested_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )


def recompute_requests_prune(*, older_than_days: int) -> int:
    """Done requests are only history; the nightly job keeps as many days as the job log."""
    cutoff = timezone.now() - timedelta(days=older_than_days)
    deleted, _ = RecomputeRequest.objects.filter(done_at__lt=cutoff).delete()
    return deleted
