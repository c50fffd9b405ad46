"""End to end with real Celery worker processes on the real Redis.

A reviewer posts a verdict through the API, a worker recomputes, and a local webhook receiver gets
a correctly signed event. And a worker killed in the middle of that work leaves nothing
half-written: the sweep hands the work to the next worker, and the event arrives once.
"""

import hashlib
import hmac
import json
import signal
import time

import psycopg
import pytest
from django.conf import settings
from rest_framework.test import APIClient

from claims.models import RecomputeRequest, Verdict
from claims.services import claim_create
from factcheck.api import api_token_create
from jobs import tasks
from jobs.models import DeliveryStatus, JobRun, WebhookDelivery
from jobs.webhooks import webhook_subscription_create
from reliability.models import SourceReliability
from sources.services import source_create
from tests.broker import wait_until
from tests.jobs.conftest import Page, outside_connection_params

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("restore_database_after_module"),
]


@pytest.fixture
def watched_claim(site, reviewer, journalist, allow_private_fetch):
    """A claim by state media, a journalist's subscription to it, and a receiver that says 200."""
    site.pages["/receiver"] = Page(status=200, body=b"thanks")
    state_media = source_create(name="Syrian state media", kind="state_media", country="SY")
    claim = claim_create(
        text="Assad remains in Damascus",
        created_by=journalist,
        citations=[
            {
                "source": state_media,
                "quote": "The president is carrying out his duties in Damascus.",
            }
        ],
    )
    subscription = webhook_subscription_create(
        owner=journalist, target_url=site.url("/receiver"), kind="claim", claim=claim
    )
    return claim, subscription


def post_verdict(reviewer, claim):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {api_token_create(user=reviewer).token}")
    evidence = "Russian state media: Assad and his family arrived in Moscow."
    posted = api.post(
        f"/api/v1/claims/{claim.pk}/reviews/",
        {"verdict": Verdict.CONTRADICTED, "evidence_note": evidence},
        format="json",
    )
    assert posted.status_code == 201, posted.content


def assert_signed_contradiction_event(request, subscription, claim):
    expected = hmac.new(subscription.secret.encode(), request.body, hashlib.sha256).hexdigest()
    assert request.headers["X-Factcheck-Signature"] == f"sha256={expected}"
    event = json.loads(request.body)
    assert str(event["timestamp"]) == request.headers["X-Factcheck-Timestamp"]
    assert abs(event["timestamp"] - time.time()) < settings.WEBHOOK_TIMEOUT + 60
    assert event["claim"] == {
        "id": claim.pk,
        "text": "Assad remains in Damascus",
        "topic": "",
        "status": "contradicted",
        "credibility": 5,  # improbable: a reviewer contradicted it
    }


def all_work_recorded():
    return not RecomputeRequest.objects.filter(done_at__isnull=True).exists() and not (
        WebhookDelivery.objects.exclude(status=DeliveryStatus.DELIVERED).exists()
    )


def test_a_verdict_is_recomputed_by_the_worker_and_announced_by_a_signed_webhook(
    start_worker, watched_claim, site, reviewer
):
    claim, subscription = watched_claim
    state_media = claim.citations.get().source
    worker = start_worker()
    # The citation's own recompute gives state media a computed reliability and the claim a
    # credibility from it (an event of its own); wait for that before the verdict.
    wait_until(
        lambda: SourceReliability.objects.filter(source=state_media).exists(),
        what="a first recompute",
    )
    reliability_before = SourceReliability.objects.get(source=state_media).mean

    post_verdict(reviewer, claim)

    requests = site.wait_for("/receiver", count=2, timeout=45)
    first, verdict = (json.loads(r.body) for r in requests)
    assert (first["claim"]["status"], verdict["previous"]["status"]) == ("unverified", "unverified")
    assert_signed_contradiction_event(requests[-1], subscription, claim)
    wait_until(all_work_recorded, what="the worker to record its work")
    assert JobRun.objects.filter(job="recompute", status="succeeded").count() == 2, worker.output()
    # The worker ran the reliability engine: asserting what was contradicted costs state media.
    assert SourceReliability.objects.get(source=state_media).mean < reliability_before
    assert WebhookDelivery.objects.filter(attempts=1, status=DeliveryStatus.DELIVERED).count() == 2


def worker_waits_for_a_lock(blocker) -> bool:
    # Inside a transaction pg_stat_activity is a snapshot taken at its first read; clear it, or a
    # worker that reaches the lock after the first look is never seen.
    blocker.execute("SELECT pg_stat_clear_snapshot()")
    waiting = blocker.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
        "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
    )
    return waiting.fetchone()[0] > 0


def test_a_worker_killed_mid_task_leaves_nothing_half_written_and_the_work_is_done_later(
    start_worker, watched_claim, site, reviewer, settings
):
    claim, subscription = watched_claim
    post_verdict(reviewer, claim)  # no worker yet: the work waits in Redis and in the database

    # Hold the claim's row so the worker stops inside its transaction, then kill it there.
    with psycopg.connect(**outside_connection_params()) as blocker:
        blocker.execute("SELECT id FROM claims_claim WHERE id = %s FOR UPDATE", [claim.pk])
        doomed = start_worker()
        wait_until(
            lambda: worker_waits_for_a_lock(blocker),
            what="the worker to block inside its transaction",
        )
        doomed.process.send_signal(signal.SIGKILL)
        doomed.process.wait(timeout=10)
        blocker.rollback()

    assert RecomputeRequest.objects.filter(done_at__isnull=True).count() == 2
    assert not WebhookDelivery.objects.exists() and site.requests_to("/receiver") == []
    interrupted = JobRun.objects.get(job="recompute")
    assert (interrupted.status, interrupted.finished_at) == ("running", None)

    start_worker()
    settings.RECOMPUTE_SWEEP_GRACE = 0
    tasks.recompute_requests_sweep()

    [request] = site.wait_for("/receiver", timeout=45)
    assert_signed_contradiction_event(request, subscription, claim)
    wait_until(all_work_recorded, what="the second worker to record its work")
    assert WebhookDelivery.objects.count() == 1
    assert len(site.requests_to("/receiver")) == 1
