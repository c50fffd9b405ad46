"""End to end: a reviewer posts a verdict through the API, a real Celery worker process on the real
Redis recomputes, and a local webhook receiver gets a correctly signed event."""

import hashlib
import hmac
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection
from rest_framework.test import APIClient

from claims.jobs.webhooks import webhook_subscription_create
from claims.models import (
    ClaimStatus,
    DeliveryStatus,
    JobRun,
    RecomputeRequest,
    Verdict,
    WebhookDelivery,
)
from claims.services import claim_create
from factcheck.api import api_token_get_or_create
from sources.services import source_create
from tests.jobs.conftest import Page

REPO_ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("restore_database_after_module"),
]


def database_url_of_test_db() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def wait_until(condition, *, timeout: float = 30, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


@pytest.fixture
def celery_worker(jobs_test_broker, tmp_path):
    redis.Redis.from_url(
        jobs_test_broker
    ).flushdb()  # our own database number: stale test messages only
    log = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DATABASE_URL": database_url_of_test_db(),
        "CELERY_BROKER_URL": jobs_test_broker,
        "FACTCHECK_ENVIRONMENT": "test",
        "FETCH_ALLOW_PRIVATE_ADDRESSES": "true",
        "DATABASE_CONN_MAX_AGE": "0",
    }
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "factcheck",
        "worker",
        "--pool",
        "solo",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        "--loglevel",
        "INFO",
    ]
    with log.open("w") as out:
        worker = subprocess.Popen(
            command, cwd=REPO_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        wait_until(
            lambda: "ready." in log.read_text() or worker.poll() is not None,
            what="the worker to start",
        )
        assert worker.poll() is None, log.read_text()
        yield log
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


def test_a_verdict_is_recomputed_by_the_worker_and_announced_by_a_signed_webhook(
    celery_worker, site, reviewer, journalist
):
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

    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {api_token_get_or_create(user=reviewer).key}")
    posted = api.post(
        f"/api/v1/claims/{claim.pk}/reviews/",
        {
            "verdict": Verdict.CONTRADICTED,
            "evidence_note": "Russian state media: Assad and his family arrived in Moscow.",
        },
        format="json",
    )
    assert posted.status_code == 201, posted.content

    [request] = site.wait_for("/receiver", timeout=45)
    expected = hmac.new(subscription.secret.encode(), request.body, hashlib.sha256).hexdigest()
    assert request.headers["X-Factcheck-Signature"] == f"sha256={expected}", (
        celery_worker.read_text()
    )
    event = json.loads(request.body)
    assert str(event["timestamp"]) == request.headers["X-Factcheck-Timestamp"]
    assert abs(event["timestamp"] - time.time()) < settings.WEBHOOK_TIMEOUT + 60
    assert event["claim"] == {
        "id": claim.pk,
        "text": "Assad remains in Damascus",
        "topic": "",
        "status": "contradicted",
        "credibility": 6,
    }
    assert event["previous"]["status"] == ClaimStatus.UNVERIFIED

    wait_until(
        lambda: (
            not RecomputeRequest.objects.filter(done_at__isnull=True).exists()
            and WebhookDelivery.objects.filter(status=DeliveryStatus.DELIVERED).exists()
        ),
        what="the worker to record its work",
    )
    assert (
        JobRun.objects.filter(job="recompute", status="succeeded").count() == 2
    )  # the citation, the review
    assert WebhookDelivery.objects.get().attempts == 1
