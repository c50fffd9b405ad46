"""Reliability and credibility over the API: the computed record on source lists and details,
the credibility explanation on claim details, and point-in-time answers with `?as_of=`."""

import pytest
from django.urls import reverse
from django.utils import timezone

from reliability.engine import reliability_recompute_all
from reliability.models import SourceReliability

SOURCES = "/api/v1/sources/"


def claim_url(claim):
    return reverse("claim-detail", kwargs={"claim_id": claim.pk})


def test_source_list_shows_human_grade_and_computed_reliability(api):
    reliability_recompute_all()

    rows = {row["slug"]: row for row in api.get(SOURCES).json()["results"]}

    sohr = SourceReliability.objects.get(source__slug="sohr")
    assert rows["sohr"]["current_grade"] == "B"
    assert rows["sohr"]["reliability"] == {
        "mean": sohr.mean,
        "lower": sohr.lower,
        "upper": sohr.upper,
        "letter": sohr.letter,
        "human_grade": "B",
        "decided_claims": 0,
        "letter_words": "F: too little evidence, 0 decided statements",
        "disagrees_with_grade": False,
        "newest_evidence_at": sohr.newest_evidence_at.isoformat().replace("+00:00", "Z"),
        "as_of": sohr.computed_at.isoformat().replace("+00:00", "Z"),
    }
    # The story's citations queued recompute requests that no worker has run in this test.
    assert rows["sohr"]["recompute_pending"] is True
    sana = rows["sana"]["reliability"]
    assert sana["human_grade"] is None and sana["decided_claims"] == 1
    assert sana["lower"] <= sana["mean"] <= sana["upper"]


def test_source_without_computed_reliability_shows_null(api):
    assert api.get(SOURCES, {"alias": "SOHR"}).json()["results"][0]["reliability"] is None
    assert api.get(f"{SOURCES}sohr/").json()["reliability"] is None


def test_source_detail_answers_as_of_a_date_from_the_evidence_available_then(api, story):
    reliability_recompute_all()

    stored = api.get(f"{SOURCES}sana/").json()["reliability"]
    # SANA's claim was published on 7 December and contradicted by a review recorded today.
    before_review = api.get(f"{SOURCES}sana/", {"as_of": "2024-12-07"}).json()["reliability"]
    later = (timezone.now() + timezone.timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M")
    after_review = api.get(f"{SOURCES}sana/", {"as_of": later}).json()["reliability"]

    assert stored["decided_claims"] == 1
    assert before_review["decided_claims"] == 0
    assert before_review["as_of"] == "2024-12-07T23:59:59.999999Z"
    assert before_review["mean"] > after_review["mean"]
    assert after_review["decided_claims"] == 1
    assert after_review["mean"] == pytest.approx(stored["mean"], abs=0.01)


@pytest.mark.parametrize("as_of", ["2024-13-01", "yesterday", "2024-12-07T25:00", " "])
def test_bad_as_of_is_a_400_naming_the_field(api, story, as_of):
    for url in [f"{SOURCES}sana/", claim_url(story["withdrawal"])]:
        response = api.get(url, {"as_of": as_of})

        assert response.status_code == 400, (url, response.content)
        assert list(response.json()["fields"]) == ["as_of"]


def test_claim_detail_shows_credibility_probability_and_explanation(api, story):
    reliability_recompute_all()

    withdrawal = api.get(claim_url(story["withdrawal"])).json()
    assad = api.get(claim_url(story["assad_in_damascus"])).json()

    explanation = withdrawal["credibility_explanation"]
    probability = withdrawal["credibility_probability"]
    assert probability == pytest.approx(explanation["probability"], abs=1e-4)
    assert explanation["basis"] == "sources"
    [voice] = explanation["voices"]
    assert voice["voice"] == "Syrian Observatory for Human Rights" and voice["shift"] > 0
    assert voice["statements"][0]["via"] == "AFP"
    assert withdrawal["credibility_as_of"] is None
    assert (assad["credibility_probability"], assad["credibility"]) == (0.0, 5)
    assert assad["credibility_explanation"]["basis"] == "review"
    assert assad["credibility_explanation"]["voices"][0]["statements"][0]["counted"] == "against"


def test_claim_detail_answers_credibility_as_of_a_date(api, story):
    reliability_recompute_all()

    before_review = api.get(claim_url(story["assad_in_damascus"]), {"as_of": "2024-12-07T20:00"})

    then = before_review.json()["credibility_as_of"]
    assert then["as_of"] == "2024-12-07T20:00:00Z"
    assert then["basis"] == "sources" and 0 < then["probability"] < 1
    assert before_review.json()["credibility"] == 5


def test_claim_detail_before_any_computation_has_no_explanation(api, story):
    claim = api.get(claim_url(story["withdrawal"])).json()

    assert claim["credibility_probability"] is None and claim["credibility_explanation"] is None
