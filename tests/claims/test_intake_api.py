import pytest
from rest_framework.test import APIClient

from claims.intake.evaluation import seed_dir
from claims.models import ArticleImport, Citation, Claim

URL = "/api/v1/intake/"


@pytest.fixture
def api(journalist):
    client = APIClient()
    client.force_authenticate(journalist)
    return client


def seed_payload(**extra):
    text = (seed_dir() / "article-syria-offensive-2024-12.txt").read_text()
    return {"text": text, "outlet": "Example News", "published_at": "2024-12-07T09:00:00Z"} | extra


def test_posting_the_seed_article_returns_the_demo_claims_as_proposals(api, intake_world):
    response = api.post(URL, seed_payload(), format="json")

    assert response.status_code == 201
    proposals = response.json()["proposals"]
    demo = intake_world["claims"]
    by_claim = {(p["match"]["claim_id"], p["source"]["name"], p["match"]["relation"]) for p in proposals}
    assert (demo["demo-2"].pk, "Syrian state media", "contradicts") in by_claim
    assert (demo["demo-8"].pk, "Abu Mohammed al-Golani", "same") in by_claim
    golani = next(p for p in proposals if p["match"]["claim_id"] == demo["demo-8"].pk)
    assert golani["via"]["name"] == "CNN" and golani["stance"] == "asserts"
    assert Claim.objects.count() == len(intake_world["claims"])


def test_commit_true_attaches_citations_to_the_known_claims(api, intake_world):
    claims_before = Claim.objects.count()

    response = api.post(URL, seed_payload(commit=True), format="json")

    assert response.status_code == 201
    body = response.json()["proposals"]
    assert all(p["status"] in {"accepted", "known"} for p in body)
    new_claims = sum(1 for p in body if p["match"]["relation"] == "new")
    assert Claim.objects.count() == claims_before + new_claims
    assert Citation.objects.filter(claim=intake_world["claims"]["demo-3"], source__name="Rami Abdel Rahman").exists()


def test_commit_with_chosen_positions_accepts_only_those(api, intake_world):
    first = api.post(URL, seed_payload(text=seed_payload()["text"] + "\nMore later."), format="json").json()
    golani = next(p for p in first["proposals"] if p["source"]["name"] == "Abu Mohammed al-Golani")

    response = api.post(URL, seed_payload(commit=True, accept=[golani["position"]]), format="json")

    statuses = {p["position"]: p["status"] for p in response.json()["proposals"]}
    assert statuses[golani["position"]] == "accepted"
    assert list(statuses.values()).count("accepted") == 1


def test_posting_the_same_article_again_proposes_nothing_new(api, intake_world):
    api.post(URL, seed_payload(), format="json")

    again = api.post(URL, seed_payload(), format="json")

    assert again.status_code == 200 and again.json()["article"]["created"] is False
    assert ArticleImport.objects.count() == 1


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"text": ""}, "text"),
        ({"text": "   "}, "text"),
        ({"text": "a", "url": "https://example.org/a"}, "url"),
        ({"url": "not a url"}, "url"),
        ({"text": "\x00\x01binary\x00" * 50}, "text"),
        ({"url": "http://127.0.0.1:9/private"}, "url"),
        ({"text": "x", "published_at": "yesterday"}, "published_at"),
    ],
)
def test_bad_input_gets_a_field_level_400(api, db, payload, field):
    response = api.post(URL, payload, format="json")

    assert response.status_code == 400
    assert field in response.json()["fields"]  # the API's one error shape (factcheck.api)
    assert not ArticleImport.objects.exists()


def test_outsider_without_the_role_is_refused(outsider):
    client = APIClient()
    client.force_authenticate(outsider)

    assert client.post(URL, {"text": "Rebels took Homs, officials said."}, format="json").status_code == 403


def test_accepting_a_position_the_article_does_not_have_is_refused_and_nothing_is_saved(api, intake_world):
    response = api.post(URL, seed_payload(commit=True, accept=[999]), format="json")

    assert response.status_code == 400
    assert response.json()["fields"] == {"accept": ["The article has no proposal at position 999."]}
    assert not ArticleImport.objects.exists() and not Citation.objects.filter(url="").exists()


