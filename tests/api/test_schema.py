"""The OpenAPI schema is valid and the live app keeps to it: schemathesis generates requests for
every operation from the schema and checks each response (no server error, documented status,
content type and body), in-process through the WSGI app on the real test database."""

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from factcheck.api import api_token_create
from factcheck.wsgi import application
from reliability.engine import reliability_recompute_all


def test_schema_is_valid_openapi(tmp_path):
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml")
    )


@pytest.fixture
def api_schema(db, story, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"user": "100000/minute", "anon": "100000/minute"},
    }
    # The app runs inside the test's transaction; like Django's test client, keep the request
    # signals from closing that connection.
    # Computed reliability and credibility explanations, so their documented shapes are checked.
    reliability_recompute_all()
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/schema/", application)
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


schema = schemathesis.pytest.from_fixture("api_schema")


# Revoking spends the token the request carries: that operation gets a fresh one each time.
TOKEN_SPENDING_OPERATION = "DELETE /api/v1/auth/token/revoke/"


@pytest.fixture
def staff_token(staff):
    """One token for all of an operation's generated requests (hypothesis reuses the test's
    fixtures across its examples); issuing one per request doubled the test's time."""
    return api_token_create(user=staff).token


@schema.parametrize()
@hypothesis_settings(
    # Bounded and reproducible in CI; raise max_examples (or drop derandomize) to explore.
    max_examples=20,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_keeps_to_its_schema(case, staff, staff_token):
    token = staff_token
    if case.operation.label == TOKEN_SPENDING_OPERATION:
        token = api_token_create(user=staff).token
    # Every check but two about the request rather than the response: a schema-valid request may
    # still name an unknown source or give wrong credentials (a documented 400), and, as is DRF's
    # way, empty filters and unreadable paging parameters are ignored rather than refused.
    case.call_and_validate(
        headers={"Authorization": f"Token {token}"},
        excluded_checks=[positive_data_acceptance, negative_data_rejection],
    )


@pytest.mark.parametrize("url", ["/api/docs/", "/api/redoc/"])
def test_docs_pages_load_their_scripts_from_this_server(client, db, url):
    page = client.get(url).content.decode()

    assert "/static/drf_spectacular_sidecar/" in page
    assert "cdn." not in page and "https://" not in page.replace("https://schema.org", "")
