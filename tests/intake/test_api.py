"""The intake API in one process: the worker's reading is run here by calling its task in-process
(tests/intake/test_worker.py runs a real worker on the real broker), so a test sees 202, then the
result."""

import pytest
from rest_framework.test import APIClient

from claims.models import Citation, Claim
from intake import api as intake_api
from intake.models import ArticleImport, IntakeProposal
from intake.tasks import intake_article_extract
from tests.intake_data import seed_dir

URL = "/api/v1/intake/"


@pytest.fixture
def api(journalist, monkeypatch):
    # No worker runs in these tests: waiting for one would only slow them down.
    monkeypatch.setattr(intake_api, "INTAKE_SYNC_WAIT", 0)
    client = APIClient()
    client.force_authenticate(journalist)
    return client


def imported(api, payload):
    """Post an article, let the worker's task read it, and poll: the body a client ends up with."""
    posted = api.post(URL, payload, format="json")
    assert posted.status_code == 202, posted.json()
    assert (
        posted.json()["article"]["status"] == "queued"
        and posted["Location"] == posted.json()["poll"]
    )
    intake_article_extract.apply(args=[posted.json()["article"]["id"]])
    polled = api.get(posted.json()["poll"])
    assert polled.status_code == 200 and polled.json()["article"]["status"] == "done"
    return polled.json()


def accept(api, body, positions):
    return api.post(f"{URL}{body['article']['id']}/accept/", {"accept": positions}, format="json")


def seed_payload(**extra):
    text = (seed_dir() / "article-syria-offensive-2024-12.txt").read_text()
    return {"text": text, "outlet": "Example News", "published_at": "2024-12-07T09:00:00Z"} | extra


def test_posting_the_seed_article_returns_the_demo_claims_as_proposals(api, intake_world):
    proposals = imported(api, seed_payload())["proposals"]

    demo = intake_world["claims"]
    by_claim = {
        (p["match"]["claim_id"], p["source"]["name"], p["match"]["relation"]) for p in proposals
    }
    assert (demo["demo-2"].pk, "Syrian state media", "contradicts") in by_claim
    assert (demo["demo-8"].pk, "Abu Mohammed al-Golani", "same") in by_claim
    golani = next(p for p in proposals if p["match"]["claim_id"] == demo["demo-8"].pk)
    assert golani["via"]["name"] == "CNN" and golani["stance"] == "asserts"
    assert Claim.objects.count() == len(intake_world["claims"])


def test_commit_without_a_list_of_positions_accepts_nothing_and_says_so(api, intake_world):
    body = imported(api, seed_payload())

    again = api.post(URL, seed_payload(commit=True), format="json")
    empty = api.post(URL, seed_payload(commit=True, accept=[]), format="json")
    bare = api.post(f"{URL}{body['article']['id']}/accept/", {}, format="json")

    for response in (again, empty, bare):
        assert response.status_code == 400
        assert response.json()["fields"] == {
            "accept": ["List the positions of the proposals to accept; nothing was accepted."]
        }
    assert not Citation.objects.filter(url="").exclude(source__name="Syrian state media").exists()
    assert not IntakeProposal.objects.filter(status="accepted").exists()


def test_commit_with_chosen_positions_accepts_only_those(api, intake_world):
    first = imported(api, seed_payload())
    golani = next(p for p in first["proposals"] if p["source"]["name"] == "Abu Mohammed al-Golani")

    response = api.post(URL, seed_payload(commit=True, accept=[golani["position"]]), format="json")

    assert response.status_code == 200
    statuses = {p["position"]: p["status"] for p in response.json()["proposals"]}
    assert statuses[golani["position"]] == "accepted"
    assert list(statuses.values()).count("accepted") == 1
    assert Citation.objects.filter(
        claim=intake_world["claims"]["demo-8"], source__name="Abu Mohammed al-Golani"
    ).exists()


def test_commit_on_an_article_not_shown_before_accepts_nothing(api, intake_world):
    response = api.post(URL, seed_payload(commit=True, accept=[1, 2]), format="json")

    assert response.status_code == 202
    assert "Nothing was accepted" in response.json()["notice"]
    assert not IntakeProposal.objects.filter(status="accepted").exists()


def test_accepted_citation_is_exactly_what_the_proposal_showed(api, intake_world):
    body = imported(
        api, seed_payload(url="https://example.news/syria-offensive", topic="syria-2024")
    )
    shown = next(
        p
        for p in body["proposals"]
        if p["source"]["name"] == "Syrian Observatory for Human Rights"
        and p["match"]["relation"] == "same"
    )

    accepted = accept(api, body, [shown["position"]])

    [after] = [p for p in accepted.json()["proposals"] if p["position"] == shown["position"]]
    citation = Citation.objects.select_related("source", "via").get(pk=after["citation_id"])
    assert (
        citation.claim_id == shown["match"]["claim_id"]
        and citation.source.name == shown["source"]["name"]
    )
    assert citation.stance == shown["stance"] and citation.quote == shown["quote"]
    assert (citation.via.name if citation.via else None) == (shown["via"] or {}).get("name")
    assert citation.url == "https://example.news/syria-offensive"
    assert Citation.objects.filter(url="https://example.news/syria-offensive").count() == 1


