"""A process reuses a token's lookup for a few seconds (factcheck.api_policy.TOKEN_CACHE_SECONDS):
the second request with a token makes no token query. Whatever revokes the token or changes its
holder is honoured at once in the process that did it; elsewhere within the cache's lifetime."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from knox.models import AuthToken

from factcheck import api_policy
from factcheck.api import api_token_create, api_token_revoke
from factcheck.api_policy import ROLE_JOURNALIST, ROLE_REVIEWER

CLAIMS = "/api/v1/claims/"


@pytest.fixture
def token_client(client_for, journalist):
    """(client, token) for the journalist, with this process's cache empty."""
    api_policy._token_cache.clear()
    token = api_token_create(user=journalist).token
    client = client_for(None)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client, token


def _token_queries(client, url=CLAIMS) -> int:
    with CaptureQueriesContext(connection) as made:
        assert client.get(url).status_code == 200
    return sum("t.token_key" in query["sql"] for query in made.captured_queries)


def test_a_token_is_looked_up_once_within_the_cache_lifetime(token_client):
    client, _ = token_client

    assert _token_queries(client) == 1
    assert _token_queries(client) == 0


def test_after_the_cache_lifetime_the_token_is_looked_up_again(token_client, monkeypatch):
    client, _ = token_client
    _token_queries(client)
    monkeypatch.setattr(api_policy, "TOKEN_CACHE_SECONDS", 0.0)

    assert _token_queries(client) == 1


def test_a_revoked_token_is_refused_at_once(token_client, journalist):
    client, token = token_client
    assert client.get(CLAIMS).status_code == 200

    api_token_revoke(user=journalist)

    assert client.get(CLAIMS).status_code == 401


def test_a_token_deleted_without_signals_is_refused_once_the_cache_lifetime_ends(
    token_client, monkeypatch
):
    # What another process's revocation looks like from here: the row is gone, nothing said so.
    client, _ = token_client
    assert client.get(CLAIMS).status_code == 200
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuthToken._meta.db_table}")

    assert client.get(CLAIMS).status_code == 200  # within the cache's lifetime
    monkeypatch.setattr(api_policy, "TOKEN_CACHE_SECONDS", 0.0)
    assert client.get(CLAIMS).status_code == 401


def test_a_cached_token_past_its_expiry_is_refused(token_client, monkeypatch):
    client, _ = token_client
    assert client.get(CLAIMS).status_code == 200
    later = timezone.now() + datetime.timedelta(days=365)
    monkeypatch.setattr(api_policy.timezone, "now", lambda: later)

    assert client.get(CLAIMS).status_code == 401


def test_a_deactivated_users_cached_token_is_refused_at_once(token_client, journalist):
    client, _ = token_client
    assert client.get(CLAIMS).status_code == 200

    journalist.is_active = False
    journalist.save()

    assert client.get(CLAIMS).status_code == 401


def test_a_role_taken_or_given_applies_at_once(token_client, journalist):
    client, _ = token_client
    assert client.get(CLAIMS).status_code == 200

    journalist.groups.remove(Group.objects.get(name=ROLE_JOURNALIST))
    assert client.get(CLAIMS).status_code == 403

    journalist.groups.add(Group.objects.get(name=ROLE_REVIEWER))
    assert client.get(CLAIMS).status_code == 200


def test_requests_get_their_own_copy_of_the_cached_user(token_client, journalist):
    client, _ = token_client
    first = client.get(CLAIMS).wsgi_request.user
    second = client.get(CLAIMS).wsgi_request.user

    assert first == second == journalist
    assert first is not second
