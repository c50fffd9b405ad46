"""Reviewers posting conflicting verdicts at the same moment: every claim ends with the status its
standing verdicts give (disputed), and nobody gets a server error."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.db import connection
from django.urls import reverse

from claims.models import Claim, ClaimStatus, Verdict
from tests.factories import CitationFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# As many reviewers at once as the production issue's goal names (fifty, one connection each).
REVIEWERS = 50
CLAIMS = 6


def test_concurrent_conflicting_reviewers_leave_every_claim_disputed_and_see_no_server_error(
    client_for, restore_database_after_module
):
    claims = [CitationFactory(claim__text=f"Concurrent claim {k}").claim for k in range(CLAIMS)]
    clients = [
        client_for(UserFactory(username=f"rev{k}", roles=["reviewer"])) for k in range(REVIEWERS)
    ]
    verdicts = [Verdict.CORROBORATED, Verdict.CONTRADICTED]
    start_together = Barrier(REVIEWERS)

    def review_all(k):
        start_together.wait()
        try:
            return [
                clients[k]
                .post(
                    reverse("claim-reviews", kwargs={"claim_id": claim.pk}),
                    {"verdict": verdicts[k % 2], "evidence_note": f"Reviewer {k} checked."},
                    format="json",
                )
                .status_code
                for claim in claims
            ]
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=REVIEWERS) as pool:
        codes = [code for codes in pool.map(review_all, range(REVIEWERS)) for code in codes]

    assert all(code < 500 for code in codes), codes
    assert set(codes) <= {201, 409}
    statuses = set(
        Claim.objects.filter(pk__in=[c.pk for c in claims]).values_list("status", flat=True)
    )
    assert statuses == {ClaimStatus.DISPUTED}


def test_a_deadlock_postgresql_broke_is_a_409_to_retry_not_a_500():
    import psycopg
    from django.db import OperationalError

    from factcheck.api import api_exception_handler

    try:
        try:
            raise psycopg.errors.DeadlockDetected("deadlock detected")
        except psycopg.Error as cause:
            raise OperationalError("deadlock detected") from cause
    except OperationalError as error:
        response = api_exception_handler(error, {})

    assert response.status_code == 409
    assert response.data["code"] == "conflict"
