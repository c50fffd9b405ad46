from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from claims.models import Claim, RecheckFlag, RecheckReason, Stance, Verdict
from claims.selectors import claims_filter_due
from claims.services import claim_status_refresh
from jobs.recheck import (
    claim_due_for_recheck_first,
    claim_due_for_recheck_list,
    recheck_flags_cleared_delete,
    recheck_flags_update,
)
from tests.factories import (
    CitationFactory,
    ClaimFactory,
    ReviewFactory,
    SourceFactory,
    SourceRatingFactory,
)

pytestmark = pytest.mark.django_db

NOW = datetime(2024, 12, 9, 12, 0, tzinfo=UTC)


def due_reasons(claim: Claim) -> set[str]:
    return {
        reason
        for row in claim_due_for_recheck_list().filter(pk=claim.pk)
        for reason in row.due_reasons
    }


def review(claim, reviewer, verdict=Verdict.CORROBORATED, at=NOW):
    """A review recorded at `at` (reviews are append-only, so it is written with that time)."""
    created = ReviewFactory(
        claim=claim, verdict=verdict, reviewer=reviewer, created_at=at, effective_at=at
    )
    claim_status_refresh(claim=claim)
    return created


def test_a_claim_unverified_longer_than_the_setting_is_due(settings):
    settings.RECHECK_UNVERIFIED_AFTER_DAYS = 7
    old = ClaimFactory(created_at=NOW - timedelta(days=8))
    recent = ClaimFactory(created_at=NOW - timedelta(days=6))
    recheck_flags_update(now=NOW)
    assert due_reasons(old) == {RecheckReason.UNVERIFIED_TOO_LONG}
    assert due_reasons(recent) == set()
    assert RecheckFlag.objects.get(claim=old).due_since == NOW - timedelta(days=1)


def test_a_claim_about_7_december_is_due_the_next_day(settings, reviewer):
    settings.RECHECK_AFTER_ABOUT_TIME_HOURS = 24
    remains = ClaimFactory(
        text="Assad remains in Damascus",
        about_start=datetime(2024, 12, 7, tzinfo=UTC),
        created_at=NOW,
    )
    review(remains, reviewer, at=datetime(2024, 12, 7, 9, tzinfo=UTC))
    recheck_flags_update(now=datetime(2024, 12, 7, 23, tzinfo=UTC))
    assert due_reasons(remains) == set()
    recheck_flags_update(now=datetime(2024, 12, 8, 1, tzinfo=UTC))
    assert due_reasons(remains) == {RecheckReason.TIME_PASSED}


def test_the_end_of_an_interval_decides_when_it_has_passed(reviewer):
    offensive = ClaimFactory(
        about_start=datetime(2024, 11, 27, tzinfo=UTC),
        about_end=datetime(2024, 12, 20, tzinfo=UTC),
        created_at=NOW,
    )
    recheck_flags_update(now=NOW)
    assert due_reasons(offensive) == set()


def test_a_review_clears_the_claim_and_the_rules_do_not_flag_it_again(reviewer):
    claim = ClaimFactory(about_start=NOW - timedelta(days=3), created_at=NOW - timedelta(days=30))
    recheck_flags_update(now=NOW)
    assert due_reasons(claim) == {RecheckReason.UNVERIFIED_TOO_LONG, RecheckReason.TIME_PASSED}

    review(claim, reviewer, at=NOW + timedelta(hours=1))
    assert due_reasons(claim) == set()
    recheck_flags_update(now=NOW + timedelta(hours=2))
    assert due_reasons(claim) == set()
    assert recheck_flags_cleared_delete() == 2
    assert not RecheckFlag.objects.filter(claim=claim).exists()


def test_a_regraded_citing_source_makes_the_claim_due(reviewer):
    sana = SourceFactory(name="SANA")
    claim = CitationFactory(source=sana, claim__created_at=NOW).claim
    untouched = CitationFactory(claim__created_at=NOW).claim
    review(claim, reviewer, at=NOW - timedelta(days=3))
    review(untouched, reviewer, at=NOW - timedelta(days=3))
    SourceRatingFactory(source=sana, grade="B", rated_at=NOW - timedelta(days=10))
    recheck_flags_update(now=NOW)
    assert due_reasons(claim) == set()  # graded before the review, never changed since

    SourceRatingFactory(
        source=sana, grade="E", rated_at=NOW - timedelta(days=1), rationale="Taken over."
    )
    recheck_flags_update(now=NOW)
    assert due_reasons(claim) == {RecheckReason.SOURCE_GRADE_CHANGED}
    assert RecheckFlag.objects.get(claim=claim).detail == "SANA regraded B → E"
    assert due_reasons(untouched) == set()


