"""Merging a duplicate claim into the one kept, and linking claims as contradicting each other:
the services, the database constraints behind them, and the admin's buttons."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from pghistory.models import Events

from claims.models import (
    Claim,
    ClaimAssignment,
    ClaimContradiction,
    ClaimNote,
    ClaimStatus,
    RecomputeRequest,
    Review,
    Stance,
    Verdict,
)
from claims.services import (
    claim_assign,
    claim_contradiction_link,
    claim_contradiction_unlink,
    claim_merge,
    claim_note_create,
    claim_publish,
    review_create,
)
from tests.factories import CitationFactory, ClaimFactory, SourceFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair():
    kept = ClaimFactory(text="Assad has fled Syria")
    duplicate = ClaimFactory(text="Assad fled Syria")
    return duplicate, kept


def test_citations_reviews_and_notes_end_up_on_the_kept_claim(pair, reviewer):
    duplicate, kept = pair
    citation = CitationFactory(claim=duplicate)
    review = review_create(
        claim=duplicate,
        verdict=Verdict.CORROBORATED,
        evidence_note="Flight tracked.",
        reviewer=reviewer,
    )
    note = claim_note_create(claim=duplicate, author=reviewer, text="Called the embassy.")

    claim_merge(duplicate=duplicate, kept=kept, merged_by=reviewer)

    assert list(kept.citations.all()) == [citation]
    assert list(kept.reviews.all()) == [review]
    assert list(kept.notes.all()) == [note]
    duplicate.refresh_from_db()
    assert duplicate.merged_into == kept
    assert not duplicate.citations.exists() and not duplicate.reviews.exists()


def test_status_of_both_claims_is_recomputed_from_the_moved_reviews(pair, reviewer):
    duplicate, kept = pair
    review_create(
        claim=duplicate, verdict=Verdict.CONTRADICTED, evidence_note="Seen.", reviewer=reviewer
    )

    claim_merge(duplicate=duplicate, kept=kept, merged_by=reviewer)

    duplicate.refresh_from_db()
    kept.refresh_from_db()
    assert kept.status == ClaimStatus.CONTRADICTED
    assert duplicate.status == ClaimStatus.UNVERIFIED


def test_a_reviewers_newest_verdict_on_either_claim_stands_after_the_merge(pair, reviewer):
    duplicate, kept = pair
    review_create(claim=kept, verdict=Verdict.CORROBORATED, evidence_note="Old.", reviewer=reviewer)
    review_create(
        claim=duplicate, verdict=Verdict.CONTRADICTED, evidence_note="New.", reviewer=reviewer
    )

    claim_merge(duplicate=duplicate, kept=kept, merged_by=reviewer)

    kept.refresh_from_db()
    assert kept.reviews.count() == 2
    assert kept.status == ClaimStatus.CONTRADICTED


def test_the_same_citation_on_both_claims_is_kept_once_and_stays_the_reviews_evidence(
    pair, reviewer
):
    duplicate, kept = pair
    source = SourceFactory()
    on_kept = CitationFactory(
        claim=kept, source=source, url="https://a.example/1", stance=Stance.ASSERTS
    )
    on_duplicate = CitationFactory(
        claim=duplicate, source=source, url="https://a.example/1", stance=Stance.ASSERTS
    )
    review = review_create(
        claim=duplicate,
        verdict=Verdict.CORROBORATED,
        evidence_note="Their report.",
        reviewer=reviewer,
        evidence_citations=[on_duplicate],
    )

    claim_merge(duplicate=duplicate, kept=kept, merged_by=reviewer)

    assert list(kept.citations.all()) == [on_kept]
    assert list(review.evidence_citations.all()) == [on_kept]


def test_a_recompute_of_both_claims_and_their_sources_is_queued(pair, reviewer):
    duplicate, kept = pair
    citation = CitationFactory(claim=duplicate)
    RecomputeRequest.objects.all().delete()

    claim_merge(duplicate=duplicate, kept=kept, merged_by=reviewer)

    request = RecomputeRequest.objects.get()
    assert request.reason == "merge"
    assert request.claim_ids == sorted([duplicate.pk, kept.pk])
    assert request.source_ids == [citation.source_id]


def test_the_merge_is_audited_under_the_merged_context(pair, reviewer):
    duplicate, kept = pair
    claim_merge(duplicate=duplicate, kept=kept, merged_by=reviewer)

    event = Events.objects.tracks(duplicate).filter(pgh_label="update").latest("pgh_created_at")
    assert event.pgh_diff["merged_into_id"] == [None, kept.pk]
    assert event.pgh_context["action"] == "merged"
    assert event.pgh_context["merged_by"] == reviewer.pk


def test_the_duplicates_assignment_moves_unless_the_kept_claim_has_one(pair, reviewer):
    duplicate, kept = pair
    claim_assign(claim=duplicate, assignee=reviewer, assigned_by=reviewer)

    claim_merge(duplicate=duplicate, kept=kept, merged_by=reviewer)

    assert ClaimAssignment.objects.get().claim == kept


def test_the_kept_claims_assignment_wins_over_the_duplicates(pair, reviewer):
    duplicate, kept = pair
    other = UserFactory(roles=["reviewer"])
    claim_assign(claim=kept, assignee=reviewer, assigned_by=reviewer)
    claim_assign(claim=duplicate, assignee=other, assigned_by=other)

    claim_merge(duplicate=duplicate, kept=kept, merged_by=reviewer)

    assert list(ClaimAssignment.objects.values_list("claim", "assignee")) == [
        (kept.pk, reviewer.pk)
    ]


def test_a_published_duplicate_is_unpublished_and_cannot_be_published_again(pair, reviewer):
    duplicate, kept = pair
    review_create(
        claim=duplicate, verdict=Verdict.CORROBORATED, evidence_note="Seen.", reviewer=reviewer
    )
    claim_publish(claim=duplicate, published_by=reviewer)

    claim_merge(duplicate=duplicate, kept=kept, merged_by=reviewer)

    duplicate.refresh_from_db()
    assert duplicate.published_at is None
    with pytest.raises(ValidationError) as refused:
        claim_publish(claim=duplicate, published_by=reviewer)
    assert "merged_into" in refused.value.message_dict


def test_contradiction_links_of_the_duplicate_move_to_the_kept_claim(pair, reviewer):
    duplicate, kept = pair
    other = ClaimFactory(text="Assad remains in Damascus")
    claim_contradiction_link(claim=duplicate, other=other, linked_by=reviewer)
    claim_contradiction_link(claim=duplicate, other=kept, linked_by=reviewer)

    claim_merge(duplicate=duplicate, kept=kept, merged_by=reviewer)

    assert list(ClaimContradiction.objects.values_list("claim_low", "claim_high")) == [
        tuple(sorted([kept.pk, other.pk]))
    ]


@pytest.mark.parametrize("case", ["itself", "into_a_merged_claim", "already_merged"])
def test_merge_refusals_name_the_field(pair, reviewer, case):
    duplicate, kept = pair
    third = ClaimFactory(text="Assad is in Moscow")
    claim_merge(duplicate=third, kept=kept, merged_by=reviewer)
    arguments, field = {
        "itself": ((duplicate, duplicate), "into"),
        "into_a_merged_claim": ((duplicate, third), "into"),
        "already_merged": ((third, duplicate), "claim"),
    }[case]

    with pytest.raises(ValidationError) as refused:
        claim_merge(duplicate=arguments[0], kept=arguments[1], merged_by=reviewer)
    assert field in refused.value.message_dict


def test_the_database_refuses_a_claim_merged_into_itself(pair):
    duplicate, _ = pair
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=duplicate.pk).update(merged_into=duplicate.pk)


def test_reviews_and_notes_stay_append_only_apart_from_their_claim(pair, reviewer):
    duplicate, _ = pair
    review_create(
        claim=duplicate, verdict=Verdict.CORROBORATED, evidence_note="Seen.", reviewer=reviewer
    )
    claim_note_create(claim=duplicate, author=reviewer, text="Called.")
    for change in (
        lambda: Review.objects.update(evidence_note="Rewritten."),
        lambda: Review.objects.all().delete(),
        lambda: ClaimNote.objects.update(text="Rewritten."),
        lambda: ClaimNote.objects.all().delete(),
    ):
        with pytest.raises(Exception, match="Cannot"), transaction.atomic():
            change()


def test_contradiction_links_are_one_unordered_pair(pair, reviewer):
    duplicate, kept = pair
    first = claim_contradiction_link(claim=kept, other=duplicate, linked_by=reviewer)
    again = claim_contradiction_link(claim=duplicate, other=kept, linked_by=reviewer)

    assert first == again
    assert ClaimContradiction.objects.count() == 1
    assert claim_contradiction_unlink(claim=duplicate, other=kept) is True
    assert not ClaimContradiction.objects.exists()


def test_a_claim_cannot_contradict_itself(pair, reviewer):
    duplicate, _ = pair
    with pytest.raises(ValidationError) as refused:
        claim_contradiction_link(claim=duplicate, other=duplicate, linked_by=reviewer)
    assert "other" in refused.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimContradiction.objects.create(claim_low=duplicate, claim_high=duplicate)


def change_url(claim):
    return reverse("admin:claims_claim_change", args=[claim.pk])


def test_admin_claim_page_lists_similar_claims_with_merge_and_contradict_buttons(
    client, reviewer, pair
):
    duplicate, kept = pair
    client.force_login(reviewer)

    page = client.get(change_url(duplicate)).content.decode()

    assert f"#{kept.pk} {kept.text}" in page
    assert reverse("admin:claims_claim_merge", args=[duplicate.pk]) in page
    assert "Merge into this" in page and "Mark as contradicting" in page


def test_admin_merge_button_merges_and_opens_the_kept_claim(client, reviewer, pair):
    duplicate, kept = pair
    citation = CitationFactory(claim=duplicate)
    client.force_login(reviewer)

    response = client.post(
        reverse("admin:claims_claim_merge", args=[duplicate.pk]), {"into": kept.pk}
    )

    assert response.status_code == 302 and response["Location"] == change_url(kept)
    assert list(kept.citations.all()) == [citation]
    merged_page = client.get(change_url(duplicate)).content.decode()
    assert "This claim was merged into" in merged_page
    assert f'href="{change_url(kept)}">#{kept.pk}</a>' in merged_page


def test_admin_merge_refusal_is_a_message_not_an_error_page(client, reviewer, pair):
    duplicate, _ = pair
    client.force_login(reviewer)

    response = client.post(
        reverse("admin:claims_claim_merge", args=[duplicate.pk]),
        {"into": duplicate.pk},
        follow=True,
    )

    assert response.status_code == 200
    assert "cannot be merged into itself" in response.content.decode()
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None


def test_admin_contradiction_button_shows_the_link_on_both_claim_pages(client, reviewer, pair):
    duplicate, kept = pair
    client.force_login(reviewer)

    client.post(
        reverse("admin:claims_claim_contradiction", args=[duplicate.pk]), {"other": kept.pk}
    )

    assert ClaimContradiction.objects.count() == 1
    assert (
        f"#{kept.pk} {kept.text}</a> (unverified)"
        in client.get(change_url(duplicate)).content.decode()
    )
    assert (
        f"#{duplicate.pk} {duplicate.text}</a> (unverified)"
        in client.get(change_url(kept)).content.decode()
    )
    client.post(
        reverse("admin:claims_claim_contradiction", args=[duplicate.pk]),
        {"other": kept.pk, "unlink": "1"},
    )
    assert not ClaimContradiction.objects.exists()


def test_admin_merge_needs_the_review_permission(client, pair):
    duplicate, kept = pair
    client.force_login(UserFactory(is_staff=True, roles=["journalist"]))

    response = client.post(
        reverse("admin:claims_claim_merge", args=[duplicate.pk]), {"into": kept.pk}
    )

    assert response.status_code == 403
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None


def test_admin_claim_page_query_count_does_not_grow_with_similar_and_contradicting_claims(
    client, reviewer, django_assert_max_num_queries
):
    claim = ClaimFactory(text="Assad has fled Syria")
    client.force_login(reviewer)
    client.get(change_url(claim))
    alone = _queries(client, claim, django_assert_max_num_queries)
    for text in ["Assad has fled Syria today", "Assad has fled Syria by plane", "Assad has fled"]:
        claim_contradiction_link(claim=claim, other=ClaimFactory(text=text), linked_by=reviewer)

    page, crowded = _page_and_queries(client, claim, django_assert_max_num_queries)

    assert page.count("Merge into this") == 3
    assert crowded == alone


def _page_and_queries(client, claim, django_assert_max_num_queries):
    with django_assert_max_num_queries(60) as counted:
        response = client.get(change_url(claim))
    assert response.status_code == 200
    return response.content.decode(), len(counted.captured_queries)


def _queries(client, claim, django_assert_max_num_queries):
    return _page_and_queries(client, claim, django_assert_max_num_queries)[1]
