"""The acceptance story: on the demo, a reviewer's verdicts through the API lift SOHR's computed
reliability above Syrian state media's once the recompute job has run, and the explanation of the
verdicts' effect is visible in the API and the admin."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from claims.models import Claim
from factcheck.demo import DEMO_REVIEWER, demo_load
from jobs.recompute import recompute_request_process, recompute_requests_undone

ASSAD_REMAINS = "Assad remains in Damascus"
SOHR_CLAIMS = [
    "Regime forces withdrew from towns about 10 km south-west of Damascus",
    "Iran's military advisers have begun withdrawing from Syria",
]
STATE_MEDIA = ["sana", "syrian-state-tv"]


def run_recompute_jobs() -> int:
    """What the worker does with the requests the reviews stored, synchronously."""
    waiting = recompute_requests_undone(older_than=timezone.now())
    for request_id in waiting:
        recompute_request_process(request_id=request_id)
    return len(waiting)


def review(api, text, verdict, effective_at):
    claim = Claim.objects.get(text=text)
    response = api.post(
        reverse("claim-reviews", kwargs={"claim_id": claim.pk}),
        {
            "verdict": verdict,
            "effective_at": effective_at,
            "evidence_note": "Checked against later reporting from inside Syria.",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    return claim


def reliability(api, slug):
    response = api.get(f"/api/v1/sources/{slug}/")
    assert response.status_code == 200, response.content
    return response.json()["reliability"]


def test_verdicts_on_the_demo_lift_sohr_above_syrian_state_media_with_the_reasons_shown(
    db, client_for, client
):
    demo_load()
    reviewer = get_user_model().objects.get(username=DEMO_REVIEWER)
    api = client_for(reviewer)
    before = {slug: reliability(api, slug) for slug in ["sohr", *STATE_MEDIA]}

    assad = review(api, ASSAD_REMAINS, "contradicted", "2024-12-08T00:00:00Z")
    for text in SOHR_CLAIMS:
        review(api, text, "corroborated", "2024-12-07T00:00:00Z")
    assert run_recompute_jobs() >= 3

    after = {slug: reliability(api, slug) for slug in ["sohr", *STATE_MEDIA]}
    assert after["sohr"]["mean"] > before["sohr"]["mean"]
    assert after["sohr"]["decided_claims"] == 2
    for slug in STATE_MEDIA:
        assert after[slug]["mean"] < before[slug]["mean"]
        assert after["sohr"]["mean"] > after[slug]["mean"]
        assert after[slug]["decided_claims"] == 1

    detail = api.get(reverse("claim-detail", kwargs={"claim_id": assad.pk})).json()
    assert (detail["status"], detail["credibility"], detail["credibility_probability"]) == (
        "contradicted",
        5,
        0.0,
    )
    explanation = detail["credibility_explanation"]
    assert explanation["basis"] == "review"
    [state] = explanation["voices"]
    assert state["voice"] == "Syrian government"
    assert {s["source"]: s["counted"] for s in state["statements"]} == {
        "SANA": "against",
        "Syrian state TV": "against",
    }

    client.force_login(reviewer)
    page = client.get(reverse("admin:claims_claim_change", args=[assad.pk])).content.decode()
    assert "Credibility explained" in page
    assert "from the reviewers' verdict (contradicted)" in page
    assert "Syrian government" in page and "counted against the source" in page
