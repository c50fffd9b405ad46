from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.postgres.search import SearchQuery
from django.core.exceptions import ValidationError

from claims.models import (
    Citation,
    Claim,
    ClaimSearchDocument,
    ClaimStatus,
    RecomputeRequest,
    Review,
)
from claims.services import (
    citation_create,
    citation_delete,
    citation_update,
    claim_create,
    claim_update,
    claims_review_bulk,
    review_create,
)
from tests.factories import CitationFactory, ClaimFactory, SourceFactory, UserFactory

DEC_6 = datetime(2024, 12, 6, tzinfo=UTC)
DEC_8 = datetime(2024, 12, 8, tzinfo=UTC)


@pytest.mark.django_db
class TestReviewCreate:
    def test_first_verdict_sets_the_claims_status(self, reviewer):
        claim = ClaimFactory()
        review_create(
            claim=claim, verdict="contradicted", evidence_note="He fled.", reviewer=reviewer
        )
        claim.refresh_from_db()
        assert claim.status == ClaimStatus.CONTRADICTED

    def test_reviewer_corrects_own_verdict_with_a_newer_review(self, reviewer):
        claim = ClaimFactory()
        review_create(claim=claim, verdict="corroborated", evidence_note="Seen.", reviewer=reviewer)
        review_create(
            claim=claim, verdict="contradicted", evidence_note="Misread.", reviewer=reviewer
        )
        claim.refresh_from_db()
        assert claim.status == ClaimStatus.CONTRADICTED
        assert claim.reviews.count() == 2

    def test_different_verdicts_from_different_reviewers_make_it_disputed(self, reviewer):
        claim = ClaimFactory()
        review_create(claim=claim, verdict="corroborated", evidence_note="Seen.", reviewer=reviewer)
        review_create(
            claim=claim, verdict="contradicted", evidence_note="No.", reviewer=UserFactory()
        )
        claim.refresh_from_db()
        assert claim.status == ClaimStatus.DISPUTED

    def test_claim_true_when_made_then_overtaken_is_superseded_not_false(self, reviewer):
        claim = ClaimFactory(text="Assad remains in Damascus")
        review_create(
            claim=claim,
            verdict="corroborated",
            evidence_note="Seen in Damascus.",
            reviewer=reviewer,
            effective_at=DEC_6,
        )
        review_create(
            claim=claim,
            verdict="superseded",
            evidence_note="Fled to Moscow.",
            reviewer=UserFactory(),
            effective_at=DEC_8,
        )
        claim.refresh_from_db()
        assert claim.status == ClaimStatus.SUPERSEDED

    def test_review_without_evidence_note_is_refused_with_a_field_error(self, reviewer):
        claim = ClaimFactory()
        with pytest.raises(ValidationError) as error:
            review_create(
                claim=claim, verdict="corroborated", evidence_note="  ", reviewer=reviewer
            )
        assert "evidence_note" in error.value.message_dict
        assert not Review.objects.exists()

    def test_unknown_verdict_is_refused_with_a_field_error(self, reviewer):
        with pytest.raises(ValidationError) as error:
            review_create(
                claim=ClaimFactory(), verdict="false", evidence_note="x", reviewer=reviewer
            )
        assert "verdict" in error.value.message_dict

    def test_review_keeps_its_evidence_citations(self, reviewer):
        evidence = CitationFactory()
        review = review_create(
            claim=evidence.claim,
            verdict="contradicted",
            evidence_note="See the AFP report.",
            reviewer=reviewer,
            evidence_citations=[evidence],
        )
        assert list(review.evidence_citations.all()) == [evidence]

    def test_evidence_from_another_claim_is_refused_by_the_service(self, reviewer):
        elsewhere = CitationFactory()
        with pytest.raises(ValidationError) as refused:
            review_create(
                claim=ClaimFactory(),
                verdict="contradicted",
                evidence_note="See the AFP report.",
                reviewer=reviewer,
                evidence_citations=[elsewhere],
            )
        assert "evidence_citations" in refused.value.message_dict
        assert not Review.objects.exists()

    def test_evidence_cannot_be_published_in_the_future(self, reviewer):
        with pytest.raises(ValidationError) as refused:
            review_create(
                claim=ClaimFactory(),
                verdict="corroborated",
                evidence_note="Tomorrow's paper.",
                reviewer=reviewer,
                evidence_published_at=datetime.now(UTC) + timedelta(days=1),
            )
        assert "evidence_published_at" in refused.value.message_dict

    def test_bulk_verdict_is_all_or_nothing(self, reviewer):
        good = ClaimFactory()
        with pytest.raises(ValidationError):
            claims_review_bulk(
                claims=[good, good], verdict="corroborated", evidence_note="", reviewer=reviewer
            )
        assert not Review.objects.exists()
        claims_review_bulk(
            claims=[good, ClaimFactory()],
            verdict="corroborated",
            evidence_note="ok",
            reviewer=reviewer,
        )
        assert Review.objects.count() == 2


