"""A relevance search with a filter on the claim's own columns checks each match from the index
(claim_not_merged_filters, migration 0029), not from the claim's row.

Index-only scans depend on the visibility map, which only VACUUM sets, and VACUUM cannot run
inside the transaction the other plan tests share (tests/api/test_claim_query_plans.py): there
PostgreSQL sees no page all-visible, prices the covering index like the primary key and picks
either. So these claims are committed and vacuumed, as autovacuum leaves a table in service, and
the database is emptied after the test."""

import re

import pytest
from django.db import connection

from tests.api.test_claim_query_plans import CLAIM_COUNT, _fill, _ran, _search_page_plan
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("restore_database_after_module"),
]


def test_a_search_with_a_filter_on_the_claims_columns_checks_its_matches_from_the_index(
    client_for,
):
    """With `status=corroborated` (one claim in a hundred here) the walk over the matches of
    "Homs" checks many more of them than it keeps, in the window and then among every claim; each
    check reads the index entry and no claim row."""
    _fill(claims=CLAIM_COUNT)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE) claims_claim")
    api = client_for(UserFactory(username="plan-journalist", roles=["journalist"]))

    plan = _search_page_plan(api, "Homs", status="corroborated")

    walks = [line for line in plan if re.search(r" on claims_claim claims_claim_\d+ ", line)]
    executed = [line for line in walks if _ran(line)]
    assert executed, "\n".join(plan)
    assert all(
        "Index Only Scan" in line and "claim_not_merged_filters" in line for line in executed
    ), "\n".join(plan)
