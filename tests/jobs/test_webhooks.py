import hashlib
import hmac
import json
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from claims.models import Claim, ClaimStatus
from jobs.models import DeliveryStatus, SubscriptionKind, WebhookDelivery, WebhookSubscription
from jobs.webhooks import (
    claim_changes_announce,
    webhook_deliveries_due,
    webhook_deliveries_resend,
    webhook_delivery_send,
    webhook_signature_verify,
    webhook_subscription_create,
    webhook_subscription_deactivate,
)
from tests.factories import CitationFactory, ClaimFactory, SourceFactory
from tests.jobs.conftest import Page

pytestmark = pytest.mark.django_db


def subscribe(owner, url, **target):
    kind = {"query": "search"}.get(next(iter(target)), next(iter(target)))
    return webhook_subscription_create(owner=owner, target_url=url, kind=kind, **target)


def set_status(claim, status):
    Claim.objects.filter(pk=claim.pk).update(status=status)


def test_each_subscription_kind_needs_its_target(journalist):
    with pytest.raises(ValidationError) as error:
        webhook_subscription_create(
            owner=journalist, target_url="https://hooks.example/x", kind="topic"
        )
    assert "topic" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        webhook_subscription_create(
            owner=journalist, target_url="https://hooks.example/x", kind="weather"
        )
    assert "kind" in error.value.message_dict


def test_the_database_rejects_a_subscription_whose_target_does_not_match_its_kind(journalist):
    with pytest.raises(IntegrityError):
        WebhookSubscription.objects.create(
            owner=journalist,
            target_url="https://h.example",
            secret="s" * 32,
            kind=SubscriptionKind.TOPIC,
        )


def test_a_status_change_reaches_claim_source_topic_and_search_subscribers_once(journalist):
    sohr = SourceFactory(name="SOHR")
    afp = SourceFactory(name="AFP")
    claim = ClaimFactory(
        text="Iran's military advisers have begun withdrawing from Syria", topic="Syria"
    )
    CitationFactory(claim=claim, source=sohr, via=afp)
    other = ClaimFactory(text="Reinforcements sent to Homs", topic="homs")
    by_claim = subscribe(journalist, "https://a.example/hook", claim=claim)
    by_source = subscribe(journalist, "https://b.example/hook", source=sohr)
    by_relay = subscribe(journalist, "https://c.example/hook", source=afp)
    by_topic = subscribe(journalist, "https://d.example/hook", topic="syria")
    by_search = subscribe(journalist, "https://e.example/hook", query="military adviser withdrawal")
    unrelated = subscribe(journalist, "https://f.example/hook", claim=other)
    set_status(claim, ClaimStatus.CORROBORATED)

    assert claim_changes_announce(claim_ids=[claim.pk, other.pk]) == 1
    deliveries = WebhookDelivery.objects.all()
    assert {d.subscription_id for d in deliveries} == {
        by_claim.pk,
        by_source.pk,
        by_relay.pk,
        by_topic.pk,
        by_search.pk,
    }
    assert unrelated.deliveries.count() == 0
    assert len({d.event_id for d in deliveries}) == 1
    payload = deliveries[0].payload
    assert payload["claim"]["status"] == "corroborated"
    assert payload["previous"] == {"status": "unverified", "credibility": 6}

    assert claim_changes_announce() == 0
    assert WebhookDelivery.objects.count() == 5


def test_a_cancelled_subscription_hears_nothing(journalist):
    claim = ClaimFactory()
    subscription = subscribe(journalist, "https://a.example/hook", claim=claim)
    webhook_subscription_deactivate(subscription=subscription)
    set_status(claim, ClaimStatus.CONTRADICTED)
    assert claim_changes_announce(claim_ids=[claim.pk]) == 1
    assert WebhookDelivery.objects.count() == 0


def changed_claim_delivery(journalist, url):
    claim = ClaimFactory(text="Assad remains in Damascus")
    subscription = subscribe(journalist, url, claim=claim)
    set_status(claim, ClaimStatus.CONTRADICTED)
    claim_changes_announce(claim_ids=[claim.pk])
    return subscription, subscription.deliveries.get()


def test_a_delivery_is_signed_over_its_body_with_a_timestamp(site, allow_private_fetch, journalist):
    site.pages["/hook"] = Page(status=204)
    subscription, delivery = changed_claim_delivery(journalist, site.url("/hook"))
    assert webhook_delivery_send(delivery_id=delivery.pk) == DeliveryStatus.DELIVERED

    [request] = site.requests_to("/hook")
    expected = hmac.new(subscription.secret.encode(), request.body, hashlib.sha256).hexdigest()
    assert request.headers["X-Factcheck-Signature"] == f"sha256={expected}"
    body = json.loads(request.body)
    assert str(body["timestamp"]) == request.headers["X-Factcheck-Timestamp"]
    assert abs(body["timestamp"] - timezone.now().timestamp()) < 60
    assert body["event"] == "claim.changed" and body["claim"]["status"] == "contradicted"
    assert request.headers["X-Factcheck-Event-Id"] == str(delivery.event_id)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_http_status) == ("delivered", 1, 204)


