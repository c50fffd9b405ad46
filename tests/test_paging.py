"""Admin lists count exactly up to a bound and estimate beyond it; their filter choices are read
through indexes."""

from datetime import UTC

import pytest
from django.db import connection
from django.db.models import Count, Max, Min
from django.urls import reverse
from django.utils import timezone

from claims.models import Claim
from factcheck import paging
from factcheck.paging import (
    EstimatedCountPaginator,
    IndexedDatesQuerySet,
    indexed_distinct_values,
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
    with timezone.override(UTC):
        months = IndexedDatesQuerySet(Claim).datetimes("about_start", "month", order="DESC")
    assert [f"{m:%Y-%m}" for m in months] == [
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


def test_the_date_hierarchy_finds_the_same_dates_through_the_index():
    for day in ["2024-11-30T23:00:00Z", "2024-12-01T00:00:00Z", "2024-12-07T10:00:00Z", None]:
        ClaimFactory(first_reported_at=day, text=f"Reported {day}")
    ClaimFactory(first_reported_at="2023-05-02T00:00:00Z", text="Long ago")
    claims = Claim.objects.all()
    indexed = IndexedDatesQuerySet(Claim, claims.query.chain())

    for kind in ("year", "month", "day"):
        for order in ("ASC", "DESC"):
            expected = list(claims.datetimes("first_reported_at", kind, order))
            assert indexed.datetimes("first_reported_at", kind, order) == expected, kind
    in_2024 = IndexedDatesQuerySet(Claim, claims.filter(first_reported_at__year=2024).query.chain())
    assert [f"{d:%Y-%m}" for d in in_2024.datetimes("first_reported_at", "month")] == [
        "2024-11",
        "2024-12",
    ]
    assert list(indexed.dates("about_start", "month")) == list(claims.dates("about_start", "month"))


def test_a_filter_that_can_match_nothing_finds_no_dates_instead_of_failing(client, reviewer):
    ClaimFactory(first_reported_at="2024-12-07T10:00:00Z")
    beyond_any_id = Claim.objects.filter(pk=2**70)
    indexed = IndexedDatesQuerySet(Claim, beyond_any_id.query.chain())

    assert indexed.datetimes("first_reported_at", "month") == []
    assert indexed.aggregate(first=Min("first_reported_at")) == {"first": None}
    client.force_login(reviewer)
    assert client.get(reverse("admin:claims_claim_changelist"), {"pk": 2**70}).status_code == 200


@pytest.mark.parametrize("selected", ["abc", "1\x00"])
def test_an_action_on_a_selection_that_is_not_ids_is_refused_with_a_message(admin_client, selected):
    claim = ClaimFactory()

    response = admin_client.post(
        reverse("admin:claims_claim_changelist"),
        {"action": "delete_selected", "_selected_action": [str(claim.pk), selected]},
        follow=True,
    )

    assert response.status_code == 200
    assert "not a row&#x27;s id" in response.content.decode()
    assert Claim.objects.filter(pk=claim.pk).exists()


def test_the_claim_list_drills_down_by_date_as_before(client, reviewer):
    ClaimFactory(first_reported_at="2024-12-07T10:00:00Z", text="In December")
    ClaimFactory(first_reported_at="2024-11-07T10:00:00Z", text="In November")
    client.force_login(reviewer)
    changelist = reverse("admin:claims_claim_changelist")

    page = client.get(changelist).content.decode()
    assert "first_reported_at__month=11" in page and "first_reported_at__month=12" in page
    days = client.get(changelist, {"first_reported_at__year": 2024, "first_reported_at__month": 12})
    assert "first_reported_at__day=7" in days.content.decode()
    assert len(days.context["cl"].result_list) == 1


def test_the_date_hierarchys_first_and_last_dates_come_from_the_index():
    for day in ["2024-11-30T23:00:00Z", "2024-12-07T10:00:00Z", None]:
        ClaimFactory(first_reported_at=day, text=f"Reported {day}", topic="syria")
    ClaimFactory(first_reported_at="2023-05-02T00:00:00Z", text="Long ago", topic="iran")
    for claims in (Claim.objects.all(), Claim.objects.filter(topic="syria")):
        indexed = IndexedDatesQuerySet(Claim, claims.query.chain())
        wanted = {"first": Min("first_reported_at"), "last": Max("first_reported_at")}

        assert indexed.aggregate(**wanted) == claims.aggregate(**wanted)
    assert IndexedDatesQuerySet(Claim).aggregate(n=Count("pk")) == {"n": 4}
