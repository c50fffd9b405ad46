"""Every error from /api/ has one JSON shape; bad input is a 400 naming the field, never a 500."""

import pytest
import redis
from django.urls import reverse

from claims.models import Claim

CLAIMS = "/api/v1/claims/"


def _claim(**overrides):
    body = {"text": "HTS has captured Hama", "citation": {"source": "sohr", "stance": "asserts"}}
    body.update(overrides)
    return body


@pytest.mark.parametrize(
    "body, field",
    [
        (_claim(text=""), "text"),
        (_claim(text="   "), "text"),
        (_claim(text="\u200b\u200d\u2060\ufeff\u00ad"), "text"),
        (_claim(text="\u3164 \u2800"), "text"),
        (_claim(text="x" * 2001), "text"),
        (_claim(tags=[f"tag{n}" for n in range(21)]), "tags"),
        (_claim(tags=[f"tag{n}" for n in range(100_000)]), "tags"),
        (_claim(citation={"source": "sohr", "quote": "q" * 10_001}), "citation.quote"),
        (_claim(citation={"source": "Nobody News", "stance": "asserts"}), "citation.source"),
        (_claim(citation={"source": "sohr", "stance": "maybe"}), "citation.stance"),
        (
            _claim(citation={"source": "sohr", "published_at": "7 December"}),
            "citation.published_at",
        ),
        (_claim(about_start="2024-13-45"), "about_start"),
        (
            _claim(about_start="2024-12-08T00:00Z", about_end="2024-12-07T00:00Z"),
            "non_field_errors",
        ),
        (_claim(latitude=123), "latitude"),
        (_claim(citation={"source": "sohr", "via": "SOHR"}), "non_field_errors"),
        ({"text": "No citation"}, "citation"),
        ([1, 2, 3], "non_field_errors"),
    ],
)
def test_bad_claim_is_rejected_with_the_offending_field_and_nothing_written(api, body, field):
    before = Claim.objects.count()

    response = api.post(CLAIMS, body, format="json")

    assert response.status_code == 400
    error = response.json()
    assert error["status"] == 400 and error["code"] == "invalid"
    assert field in error["fields"], error
    assert Claim.objects.count() == before


def test_text_at_the_caps_is_accepted_and_invisible_edges_are_trimmed(api):
    at_caps = api.post(
        CLAIMS, _claim(text="x" * 1000, tags=[f"tag{n}" for n in range(20)]), format="json"
    )
    trimmed = api.post(
        CLAIMS,
        _claim(text="\u200bHTS has captured Hama\ufeff", tags=["\u2060", " syria\u200b"]),
        format="json",
    )

    assert at_caps.status_code == 201, at_caps.content
    assert trimmed.status_code == 201, trimmed.content
    claim = Claim.objects.get(pk=trimmed.json()["id"])
    assert (claim.text, claim.tags) == ("HTS has captured Hama", ["syria"])


@pytest.mark.parametrize("note", ["\u200b\u200c", "n" * 10_001])
def test_an_invisible_or_oversized_evidence_note_is_a_400(client_for, reviewer, story, note):
    response = client_for(reviewer).post(
        f"/api/v1/claims/{story['withdrawal'].pk}/reviews/",
        {"verdict": "corroborated", "evidence_note": note},
        format="json",
    )

    assert response.status_code == 400
    assert "evidence_note" in response.json()["fields"]


