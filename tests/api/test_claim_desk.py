"""The reviewers' desk over the API: the claim text cap, who is checking a claim, notes."""

import pytest

from claims.models import Claim
from factcheck.text import CLAIM_TEXT_MAX_LENGTH
from tests.factories import ClaimFactory, SourceFactory, UserFactory

pytestmark = pytest.mark.django_db

CLAIMS = "/api/v1/claims/"


def test_api_answers_a_longer_claim_text_with_a_400_on_the_text_field(client_for, journalist):
    source = SourceFactory(name="SANA")
    body = {"text": "w" * (CLAIM_TEXT_MAX_LENGTH + 1), "citation": {"source": source.name}}

    response = client_for(journalist).post("/api/v1/claims/", body, format="json")

    assert response.status_code == 400
    assert "text" in response.json()["fields"]
    assert not Claim.objects.exists()
