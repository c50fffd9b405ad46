"""The reviewers' desk over the API: the claim text cap, who is checking a claim, notes."""

import pytest

from claims.models import Claim
from factcheck.text import CLAIM_TEXT_MAX_LENGTH
from tests.factories import ClaimFactory, SourceFactory, UserFactory

pytestmark = pytest.mark.django_db

CLAIMS = "/api/v1/claims/"


def test_api_answers_a_longer_claim_text_with_a_400_on_the_text_field(client_for, journalist):
    source = SourceFactory(name="SANA", slug="sana")
    body = {"text": "w" * (CLAIM_TEXT_MAX_LENGTH + 1), "citation": {"source": source.slug}}

    response = client_for(journalist).post("/api/v1/claims/", body, format="json")

    assert response.status_code == 400
    assert "text" in response.json()["fields"]
    assert not Claim.objects.exists()


def assignment_url(claim):
    return f"/api/v1/claims/{claim.pk}/assignment/"


@pytest.fixture
def colleague(db):
    return UserFactory(username="colin-colleague", is_staff=True, roles=["reviewer"])


def test_a_reviewer_takes_a_claim_and_lists_and_detail_say_who_is_checking_it(
    client_for, reviewer, journalist
):
    claim = ClaimFactory()
    ClaimFactory()

    taken = client_for(reviewer).put(assignment_url(claim), {}, format="json")

    assert taken.status_code == 200, taken.content
    assert taken.json()["being_checked_by"] == "rhea-reviewer"
    reader = client_for(journalist)
    detail = reader.get(f"{CLAIMS}{claim.pk}/").json()
    assert detail["being_checked_by"] == "rhea-reviewer" and detail["being_checked_since"]
    assert detail["status"] == "unverified"
    rows = {row["id"]: row for row in reader.get(CLAIMS).json()["results"]}
    assert rows[claim.pk]["being_checked_by"] == "rhea-reviewer"
    assert [row["being_checked_by"] for pk, row in rows.items() if pk != claim.pk] == [None]


def test_my_claims_and_unassigned_filters(client_for, reviewer, colleague):
    mine, theirs, free = ClaimFactory(), ClaimFactory(), ClaimFactory()
    api = client_for(reviewer)
    api.put(assignment_url(mine), {}, format="json")
    client_for(colleague).put(assignment_url(theirs), {}, format="json")

    def ids(params):
        return sorted(row["id"] for row in api.get(CLAIMS, params).json()["results"])

    assert ids({"assignee": "me"}) == [mine.pk]
    assert ids({"assignee": "colin-colleague"}) == [theirs.pk]
    assert ids({"assigned": "false"}) == [free.pk]


def test_taking_a_colleagues_claim_is_a_409_naming_them_until_reassigned(
    client_for, reviewer, colleague
):
    claim = ClaimFactory()
    client_for(colleague).put(assignment_url(claim), {}, format="json")
    api = client_for(reviewer)

    refused = api.put(assignment_url(claim), {}, format="json")
    reassigned = api.put(assignment_url(claim), {"reassign": True}, format="json")

    assert refused.status_code == 409
    assert "colin-colleague has been checking this claim" in refused.json()["detail"]
    assert reassigned.status_code == 200
    assert (reassigned.json()["being_checked_by"], reassigned.json()["assigned_by"]) == (
        "rhea-reviewer",
        "rhea-reviewer",
    )


def test_a_reviewer_assigns_a_claim_to_a_colleague_and_unassigns_it(
    client_for, reviewer, colleague
):
    claim = ClaimFactory()
    api = client_for(reviewer)

    given = api.put(assignment_url(claim), {"assignee": "colin-colleague"}, format="json")
    released = api.delete(assignment_url(claim))

    assert given.json()["being_checked_by"] == "colin-colleague"
    assert given.json()["assigned_by"] == "rhea-reviewer"
    assert released.status_code == 204
    assert api.get(f"{CLAIMS}{claim.pk}/").json()["being_checked_by"] is None


@pytest.mark.parametrize("assignee", ["nobody-at-all", "jo-journalist"])
def test_assigning_to_an_unknown_user_or_a_non_reviewer_is_a_400_on_assignee(
    client_for, reviewer, journalist, assignee
):
    response = client_for(reviewer).put(
        assignment_url(ClaimFactory()), {"assignee": assignee}, format="json"
    )

    assert response.status_code == 400
    assert "assignee" in response.json()["fields"]


def test_journalists_cannot_take_claims(client_for, journalist):
    response = client_for(journalist).put(assignment_url(ClaimFactory()), {}, format="json")

    assert response.status_code == 403


def test_a_reviewer_adds_notes_and_the_detail_lists_them_oldest_first(
    client_for, reviewer, journalist
):
    claim = ClaimFactory()
    api = client_for(reviewer)

    first = api.post(f"{CLAIMS}{claim.pk}/notes/", {"text": "Two sources so far."}, format="json")
    second = api.post(
        f"{CLAIMS}{claim.pk}/notes/",
        {"text": "AFP photo found.", "url": "https://example.org/photo"},
        format="json",
    )

    assert first.status_code == 201 and second.status_code == 201, second.content
    notes = client_for(journalist).get(f"{CLAIMS}{claim.pk}/").json()["notes"]
    assert [(n["author"], n["text"], n["url"]) for n in notes] == [
        ("rhea-reviewer", "Two sources so far.", ""),
        ("rhea-reviewer", "AFP photo found.", "https://example.org/photo"),
    ]
    assert list(notes[0]) == ["id", "author", "text", "url", "created_at"]


@pytest.mark.parametrize(
    "body, field",
    [
        ({"text": "\u200b"}, "text"),
        ({"text": "x" * 10_001}, "text"),
        ({"text": "ok", "url": "not a url"}, "url"),
    ],
)
def test_a_bad_note_is_a_400_on_its_field(client_for, reviewer, body, field):
    response = client_for(reviewer).post(f"{CLAIMS}{ClaimFactory().pk}/notes/", body, format="json")

    assert response.status_code == 400
    assert field in response.json()["fields"]


def test_journalists_cannot_write_notes(client_for, journalist):
    response = client_for(journalist).post(
        f"{CLAIMS}{ClaimFactory().pk}/notes/", {"text": "Hi"}, format="json"
    )

    assert response.status_code == 403


def test_creating_a_claim_that_exists_but_for_case_and_spaces_is_a_409_with_its_id(
    client_for, journalist
):
    sana = SourceFactory(name="SANA", slug="sana")
    api = client_for(journalist)
    first = api.post(
        CLAIMS,
        {"text": "Assad remains in Damascus", "citation": {"source": sana.slug}},
        format="json",
    )
    assert first.status_code == 201, first.content

    again = api.post(
        CLAIMS,
        {"text": "  assad remains   in DAMASCUS ", "citation": {"source": sana.slug}},
        format="json",
    )

    assert again.status_code == 409
    body = again.json()
    assert (body["status"], body["code"], body["existing_id"]) == (
        409,
        "duplicate",
        first.json()["id"],
    )
    assert f"Claim {first.json()['id']} already says this" in body["detail"]
    assert Claim.objects.count() == 1
