"""Reads the API, admin and jobs share about what the engine computed."""

from collections.abc import Iterable
from datetime import datetime

from django.db import connection
from django.db.models import Count, Q
from django.db.models.functions import Coalesce

from claims.models import Citation, ClaimStatus, RecomputeRequest, Stance
from claims.status import claim_statuses
from sources.models import Source


def source_track_record(
    *, source: Source, as_of: datetime | None = None
) -> dict[str, dict[str, int]]:
    """How the claims a source asserted, and those it denied, were judged: claim counts by status.
    Now, one query; as of a moment, from the citations published and the verdicts' evidence
    public by then, two."""
    counts = {
        stance: {"total": 0, **{status: 0 for status in ClaimStatus.values}}
        for stance in Stance.values
    }
    citations = Citation.objects.filter(source=source)
    if as_of is None:
        rows = (
            citations.values("stance", "claim__status")
            .annotate(claims=Count("claim", distinct=True))
            .order_by()
        )
        judged = [(row["stance"], row["claim__status"], row["claims"]) for row in rows]
    else:
        said = set(
            citations.alias(at=Coalesce("published_at", "created_at"))
            .filter(at__lte=as_of)
            .values_list("stance", "claim_id")
        )
        statuses = claim_statuses(claim_ids={claim_id for _, claim_id in said}, as_of=as_of)
        judged = [(stance, statuses[claim_id], 1) for stance, claim_id in said]
    for stance, status, claims in judged:
        counts[stance][status] += claims
        counts[stance]["total"] += claims
    return {"asserted": counts[Stance.ASSERTS], "denied": counts[Stance.DENIES]}


def claim_recompute_pending(*, claim_id: int, source_ids: Iterable[int]) -> bool:
    """Whether a recompute request that concerns this claim (naming it, or one of the sources
    that cite or relay it, given by the caller who has its citations) is not done yet. One query."""
    concerns = Q(claim_ids__contains=[claim_id]) | Q(source_ids__overlap=sorted(set(source_ids)))
    return RecomputeRequest.objects.filter(concerns, done_at__isnull=True).exists()


def sources_recompute_pending(*, source_ids: Iterable[int]) -> set[int]:
    """Those of these sources whose reliability a recompute request has yet to update: named by
    an undone request, or citing or relaying a claim one names. One query (undone requests are
    few: the worker clears them within seconds)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT s.id FROM unnest(%s::bigint[]) AS s(id)
            WHERE EXISTS (
                SELECT 1 FROM claims_recomputerequest r
                WHERE r.done_at IS NULL
                  AND (s.id = ANY(r.source_ids) OR EXISTS (
                      SELECT 1 FROM claims_citation c
                      WHERE c.claim_id = ANY(r.claim_ids) AND (c.source_id = s.id OR c.via_id = s.id)
                  ))
            )
            """,
            [sorted(set(source_ids))],
        )
        return {row[0] for row in cursor.fetchall()}
