"""Every endpoint × method × role: anonymous callers get 401, users without the role 403,
methods an endpoint does not have 405, and allowed calls succeed."""

import itertools

import pytest
from django.test import override_settings
from django.urls import reverse

from jobs.webhooks import webhook_subscription_create
from tests.api.conftest import FAST_PASSWORD_HASHERS, story_build
from tests.conftest import RolledBackData, desk_reviewer
from tests.factories import ClaimFactory, UserFactory

# "staff" is a superuser; "staff-only" may open the admin but has no group: staff status grants
# no role in the API.
ROLES = ["anonymous", "outsider", "staff-only", "journalist", "reviewer", "staff"]
METHODS = ["get", "post", "put", "patch", "delete"]
# Who may: "anyone" (no token needed), "user" (any token), "journalist" (journalist, reviewer,
# staff), "reviewer" (reviewer, staff).
MAY = {
    "anyone": set(ROLES),
    "user": {"outsider", "staff-only", "journalist", "reviewer", "staff"},
    "journalist": {"journalist", "reviewer", "staff"},
    "reviewer": {"reviewer", "staff"},
}


def _valid_body(endpoint, story, user_password):
    return {
        "auth-token": user_password,
        "source-list": {"name": "Reuters", "kind": "news_agency", "aliases": ["Reuters News"]},
        "source-ratings": {"grade": "A", "rationale": "Consistently accurate."},
        "claim-list": {
            "text": "HTS has captured Aleppo",
            "citation": {"source": "OSDH", "stance": "asserts", "url": "https://example.org/a"},
        },
        "claim-citations": {"source": "afp", "stance": "denies", "quote": "Not confirmed."},
        "claim-reviews": {"verdict": "corroborated", "evidence_note": "Seen on video."},
        "claim-notes": {"text": "Called the ministry."},
        "claim-assignment": {},
        "claim-merge": {"into": story["withdrawal"].pk},
        "intake": {"text": "Rebels entered Hama on Thursday, the Syrian Observatory said."},
        "intake-proposal": {"stance": "denies"},
        "intake-accept": {"accept": [1]},
        "subscription-list": {
            "kind": "topic",
            "topic": "syria",
            "target_url": "https://n.example/h",
        },
    }.get(endpoint)


def _pending_proposal(importer):
    """Proposals are corrected by their importer (or a reviewer), so each caller imports its own."""
    from intake.services import article_import_create

    article = article_import_create(
        text="Rebels entered Hama on Thursday, the Syrian Observatory said.",
        outlet_name="Reuters",
        created_by=importer,
    ).article
    return {"article_id": article.pk, "position": article.proposals.get().position}


def _subscription_of(user):
    """Subscriptions are their owner's alone (others get 404), so each caller gets their own."""
    return webhook_subscription_create(
        owner=user, target_url="https://newsroom.example/hook", kind="topic", topic="syria"
    )


