"""Webhooks: a JSON event to each matching subscription when a claim's status or credibility
changes.

Each delivery is signed with HMAC-SHA256 over the exact body, using the subscription's secret. The
body carries a `timestamp` that the `X-Factcheck-Timestamp` header repeats, so a receiver that
checks the signature and rejects old timestamps cannot be fed replays. Failed deliveries are
retried with exponential backoff by the sweep and parked as failed after WEBHOOK_MAX_ATTEMPTS.
"""

import hashlib
import hmac
import json
import secrets
import uuid
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, TypedDict
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone

from claims.models import Citation, Claim, ClaimStatus, Credibility
from claims.outbox import enqueue_on_commit
from factcheck.http import AddressNotAllowed, FetchError, safe_fetch, url_address_check
from jobs.models import (
    ClaimAnnouncedState,
    DeliveryStatus,
    SubscriptionKind,
    WebhookDelivery,
    WebhookSubscription,
)
from sources.models import Source

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

# Named rather than imported: jobs/tasks.py imports this module.
WEBHOOK_DELIVERY_TASK = "jobs.tasks.webhook_delivery_send"

EVENT_CLAIM_CHANGED = "claim.changed"
SIGNATURE_HEADER = "X-Factcheck-Signature"
TIMESTAMP_HEADER = "X-Factcheck-Timestamp"
RESPONSE_BYTES_KEPT = 64 * 1024
MAX_BACKOFF = timedelta(hours=12)