@pytest.mark.django_db
class TestClaimCreate:
    def test_claim_is_created_unverified_with_its_first_citation(self, journalist):
        state_media = SourceFactory(name="Syrian state media")
        claim = claim_create(
            text="  Assad remains in Damascus ",
            created_by=journalist,
            citations=[{"source": state_media, "stance": "asserts", "published_at": DEC_6}],
        )
        assert (claim.text, claim.status, claim.credibility) == (
            "Assad remains in Damascus",
            "unverified",
            6,
        )
        assert claim.first_reported_at == DEC_6
        assert claim.citations.get().created_by == journalist

    def test_bad_citation_leaves_no_half_written_claim(self, journalist):
        with pytest.raises(ValidationError) as error:
            claim_create(
                text="Assad has fled Syria",
                created_by=journalist,
                citations=[{"source": SourceFactory(), "stance": "maybe"}],
            )
        assert "stance" in error.value.message_dict
        assert not Claim.objects.exists()

    def test_blank_text_is_refused_with_a_field_error(self, journalist):
        with pytest.raises(ValidationError) as error:
            claim_create(text=" ", created_by=journalist)
        assert "text" in error.value.message_dict

    def test_earlier_citation_moves_first_reported_back(self, journalist):
        claim = claim_create(
            text="HTS has captured Aleppo and Hama", created_by=journalist, first_reported_at=DEC_8
        )
        citation_create(
            claim=claim, source=SourceFactory(), published_at=DEC_6, created_by=journalist
        )
        claim.refresh_from_db()
        assert claim.first_reported_at == DEC_6

    def test_duplicate_citation_is_refused_with_a_readable_error(self, journalist):
        citation = CitationFactory()
        with pytest.raises(ValidationError, match="already cited"):
            citation_create(
                claim=citation.claim,
                source=citation.source,
                url=citation.url,
                stance=citation.stance,
                created_by=journalist,
            )
        assert Citation.objects.count() == 1


@pytest.mark.django_db
class TestCitationCorrections:
    def test_moving_a_citation_to_another_source_recomputes_both_sources(self):
        citation = CitationFactory()
        old_source, new_source = citation.source, SourceFactory()
        citation_update(citation=citation, data={"source": new_source, "quote": "  Corrected.  "})
        citation.refresh_from_db()
        assert (citation.source, citation.quote) == (new_source, "Corrected.")
        request = RecomputeRequest.objects.latest("pk")
        assert set(request.source_ids) == {old_source.pk, new_source.pk}
        assert request.claim_ids == [citation.claim_id]

    def test_correction_that_breaks_a_rule_changes_nothing(self):
        citation = CitationFactory()
        requests_before = RecomputeRequest.objects.count()
        with pytest.raises(ValidationError) as error:
            citation_update(citation=citation, data={"via": citation.source})
        assert "__all__" in error.value.message_dict
        citation.refresh_from_db()
        assert citation.via is None
        assert RecomputeRequest.objects.count() == requests_before

    def test_fields_outside_a_citation_cannot_be_changed(self):
        with pytest.raises(ValidationError) as error:
            citation_update(citation=CitationFactory(), data={"created_by": None})
        assert "created_by" in error.value.message_dict

    def test_deleting_a_citation_recomputes_the_source_that_loses_it(self):
        citation = CitationFactory()
        source_id, claim_id = citation.source_id, citation.claim_id
        citation_delete(citation=citation)
        assert not Citation.objects.exists()
        request = RecomputeRequest.objects.latest("pk")
        assert (request.source_ids, request.claim_ids) == ([source_id], [claim_id])


def _found_by_search(claim, words):
    query = SearchQuery(words, config="english", search_type="websearch")
    return ClaimSearchDocument.objects.filter(claim=claim, document=query).exists()


@pytest.mark.django_db
class TestClaimUpdate:
    def test_edit_keeps_the_status_another_writer_set_since_the_claim_was_read(self, reviewer):
        claim = claim_create(text="Rebels reached Homs", created_by=reviewer)
        read_earlier = Claim.objects.get(pk=claim.pk)
        review_create(
            claim=claim, verdict="corroborated", evidence_note="Filmed.", reviewer=reviewer
        )

        claim_update(claim=read_earlier, data={"topic": " syria ", "tags": ["homs", "\u200b"]})

        claim.refresh_from_db()
        assert (claim.topic, claim.tags) == ("syria", ["homs"])
        assert claim.status == ClaimStatus.CORROBORATED

    def test_new_words_are_found_by_search_and_the_old_ones_not(self, reviewer):
        claim = claim_create(text="Rebels reached Homs", created_by=reviewer)

        claim_update(claim=claim, data={"text": "Rebels entered Hama"})

        assert _found_by_search(claim, "Hama") and not _found_by_search(claim, "Homs")

    def test_edit_queues_no_recompute_since_no_claim_field_enters_the_figures(self, reviewer):
        claim = claim_create(text="Rebels reached Homs", created_by=reviewer)

        claim_update(claim=claim, data={"text": "Rebels entered Hama", "place_name": "Hama"})

        assert not RecomputeRequest.objects.exists()

    @pytest.mark.parametrize(
        ("data", "field"),
        [
            ({"text": "\u200b\u202e\u2060"}, "text"),
            ({"about_start": DEC_8, "about_end": DEC_6}, "__all__"),
            ({"status": "corroborated"}, "status"),
        ],
    )
    def test_bad_edit_is_refused_with_a_field_error_and_changes_nothing(
        self, reviewer, data, field
    ):
        claim = claim_create(text="Rebels reached Homs", created_by=reviewer)

        with pytest.raises(ValidationError) as refused:
            claim_update(claim=Claim.objects.get(pk=claim.pk), data=data)

        assert field in refused.value.message_dict
        assert Claim.objects.get(pk=claim.pk).text == "Rebels reached Homs"
