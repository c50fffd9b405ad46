"""Reads the API, admin and jobs share about what the engine computed."""

from django.db.models import Count

from claims.models import Citation, ClaimStatus, Stance
from sources.models import Source


def source_track_record(*, source: Source) -> dict[str, dict[str, int]]:
    """How the claims a source asserted, and those it denied, were judged: claim counts by status.
    One query."""
    counts = {
        stance: {"total": 0, **{status: 0 for status in ClaimStatus.values}}
        for stance in Stance.values
    }
    rows = (
        Citation.objects.filter(source=source)
        .values("stance", "claim__status")
        .annotate(claims=Count("claim", distinct=True))
        .order_by()
    )
    for row in rows:
        counts[row["stance"]][row["claim__status"]] = row["claims"]
        counts[row["stance"]]["total"] += row["claims"]
    return {"asserted": counts[Stance.ASSERTS], "denied": counts[Stance.DENIES]}
