"""Token lookups cached in Redis: a request with a cached token makes no query for it, and every
change to the token, its user or the user's roles takes effect on the very next request, in every
process, whether or not the lookup was cached; with Redis down, tokens are looked up in the
database. The cache is the tests' own Redis (tests/api/conftest.py)."""

import pickle
import signal
import socket
import time

import pytest
import redis
from django.contrib.auth.models import Group
from django.db import transaction
from knox.crypto import hash_token
from rest_framework.test import APIClient, APIRequestFactory

from claims.api.claims import ClaimListCreateApi
from factcheck.api import api_token_create, api_token_revoke
from factcheck.api_policy import (
    _redis_store,
    _token_cache_add,
    _token_cache_key,
    token_cache_get,
)
from tests.broker import free_port

CLAIMS = "/api/v1/claims/"


@pytest.fixture
def cached_token(client_for, journalist, story):
    """The journalist's token, used once so that its lookup is in the cache; its client and
    digest."""
    token = api_token_create(user=journalist).token
    client = client_for(None)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get(CLAIMS).status_code == 200
    digest = hash_token(token)
    assert token_cache_get(digest) is not None
    return client, digest


def test_a_list_request_with_a_cached_token_makes_one_query_instead_of_two(
    cached_token, settings, django_assert_num_queries
):
    client, _ = cached_token

    with django_assert_num_queries(1):  # the page
        assert client.get(CLAIMS).status_code == 200
    settings.API_TOKEN_CACHE_SECONDS = 0
    with django_assert_num_queries(2):  # the token, the page
        assert client.get(CLAIMS).status_code == 200


def test_the_cached_lookup_gives_the_user_and_roles_the_database_gives(cached_token, journalist):
    _, digest = cached_token

    user = token_cache_get(digest)

    assert user.pk == journalist.pk and user.username == journalist.username
    assert user.is_active and not user.is_superuser
    assert user.role_names == frozenset({"journalist"})
    pk, _, pickled = _redis_store().get(_token_cache_key(digest)).partition(b":")
    assert int(pk) == journalist.pk
    assert "password" not in pickle.loads(pickled)[1]


def test_a_revoked_token_is_refused_on_the_next_request_though_it_was_cached(
    cached_token, django_capture_on_commit_callbacks
):
    client, _ = cached_token

    with django_capture_on_commit_callbacks(execute=True):
        assert client.delete("/api/v1/auth/token/revoke/").status_code == 204

    assert client.get(CLAIMS).status_code == 401


def _deactivate(user):
    user.is_active = False
    user.save()


def _new_password(user):
    user.set_password("a brand new passphrase")
    user.save()


def _leave_role(user):
    user.groups.remove(Group.objects.get(name="journalist"))


def _role_emptied(user):
    Group.objects.get(name="journalist").user_set.clear()


def _role_renamed(user):
    group = Group.objects.get(name="journalist")
    group.name = "former journalist"
    group.save()


def _role_deleted(user):
    Group.objects.get(name="journalist").delete()


@pytest.mark.parametrize(
    "change, status",
    [
        (_deactivate, 401),
        (_new_password, 401),
        (lambda user: user.delete(), 401),
        (lambda user: api_token_revoke(user=user), 401),
        (_leave_role, 403),
        (_role_emptied, 403),
        (_role_renamed, 403),
        (_role_deleted, 403),
    ],
    ids=[
        "deactivated",
        "password changed",
        "user deleted",
        "tokens revoked",
        "left the role",
        "role emptied",
        "role renamed",
        "role deleted",
    ],
)
def test_a_change_to_the_token_user_or_roles_applies_at_once_though_the_token_was_cached(
    cached_token, journalist, change, status, django_capture_on_commit_callbacks
):
    client, _ = cached_token

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        change(journalist)

    assert client.get(CLAIMS).status_code == status


def test_a_lookup_that_read_the_token_before_its_revocation_committed_is_not_cached_after_it(
    cached_token, journalist, django_capture_on_commit_callbacks
):
    client, digest = cached_token
    stale = token_cache_get(digest)
    read_at = time.monotonic()  # another process's lookup, before the revocation commits

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        api_token_revoke(user=journalist, digest=digest)
        # That process caches what it read, while the revocation has not committed and its first
        # marker is gone (a transaction longer than the cache time, say): it gets in...
        _redis_store().delete(_token_cache_key(digest))
        _token_cache_add(digest, None, stale, read_at)
        assert token_cache_get(digest) is not None
    # ...and the commit puts it out again; a lookup from before the commit cannot replace that.
    _token_cache_add(digest, None, stale, read_at)

    assert token_cache_get(digest) is None
    assert client.get(CLAIMS).status_code == 401


def test_a_lookup_slower_than_half_the_cache_time_is_not_cached(cached_token, settings):
    # A marker outlives the commit of its change by the cache time, so a lookup that read the
    # database before such a commit must be cached within half of it or not at all.
    _, digest = cached_token
    user = token_cache_get(digest)
    _redis_store().delete(_token_cache_key(digest))

    _token_cache_add(
        digest, None, user, time.monotonic() - settings.API_TOKEN_CACHE_SECONDS / 2 - 1
    )
    assert token_cache_get(digest) is None
    _token_cache_add(digest, None, user, time.monotonic())
    assert token_cache_get(digest) is not None


@pytest.fixture
def redis_down(settings):
    """The cache pointed at a port nothing listens on, until the test ends (the throttle budget
    is cleared afterwards)."""
    working = settings.CACHES
    settings.CACHES = {
        **working,
        "default": {**working["default"], "LOCATION": f"redis://127.0.0.1:{free_port()}/0"},
    }
    _redis_store.cache_clear()
    yield
    settings.CACHES = working
    _redis_store.cache_clear()


