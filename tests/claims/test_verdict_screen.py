from datetime import UTC, datetime

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone
from pghistory.models import Events
from rest_framework.test import APIClient

from claims.models import ClaimStatus, RecheckFlag, RecheckReason, Review, Stance, Verdict
from claims.services import SUPERSEDED_NEEDS_EFFECTIVE_AT, review_create
from factcheck.api import api_token_create
from tests.admin_forms import form_data
from tests.factories import CitationFactory, ClaimFactory, SourceFactory, UserFactory

pytestmark = pytest.mark.django_db


def verdict_url(claim):
    return reverse("admin:claims_claim_verdict", args=[claim.pk])


def change_url(claim):
    return reverse("admin:claims_claim_change", args=[claim.pk])


@pytest.fixture
def claim():
    claim = ClaimFactory(text="Assad remains in Damascus")
    sana = SourceFactory(name="SANA")
    CitationFactory(
        claim=claim,
        source=sana,
        via=SourceFactory(name="Wire Service"),
        quote="The president is in the capital.",
        url="https://sana.sy/en/?p=339000",
    )
    CitationFactory(claim=claim, source=SourceFactory(name="SOHR"), stance=Stance.DENIES)
    return claim


def verdict(**fields):
    return {"verdict": Verdict.CORROBORATED, "evidence_note": "Seen in Damascus.", **fields}


def test_verdict_page_shows_the_claims_evidence_and_the_form(
    client, reviewer, claim, django_assert_max_num_queries
):
    client.force_login(reviewer)
    # session, user, the reviewer's permissions (user and group), the claim with its creator,
    # assignment and publisher, its citations with source and via.
    with django_assert_max_num_queries(7):
        response = client.get(verdict_url(claim))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Assad remains in Damascus" in page
    for shown in ("SANA", "Wire Service", "The president is in the capital.", "SOHR", "Denies"):
        assert shown in page
    assert "https://sana.sy/en/?p=339000" in page
    assert page.count('name="evidence_citations"') == 2
    assert 'name="effective_at_0"' in page and 'name="effective_at_0" value=' not in page


def test_verdict_preview_shows_what_the_claimreview_will_say_without_saving(
    client, reviewer, claim, django_assert_max_num_queries
):
    client.force_login(reviewer)

    # The GET's queries, the citations chosen from, the other reviewers' standing verdicts.
    with django_assert_max_num_queries(10):
        response = client.post(
            verdict_url(claim),
            {**verdict(verdict=Verdict.CONTRADICTED), "preview": "Preview"},
        )

    assert response.status_code == 200
    preview = response.context["preview"]
    assert (preview["rating_value"], preview["rating_words"]) == (1, "Contradicted")
    assert '"alternateName": "Contradicted"' in preview["jsonld"]
    assert "Contradicted" in response.content.decode()
    assert not claim.reviews.exists()


def test_preview_with_a_second_opinion_shows_the_dispute_it_would_make(client, reviewer, claim):
    review_create(
        claim=claim, verdict=Verdict.CORROBORATED, evidence_note="Seen.", reviewer=UserFactory()
    )
    client.force_login(reviewer)

    response = client.post(
        verdict_url(claim), {**verdict(verdict=Verdict.CONTRADICTED), "preview": "Preview"}
    )

    assert response.context["preview"]["status"] == ClaimStatus.DISPUTED.label


