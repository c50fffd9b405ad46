from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from claims.models import CitationLinkCheck
from jobs.admin import ClaimDueForRecheckAdmin
from jobs.models import DeliveryStatus, JobRun, WebhookDelivery
from jobs.recheck import claim_due_for_recheck_list, recheck_flags_update
from jobs.webhooks import webhook_subscription_create
from tests.factories import CitationFactory, ClaimFactory

pytestmark = pytest.mark.django_db

CHANGELISTS = [
    "claims_recomputerequest",
    "jobs_jobrun",
    "jobs_webhooksubscription",
    "jobs_webhookdelivery",
    "claims_citationlinkcheck",
    "jobs_claimdueforrecheck",
]


@pytest.fixture
def jobs_world(journalist):
    now = timezone.now()
    for n in range(5):
        claim = ClaimFactory(created_at=now - timedelta(days=30 + n))
        citation = CitationFactory(claim=claim)
        CitationLinkCheck.objects.create(
            citation=citation, url=citation.url, checked_at=now, state="gone", flagged=True
        )
        subscription = webhook_subscription_create(
            owner=journalist, target_url=f"https://hooks.example/{n}", kind="claim", claim=claim
        )
        WebhookDelivery.objects.create(
            subscription=subscription,
            event_id=f"00000000-0000-0000-0000-00000000000{n}",
            event_type="claim.changed",
            payload={},
            status=DeliveryStatus.FAILED,
            attempts=8,
            last_error="HTTP 500",
        )
        JobRun.objects.create(
            job="link check", status="succeeded", finished_at=now, counts={"checked": n}
        )
    recheck_flags_update()


@pytest.mark.parametrize("model", CHANGELISTS)
def test_each_jobs_page_loads_for_staff_with_a_bounded_number_of_queries(
    client, staff, jobs_world, model, django_assert_max_num_queries
):
    client.force_login(staff)
    # session, user, the count, the page of rows with related rows joined, and for the job log the
    # job-name filter's choices and the date hierarchy's years: 7 at most, not per row (the queue:
    # its first claims' cut-off instead of the filter)
    with django_assert_max_num_queries(7):
        response = client.get(reverse(f"admin:{model}_changelist"))
    assert response.status_code == 200


def test_reviewers_see_the_recheck_queue_but_not_webhook_deliveries(client, reviewer, jobs_world):
    client.force_login(reviewer)
    queue = client.get(reverse("admin:jobs_claimdueforrecheck_changelist"))
    assert queue.status_code == 200
    assert b"Unverified for too long" in queue.content
    assert client.get(reverse("admin:jobs_webhookdelivery_changelist")).status_code == 403


def test_staff_can_resend_parked_deliveries(
    client, staff, jobs_world, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    parked = list(WebhookDelivery.objects.values_list("pk", flat=True)[:2])
    with django_capture_on_commit_callbacks() as enqueued:
        response = client.post(
            reverse("admin:jobs_webhookdelivery_changelist"),
            {"action": "resend", "_selected_action": parked},
            follow=True,
        )
    assert b"2 deliveries queued to be sent again" in response.content
    assert len(enqueued) == 2
    assert set(WebhookDelivery.objects.filter(status="pending").values_list("pk", "attempts")) == {
        (pk, 0) for pk in parked
    }


def test_the_recheck_queues_pages_follow_its_order_across_pages(client, reviewer, monkeypatch):
    now = timezone.now()
    claims = [ClaimFactory(created_at=now - timedelta(days=10 + n % 4)) for n in range(7)]
    for n, claim in enumerate(claims):
        CitationFactory.create_batch(n % 3, claim=claim)
    recheck_flags_update()
    monkeypatch.setattr(ClaimDueForRecheckAdmin, "list_per_page", 3)
    client.force_login(reviewer)
    url = reverse("admin:jobs_claimdueforrecheck_changelist")

    with CaptureQueriesContext(connection) as queries:
        shown = [
            claim.pk
            for page in (1, 2, 3)
            for claim in client.get(url, {"p": page}).context["cl"].result_list
        ]

    assert shown == [claim.pk for claim in claim_due_for_recheck_list()]
    # each page was read from its first claims (the cut-off query), not from the whole queue
    assert sum("first_due" in query["sql"] for query in queries.captured_queries) == 3
    by_citations = client.get(url, {"o": "4"}).context["cl"].result_list
    assert [claim.citation_count for claim in by_citations] == sorted(
        claim.citation_count for claim in by_citations
    )
