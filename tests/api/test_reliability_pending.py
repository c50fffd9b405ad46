"""A claim's reviews newest first, and "recompute pending" on claims and sources until the
worker has brought their figures up to date."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from claims.models import RecomputeRequest, Verdict
from sources.services import source_create
from tests.reliability.test_newsroom import DEC_2024, judge, said

pytestmark = pytest.mark.django_db
TODAY = datetime(2026, 12, 6, tzinfo=UTC)


def test_the_claim_detail_lists_reviews_newest_first_and_shows_pending_recomputes(
    client_for, journalist, reviewer
):
    observatory = source_create(name="Observatory")
    claim = said(observatory, "Rebels entered Homs", at=DEC_2024)
    first = judge(claim, Verdict.CORROBORATED, reviewer)
    second = judge(claim, Verdict.CONTRADICTED, reviewer)
    api = client_for(journalist)

    detail = api.get(reverse("claim-detail", kwargs={"claim_id": claim.pk})).json()
    assert [review["id"] for review in detail["reviews"]] == [second.pk, first.pk]
    assert detail["recompute_pending"] is True
    source_row = api.get(reverse("source-detail", kwargs={"slug": observatory.slug})).json()
    assert source_row["recompute_pending"] is True

    RecomputeRequest.objects.update(done_at=TODAY)
    detail = api.get(reverse("claim-detail", kwargs={"claim_id": claim.pk})).json()
    assert detail["recompute_pending"] is False
