from datetime import UTC, datetime, timedelta

import pytest

from claims.models import ClaimStatus, Verdict
from claims.services import review_create
from claims.status import StandingVerdict, claim_statuses, derive_status
from tests.factories import ClaimFactory, UserFactory

DEC_6 = datetime(2024, 12, 6, tzinfo=UTC)
DEC_8 = datetime(2024, 12, 8, tzinfo=UTC)


def standing(*pairs):
    return [StandingVerdict(verdict, at) for verdict, at in pairs]


@pytest.mark.parametrize(
    ("verdicts", "expected"),
    [
        ([], "unverified"),
        ([("corroborated", DEC_6)], "corroborated"),
        ([("contradicted", DEC_6)], "contradicted"),
        ([("superseded", DEC_8)], "superseded"),
        ([("corroborated", DEC_6), ("corroborated", DEC_8)], "corroborated"),
        ([("corroborated", DEC_6), ("contradicted", DEC_8)], "disputed"),
        ([("contradicted", DEC_6), ("superseded", DEC_8)], "disputed"),
        ([("corroborated", DEC_6), ("superseded", DEC_8)], "superseded"),
        ([("superseded", DEC_6), ("corroborated", DEC_8)], "disputed"),
        ([("corroborated", DEC_6), ("superseded", DEC_8), ("contradicted", DEC_8)], "disputed"),
        ([("unresolved", DEC_6)], "unresolved"),
        ([("unresolved", DEC_6), ("unresolved", DEC_8)], "unresolved"),
        ([("unresolved", DEC_6), ("contradicted", DEC_8)], "contradicted"),
        ([("unresolved", DEC_6), ("corroborated", DEC_6), ("contradicted", DEC_8)], "disputed"),
    ],
)
def test_status_follows_from_each_reviewers_standing_verdict(verdicts, expected):
    assert derive_status(standing(*verdicts)) == expected


@pytest.mark.django_db
def test_a_backfilled_verdict_counts_from_when_its_evidence_became_public(reviewer):
    claim = ClaimFactory(text="Assad has fled Syria")
    review_create(
        claim=claim,
        verdict=Verdict.CORROBORATED,
        evidence_note="Russian state media: he is in Moscow.",
        reviewer=reviewer,
        evidence_published_at=DEC_8,
    )

    assert claim_statuses(claim_ids=[claim.pk], as_of=DEC_6)[claim.pk] == ClaimStatus.UNVERIFIED
    assert claim_statuses(claim_ids=[claim.pk], as_of=DEC_8)[claim.pk] == ClaimStatus.CORROBORATED
    assert claim_statuses(claim_ids=[claim.pk])[claim.pk] == ClaimStatus.CORROBORATED


@pytest.mark.django_db
def test_a_reviewers_correction_stands_only_from_when_its_own_evidence_was_public(reviewer):
    claim = ClaimFactory()
    review_create(
        claim=claim,
        verdict=Verdict.CORROBORATED,
        evidence_note="First reports.",
        reviewer=reviewer,
        evidence_published_at=DEC_6,
    )
    review_create(
        claim=claim,
        verdict=Verdict.CONTRADICTED,
        evidence_note="Satellite images two days later.",
        reviewer=reviewer,
        evidence_published_at=DEC_8,
    )

    assert claim_statuses(claim_ids=[claim.pk], as_of=DEC_6 + timedelta(hours=1)) == {
        claim.pk: ClaimStatus.CORROBORATED
    }
    assert claim_statuses(claim_ids=[claim.pk], as_of=DEC_8) == {claim.pk: ClaimStatus.CONTRADICTED}


@pytest.mark.django_db
def test_an_unresolved_verdict_is_a_status_of_its_own_that_a_decisive_one_overrides(reviewer):
    claim = ClaimFactory()
    review_create(
        claim=claim,
        verdict=Verdict.UNRESOLVED,
        evidence_note="Only the two warring parties speak of it.",
        reviewer=reviewer,
    )
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.UNRESOLVED

    review_create(
        claim=claim,
        verdict=Verdict.CONTRADICTED,
        evidence_note="Footage geolocated elsewhere.",
        reviewer=UserFactory(),
    )
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.CONTRADICTED