@pytest.fixture
def redis_hangs(settings):
    """The cache pointed at a socket that takes connections and never answers (a Redis stuck
    rather than stopped), until the test ends."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)  # connections complete in the backlog; nothing is ever read or sent
        working = settings.CACHES
        settings.CACHES = {
            **working,
            "default": {
                **working["default"],
                "LOCATION": f"redis://127.0.0.1:{listener.getsockname()[1]}/0",
            },
        }
        _redis_store.cache_clear()
        yield
        settings.CACHES = working
        _redis_store.cache_clear()


class StillWaiting(Exception):
    pass


def test_a_redis_that_hangs_does_not_hang_requests(
    client_for, journalist, story, redis_hangs, settings
):
    client = client_for(journalist)

    def give_up(signum, frame):
        raise StillWaiting("the request is still waiting on Redis")

    # Generous against the clients' half-second socket timeouts: only a request that waits on
    # Redis for ever is interrupted.
    previous = signal.signal(signal.SIGALRM, give_up)
    signal.alarm(30)
    try:
        response = client.get(CLAIMS)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)

    assert response.status_code == 200
    # What bounds the wait: the client gives up after the configured timeout (redis-py's own
    # default is ten times longer, and three calls a request add up).
    pool = _redis_store().connection_pool
    assert pool.connection_kwargs["socket_timeout"] == settings.REDIS_SOCKET_TIMEOUT
    assert pool.connection_kwargs["socket_connect_timeout"] == settings.REDIS_SOCKET_TIMEOUT


def test_with_redis_down_tokens_are_looked_up_in_the_database(
    client_for, journalist, story, redis_down, django_assert_num_queries
):
    client = client_for(journalist)
    refused = client_for(journalist)
    api_token_revoke(user=journalist)  # both tokens: the database refuses them
    client = client_for(journalist)
    inactive = client_for(journalist)

    with django_assert_num_queries(2):  # the token, the page
        assert client.get(CLAIMS).status_code == 200
    assert refused.get(CLAIMS).status_code == 401
    assert client.delete("/api/v1/auth/token/revoke/").status_code == 204
    assert client.get(CLAIMS).status_code == 401
    _deactivate(journalist)
    assert inactive.get(CLAIMS).status_code == 401


# --- The token lookup counts the request for the user's throttle, in the same round trip -----


@pytest.fixture
def two_a_day(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"user": "2/day", "anon": "2/day"},
    }


@pytest.fixture
def redis_round_trips(monkeypatch):
    """The Redis round trips made from here on: each command's name, or "pipeline"."""
    made = []
    single, pipelined = redis.Redis.execute_command, redis.client.Pipeline.execute

    def execute_command(client, *args, **options):
        if not isinstance(client, redis.client.Pipeline):
            made.append(args[0])
        return single(client, *args, **options)

    def execute(pipeline, *args, **options):
        made.append("pipeline")
        return pipelined(pipeline, *args, **options)

    monkeypatch.setattr(redis.Redis, "execute_command", execute_command)
    monkeypatch.setattr(redis.client.Pipeline, "execute", execute)
    return made


def test_a_request_with_a_cached_token_makes_one_redis_round_trip_for_token_and_throttle(
    cached_token, redis_round_trips
):
    client, _ = cached_token

    assert client.get(CLAIMS).status_code == 200
    assert redis_round_trips == ["EVALSHA"]


def test_a_users_tokens_share_one_throttle_budget_cached_or_not(
    client_for, journalist, reviewer, story, two_a_day
):
    first, second, other = client_for(journalist), client_for(journalist), client_for(reviewer)

    # The first request of each token looks it up in the database, the second finds it cached.
    assert first.get(CLAIMS).status_code == 200
    assert first.get(CLAIMS).status_code == 200
    assert second.get(CLAIMS).status_code == 429
    assert second.get(CLAIMS).status_code == 429
    assert other.get(CLAIMS).status_code == 200


def test_requests_with_a_revoked_cached_token_do_not_use_up_its_users_budget(
    two_a_day, cached_token, client_for, journalist, django_capture_on_commit_callbacks
):
    revoked, digest = cached_token  # its request above was counted: one left
    with django_capture_on_commit_callbacks(execute=True):
        api_token_revoke(user=journalist, digest=digest)
    working = client_for(journalist)

    assert [revoked.get(CLAIMS).status_code for _ in range(3)] == [401, 401, 401]
    assert [working.get(CLAIMS).status_code for _ in range(2)] == [200, 429]


def test_a_view_without_the_user_throttle_does_not_count_against_it(two_a_day, journalist, story):
    token = f"Token {api_token_create(user=journalist).token}"
    unthrottled = ClaimListCreateApi.as_view(throttle_classes=[])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=token)

    # The first looks the token up in the database, the others find it cached.
    for _ in range(3):
        request = APIRequestFactory().get(CLAIMS, HTTP_AUTHORIZATION=token)
        assert unthrottled(request).status_code == 200
    assert [client.get(CLAIMS).status_code for _ in range(3)] == [200, 200, 429]


def test_a_redis_that_lost_the_lookup_script_is_given_it_again(cached_token, redis_round_trips):
    # A restarted Redis (or a failover) knows no scripts until one is loaded.
    client, _ = cached_token
    _redis_store().script_flush()
    redis_round_trips.clear()

    assert client.get(CLAIMS).status_code == 200
    assert client.get(CLAIMS).status_code == 200
    assert redis_round_trips == ["EVALSHA", "SCRIPT LOAD", "EVALSHA", "EVALSHA"]
