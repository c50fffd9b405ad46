"""The jobs' own records: webhook subscriptions and deliveries, what subscribers were last told,
the job log, and the reviewers' re-check queue. Moved here from the claims app; the tables keep
their old names (migration jobs.0001 moved them in Django's state only)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from claims.models import Claim, ClaimStatus, Credibility
from factcheck.models import BaseModel
from sources.models import Source


class ClaimDueForRecheck(Claim):
    """The reviewers' re-check queue in the admin: claims flagged after their last review."""

    class Meta:
        proxy = True
        verbose_name = "claim due for re-check"
        verbose_name_plural = "claims due for re-check"


class SubscriptionKind(models.TextChoices):
    CLAIM = "claim", "A claim"
    SOURCE = "source", "Claims a source made"
    TOPIC = "topic", "A topic"
    SEARCH = "search", "A full-text search"


class WebhookSubscription(BaseModel):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webhook_subscriptions"
    )
    target_url = models.URLField(max_length=2000)
    secret = models.CharField(
        max_length=100, help_text="Signs every delivery (HMAC-SHA256 over the body)."
    )
    kind = models.CharField(max_length=10, choices=SubscriptionKind.choices)
    claim = models.ForeignKey(
        Claim, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    topic = models.CharField(max_length=100, blank=True)
    query = models.CharField(max_length=200, blank=True)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        db_table = "claims_webhooksubscription"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        kind=SubscriptionKind.CLAIM,
                        claim__isnull=False,
                        source__isnull=True,
                        topic="",
                        query="",
                    )
                    | models.Q(
                        kind=SubscriptionKind.SOURCE,
                        claim__isnull=True,
                        source__isnull=False,
                        topic="",
                        query="",
                    )
                    | (
                        models.Q(
                            kind=SubscriptionKind.TOPIC,
                            claim__isnull=True,
                            source__isnull=True,
                            query="",
                        )
                        & models.Q(topic__regex=r"\S")
                    )
                    | (
                        models.Q(
                            kind=SubscriptionKind.SEARCH,
                            claim__isnull=True,
                            source__isnull=True,
                            topic="",
                        )
                        & models.Q(query__regex=r"\S")
                    )
                ),
                name="webhook_subscription_target_matches_kind",
            ),
            models.CheckConstraint(
                condition=models.Q(secret__regex=r"\S{16,}"),
                name="webhook_subscription_secret_strong",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.target_url}"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    DELIVERED = "delivered", "Delivered"
    FAILED = "failed", "Failed (parked)"


class WebhookDelivery(BaseModel):
    """One event for one subscription. Retried with exponential backoff while pending; parked as
    failed after the configured number of attempts; staff can re-send from the admin."""

    subscription = models.ForeignKey(
        WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    event_id = models.UUIDField()
    event_type = models.CharField(max_length=50)
    payload = models.JSONField()
    status = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "claims_webhookdelivery"
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "webhook deliveries"
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(status="pending"),
                name="webhook_delivery_due",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "event_id"], name="webhook_delivery_once_per_event"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=DeliveryStatus.values),
                name="webhook_delivery_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status=DeliveryStatus.DELIVERED, delivered_at__isnull=False)
                | ~models.Q(status=DeliveryStatus.DELIVERED) & models.Q(delivered_at__isnull=True),
                name="webhook_delivery_delivered_at_iff_delivered",
            ),
        ]

    def __str__(self):
        return f"{self.event_type} {self.event_id} → {self.subscription.target_url}"


class ClaimAnnouncedState(BaseModel):
    """The status and credibility subscribers were last told about, so each change is announced
    exactly once whichever path (review, recompute, nightly repair) noticed it."""

    claim = models.OneToOneField(
        Claim, on_delete=models.CASCADE, primary_key=True, related_name="announced_state"
    )
    status = models.CharField(max_length=20, choices=ClaimStatus.choices)
    credibility = models.PositiveSmallIntegerField(choices=Credibility.choices)
    announced_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "claims_claimannouncedstate"

    def __str__(self):
        return f"claim {self.claim_id}: {self.status}, credibility {self.credibility}"


class JobRunStatus(models.TextChoices):
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"


class JobRun(BaseModel):
    """One run of a job: what ran, when, how much it did and what went wrong."""

    job = models.CharField(max_length=100)
    task_id = models.CharField(max_length=255, blank=True)
    status = models.CharField(
        max_length=10, choices=JobRunStatus.choices, default=JobRunStatus.RUNNING
    )
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    counts = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        db_table = "claims_jobrun"
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["job", "-started_at"], name="job_run_job_newest")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=JobRunStatus.values), name="job_run_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status=JobRunStatus.RUNNING, finished_at__isnull=True)
                | ~models.Q(status=JobRunStatus.RUNNING) & models.Q(finished_at__isnull=False),
                name="job_run_finished_iff_not_running",
            ),
        ]

    def __str__(self):
        return f"{self.job} {self.started_at:%Y-%m-%d %H:%M:%S} {self.status}"
