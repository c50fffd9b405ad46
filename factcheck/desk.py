"""The reviewers' front page: how much work waits where, each count linking to its list.

Counts stop at DESK_COUNT_LIMIT ("1,000+"): each is read through an index and stops there, so
the page costs the same at a million claims as at a hundred, where an exact count would scan.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.urls import reverse

from claims.models import Claim, ClaimStatus, RecomputeRequest
from claims.selectors import claim_list_assigned, claims_filter_due

DESK_COUNT_LIMIT = 1000


@dataclass(frozen=True)
class DeskCount:
    label: str
    count: int
    more: bool  # there are more than `count`
    url: str | None  # None when the user may not open the list

    @property
    def shown(self) -> str:
        return f"{self.count:,}{'+' if self.more else ''}"


def _bounded_count(queryset: QuerySet) -> tuple[int, bool]:
    count = queryset.order_by()[: DESK_COUNT_LIMIT + 1].count()
    return min(count, DESK_COUNT_LIMIT), count > DESK_COUNT_LIMIT


def _changelist(model: str, **params) -> str:
    """`model` as "app_label.model_name"."""
    url = reverse("admin:{}_{}_changelist".format(*model.split(".")))
    return f"{url}?{urlencode(params)}" if params else url


def desk_counts(*, user) -> list[DeskCount]:
    tiles = [
        ("Due for re-check", claims_filter_due(Claim.objects.all()),
         "jobs.view_claimdueforrecheck", _changelist("jobs.claimdueforrecheck")),
        ("Unverified, nobody checking",
         claim_list_assigned(Claim.objects.filter(status=ClaimStatus.UNVERIFIED), assigned=False),
         "claims.view_claim",
         _changelist("claims.claim", status__exact=ClaimStatus.UNVERIFIED, assigned="none")),
        ("My claims", claim_list_assigned(Claim.objects.all(), assignee=user), "claims.view_claim",
         _changelist("claims.claim", assigned="mine")),
        ("Disputed", Claim.objects.filter(status=ClaimStatus.DISPUTED), "claims.view_claim",
         _changelist("claims.claim", status__exact=ClaimStatus.DISPUTED)),
        ("Recompute pending", RecomputeRequest.objects.filter(done_at__isnull=True),
         "claims.view_recomputerequest",
         _changelist("claims.recomputerequest", done_at__isempty="1")),
    ]  # fmt: skip
    if not user.has_perm("claims.view_claim"):
        return []
    return [
        DeskCount(label, *_bounded_count(queryset), url if user.has_perm(perm) else None)
        for label, queryset, perm, url in tiles
    ]
