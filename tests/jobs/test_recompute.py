import logging
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from claims.models import (
    Claim,
    ClaimStatus,
    RecheckFlag,
    RecheckReason,
    RecomputeRequest,
    Stance,
    Verdict,
)
from claims.services import review_create
from jobs import recompute, tasks
from jobs.models import JobRun, WebhookDelivery
from jobs.recompute import (
    recompute_all,
    recompute_request_claim_ids,
    recompute_request_process,
    recompute_requests_undone,
)
from jobs.webhooks import webhook_subscription_create
from reliability.engine import reliability_recompute_all
from reliability.models import SourceReliability
from sources.services import source_rating_create
from tests.broker import celery_broker_use
from tests.factories import CitationFactory, ClaimFactory, ReviewFactory, SourceFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_review_stores_its_recompute_request_and_enqueues_it_only_on_commit(
    reviewer, django_capture_on_commit_callbacks
):
    claim = ClaimFactory()
    with django_capture_on_commit_callbacks() as enqueued:
        review_create(
            claim=claim,
            verdict=Verdict.CONTRADICTED,
            evidence_note="Fled to Moscow.",
            reviewer=reviewer,
        )
        assert len(enqueued) == 0
    assert len(enqueued) == 1
    request = RecomputeRequest.objects.get()
    assert (request.reason, request.claim_ids, request.done_at) == ("review", [claim.pk], None)


def test_a_rolled_back_write_leaves_no_request_behind(reviewer):
    claim = ClaimFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        review_create(
            claim=claim, verdict=Verdict.CORROBORATED, evidence_note="Seen.", reviewer=reviewer
        )
        raise RuntimeError("the rest of the request failed")
    assert not RecomputeRequest.objects.exists()


def test_a_rating_asks_to_recompute_the_claims_its_source_made_or_relayed(reviewer):
    sohr = SourceFactory()
    made = CitationFactory(source=sohr).claim
    relayed = CitationFactory(via=sohr).claim
    CitationFactory()
    source_rating_create(source=sohr, grade="B", rationale="Track record.", rated_by=reviewer)
    request = RecomputeRequest.objects.get(reason="rating")
    assert request.source_ids == [sohr.pk]
    assert recompute_request_claim_ids(request) == sorted([made.pk, relayed.pk])


def test_processing_a_request_recomputes_and_is_safe_to_repeat(reviewer):
    claim = CitationFactory().claim
    ReviewFactory(
        claim=claim, verdict=Verdict.CONTRADICTED, reviewer=reviewer
    )  # status not refreshed yet
    request = RecomputeRequest.objects.create(reason="review", claim_ids=[claim.pk])

    assert recompute_request_process(request_id=request.pk) == {
        "claims": 1,
        "sources_moved": 0,
        "recheck_flags": 0,
        "changes_announced": 1,
    }
    claim.refresh_from_db()
    request.refresh_from_db()
    assert claim.status == ClaimStatus.CONTRADICTED and request.done_at is not None
    assert recompute_request_process(request_id=request.pk) is None


def test_a_failing_recompute_rolls_back_all_its_work_and_logs_the_failure(
    reviewer, monkeypatch, journalist
):
    claim = CitationFactory().claim
    ReviewFactory(claim=claim, verdict=Verdict.CONTRADICTED, reviewer=reviewer)
    webhook_subscription_create(
        owner=journalist, target_url="https://h.example/x", kind="claim", claim=claim
    )
    request = RecomputeRequest.objects.create(reason="review", claim_ids=[claim.pk])

    def announce_crashes(**kwargs):
        raise ConnectionError("worker lost its database half-way")

    monkeypatch.setattr(recompute, "claim_changes_announce", announce_crashes)
    with pytest.raises(ConnectionError):
        tasks.recompute_request_process(request.pk)

    claim.refresh_from_db()
    request.refresh_from_db()
    assert claim.status == ClaimStatus.UNVERIFIED  # the status update was rolled back with the rest
    assert request.done_at is None and not WebhookDelivery.objects.exists()
    run = JobRun.objects.get(job="recompute")
    assert run.status == "failed" and "worker lost its database" in run.error and run.finished_at

    assert (request.failed_attempts, request.last_error) == (
        1,
        "ConnectionError('worker lost its database half-way')",
    )

    monkeypatch.undo()
    tasks.recompute_request_process(request.pk)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.CONTRADICTED and WebhookDelivery.objects.count() == 1