def test_a_new_citation_contradicting_the_status_makes_the_claim_due(reviewer):
    corroborated = ClaimFactory(created_at=NOW)
    review(corroborated, reviewer, at=NOW - timedelta(days=2))
    CitationFactory(claim=corroborated, stance=Stance.ASSERTS, created_at=NOW - timedelta(days=1))
    recheck_flags_update(now=NOW)
    assert due_reasons(corroborated) == set()

    CitationFactory(claim=corroborated, stance=Stance.DENIES, created_at=NOW - timedelta(hours=1))
    contradicted = ClaimFactory(created_at=NOW)
    review(contradicted, reviewer, verdict=Verdict.CONTRADICTED, at=NOW - timedelta(days=2))
    CitationFactory(claim=contradicted, stance=Stance.ASSERTS, created_at=NOW - timedelta(hours=1))
    recheck_flags_update(now=NOW)
    assert due_reasons(corroborated) == {RecheckReason.CONTRADICTING_CITATION}
    assert due_reasons(contradicted) == {RecheckReason.CONTRADICTING_CITATION}


def test_running_the_rules_again_changes_nothing():
    ClaimFactory(created_at=NOW - timedelta(days=30), about_start=NOW - timedelta(days=5))
    recheck_flags_update(now=NOW)
    before = list(RecheckFlag.objects.values_list("claim_id", "reason", "due_since", "detail"))
    recheck_flags_update(now=NOW + timedelta(hours=1))
    assert (
        list(RecheckFlag.objects.values_list("claim_id", "reason", "due_since", "detail")) == before
    )


def test_the_queue_lists_the_oldest_due_first_then_the_most_cited(django_assert_max_num_queries):
    newest = ClaimFactory(created_at=NOW - timedelta(days=8))
    oldest = ClaimFactory(created_at=NOW - timedelta(days=20))
    same_age_less_cited = ClaimFactory(created_at=NOW - timedelta(days=10))
    same_age_more_cited = ClaimFactory(created_at=NOW - timedelta(days=10))
    CitationFactory.create_batch(3, claim=same_age_more_cited)
    CitationFactory(claim=same_age_less_cited)
    ClaimFactory(created_at=NOW)
    recheck_flags_update(now=NOW)
    # one query: claims with their first due time, reasons and citation count as subqueries
    with django_assert_max_num_queries(1):
        queue = list(claim_due_for_recheck_list())
    assert queue == [oldest, same_age_more_cited, same_age_less_cited, newest]
    assert [c.citation_count for c in queue] == [0, 3, 1, 0]


def test_the_due_filter_splits_claims_into_due_and_not_due():
    due = ClaimFactory(created_at=NOW - timedelta(days=30))
    not_due = ClaimFactory(created_at=NOW)
    recheck_flags_update(now=NOW)
    assert list(claims_filter_due(Claim.objects.all(), due=True)) == [due]
    assert list(claims_filter_due(Claim.objects.all(), due=False)) == [not_due]


def test_journalists_ask_the_api_for_claims_due_for_recheck(journalist):
    due = ClaimFactory(created_at=timezone.now() - timedelta(days=30))
    not_due = ClaimFactory()
    recheck_flags_update()
    client = APIClient()
    client.force_authenticate(journalist)
    assert [c["id"] for c in client.get("/api/v1/claims/", {"due": "true"}).data["results"]] == [
        due.pk
    ]
    assert [c["id"] for c in client.get("/api/v1/claims/", {"due": "false"}).data["results"]] == [
        not_due.pk
    ]


def test_the_queues_first_claims_come_from_the_oldest_flags_with_every_tie(
    reviewer, django_assert_max_num_queries
):
    """claim_due_for_recheck_first keeps exactly the claims that can be among the first n in the
    queue's order: every page read from it equals that page of the whole queue."""
    for days in [20, 20, 20, 15, 12, 12, 9, 8, 8, 8]:
        claim = ClaimFactory(created_at=NOW - timedelta(days=days), about_start=None)
        CitationFactory.create_batch(days % 3, claim=claim)
    answered = ClaimFactory(created_at=NOW - timedelta(days=30), about_start=None)
    recheck_flags_update(now=NOW - timedelta(days=1))
    review(answered, reviewer, at=NOW - timedelta(hours=12))
    queue = claim_due_for_recheck_list()
    everything = list(queue)
    assert answered not in everything and len(everything) == 10

    for count in range(1, 12):
        # the cut-off (the oldest flags, grouped by claim) and the claims flagged by then
        with django_assert_max_num_queries(2):
            first = list(claim_due_for_recheck_first(queue, count=count))
        assert first[:count] == everything[:count], count
        tied = [c for c in everything if c.due_since <= everything[min(count, 10) - 1].due_since]
        assert first == tied, count