def test_receivers_can_reject_tampered_stale_or_mismatched_deliveries():
    secret = "k" * 32
    now = timezone.now()
    body = json.dumps(
        {"timestamp": int(now.timestamp()), "claim": {"status": "contradicted"}}
    ).encode()
    signature = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    stamp = str(int(now.timestamp()))
    assert webhook_signature_verify(
        secret=secret, body=body, signature=signature, timestamp=stamp, now=now
    )
    tampered = body.replace(b"contradicted", b"corroborated")
    assert not webhook_signature_verify(
        secret=secret, body=tampered, signature=signature, timestamp=stamp, now=now
    )
    assert not webhook_signature_verify(
        secret=secret, body=body, signature=signature, timestamp="1", now=now
    )
    later = now + timedelta(hours=1)
    assert not webhook_signature_verify(
        secret=secret, body=body, signature=signature, timestamp=stamp, now=later
    )


def test_a_failing_receiver_is_retried_with_exponential_backoff_then_parked(
    site, allow_private_fetch, journalist
):
    allow_private_fetch.WEBHOOK_MAX_ATTEMPTS = 3
    allow_private_fetch.WEBHOOK_BACKOFF_BASE = 30
    site.pages["/hook"] = Page(status=500, body=b"boom")
    _, delivery = changed_claim_delivery(journalist, site.url("/hook"))
    now = timezone.now()

    assert webhook_delivery_send(delivery_id=delivery.pk, now=now) == DeliveryStatus.PENDING
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.last_http_status, delivery.last_error) == (
        1,
        500,
        "HTTP 500",
    )
    assert delivery.next_attempt_at == now + timedelta(seconds=30)
    assert (
        webhook_delivery_send(delivery_id=delivery.pk, now=now + timedelta(seconds=29)) == "skipped"
    )

    now += timedelta(seconds=30)
    assert webhook_delivery_send(delivery_id=delivery.pk, now=now) == DeliveryStatus.PENDING
    delivery.refresh_from_db()
    assert delivery.next_attempt_at == now + timedelta(seconds=60)

    now += timedelta(seconds=60)
    assert webhook_delivery_send(delivery_id=delivery.pk, now=now) == DeliveryStatus.FAILED
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.FAILED, 3)
    assert len(site.requests_to("/hook")) == 3
    assert webhook_deliveries_due(now=now + timedelta(days=1)) == []


def test_parked_deliveries_can_be_resent(
    site, allow_private_fetch, journalist, django_capture_on_commit_callbacks
):
    allow_private_fetch.WEBHOOK_MAX_ATTEMPTS = 1
    site.pages["/hook"] = Page(status=500)
    _, delivery = changed_claim_delivery(journalist, site.url("/hook"))
    assert webhook_delivery_send(delivery_id=delivery.pk) == DeliveryStatus.FAILED

    site.pages["/hook"] = Page(status=200)
    with django_capture_on_commit_callbacks() as enqueued:
        assert webhook_deliveries_resend(delivery_ids=[delivery.pk]) == 1
    assert len(enqueued) == 1
    assert webhook_delivery_send(delivery_id=delivery.pk) == DeliveryStatus.DELIVERED


def test_a_slow_or_failing_receiver_does_not_hold_up_the_others(
    site, allow_private_fetch, journalist
):
    allow_private_fetch.WEBHOOK_TIMEOUT = 0.5
    site.pages["/slow"] = Page(status=200, delay=2)
    site.pages["/broken"] = Page(status=500)
    site.pages["/good"] = Page(status=200)
    claim = ClaimFactory()
    for path in ["/slow", "/broken", "/good"]:
        subscribe(journalist, site.url(path), claim=claim)
    set_status(claim, ClaimStatus.CORROBORATED)
    claim_changes_announce(claim_ids=[claim.pk])

    for delivery_id in webhook_deliveries_due():
        webhook_delivery_send(delivery_id=delivery_id)

    outcome = {
        d.subscription.target_url.rsplit("/", 1)[1]: d
        for d in WebhookDelivery.objects.select_related("subscription")
    }
    assert outcome["good"].status == DeliveryStatus.DELIVERED
    assert (outcome["broken"].status, outcome["broken"].last_http_status) == (
        DeliveryStatus.PENDING,
        500,
    )
    assert (
        outcome["slow"].status == DeliveryStatus.PENDING
        and "timed out" in outcome["slow"].last_error.lower()
    )


def test_a_receiver_found_on_a_private_address_at_delivery_is_refused_in_production_settings(
    site, settings, journalist
):
    # Subscribing refuses private targets too; this is a host whose DNS moved there afterwards.
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = True
    site.pages["/hook"] = Page(status=200)
    _, delivery = changed_claim_delivery(journalist, site.url("/hook"))
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = False
    assert webhook_delivery_send(delivery_id=delivery.pk) == DeliveryStatus.PENDING
    delivery.refresh_from_db()
    assert "non-public" in delivery.last_error and site.received == []