def test_the_sweep_finds_requests_left_undone_past_the_grace_period():
    claim = ClaimFactory()
    old = RecomputeRequest.objects.create(
        reason="review", claim_ids=[claim.pk], requested_at=timezone.now() - timedelta(minutes=5)
    )
    RecomputeRequest.objects.create(reason="review", claim_ids=[claim.pk])
    RecomputeRequest.objects.create(
        reason="review",
        claim_ids=[claim.pk],
        requested_at=timezone.now() - timedelta(hours=1),
        done_at=timezone.now(),
    )
    assert recompute_requests_undone() == [old.pk]


def test_an_enqueue_failure_on_commit_is_logged_and_the_write_still_succeeds(
    reviewer, caplog, django_capture_on_commit_callbacks, jobs_test_broker
):
    claim = ClaimFactory()
    celery_broker_use("redis://127.0.0.1:1/0")  # nothing listens on port 1
    try:
        with caplog.at_level(logging.WARNING), django_capture_on_commit_callbacks(execute=True):
            review = review_create(
                claim=claim, verdict=Verdict.CORROBORATED, evidence_note="Seen.", reviewer=reviewer
            )
    finally:
        celery_broker_use(jobs_test_broker)
    assert review.pk and RecomputeRequest.objects.filter(done_at__isnull=True).count() == 1
    assert "could not enqueue jobs.tasks.recompute_request_process" in caplog.text


def test_incremental_and_full_recompute_give_the_same_results(reviewer):
    other_reviewer = UserFactory()
    state_media, monitor, agency = SourceFactory(), SourceFactory(), SourceFactory()
    verdict_sequences = [
        [(reviewer, Verdict.CORROBORATED)],
        [(reviewer, Verdict.CONTRADICTED)],
        [(reviewer, Verdict.CORROBORATED), (other_reviewer, Verdict.CONTRADICTED)],
        [(reviewer, Verdict.CONTRADICTED), (reviewer, Verdict.CORROBORATED)],
        [],
    ]
    for n, sequence in enumerate(verdict_sequences):
        claim = ClaimFactory()
        CitationFactory(claim=claim, source=state_media, stance=Stance.ASSERTS)
        CitationFactory(
            claim=claim, source=monitor, stance=Stance.DENIES if n % 2 else Stance.ASSERTS
        )
        CitationFactory(claim=claim, source=agency, via=monitor)
        for who, verdict in sequence:
            review_create(claim=claim, verdict=verdict, evidence_note="Evidence.", reviewer=who)
    for request_id in RecomputeRequest.objects.order_by("pk").values_list("pk", flat=True):
        recompute_request_process(request_id=request_id)
    incremental_claims = list(
        Claim.objects.order_by("pk").values_list("status", "credibility", "credibility_probability")
    )
    incremental_sources = list(
        SourceReliability.objects.order_by("pk").values_list("source_id", "mean", "lower", "upper")
    )

    Claim.objects.update(status=ClaimStatus.UNVERIFIED, credibility=6, credibility_probability=None)
    SourceReliability.objects.all().delete()
    assert recompute_all()["claims"] == len(verdict_sequences)
    assert list(
        Claim.objects.order_by("pk").values_list("status", "credibility", "credibility_probability")
    ) == pytest.approx(incremental_claims)
    assert list(
        SourceReliability.objects.order_by("pk").values_list("source_id", "mean", "lower", "upper")
    ) == pytest.approx(incremental_sources)
    assert {status for status, _, _ in incremental_claims} == {
        "corroborated",
        "contradicted",
        "disputed",
        "unverified",
    }
    assert len(incremental_sources) == 3


