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
