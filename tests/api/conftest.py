"""API test world: a token client per role and a small story to read and review."""

from datetime import UTC, datetime

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from claims.services import claim_create, review_create
from factcheck.api import api_token_create
from factcheck.api_policy import _redis_store
from sources.services import source_create, source_rating_create
from tests.broker import OwnRedis, free_port


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Every test here creates users with passwords; the production hasher would dominate the run.
    settings.PASSWORD_HASHERS = FAST_PASSWORD_HASHERS


@pytest.fixture(scope="session")
def cache_redis_url():
    """A Redis these tests start for the cache (throttle counters, token lookups)."""
    server = OwnRedis(free_port())
    server.start()
    yield f"redis://127.0.0.1:{server.port}/0"
    server.stop()


@pytest.fixture(autouse=True)
def cache_in_own_redis(cache_redis_url, settings):
    """The API's cache in the tests' own Redis, with token lookups cached as deployed."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {**settings.CACHES["default"], "LOCATION": cache_redis_url},
    }
    settings.API_TOKEN_CACHE_SECONDS = 60
    _redis_store.cache_clear()
    yield
    _redis_store.cache_clear()


@pytest.fixture(autouse=True)
def fresh_throttle_budget(cache_in_own_redis):
    """Throttle counters live in Redis, outside the test transaction: start each test afresh.
    Only this deployment's counters go; other checkouts may share the Redis database."""

    def forget_counters():
        store = _redis_store()
        prefix = settings.CACHES["default"].get("KEY_PREFIX", "")
        for key in store.scan_iter(match=f"{prefix}:throttle:*"):
            store.delete(key)

    forget_counters()
    yield
    forget_counters()


@pytest.fixture
def client_for(db):
    """An API client authenticated with the given user's token, or anonymous for None."""

    def make(user):
        client = APIClient()
        if user is not None:
            client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_create(user=user).token}")
        return client

    return make


@pytest.fixture
def api(client_for, journalist, story):
    """The journalist's token client, with the story in the database."""
    return client_for(journalist)


@pytest.fixture
def story(db, reviewer, journalist):
    """A slice of the December 2024 story: state media and SOHR, one claim each, one reviewed."""
    return story_build(reviewer=reviewer, journalist=journalist)


FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def story_build(*, reviewer, journalist) -> dict:
    """The `story` fixture's data, for worlds built once for several tests."""
    government = source_create(name="Syrian government", kind="government", country="SY")
    sana = source_create(
        name="SANA",
        slug="sana",
        kind="state_media",
        country="SY",
        parent=government,
        aliases=["Syrian Arab News Agency"],
        domains=["sana.sy"],
    )
    sohr = source_create(
        name="Syrian Observatory for Human Rights",
        slug="sohr",
        kind="monitoring_ngo",
        country="GB",
        aliases=["SOHR", "OSDH"],
    )
    afp = source_create(name="AFP", slug="afp", kind="news_agency", country="FR")
    source_rating_create(
        source=sohr, grade="B", rationale="Casualty counts usually hold up.", rated_by=reviewer
    )
    assad_in_damascus = claim_create(
        text="Assad remains in Damascus",
        created_by=journalist,
        topic="syria",
        place_name="Damascus",
        about_start=datetime(2024, 12, 7, tzinfo=UTC),
        citations=[
            {
                "source": sana,
                "quote": "President al-Assad is carrying out his constitutional duties",
                "url": "https://sana.sy/en/?p=339000",
                "published_at": datetime(2024, 12, 7, 18, tzinfo=UTC),
            }
        ],
    )
    withdrawal = claim_create(
        text="Regime forces withdrew from towns about 10 km south-west of Damascus",
        created_by=journalist,
        topic="syria",
        place_name="Damascus countryside",
        about_start=datetime(2024, 12, 7, tzinfo=UTC),
        citations=[
            {
                "source": sohr,
                "via": afp,
                "quote": "Rami Abdel Rahman said the army pulled out of Kanaker and Zakiyah",
                "url": "https://www.afp.com/en/news/withdrawal",
                "published_at": datetime(2024, 12, 7, 12, tzinfo=UTC),
            }
        ],
    )
    review_create(
        claim=assad_in_damascus,
        verdict="contradicted",
        evidence_note="Russian state media reported his arrival in Moscow on 8 December.",
        reviewer=reviewer,
        effective_at=datetime(2024, 12, 8, tzinfo=UTC),
    )
    return {
        "sana": sana,
        "sohr": sohr,
        "afp": afp,
        "government": government,
        "assad_in_damascus": assad_in_damascus,
        "withdrawal": withdrawal,
    }
