"""Reviewers publish and unpublish fact-check pages over the API; the page embeds the very
ClaimReview the API serves."""

import json
import re

import pytest
from django.urls import reverse

from claims.models import Claim
from claims.services import citation_create, claim_create, review_create

SCRIPT_BREAKOUT = "</script><script>alert(1)</script>"


def _publish(client, claim):
    return client.post(reverse("claim-publish", kwargs={"claim_id": claim.pk}))


def _unpublish(client, claim):
    return client.post(reverse("claim-unpublish", kwargs={"claim_id": claim.pk}))


def test_reviewer_publishes_a_reviewed_claim_and_gets_its_page_url(client_for, reviewer, story):
    claim = story["assad_in_damascus"]

    response = _publish(client_for(reviewer), claim)

    assert response.status_code == 200
    body = response.json()
    assert body["id"] == claim.pk
    assert body["published_at"] is not None
    assert body["url"] == f"http://testserver/fact-checks/{claim.pk}/"
    claim.refresh_from_db()
    assert claim.published_by == reviewer


def test_publishing_a_claim_without_a_verdict_is_a_field_error(client_for, reviewer, story):
    response = _publish(client_for(reviewer), story["withdrawal"])

    assert response.status_code == 400
    assert "status" in response.json()["fields"]
    assert not Claim.objects.filter(published_at__isnull=False).exists()


def test_publishing_an_unknown_claim_is_not_found(client_for, reviewer, story):
    response = client_for(reviewer).post(reverse("claim-publish", kwargs={"claim_id": 999999}))

    assert response.status_code == 404


def test_journalist_cannot_publish(client_for, journalist, story):
    response = _publish(client_for(journalist), story["assad_in_damascus"])

    assert response.status_code == 403
    assert not Claim.objects.filter(published_at__isnull=False).exists()


def test_reviewer_unpublishes_and_the_page_is_gone(client, client_for, reviewer, story):
    claim = story["assad_in_damascus"]
    api = client_for(reviewer)
    _publish(api, claim)
    assert client.get(f"/fact-checks/{claim.pk}/").status_code == 200

    response = _unpublish(api, claim)

    assert response.status_code == 200
    assert response.json()["published_at"] is None
    assert client.get(f"/fact-checks/{claim.pk}/").status_code == 404


def test_claim_detail_and_list_say_when_it_was_published(api, client_for, reviewer, story):
    claim = story["assad_in_damascus"]
    published_at = _publish(client_for(reviewer), claim).json()["published_at"]

    detail = api.get(reverse("claim-detail", kwargs={"claim_id": claim.pk})).json()
    listed = {row["id"]: row for row in api.get(reverse("claim-list")).json()["results"]}

    assert detail["published_at"] == published_at
    assert listed[claim.pk]["published_at"] == published_at
    assert listed[story["withdrawal"].pk]["published_at"] is None


@pytest.mark.parametrize("where", ["text", "quote"])
def test_page_embeds_the_claimreview_the_api_serves_even_with_script_in_text_or_quote(
    api, client, client_for, reviewer, journalist, story, where
):
    text = f"Assad fled {SCRIPT_BREAKOUT}" if where == "text" else "Assad fled to Moscow"
    quote = SCRIPT_BREAKOUT if where == "quote" else "He left."
    claim = claim_create(text=text, created_by=journalist)
    citation_create(
        claim=claim, source=story["sohr"], via=story["afp"], quote=quote, url="https://e.org/1"
    )
    review_create(
        claim=claim, verdict="corroborated", evidence_note="Confirmed.", reviewer=reviewer
    )
    _publish(client_for(reviewer), claim)

    page = client.get(f"/fact-checks/{claim.pk}/").content.decode()
    served = api.get(reverse("claim-claimreview", kwargs={"claim_id": claim.pk})).json()

    assert "<script>alert(1)" not in page
    [embedded] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.DOTALL)
    assert json.loads(embedded) == served
