"""Merging duplicates and contradicting claims over the API: the reviewers' merge action, the
merged claim's 301 pointer, lists without merged claims, `contradicted_by` on both claims."""

import pytest

from claims.services import claim_contradiction_link, claim_merge, claim_note_create
from tests.factories import CitationFactory, ClaimFactory

pytestmark = pytest.mark.django_db

CLAIMS = "/api/v1/claims/"


def merge_url(claim):
    return f"{CLAIMS}{claim.pk}/merge/"


@pytest.fixture
def pair():
    return ClaimFactory(text="Assad fled Syria"), ClaimFactory(text="Assad has fled Syria")


def test_a_reviewer_merges_a_duplicate_and_its_citations_and_notes_show_on_the_kept_claim(
    client_for, reviewer, pair
):
    duplicate, kept = pair
    citation = CitationFactory(claim=duplicate)
    note = claim_note_create(claim=duplicate, author=reviewer, text="Same statement as the other.")
    api = client_for(reviewer)

    response = api.post(merge_url(duplicate), {"into": kept.pk}, format="json")

    assert response.status_code == 200, response.content
    assert response.json() == {"id": duplicate.pk, "merged_into": kept.pk}
    detail = api.get(f"{CLAIMS}{kept.pk}/").json()
    assert [row["id"] for row in detail["citations"]] == [citation.pk]
    assert [row["id"] for row in detail["notes"]] == [note.pk]


def test_a_merged_claim_answers_301_to_the_kept_claim(client_for, journalist, reviewer, pair):
    duplicate, kept = pair
    claim_merge(duplicate=duplicate, kept=kept, merged_by=reviewer)

    response = client_for(journalist).get(f"{CLAIMS}{duplicate.pk}/")

    assert response.status_code == 301
    assert response["Location"].endswith(f"{CLAIMS}{kept.pk}/")
    assert response.json() == {"merged_into": kept.pk}


def test_the_301_of_a_merged_claim_keeps_the_question_asked(client_for, journalist, reviewer, pair):
    duplicate, kept = pair
    claim_merge(duplicate=duplicate, kept=kept, merged_by=reviewer)

    response = client_for(journalist).get(f"{CLAIMS}{duplicate.pk}/", {"as_of": "2024-12-09"})

    assert response.status_code == 301
    assert response["Location"].endswith(f"{CLAIMS}{kept.pk}/?as_of=2024-12-09")


def test_lists_and_similar_claims_leave_merged_claims_out(client_for, journalist, reviewer, pair):
    duplicate, kept = pair
    claim_merge(duplicate=duplicate, kept=kept, merged_by=reviewer)
    api = client_for(journalist)

    listed = [row["id"] for row in api.get(CLAIMS).json()["results"]]
    searched = [row["id"] for row in api.get(CLAIMS, {"q": "Assad"}).json()["results"]]
    similar = [row["id"] for row in api.get(f"{CLAIMS}{kept.pk}/").json()["similar_claims"]]

    assert listed == [kept.pk]
    assert searched == [kept.pk]
    assert similar == []


@pytest.mark.parametrize(
    "case, field",
    [("itself", "into"), ("missing", "into"), ("into_merged", "into"), ("already_merged", "claim")],
)
def test_merge_refusals_are_400_field_errors(client_for, reviewer, pair, case, field):
    duplicate, kept = pair
    merged = ClaimFactory(text="Assad is in Moscow")
    claim_merge(duplicate=merged, kept=kept, merged_by=reviewer)
    claim, into = {
        "itself": (duplicate, duplicate.pk),
        "missing": (duplicate, 10**9),
        "into_merged": (duplicate, merged.pk),
        "already_merged": (merged, duplicate.pk),
    }[case]

    response = client_for(reviewer).post(merge_url(claim), {"into": into}, format="json")

    assert response.status_code == 400
    assert field in response.json()["fields"]


def test_a_journalist_may_not_merge(client_for, journalist, pair):
    duplicate, kept = pair
    response = client_for(journalist).post(merge_url(duplicate), {"into": kept.pk}, format="json")
    assert response.status_code == 403


def test_both_claims_show_they_contradict_each_other(client_for, journalist, reviewer):
    stays = ClaimFactory(text="Assad remains in Damascus")
    fled = ClaimFactory(text="Assad has fled Syria")
    claim_contradiction_link(claim=fled, other=stays, linked_by=reviewer)
    api = client_for(journalist)

    on_stays = api.get(f"{CLAIMS}{stays.pk}/").json()["contradicted_by"]
    on_fled = api.get(f"{CLAIMS}{fled.pk}/").json()["contradicted_by"]

    assert on_stays == [{"id": fled.pk, "text": fled.text, "status": "unverified"}]
    assert on_fled == [{"id": stays.pk, "text": stays.text, "status": "unverified"}]


def test_claim_detail_with_contradictions_is_one_query(
    client_for, journalist, reviewer, django_assert_max_num_queries
):
    claim = ClaimFactory(text="Assad remains in Damascus")
    for text in ("Assad has fled Syria", "Assad is in Moscow", "Assad left by plane"):
        claim_contradiction_link(claim=claim, other=ClaimFactory(text=text), linked_by=reviewer)
    api = client_for(journalist)
    api.get(f"{CLAIMS}{claim.pk}/")  # the token's user and session are loaded once

    # The token lookup, and the claim with everything it shows.
    with django_assert_max_num_queries(2):
        response = api.get(f"{CLAIMS}{claim.pk}/")
    assert len(response.json()["contradicted_by"]) == 3
