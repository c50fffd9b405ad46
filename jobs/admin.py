"""Admin for the scheduled jobs: the job log, webhook subscriptions and deliveries (with re-send),
link checks, and the reviewers' "due for re-check" queue. Everything here is a record written by
the jobs, so it is read-only apart from re-sending deliveries and pausing subscriptions."""

from typing import ClassVar

from django.contrib import admin, messages
from django.core.paginator import Page
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from claims.admin import ClaimSearchMixin
from claims.admin_verdict_screen import verdict_screen_link
from claims.admin_verdicts import VerdictActionsMixin
from claims.models import CitationLinkCheck, RecheckReason, RecomputeRequest
from factcheck.paging import (
    EstimatedCountPaginator,
    IndexedValuesFieldListFilter,
    LargeListAdminMixin,
)
from jobs.models import ClaimDueForRecheck, JobRun, WebhookDelivery, WebhookSubscription
from jobs.recheck import QUEUE_ORDER, claim_due_for_recheck_first, claim_due_for_recheck_list
from jobs.webhooks import webhook_deliveries_resend
from sources.admin import ReadOnlyAdminMixin


class ReadOnlyAdmin(ReadOnlyAdminMixin, LargeListAdminMixin, admin.ModelAdmin):
    """A record the jobs wrote, in a list that may hold millions of rows."""


@admin.register(JobRun)
class JobRunAdmin(ReadOnlyAdmin):
    list_display = ["job", "status", "started_at", "duration", "counts", "error_summary"]
    list_filter = ["status", "job"]
    date_hierarchy = "started_at"
    search_fields = ["job", "task_id", "error"]

    @admin.display(description="duration")
    def duration(self, run):
        return run.finished_at - run.started_at if run.finished_at else "running"

    @admin.display(description="error")
    def error_summary(self, run):
        return run.error.strip().splitlines()[-1] if run.error.strip() else ""


@admin.register(RecomputeRequest)
class RecomputeRequestAdmin(ReadOnlyAdmin):
    """Work waiting for the recompute job; one that keeps failing shows its error here."""

    list_display = [
        "reason",
        "requested_at",
        "done_at",
        "failed_attempts",
        "last_error",
        "claim_ids",
        "source_ids",
    ]
    list_filter = ["reason", ("done_at", admin.EmptyFieldListFilter)]
    date_hierarchy = "requested_at"


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(LargeListAdminMixin, admin.ModelAdmin):
    list_display = ["target_url", "kind", "target", "owner", "active", "created_at"]
    list_filter = ["kind", "active"]
    list_select_related = ["owner", "claim", "source"]
    search_fields = ["target_url", "topic", "query", "owner__username"]
    fields = [
        "owner",
        "target_url",
        "kind",
        "claim",
        "source",
        "topic",
        "query",
        "active",
        "created_at",
    ]
    readonly_fields = [
        "owner",
        "target_url",
        "kind",
        "claim",
        "source",
        "topic",
        "query",
        "created_at",
    ]

    def has_add_permission(self, request):
        return False  # subscribers create them through the API, which hands out the secret

    @admin.display(description="subscribed to")
    def target(self, subscription):
        return subscription.claim or subscription.source or subscription.topic or subscription.query


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyAdmin):
    list_display = [
        "event_type",
        "target_url",
        "status",
        "attempts",
        "last_http_status",
        "last_error",
        "next_attempt_at",
        "created_at",
    ]
    list_filter = ["status", "event_type"]
    list_select_related = ["subscription"]
    search_fields = ["subscription__target_url", "event_id", "last_error"]
    actions = ["resend"]

    @admin.display(description="receiver")
    def target_url(self, delivery):
        return delivery.subscription.target_url

    @admin.action(description="Re-send selected deliveries", permissions=["resend"])
    def resend(self, request, queryset):
        count = webhook_deliveries_resend(delivery_ids=queryset.values_list("pk", flat=True))
        self.message_user(request, f"{count} deliveries queued to be sent again.", messages.SUCCESS)

    def has_resend_permission(self, request):
        return request.user.has_perm("jobs.change_webhookdelivery")


@admin.register(CitationLinkCheck)
class CitationLinkCheckAdmin(ReadOnlyAdmin):
    list_display = ["url", "state", "http_status", "flagged", "final_url", "checked_at", "claim"]
    list_filter = ["flagged", "state"]
    list_select_related = ["citation__claim"]
    search_fields = ["url", "final_url"]

    @admin.display(description="claim")
    def claim(self, check):
        return check.citation.claim


class RecheckQueuePaginator(EstimatedCountPaginator):
    """Pages of the queue in its own order are read from the claims that can be on them
    (claim_due_for_recheck_first), not by ordering every due claim; other orders as usual."""

    def page(self, number):
        queue = self.object_list
        # The changelist appends the queryset's own ordering and "-pk" after the queue's order,
        # which ends in the primary key: what follows it changes nothing.
        if (
            not isinstance(queue, QuerySet)
            or tuple(queue.query.order_by[: len(QUEUE_ORDER)]) != QUEUE_ORDER
        ):
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        first = claim_due_for_recheck_first(queue, count=bottom + self.per_page)
        return Page(first[bottom : bottom + self.per_page], number, self)


@admin.register(ClaimDueForRecheck)
class ClaimDueForRecheckAdmin(ClaimSearchMixin, VerdictActionsMixin, ReadOnlyAdmin):
    """Oldest due first, then the most cited (re-sortable by column); a review, one by one on the
    claim's page or several at once with the verdict actions, clears a claim from the list."""

    list_display = [
        "claim_link",
        "due_since",
        "reasons",
        "citation_count",
        "status",
        "credibility",
        "verdict_link",
    ]
    list_filter = ["status", ("topic", IndexedValuesFieldListFilter)]
    search_fields = ["text"]
    list_display_links = None
    paginator: ClassVar[type] = RecheckQueuePaginator

    def get_queryset(self, request):
        # Not through super(), which would order by get_ordering's annotations before they exist.
        return claim_due_for_recheck_list(self.model._default_manager.all())

    def get_ordering(self, request):
        # The queue's own order; without it the changelist would fall back to Claim's newest first.
        return ["due_since", "-citation_count", "pk"]

    @admin.display(description="claim", ordering="text")
    def claim_link(self, claim):
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:claims_claim_change", args=[claim.pk]), claim
        )

    @admin.display(description="verdict")
    def verdict_link(self, claim):
        return verdict_screen_link(claim)

    @admin.display(description="due since", ordering="due_since")
    def due_since(self, claim):
        return claim.due_since

    @admin.display(description="why")
    def reasons(self, claim):
        labels = dict(RecheckReason.choices)
        return format_html_join(
            "",
            "<div>{}{}</div>",
            (
                (labels[reason], f": {detail}" if detail else "")
                for reason, detail in zip(claim.due_reasons, claim.due_details, strict=True)
            ),
        )

    @admin.display(description="citations", ordering="citation_count")
    def citation_count(self, claim):
        return claim.citation_count