def test_outlet_and_topic_given_at_import_carry_to_every_proposal_and_new_claim(api, intake_world):
    body = imported(api, seed_payload(topic="syria-2024"))
    new = next(p for p in body["proposals"] if p["match"]["relation"] == "new")

    accept(api, body, [new["position"]])

    assert body["article"]["outlet"] == "Example News" and body["article"]["topic"] == "syria-2024"
    relayed = [p for p in body["proposals"] if p["source"]["name"] != "Example News"]
    assert relayed and all(p["via"] for p in relayed)
    assert Claim.objects.get(text=new["text"]).topic == "syria-2024"


def test_posting_the_same_article_again_proposes_nothing_new(api, intake_world):
    imported(api, seed_payload())

    again = api.post(URL, seed_payload(), format="json")

    assert again.status_code == 200 and again.json()["article"]["created"] is False
    assert ArticleImport.objects.count() == 1


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"text": ""}, "text"),
        ({"text": "   "}, "text"),
        ({"text": "a", "html": "<p>a</p>"}, "html"),
        ({"text": "Rebels took Homs, officials said.", "commit": True}, "accept"),
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

    assert (
        client.post(URL, {"text": "Rebels took Homs, officials said."}, format="json").status_code
        == 403
    )


def test_accepting_a_position_the_article_does_not_have_is_refused_and_nothing_is_saved(
    api, intake_world
):
    body = imported(api, seed_payload())

    response = accept(api, body, [1, 999])

    assert response.status_code == 400
    assert response.json()["fields"] == {"accept": ["The article has no proposal at position 999."]}
    assert not IntakeProposal.objects.filter(status="accepted").exists()


def test_pasted_text_can_carry_its_url_which_is_not_fetched(api, intake_world):
    body = imported(
        api,
        {"text": RASTAN["text"], "url": "http://127.0.0.1:9/never-fetched", "outlet": "Reuters"},
    )

    assert body["article"]["url"] == "http://127.0.0.1:9/never-fetched"
    assert len(body["proposals"]) == 1


RASTAN = {
    "text": "Rebel commander Hassan Abdul Ghani said on Friday that fighters had reached the "
    "outskirts of the "
    "town of Rastan.",
    "outlet": "Reuters",
    "published_at": "2024-12-07T09:00:00Z",
}


def _rastan_proposal_url(api):
    body = imported(api, RASTAN)
    [proposal] = body["proposals"]
    return f"{URL}{body['article']['id']}/proposals/{proposal['position']}/", proposal["position"]


def test_journalist_corrects_a_proposal_then_accepts_it_as_corrected(api, intake_world):
    url, position = _rastan_proposal_url(api)
    entered = intake_world["claims"]["hama-entered"]

    corrected = api.patch(
        url,
        {
            "text": "Rebels reached the outskirts of Rastan",
            "source": "OSDH",
            "match": {"relation": "contradicts", "claim_id": entered.pk},
        },
        format="json",
    )
    accepted = api.post(URL, RASTAN | {"commit": True, "accept": [position]}, format="json")

    assert corrected.status_code == 200
    assert corrected.json()["source"] == {
        "id": intake_world["sources"]["Syrian Observatory for Human Rights"].pk,
        "name": "Syrian Observatory for Human Rights",
        "kind": "monitoring_ngo",
        "parent": "",
        "known": True,
    }
    assert accepted.status_code == 200
    citation = Citation.objects.get(pk=accepted.json()["proposals"][0]["citation_id"])
    assert (citation.claim, citation.source.name, citation.stance) == (
        entered,
        "Syrian Observatory for Human Rights",
        "denies",
    )


def test_a_new_source_named_in_a_correction_is_created_with_its_kind_on_acceptance(
    api, intake_world
):
    url, position = _rastan_proposal_url(api)

    api.patch(
        url,
        {"source": "Rastan Coordination Committee", "source_kind": "monitoring_ngo"},
        format="json",
    )
    accepted = api.post(URL, RASTAN | {"commit": True, "accept": [position]}, format="json")

    citation = Citation.objects.get(pk=accepted.json()["proposals"][0]["citation_id"])
    assert (citation.source.name, citation.source.kind) == (
        "Rastan Coordination Committee",
        "monitoring_ngo",
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"match": {"relation": "same"}}, "match"),
        ({"match": {"relation": "same", "claim_id": 987654321}}, "match.claim_id"),
        ({"text": "  "}, "text"),
        ({"stance": "perhaps"}, "stance"),
        ({"source_kind": "astrologer"}, "source_kind"),
    ],
)
def test_an_incoherent_correction_gets_a_field_level_400(api, intake_world, body, field):
    url, _ = _rastan_proposal_url(api)

    response = api.patch(url, body, format="json")

    assert response.status_code == 400
    assert field in response.json()["fields"]


def test_correcting_a_decided_proposal_is_a_conflict_and_an_unknown_one_is_not_found(
    api, intake_world
):
    url, position = _rastan_proposal_url(api)
    api.post(URL, RASTAN | {"commit": True, "accept": [position]}, format="json")

    decided = api.patch(url, {"stance": "denies"}, format="json")
    unknown = api.patch(
        url.replace(f"/proposals/{position}/", "/proposals/999/"),
        {"stance": "denies"},
        format="json",
    )

    assert decided.status_code == 409 and "already accepted" in decided.json()["detail"]
    assert unknown.status_code == 404


def test_only_the_importer_and_reviewers_may_correct_a_pending_proposal(
    api, intake_world, reviewer
):
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