def test_the_nightly_job_recomputes_everything_and_prunes_old_history(reviewer, settings):
    settings.JOB_RUN_RETENTION_DAYS = 30
    claim = CitationFactory().claim
    ReviewFactory(claim=claim, verdict=Verdict.CORROBORATED, reviewer=reviewer)  # status missed
    long_ago = timezone.now() - timedelta(days=31)
    RecomputeRequest.objects.create(
        reason="review", claim_ids=[claim.pk], requested_at=long_ago, done_at=long_ago
    )
    JobRun.objects.create(
        job="link check", status="succeeded", started_at=long_ago, finished_at=long_ago
    )

    tasks.recompute_nightly()

    claim.refresh_from_db()
    assert claim.status == ClaimStatus.CORROBORATED
    run = JobRun.objects.get(job="nightly recompute")
    assert run.status == "succeeded"
    assert run.counts == {
        "claims": 1,
        "sources": 1,
        "statuses_repaired": 1,
        "recheck_flags": 0,
        "changes_announced": 1,
        "cleared_recheck_flags_deleted": 0,
        "job_runs_pruned": 1,
        "recompute_requests_pruned": 1,
    }
    assert not RecomputeRequest.objects.exists()


def test_claims_of_a_source_whose_computed_reliability_moved_become_due(reviewer, settings):
    settings.RECHECK_RELIABILITY_CHANGE = 0.01
    state_media = SourceFactory(name="Syrian state media")
    earlier = CitationFactory(source=state_media).claim
    ReviewFactory(
        claim=earlier,
        verdict=Verdict.CORROBORATED,
        reviewer=reviewer,
        created_at=timezone.now() - timedelta(days=10),
    )
    reviewed_now = CitationFactory(source=state_media).claim
    unrelated = CitationFactory().claim
    recompute_all()

    review_create(
        claim=reviewed_now, verdict=Verdict.CONTRADICTED, evidence_note="Fled.", reviewer=reviewer
    )
    request = RecomputeRequest.objects.get(reason="review")
    outcome = recompute_request_process(request_id=request.pk)

    assert outcome["sources_moved"] == 1 and outcome["recheck_flags"] == 1
    flag = RecheckFlag.objects.get()
    assert (flag.claim, flag.reason) == (earlier, RecheckReason.SOURCE_RELIABILITY_CHANGED)
    assert flag.detail.startswith("Syrian state media: computed reliability ")
    assert not RecheckFlag.objects.filter(claim__in=[reviewed_now, unrelated]).exists()


def test_the_sweep_leaves_a_request_that_keeps_failing_to_the_nightly_run(settings):
    settings.RECOMPUTE_MAX_ATTEMPTS = 3
    claim = CitationFactory().claim
    a_while_ago = timezone.now() - timedelta(minutes=5)
    failing = RecomputeRequest.objects.create(
        reason="review", claim_ids=[claim.pk], requested_at=a_while_ago, failed_attempts=2
    )
    given_up = RecomputeRequest.objects.create(
        reason="review", claim_ids=[claim.pk], requested_at=a_while_ago, failed_attempts=3
    )
    assert recompute_requests_undone() == [failing.pk]

    recompute_all()
    given_up.refresh_from_db()
    assert given_up.done_at is not None


def test_a_request_compares_only_the_sources_its_update_wrote(reviewer):
    """Who moved is read from what the update wrote, not from every source's stored row."""
    claim = ClaimFactory()
    CitationFactory(claim=claim)
    reliability_recompute_all()
    review_create(
        claim=claim, verdict=Verdict.CONTRADICTED, evidence_note="Fled.", reviewer=reviewer
    )
    request = RecomputeRequest.objects.filter(done_at__isnull=True).latest("pk")

    with CaptureQueriesContext(connection) as queries:
        recompute_request_process(request_id=request.pk)

    reads_of_every_source = [
        query["sql"]
        for query in queries.captured_queries
        if f'FROM "{SourceReliability._meta.db_table}"' in query["sql"]
        and "WHERE" not in query["sql"]
    ]
    assert reads_of_every_source == []
