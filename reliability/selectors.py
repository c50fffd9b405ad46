"""Reads the API, admin and jobs share about what the engine computed."""

from datetime import datetime

from django.db.models import BooleanField, Count, QuerySet
from django.db.models.expressions import RawSQL

from claims.models import Citation, Claim, ClaimStatus, Stance
from claims.status import citation_made_at, claim_statuses
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
            citations.alias(at=citation_made_at())
            .filter(at__lte=as_of)
            .values_list("stance", "claim_id")
        )
        statuses = claim_statuses(claim_ids={claim_id for _, claim_id in said}, as_of=as_of)
        judged = [(stance, statuses[claim_id], 1) for stance, claim_id in said]
    for stance, status, claims in judged:
        counts[stance][status] += claims
        counts[stance]["total"] += claims
    return {"asserted": counts[Stance.ASSERTS], "denied": counts[Stance.DENIES]}


# Whether an undone recompute request concerns the row, as one correlated subquery per list so
# that admin changelists stay one query per page. Undone requests are few; the partial index
# recompute_request_undone finds them.
_CLAIM_RECOMPUTE_PENDING = """
    EXISTS (
        SELECT 1 FROM claims_recomputerequest r
        WHERE r.done_at IS NULL
          AND (claims_claim.id = ANY(r.claim_ids) OR r.source_ids && ARRAY(
              SELECT unnest(ARRAY[c.source_id, c.via_id]) FROM claims_citation c
              WHERE c.claim_id = claims_claim.id
          ))
    )
"""
_SOURCE_RECOMPUTE_PENDING = """
    EXISTS (
        SELECT 1 FROM claims_recomputerequest r
        WHERE r.done_at IS NULL
          AND (sources_source.id = ANY(r.source_ids) OR EXISTS (
              SELECT 1 FROM claims_citation c
              WHERE c.claim_id = ANY(r.claim_ids)
                AND (c.source_id = sources_source.id OR c.via_id = sources_source.id)
          ))
    )
"""


def claims_with_recompute_pending(queryset: QuerySet[Claim]) -> QuerySet[Claim]:
    """The claims annotated with `recompute_pending`."""
    return queryset.annotate(
        recompute_pending=RawSQL(_CLAIM_RECOMPUTE_PENDING, [], output_field=BooleanField())
    )


def sources_with_recompute_pending(queryset: QuerySet[Source]) -> QuerySet[Source]:
    """The sources annotated with `recompute_pending`."""
    return queryset.annotate(
        recompute_pending=RawSQL(_SOURCE_RECOMPUTE_PENDING, [], output_field=BooleanField())
    )