def webhook_signature(*, secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def webhook_signature_verify(
    *,
    secret: str,
    body: bytes,
    signature: str,
    timestamp: str,
    tolerance: int = 300,
    now: datetime | None = None,
) -> bool:
    """What a receiver does: the signature matches the body, the body's timestamp is the header's,
    and it is recent."""
    if not hmac.compare_digest(webhook_signature(secret=secret, body=body), signature):
        return False
    try:
        sent = int(json.loads(body)["timestamp"])
    except (ValueError, KeyError, TypeError):
        return False
    current = (now or timezone.now()).timestamp()
    return str(sent) == timestamp and abs(current - sent) <= tolerance


@transaction.atomic
def webhook_subscription_create(
    *,
    owner,
    target_url: str,
    kind: str,
    claim: Claim | None = None,
    source: Source | None = None,
    topic: str = "",
    query: str = "",
) -> WebhookSubscription:
    """Subscribe `target_url` to changes of one claim, a source's claims, a topic or a search.
    The secret is generated here and shown to the subscriber once, in the create response."""
    subscription = WebhookSubscription(
        owner=owner,
        target_url=target_url.strip(),
        secret=secrets.token_urlsafe(32),
        kind=kind,
        claim=claim if kind == SubscriptionKind.CLAIM else None,
        source=source if kind == SubscriptionKind.SOURCE else None,
        topic=topic.strip() if kind == SubscriptionKind.TOPIC else "",
        query=query.strip() if kind == SubscriptionKind.SEARCH else "",
    )
    required: dict[str, tuple[str, object]] = {
        SubscriptionKind.CLAIM: ("claim", subscription.claim),
        SubscriptionKind.SOURCE: ("source", subscription.source),
        SubscriptionKind.TOPIC: ("topic", subscription.topic),
        SubscriptionKind.SEARCH: ("query", subscription.query),
    }
    if kind not in required:
        raise ValidationError(
            {"kind": f"Kind must be one of {', '.join(SubscriptionKind.values)}."}
        )
    field, value = required[kind]
    if not value:
        raise ValidationError({field: f"A {kind} subscription needs a {field}."})
    if urlsplit(subscription.target_url).scheme not in {"http", "https"}:
        raise ValidationError({"target_url": "Webhooks are delivered over http or https only."})
    try:
        url_address_check(subscription.target_url)
    except AddressNotAllowed as error:
        raise ValidationError(
            {"target_url": f"Webhooks are not delivered to internal addresses: {error}."}
        ) from error
    subscription.full_clean()
    subscription.save()
    return subscription


@transaction.atomic
def webhook_subscription_deactivate(*, subscription: WebhookSubscription) -> WebhookSubscription:
    subscription.active = False
    subscription.save(update_fields=["active"])
    subscription.deliveries.filter(status=DeliveryStatus.PENDING).update(
        status=DeliveryStatus.FAILED, last_error="subscription cancelled"
    )
    return subscription


def _changed_claims(claim_ids: Iterable[int] | None):
    """Claims whose status or credibility differs from what was last announced (a claim never
    announced counts as announced in its initial state: unverified, cannot be judged)."""
    claims = (
        Claim.objects.all() if claim_ids is None else Claim.objects.filter(pk__in=list(claim_ids))
    )
    return (
        claims.annotate(
            announced_status=Coalesce(
                F("announced_state__status"), Value(ClaimStatus.UNVERIFIED.value)
            ),
            announced_credibility=Coalesce(
                F("announced_state__credibility"), Value(Credibility.CANNOT_BE_JUDGED.value)
            ),
        )
        .exclude(status=F("announced_status"), credibility=F("announced_credibility"))
        .order_by("pk")
    )


def _matching_subscriptions(claims: list[Claim]) -> dict[int, set[int]]:
    """subscription id -> ids of the changed claims it wants to hear about."""
    claim_ids = [claim.pk for claim in claims]
    matches: dict[int, set[int]] = defaultdict(set)
    active = WebhookSubscription.objects.filter(active=True)

    for sub_id, claim_id in active.filter(
        kind=SubscriptionKind.CLAIM, claim_id__in=claim_ids
    ).values_list("pk", "claim_id"):
        matches[sub_id].add(claim_id)

    claims_by_source: dict[int, set[int]] = defaultdict(set)
    for claim_id, source_id, via_id in Citation.objects.filter(claim_id__in=claim_ids).values_list(
        "claim_id", "source_id", "via_id"
    ):
        claims_by_source[source_id].add(claim_id)
        if via_id:
            claims_by_source[via_id].add(claim_id)
    for sub_id, source_id in active.filter(
        kind=SubscriptionKind.SOURCE, source_id__in=list(claims_by_source)
    ).values_list("pk", "source_id"):
        matches[sub_id] |= claims_by_source[source_id]

    claims_by_topic: dict[str, set[int]] = defaultdict(set)
    for claim in claims:
        if claim.topic:
            claims_by_topic[claim.topic.strip().lower()].add(claim.pk)
    for sub_id, topic in (
        active.filter(kind=SubscriptionKind.TOPIC)
        .annotate(topic_key=Lower("topic"))
        .filter(topic_key__in=list(claims_by_topic))
        .values_list("pk", "topic_key")
    ):
        matches[sub_id] |= claims_by_topic[topic]

    # Searches are few and each is one indexed query over just the changed claims.
    for sub_id, query in active.filter(kind=SubscriptionKind.SEARCH).values_list("pk", "query"):
        found = (
            Claim.objects.filter(pk__in=claim_ids)
            .annotate(document=SearchVector("text", config="english"))
            .filter(document=SearchQuery(query, config="english", search_type="websearch"))
            .values_list("pk", flat=True)
        )
        matches[sub_id] |= set(found)
    return {sub_id: ids for sub_id, ids in matches.items() if ids}


class _Announced(TypedDict):
    """What `_changed_claims` annotates each claim with: the state last announced."""

    announced_status: str
    announced_credibility: int


def _event_payload(
    claim: "WithAnnotations[Claim, _Announced]", event_id: uuid.UUID, changed_at: datetime
) -> dict:
    return {
        "event": EVENT_CLAIM_CHANGED,
        "event_id": str(event_id),
        "changed_at": changed_at.isoformat(),
        "claim": {
            "id": claim.pk,
            "text": claim.text,
            "topic": claim.topic,
            "status": claim.status,
            "credibility": claim.credibility,
        },
        "previous": {"status": claim.announced_status, "credibility": claim.announced_credibility},
    }


@transaction.atomic
def claim_changes_announce(*, claim_ids: Iterable[int] | None = None) -> int:
    """Turn every change of status or credibility not yet announced into webhook deliveries.

    Compares each claim with the state last announced, so running it twice, or from both the
    recompute job and the nightly repair, announces each change once. The claims are locked so two
    workers cannot announce the same change. Returns the number of changed claims.
    """
    candidates = list(_changed_claims(claim_ids).values_list("pk", flat=True))
    if not candidates:
        return 0
    list(
        Claim.objects.select_for_update().filter(pk__in=candidates).order_by("pk").values_list("pk")
    )
    changed = list(_changed_claims(candidates))
    if not changed:
        return 0
    now = timezone.now()
    event_ids = {claim.pk: uuid.uuid4() for claim in changed}
    payloads = {claim.pk: _event_payload(claim, event_ids[claim.pk], now) for claim in changed}
    deliveries = [
        WebhookDelivery(
            subscription_id=sub_id,
            event_id=event_ids[claim_id],
            event_type=EVENT_CLAIM_CHANGED,
            payload=payloads[claim_id],
            next_attempt_at=now,
        )
        for sub_id, claim_ids_matched in _matching_subscriptions(changed).items()
        for claim_id in sorted(claim_ids_matched)
    ]
    WebhookDelivery.objects.bulk_create(deliveries)
    ClaimAnnouncedState.objects.bulk_create(
        [
            ClaimAnnouncedState(
                claim_id=c.pk, status=c.status, credibility=c.credibility, announced_at=now
            )
            for c in changed
        ],
        update_conflicts=True,
        unique_fields=["claim"],
        update_fields=["status", "credibility", "announced_at"],
    )
    for delivery in deliveries:
        enqueue_on_commit(WEBHOOK_DELIVERY_TASK, delivery.pk)
    return len(changed)


def webhook_request(
    delivery: WebhookDelivery, *, sent_at: datetime
) -> tuple[bytes, dict[str, str]]:
    timestamp = str(int(sent_at.timestamp()))
    body = json.dumps(
        {**delivery.payload, "delivery_id": delivery.pk, "timestamp": int(timestamp)},
        separators=(",", ":"),
        sort_keys=True,
    ).encode()
    headers = {
        "Content-Type": "application/json",
        "X-Factcheck-Event": delivery.event_type,
        "X-Factcheck-Event-Id": str(delivery.event_id),
        "X-Factcheck-Delivery": str(delivery.pk),
        TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: webhook_signature(secret=delivery.subscription.secret, body=body),
    }
    return body, headers


def webhook_backoff(attempts: int) -> timedelta:
    """Delay before the next try after `attempts` failed ones: base, 2×base, 4×base, … capped."""
    return min(timedelta(seconds=settings.WEBHOOK_BACKOFF_BASE * 2 ** (attempts - 1)), MAX_BACKOFF)


def webhook_delivery_send(*, delivery_id: int, now: datetime | None = None) -> str:
    """Try one delivery once; returns its status afterwards, or "skipped" when it was not due.

    A lease (moving next_attempt_at past the request's timeout) makes sure only one worker sends
    a delivery at a time, without holding a database transaction open during the HTTP request. A
    worker killed mid-request leaves the lease to expire and the sweep tries again: receivers see
    a delivery at least once and should deduplicate by X-Factcheck-Event-Id.
    """
    now = now or timezone.now()
    lease_until = now + timedelta(seconds=settings.WEBHOOK_TIMEOUT * 2 + 30)
    leased = WebhookDelivery.objects.filter(
        pk=delivery_id, status=DeliveryStatus.PENDING, next_attempt_at__lte=now
    ).update(next_attempt_at=lease_until)
    if not leased:
        return "skipped"
    delivery = WebhookDelivery.objects.select_related("subscription").get(pk=delivery_id)
    attempts = delivery.attempts + 1
    if not delivery.subscription.active:
        _record_attempt(
            delivery_id, attempts, DeliveryStatus.FAILED, now, None, "subscription cancelled"
        )
        return DeliveryStatus.FAILED
    body, headers = webhook_request(delivery, sent_at=now)
    try:
        response = safe_fetch(
            delivery.subscription.target_url,
            method="POST",
            body=body,
            headers=headers,
            timeout=settings.WEBHOOK_TIMEOUT,
            max_bytes=RESPONSE_BYTES_KEPT,
            follow_redirects=False,
        )
        http_status, error = (
            response.status,
            "" if 200 <= response.status < 300 else f"HTTP {response.status}",
        )
    except FetchError as failure:
        http_status, error = None, str(failure)
    if not error:
        status = DeliveryStatus.DELIVERED
    elif attempts >= settings.WEBHOOK_MAX_ATTEMPTS:
        status = DeliveryStatus.FAILED
    else:
        status = DeliveryStatus.PENDING
    _record_attempt(delivery_id, attempts, status, now, http_status, error)
    return status


def _record_attempt(delivery_id, attempts, status, now, http_status, error) -> None:
    WebhookDelivery.objects.filter(pk=delivery_id).update(
        attempts=attempts,
        status=status,
        last_attempt_at=now,
        last_http_status=http_status,
        last_error=error,
        delivered_at=now if status == DeliveryStatus.DELIVERED else None,
        next_attempt_at=now + webhook_backoff(attempts)
        if status == DeliveryStatus.PENDING
        else now,
    )


def webhook_deliveries_due(*, now: datetime | None = None, limit: int = 500) -> list[int]:
    return list(
        WebhookDelivery.objects.filter(
            status=DeliveryStatus.PENDING, next_attempt_at__lte=now or timezone.now()
        )
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )


@transaction.atomic
def webhook_deliveries_resend(*, delivery_ids: Iterable[int]) -> int:
    """Staff's re-send: parked (or delivered) deliveries get a fresh set of attempts, now."""
    ids = list(
        WebhookDelivery.objects.filter(pk__in=list(delivery_ids))
        .exclude(status=DeliveryStatus.PENDING)
        .values_list("pk", flat=True)
    )
    WebhookDelivery.objects.filter(pk__in=ids).update(
        status=DeliveryStatus.PENDING,
        attempts=0,
        next_attempt_at=timezone.now(),
        delivered_at=None,
        last_error="",
    )
    for delivery_id in ids:
        enqueue_on_commit(WEBHOOK_DELIVERY_TASK, delivery_id)
    return len(ids)