def test_the_database_refuses_invisible_only_claim_text_and_too_many_tags(story):
    from django.db import IntegrityError, transaction

    claim = story["withdrawal"]
    for change in ({"text": "\u200b\u2060"}, {"tags": ["t"] * 21}, {"text": "x" * 2001}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Claim.objects.filter(pk=claim.pk).update(**change)


def _forged_cursor(position: str) -> str:
    from rest_framework.pagination import Cursor, CursorPagination

    return (
        CursorPagination()
        .encode_cursor.__func__(
            type("P", (), {"base_url": "http://testserver/", "cursor_query_param": "cursor"})(),
            Cursor(offset=0, reverse=False, position=position),
        )
        .split("cursor=", 1)[1]
    )


@pytest.mark.parametrize(
    "query",
    [
        {"q": "damascus", "ordering": "-relevance"},
        {"ordering": "-created_at"},
        {},
    ],
)
def test_forged_cursor_position_is_a_400_naming_the_cursor(api, query):
    response = api.get(CLAIMS, {**query, "cursor": _forged_cursor("not-a-number")})

    assert response.status_code == 400
    assert response.json()["fields"] == {"cursor": ["Invalid cursor."]}


@pytest.mark.parametrize("depth", [33, 1000, 100_000])
def test_deeply_nested_json_is_a_400_not_a_crash(api, depth):
    body = "[" * depth + "]" * depth

    response = api.generic("POST", CLAIMS, body, content_type="application/json")

    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"


def test_json_nested_to_the_limit_is_parsed(api):
    body = {"text": "HTS has captured Hama", "citation": {"source": "sohr", "stance": "asserts"}}
    nested = body
    for _ in range(15):
        nested["tags"] = [{}]
        nested = nested["tags"][0]
    nested["tags"] = []  # the 32nd level

    response = api.post(CLAIMS, body, format="json")

    # Parsed, then refused by the serializer for what it says, not for its depth.
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


def test_malformed_json_is_a_400(api):
    response = api.generic(
        "POST", CLAIMS, '{"text": "unterminated', content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"


def test_oversized_body_is_a_400(api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = api.post(CLAIMS, _claim(text="x" * 2000), format="json")

    assert response.status_code == 400
    assert "larger than 1000 bytes" in response.json()["detail"]


def test_form_encoded_body_is_unsupported_media_type(api):
    response = api.post(CLAIMS, {"text": "HTS has captured Hama"})

    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"


def test_unknown_claim_is_a_json_404(api):
    response = api.get(reverse("claim-detail", kwargs={"claim_id": 999_999_999}))

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_unknown_api_url_is_a_json_404_not_an_html_page(api):
    response = api.get("/api/v1/claims")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["status"] == 404


def test_wrong_method_is_a_405_listing_the_allowed_ones(api, story):
    response = api.delete(reverse("claim-detail", kwargs={"claim_id": story["withdrawal"].pk}))

    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"
    assert "GET" in response["Allow"]


def test_missing_token_is_a_401_that_names_the_scheme(client_for, story):
    response = client_for(None).get(CLAIMS)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json()["code"] == "not_authenticated"


def test_invalid_query_parameter_is_a_400(api):
    response = api.get(CLAIMS, {"status": "rumour", "reviewed_since": "last week"})

    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"status", "reviewed_since"}


def test_unexpected_failure_is_a_json_500_and_logged(api, monkeypatch, caplog):
    def broken(**kwargs):
        raise RuntimeError("database on fire")

    monkeypatch.setattr("reliability.api.claim_detail", broken)
    response = api.get(reverse("claim-detail", kwargs={"claim_id": 1}))

    assert response.status_code == 500
    assert response.json() == {
        "status": 500,
        "code": "server_error",
        "detail": "Unexpected server error.",
    }
    assert "database on fire" in caplog.text


def test_too_many_requests_is_a_429_with_retry_after(client_for, journalist, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"user": "3/day", "anon": "3/day"},
    }
    client = client_for(journalist)

    statuses = [client.get(CLAIMS).status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    response = client.get(CLAIMS)
    assert int(response["Retry-After"]) > 0
    assert response.json()["code"] == "throttled"


def test_throttle_counts_each_user_separately(client_for, journalist, reviewer, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"user": "2/day", "anon": "2/day"},
    }
    busy, other = client_for(journalist), client_for(reviewer)
    for _ in range(3):
        busy.get(CLAIMS)

    assert busy.get(CLAIMS).status_code == 429
    assert other.get(CLAIMS).status_code == 200


def test_requests_pass_unthrottled_when_redis_is_unreachable(client_for, journalist, monkeypatch):
    def unreachable():
        raise redis.ConnectionError("no route to host")

    monkeypatch.setattr("factcheck.api_policy._redis_store", unreachable)

    assert client_for(journalist).get(CLAIMS).status_code == 200