def test_saving_a_verdict_creates_the_review_with_its_evidence_and_changes_the_status(
    client, reviewer, claim
):
    sana_citation = claim.citations.get(source__name="SANA")
    client.force_login(reviewer)

    response = client.post(
        verdict_url(claim),
        {
            **verdict(evidence_url="https://example.org/seen"),
            "evidence_citations": [sana_citation.pk],
            "effective_at_0": "2024-12-07",
            "effective_at_1": "12:00:00",
            "save": "Record verdict",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == change_url(claim)
    review = claim.reviews.get()
    assert (review.verdict, review.reviewer) == (Verdict.CORROBORATED, reviewer)
    assert review.effective_at == datetime(2024, 12, 7, 12, tzinfo=UTC)
    assert list(review.evidence_citations.all()) == [sana_citation]
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.CORROBORATED


def test_another_claims_citation_cannot_be_chosen_as_evidence(client, reviewer, claim):
    elsewhere = CitationFactory()
    client.force_login(reviewer)

    response = client.post(
        verdict_url(claim), {**verdict(), "evidence_citations": [elsewhere.pk], "save": "1"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["evidence_citations"]
    assert not Review.objects.exists()


def test_superseded_without_stopped_being_true_at_is_refused_with_a_field_error_on_the_page(
    client, reviewer, claim
):
    client.force_login(reviewer)

    response = client.post(verdict_url(claim), {**verdict(verdict=Verdict.SUPERSEDED), "save": "1"})

    assert response.status_code == 200
    assert response.context["form"].errors["effective_at"] == [SUPERSEDED_NEEDS_EFFECTIVE_AT]
    assert SUPERSEDED_NEEDS_EFFECTIVE_AT in response.content.decode()
    assert not claim.reviews.exists()


def test_superseded_with_stopped_being_true_at_is_saved_as_of_that_time(client, reviewer, claim):
    client.force_login(reviewer)

    response = client.post(
        verdict_url(claim),
        {
            **verdict(verdict=Verdict.SUPERSEDED),
            "effective_at_0": "2024-12-08",
            "effective_at_1": "01:00:00",
            "save": "1",
        },
    )

    assert response.status_code == 302
    assert claim.reviews.get().effective_at == datetime(2024, 12, 8, 1, tzinfo=UTC)


def test_superseded_without_effective_at_is_a_400_in_the_api(reviewer, claim):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {api_token_create(user=reviewer).token}")

    response = api.post(
        reverse("claim-reviews", kwargs={"claim_id": claim.pk}),
        {"verdict": "superseded", "evidence_note": "Fled on 8 December."},
        format="json",
    )

    assert response.status_code == 400, response.content
    assert response.json()["fields"]["effective_at"] == [SUPERSEDED_NEEDS_EFFECTIVE_AT]
    assert not claim.reviews.exists()


def test_superseded_on_the_claim_page_without_effective_at_is_a_form_error(client, reviewer, claim):
    client.force_login(reviewer)
    data = form_data(client.get(change_url(claim)), "claim_form")
    data.update({"reviews-0-verdict": Verdict.SUPERSEDED, "reviews-0-evidence_note": "Overtaken."})

    response = client.post(change_url(claim), data)

    assert response.status_code == 200
    assert SUPERSEDED_NEEDS_EFFECTIVE_AT in response.content.decode()
    assert not claim.reviews.exists()


def test_non_reviewer_gets_403_on_the_verdict_page(client, claim):
    journalist_staff = UserFactory(username="jo-staff", is_staff=True, roles=["journalist"])
    client.force_login(journalist_staff)

    assert client.get(verdict_url(claim)).status_code == 403
    assert client.post(verdict_url(claim), {**verdict(), "save": "1"}).status_code == 403
    assert not claim.reviews.exists()


def test_claim_page_and_list_link_to_the_verdict_page(client, reviewer, claim):
    client.force_login(reviewer)

    assert verdict_url(claim) in client.get(change_url(claim)).content.decode()
    assert (
        verdict_url(claim) in client.get(reverse("admin:claims_claim_changelist")).content.decode()
    )


def test_reviewed_claim_text_edit_without_confirmation_is_refused(client, reviewer, claim):
    review_create(
        claim=claim, verdict=Verdict.CORROBORATED, evidence_note="Seen.", reviewer=reviewer
    )
    client.force_login(reviewer)
    data = form_data(client.get(change_url(claim)), "claim_form")
    data["text"] = "Assad has left Damascus"

    response = client.post(change_url(claim), data)

    assert response.status_code == 200
    assert "I confirm changing the text of a reviewed claim" in response.content.decode()
    assert response.context["adminform"].form.errors["confirm_text_change"]
    claim.refresh_from_db()
    assert claim.text == "Assad remains in Damascus"


def test_reviewed_claim_text_edit_with_confirmation_is_saved_and_audited_with_the_user(
    client, reviewer, claim
):
    review_create(
        claim=claim, verdict=Verdict.CORROBORATED, evidence_note="Seen.", reviewer=reviewer
    )
    client.force_login(reviewer)
    data = form_data(client.get(change_url(claim)), "claim_form")
    data.update({"text": "Assad remains in the capital", "confirm_text_change": "on"})

    response = client.post(change_url(claim), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    claim.refresh_from_db()
    assert claim.text == "Assad remains in the capital"
    edit = Events.objects.tracks(claim).filter(pgh_label="update", pgh_diff__has_key="text").get()
    assert edit.pgh_diff["text"] == ["Assad remains in Damascus", "Assad remains in the capital"]
    assert edit.pgh_context["user"] == reviewer.pk


def test_unreviewed_claim_text_edit_needs_no_confirmation(client, reviewer, claim):
    client.force_login(reviewer)
    data = form_data(client.get(change_url(claim)), "claim_form")
    data["text"] = "Assad remains in the capital"

    response = client.post(change_url(claim), data)

    assert response.status_code == 302
    assert "confirm_text_change" not in data


def test_bulk_superseded_without_effective_at_is_a_form_error_and_records_nothing(
    client, reviewer, claim
):
    client.force_login(reviewer)

    response = client.post(
        reverse("admin:claims_claim_changelist"),
        {
            "action": "mark_superseded",
            ACTION_CHECKBOX_NAME: [claim.pk],
            "apply": "yes",
            "evidence_note": "Overtaken.",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["effective_at"] == [SUPERSEDED_NEEDS_EFFECTIVE_AT]
    assert not claim.reviews.exists()


def test_recheck_queue_links_each_claim_to_its_verdict_page(client, reviewer, claim):
    RecheckFlag.objects.create(
        claim=claim, reason=RecheckReason.TIME_PASSED, due_since=timezone.now()
    )
    client.force_login(reviewer)

    queue = client.get(reverse("admin:jobs_claimdueforrecheck_changelist"))

    assert verdict_url(claim) in queue.content.decode()