# endpoint name -> (url kwargs from the story, who may call it, its methods). The role check
# comes first, so a caller without the role learns nothing about the methods (401/403, not 405).
ENDPOINTS = {
    "auth-token": (lambda s, user: {}, "anyone", {"post"}),
    "auth-token-revoke": (lambda s, user: {}, "user", {"delete"}),
    "source-list": (lambda s, user: {}, "journalist", {"get", "post"}),
    "source-detail": (lambda s, user: {"slug": "sohr"}, "journalist", {"get"}),
    "source-ratings": (lambda s, user: {"slug": "sohr"}, "reviewer", {"post"}),
    "claim-list": (lambda s, user: {}, "journalist", {"get", "post"}),
    "claim-detail": (lambda s, user: {"claim_id": s["withdrawal"].pk}, "journalist", {"get"}),
    "claim-citations": (lambda s, user: {"claim_id": s["withdrawal"].pk}, "journalist", {"post"}),
    "claim-reviews": (lambda s, user: {"claim_id": s["withdrawal"].pk}, "reviewer", {"post"}),
    "claim-notes": (lambda s, user: {"claim_id": s["withdrawal"].pk}, "reviewer", {"post"}),
    "claim-assignment": (
        lambda s, user: {"claim_id": s["withdrawal"].pk},
        "reviewer",
        {"put", "delete"},
    ),
    "claim-claimreview": (
        lambda s, user: {"claim_id": s["assad_in_damascus"].pk},
        "journalist",
        {"get"},
    ),
    "claimreview-feed": (lambda s, user: {}, "journalist", {"get"}),
    "claim-publish": (
        lambda s, user: {"claim_id": s["assad_in_damascus"].pk},
        "reviewer",
        {"post"},
    ),
    "claim-unpublish": (
        lambda s, user: {"claim_id": s["assad_in_damascus"].pk},
        "reviewer",
        {"post"},
    ),
    "claim-merge": (lambda s, user: {"claim_id": ClaimFactory().pk}, "reviewer", {"post"}),
    "intake": (lambda s, user: {}, "journalist", {"post"}),
    "intake-proposal": (lambda s, user: _pending_proposal(user), "journalist", {"patch"}),
    "intake-article": (
        lambda s, user: {"article_id": _pending_proposal(user)["article_id"]},
        "journalist",
        {"get"},
    ),
    "intake-accept": (
        lambda s, user: {"article_id": _pending_proposal(user)["article_id"]},
        "journalist",
        {"post"},
    ),
    "subscription-list": (lambda s, user: {}, "journalist", {"get", "post"}),
    "subscription-detail": (
        lambda s, user: {"subscription_id": _subscription_of(user or UserFactory()).pk},
        "journalist",
        {"get", "delete"},
    ),
    "api-schema": (lambda s, user: {}, "anyone", {"get"}),
    "api-docs": (lambda s, user: {}, "anyone", {"get"}),
    "api-redoc": (lambda s, user: {}, "anyone", {"get"}),
}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The story and a user of each role, built once for the file's few hundred tests (each test
    still runs in its own savepoint, so what one writes the next does not see)."""

    def build():
        reviewer = desk_reviewer()
        journalist = UserFactory(username="jo-journalist", roles=["journalist"])
        users = {
            "anonymous": None,
            "outsider": UserFactory(username="otto-outsider"),
            "staff-only": UserFactory(username="stella-staff", is_staff=True),
            "journalist": journalist,
            "reviewer": reviewer,
            "staff": UserFactory(username="sam-staff", is_staff=True, is_superuser=True),
        }
        return story_build(reviewer=reviewer, journalist=journalist), users

    data = RolledBackData(django_db_blocker)
    with override_settings(PASSWORD_HASHERS=FAST_PASSWORD_HASHERS):
        built = data.build(build)
    yield built
    data.roll_back()


def _expected_status(endpoint, method, role):
    _, who, methods = ENDPOINTS[endpoint]
    if role not in MAY[who]:
        return 401 if role == "anonymous" else 403
    if method not in methods:
        return 405
    if method == "delete":
        return 204
    if method == "post" and endpoint in POST_STATUS:
        return POST_STATUS[endpoint]
    return 201 if method == "post" and endpoint != "auth-token" else 200


# A new article is read by a worker (none runs here): 202 and a URL to poll. Accepting creates
# citations but answers with the article's proposals.
# Publishing changes a claim's state, it creates nothing: 200.
POST_STATUS = {
    "auth-token": 200,
    "intake": 202,
    "intake-accept": 200,
    "claim-publish": 200,
    "claim-unpublish": 200,
    "claim-merge": 200,
}


@pytest.mark.parametrize("endpoint, role", list(itertools.product(ENDPOINTS, ROLES)))
def test_endpoint_answers_each_method_by_the_callers_role(client_for, world, endpoint, role):
    story, users = world
    kwargs_for, _, _ = ENDPOINTS[endpoint]
    user = users[role]
    client = client_for(user)
    url = reverse(endpoint, kwargs=kwargs_for(story, user))
    login = {
        "username": (user or users["journalist"]).username,
        "password": "correct horse battery staple",
    }

    answered, errors_in_api_shape = {}, {}
    for method in METHODS:  # DELETE last: revoking the token must not affect the others
        body = _valid_body(endpoint, story, login) if method in ("post", "put", "patch") else None
        response = getattr(client, method)(url, body, format="json")
        answered[method] = response.status_code
        if response.status_code >= 400:
            errors_in_api_shape[method] = response.json()["status"] == response.status_code

    assert answered == {method: _expected_status(endpoint, method, role) for method in METHODS}
    assert all(errors_in_api_shape.values())


def _route_names(patterns):
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            yield from _route_names(pattern.url_patterns)
        elif pattern.name:
            yield pattern.name


def test_every_api_route_is_in_the_permission_matrix():
    from factcheck.urls import api_v1

    assert set(_route_names(api_v1)) <= set(ENDPOINTS)
