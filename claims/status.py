"""A claim's status from its reviews: the one place that decides it, now or at a past moment.

Every reader that needs a status (the review service, the reliability engine, point-in-time API
answers, the track record) calls `claim_statuses` or `standing_verdicts`; nothing else queries
"the newest verdict of each reviewer".

A verdict counts from when its evidence became public (`Review.evidence_published_at`, which
defaults to when the review was entered): an archive of 2024 verdicts typed in today answers
"as of 9 Dec 2024" as it stood then. Among the verdicts of one reviewer known at a moment, the
one entered last stands: a reviewer corrects themselves with a new review.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import groupby

from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from claims.models import ClaimStatus, Review, Verdict


@dataclass(frozen=True)
class StandingVerdict:
    verdict: str
    effective_at: datetime


def derive_status(standing: Sequence[StandingVerdict]) -> str:
    """A claim's status from each reviewer's standing verdict.

    When the decisive verdicts (corroborated, contradicted, superseded) agree, that is the status.
    "Corroborated as of t1" and "superseded as of t2" agree when t1 <= t2: the claim was true and
    was later overtaken. Any other mix is a dispute between reviewers. "Unresolved" says a reviewer
    examined the claim and found only interested parties disputing it: it is no verdict either
    way, so it yields to decisive verdicts, and is the status only when it is all there is.
    """
    decisive = [item for item in standing if item.verdict != Verdict.UNRESOLVED]
    if not decisive:
        return ClaimStatus.UNRESOLVED if standing else ClaimStatus.UNVERIFIED
    verdicts = {item.verdict for item in decisive}
    if len(verdicts) == 1:
        return verdicts.pop()
    if verdicts == {Verdict.CORROBORATED, Verdict.SUPERSEDED}:
        last_true = max(i.effective_at for i in decisive if i.verdict == Verdict.CORROBORATED)
        overtaken = min(i.effective_at for i in decisive if i.verdict == Verdict.SUPERSEDED)
        if last_true <= overtaken:
            return ClaimStatus.SUPERSEDED
    return ClaimStatus.DISPUTED


def citation_made_at():
    """When a citation counts for point-in-time answers: its publication, else its entry."""
    return Coalesce("published_at", "created_at")


def review_known_at():
    """When a review counts for point-in-time answers: when its evidence became public."""
    return Coalesce("evidence_published_at", "created_at")


def standing_verdicts(
    *, claim_ids: Iterable[int] | None, as_of: datetime | None = None
) -> dict[int, list[StandingVerdict]]:
    """Each claim's standing verdicts (the newest of each reviewer), from the reviews known at
    `as_of` (None: all of them), for these claims (None: every claim). Claims without one are
    left out. One query."""
    reviews = Review.objects.all()
    if claim_ids is not None:
        # One array parameter, however many claims (a recompute asks about tens of thousands).
        ids = RawSQL("SELECT unnest(%s::bigint[])", [list(claim_ids)])
        reviews = reviews.filter(claim_id__in=ids)
    if as_of is not None:
        reviews = reviews.alias(known_at=review_known_at()).filter(known_at__lte=as_of)
    newest = (
        reviews.order_by("claim_id", "reviewer_id", "-created_at", "-id")
        .distinct("claim_id", "reviewer_id")
        .values_list("claim_id", "verdict", "effective_at")
    )
    return {
        claim_id: [StandingVerdict(verdict, effective_at) for _, verdict, effective_at in rows]
        for claim_id, rows in groupby(newest, key=lambda row: row[0])
    }


def claim_statuses(*, claim_ids: Iterable[int], as_of: datetime | None = None) -> dict[int, str]:
    """Each claim's status from the reviews known at `as_of`; unreviewed claims are unverified."""
    claim_ids = list(claim_ids)
    standing = standing_verdicts(claim_ids=claim_ids, as_of=as_of)
    return {claim_id: derive_status(standing.get(claim_id, [])) for claim_id in claim_ids}


def superseded_since(standing: Sequence[StandingVerdict]) -> datetime | None:
    """When a superseded claim stopped being true: the earliest standing "superseded" verdict."""
    moments = [item.effective_at for item in standing if item.verdict == Verdict.SUPERSEDED]
    return min(moments, default=None)


def status_with_verdict(
    *, claim_id: int, reviewer_id: int, verdict: str, effective_at: datetime
) -> str:
    """The status a claim would have if this reviewer recorded this verdict now (it replaces the
    reviewer's own standing verdict): what a verdict screen previews before saving. One query."""
    others = (
        Review.objects.filter(claim_id=claim_id)
        .exclude(reviewer_id=reviewer_id)
        .order_by("reviewer_id", "-created_at", "-id")
        .distinct("reviewer_id")
        .values_list("verdict", "effective_at")
    )
    standing = [StandingVerdict(v, at) for v, at in others]
    return derive_status([*standing, StandingVerdict(verdict, effective_at)])
