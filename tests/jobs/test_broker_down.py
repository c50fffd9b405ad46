"""Redis down: reviews still save, and the work they owed is enqueued by the sweep once it is back.

Runs a redis-server of its own for each test, so it can stop and restart a real broker.
"""

import base64
import json
import logging

import pytest
import redis

from claims.models import ClaimStatus, RecomputeRequest, Review, Verdict
from claims.services import review_create
from factcheck.celery import app as celery_app
from jobs import tasks
from jobs.models import JobRun
from tests.broker import OwnRedis, celery_broker_use, free_port
from tests.factories import CitationFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("restore_database_after_module"),
]


@pytest.fixture
def own_redis(jobs_test_broker):
    server = OwnRedis(free_port())
    server.start()
    celery_broker_use(f"redis://127.0.0.1:{server.port}/0")
    yield server
    celery_broker_use(jobs_test_broker)
    if server.process.poll() is None:
        server.stop()


def queued_tasks(client: redis.Redis, queue: str = "celery") -> list[tuple[str, list]]:
    """The messages waiting in a Celery queue on Redis, as (task name, args)."""
    found = []
    for raw in client.lrange(queue, 0, -1):
        message = json.loads(raw)
        args, _kwargs, _embed = json.loads(base64.b64decode(message["body"]))
        found.append((message["headers"]["task"], args))
    return found


def test_with_redis_down_a_review_saves_and_the_sweep_enqueues_its_work_once_redis_is_back(
    own_redis, reviewer, caplog, settings
):
    settings.RECOMPUTE_SWEEP_GRACE = 0
    claim = CitationFactory(claim__text="Assad remains in Damascus").claim
    own_redis.stop()

    with caplog.at_level(logging.WARNING):
        review = review_create(
            claim=claim,
            verdict=Verdict.CONTRADICTED,
            evidence_note="He fled to Moscow.",
            reviewer=reviewer,
        )

    assert Review.objects.filter(pk=review.pk).exists()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.CONTRADICTED
    request = RecomputeRequest.objects.get(done_at__isnull=True)
    assert "could not enqueue jobs.tasks.recompute_request_process" in caplog.text

    own_redis.start()
    tasks.recompute_requests_sweep()
    queued = queued_tasks(own_redis.client)
    assert queued == [("jobs.tasks.recompute_request_process", [request.pk])]

    # What a worker does with that message: the request is processed, nothing was lost.
    task_name, args = queued[0]
    celery_app.tasks[task_name](*args)
    request.refresh_from_db()
    assert request.done_at is not None
    assert JobRun.objects.filter(job="recompute", status="succeeded").count() == 1
    assert JobRun.objects.get(job="recompute sweep").counts == {"enqueued": 1}