RASTAN = {"text": "Rebel commander Hassan Abdul Ghani said on Friday that fighters had reached the outskirts of the "
                  "town of Rastan.", "outlet": "Reuters", "published_at": "2024-12-07T09:00:00Z"}


def _rastan_proposal_url(api):
    body = api.post(URL, RASTAN, format="json").json()
    [proposal] = body["proposals"]
    return f"{URL}{body['article']['id']}/proposals/{proposal['position']}/", proposal["position"]


def test_journalist_corrects_a_proposal_then_accepts_it_as_corrected(api, intake_world):
    url, position = _rastan_proposal_url(api)
    entered = intake_world["claims"]["hama-entered"]

    corrected = api.patch(url, {"text": "Rebels reached the outskirts of Rastan", "source": "OSDH",
                                "match": {"relation": "contradicts", "claim_id": entered.pk}}, format="json")
    accepted = api.post(URL, RASTAN | {"commit": True, "accept": [position]}, format="json")

    assert corrected.status_code == 200
    assert corrected.json()["source"] == {"id": intake_world["sources"]["Syrian Observatory for Human Rights"].pk,
                                          "name": "Syrian Observatory for Human Rights", "kind": "monitoring_ngo",
                                          "parent": "", "known": True}
    assert accepted.status_code == 200
    citation = Citation.objects.get(pk=accepted.json()["proposals"][0]["citation_id"])
    assert (citation.claim, citation.source.name, citation.stance) == (
        entered, "Syrian Observatory for Human Rights", "denies")


def test_a_new_source_named_in_a_correction_is_created_with_its_kind_on_acceptance(api, intake_world):
    url, position = _rastan_proposal_url(api)

    api.patch(url, {"source": "Rastan Coordination Committee", "source_kind": "monitoring_ngo"}, format="json")
    accepted = api.post(URL, RASTAN | {"commit": True, "accept": [position]}, format="json")

    citation = Citation.objects.get(pk=accepted.json()["proposals"][0]["citation_id"])
    assert (citation.source.name, citation.source.kind) == ("Rastan Coordination Committee", "monitoring_ngo")


@pytest.mark.parametrize(("body", "field"), [
    ({"match": {"relation": "same"}}, "match"),
    ({"match": {"relation": "same", "claim_id": 987654321}}, "match.claim_id"),
    ({"text": "  "}, "text"),
    ({"stance": "perhaps"}, "stance"),
    ({"source_kind": "astrologer"}, "source_kind"),
])
def test_an_incoherent_correction_gets_a_field_level_400(api, intake_world, body, field):
    url, _ = _rastan_proposal_url(api)

    response = api.patch(url, body, format="json")

    assert response.status_code == 400
    assert field in response.json()["fields"]


def test_correcting_a_decided_proposal_is_a_conflict_and_an_unknown_one_is_not_found(api, intake_world):
    url, position = _rastan_proposal_url(api)
    api.post(URL, RASTAN | {"commit": True, "accept": [position]}, format="json")

    decided = api.patch(url, {"stance": "denies"}, format="json")
    unknown = api.patch(url.replace(f"/proposals/{position}/", "/proposals/999/"), {"stance": "denies"}, format="json")

    assert decided.status_code == 409 and "already accepted" in decided.json()["detail"]
    assert unknown.status_code == 404


def test_only_the_importer_and_reviewers_may_correct_a_pending_proposal(api, intake_world, reviewer):
    from tests.factories import UserFactory

    url, _ = _rastan_proposal_url(api)
    other_journalist, desk = APIClient(), APIClient()
    other_journalist.force_authenticate(UserFactory(username="otto-other", roles=["journalist"]))
    desk.force_authenticate(reviewer)

    refused = other_journalist.patch(url, {"stance": "denies"}, format="json")
    by_reviewer = desk.patch(url, {"stance": "denies"}, format="json")
    by_importer = api.patch(url, {"stance": "asserts"}, format="json")

    assert refused.status_code == 403
    assert (by_reviewer.status_code, by_reviewer.json()["stance"]) == (200, "denies")
    assert (by_importer.status_code, by_importer.json()["stance"]) == (200, "asserts")
