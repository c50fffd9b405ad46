"""Admin lists count exactly up to a bound and estimate beyond it; their filter choices are read
through indexes."""

import pytest
from django.db import connection
from django.urls import reverse

from claims.models import Claim
from factcheck import paging
from factcheck.paging import (
    EstimatedCountPaginator,
    indexed_distinct_values,
    indexed_months,
)
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def test_a_list_up_to_the_bound_is_counted_exactly(monkeypatch):
    monkeypatch.setattr(paging, "COUNT_EXACT_UP_TO", 5)
    for n in range(5):
        ClaimFactory(text=f"Claim {n}")

    paginator = EstimatedCountPaginator(Claim.objects.order_by("pk"), 2)

    assert paginator.count == 5 and not paginator.estimated
    assert paginator.num_pages == 3


def test_beyond_the_bound_the_count_is_postgresqls_estimate_and_never_less_than_counted(
    monkeypatch,
):
    monkeypatch.setattr(paging, "COUNT_EXACT_UP_TO", 3)
    for n in range(8):
        ClaimFactory(text=f"Claim {n}", topic="syria" if n % 2 else "iran")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_claim")

    everything = EstimatedCountPaginator(Claim.objects.order_by("pk"), 2)
    filtered = EstimatedCountPaginator(Claim.objects.filter(topic="syria").order_by("pk"), 2)

    assert everything.estimated and everything.count == 8  # pg_class.reltuples after ANALYZE
    assert filtered.estimated and filtered.count >= 4  # the planner's estimate, at least 4


def test_filter_values_and_months_come_from_the_index_in_order():
    for topic, month in [("syria", 11), ("iran", 12), ("syria", 12), ("", 10)]:
        ClaimFactory(
            topic=topic,
            about_start=f"2024-{month:02d}-05T00:00:00Z",
            text=f"About {topic} in {month}",
        )

    assert indexed_distinct_values(Claim, "topic") == ["", "iran", "syria"]
    assert [f"{m:%Y-%m}" for m in indexed_months(Claim, "about_start")] == [
        "2024-12",
        "2024-11",
        "2024-10",
    ]


def test_the_claim_list_says_about_when_its_count_is_an_estimate(client, reviewer, monkeypatch):
    for n in range(8):
        ClaimFactory(text=f"Claim {n}")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_claim")
    client.force_login(reviewer)
    changelist = reverse("admin:claims_claim_changelist")

    assert "about 8 claims" not in client.get(changelist).content.decode()
    monkeypatch.setattr(paging, "COUNT_EXACT_UP_TO", 3)
    response = client.get(changelist)
    assert "about 8 claims" in response.content.decode()
    assert len(response.context["cl"].result_list) == 8
