"""Each rule on claims, citations and reviews is enforced by the database itself."""

import pytest
from django.db import IntegrityError, ProgrammingError, connection, transaction
from django.utils import timezone

from claims.models import ClaimSearchDocument, Review
from tests.factories import CitationFactory, ClaimFactory, ReviewFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_same_source_url_and_stance_cannot_be_cited_twice_for_one_claim():
    citation = CitationFactory()
    with pytest.raises(IntegrityError, match="citation_unique_per_claim"):
        CitationFactory(
            claim=citation.claim, source=citation.source, url=citation.url, stance=citation.stance
        )


def test_same_source_may_both_assert_and_deny_in_different_citations():
    citation = CitationFactory(stance="asserts")
    CitationFactory(claim=citation.claim, source=citation.source, url=citation.url, stance="denies")
    assert citation.claim.citations.count() == 2


def test_unknown_stance_is_rejected_by_database():
    with pytest.raises(IntegrityError, match="citation_stance_valid"):
        CitationFactory(stance="implies")


def test_source_cannot_be_its_own_relay():
    source = SourceFactory()
    with pytest.raises(IntegrityError, match="citation_via_not_source"):
        CitationFactory(source=source, via=source)


def test_review_without_evidence_note_is_rejected_by_database():
    with pytest.raises(IntegrityError, match="review_evidence_note_required"):
        ReviewFactory(evidence_note=" \n ")


def test_unknown_verdict_is_rejected_by_database():
    with pytest.raises(IntegrityError, match="review_verdict_valid"):
        ReviewFactory(verdict="false")


def test_review_cannot_be_edited_or_deleted_even_with_raw_sql():
    # Only a merge's change of claim gets through (tests/claims/test_merge.py).
    review = ReviewFactory()
    for statement in (
        "UPDATE claims_review SET verdict = 'contradicted' WHERE id = %s",
        "DELETE FROM claims_review WHERE id = %s",
    ):
        with pytest.raises(ProgrammingError, match="Cannot (update|delete)"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(statement, [review.pk])
    assert Review.objects.get(pk=review.pk).verdict == review.verdict


def test_blank_claim_text_is_rejected_by_database():
    with pytest.raises(IntegrityError, match="claim_text_not_blank"):
        ClaimFactory(text="   ")


def test_claim_interval_cannot_end_before_it_starts():
    now = timezone.now()
    with pytest.raises(IntegrityError, match="claim_about_interval_ordered"):
        ClaimFactory(about_start=now, about_end=now - timezone.timedelta(days=1))


def test_claim_coordinates_must_be_on_earth():
    with pytest.raises(IntegrityError, match="claim_coordinates_valid"):
        ClaimFactory(latitude=91, longitude=36)


def test_credibility_outside_admiralty_scale_is_rejected_by_database():
    with pytest.raises(IntegrityError, match="claim_credibility_valid"):
        ClaimFactory(credibility=7)


def test_bulk_update_of_claims_is_recorded_in_the_audit_trail():
    claim = ClaimFactory(text="Assad remains in Damascus")
    type(claim).objects.filter(pk=claim.pk).update(topic="syria-offensive")
    assert [event.pgh_label for event in claim.events.order_by("pgh_id")] == ["insert", "update"]


def test_deleting_a_cited_claim_also_removes_its_search_document():
    citation = CitationFactory()
    citation.claim.delete()
    assert not ClaimSearchDocument.objects.exists()
