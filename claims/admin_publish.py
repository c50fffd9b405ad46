"""Publishing a reviewed claim's public fact-check page from the admin: a button on the claim's
page and bulk actions on the claim list, for reviewers, through `claim_publish` and
`claim_unpublish`."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import path, reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from claims.services import claim_publish, claim_unpublish


class ClaimPublishAdminMixin:
    """Adds publish/unpublish to the claim admin; the host admin mixes in
    claims.admin_verdicts.VerdictActionsMixin (`has_review_permission`, `claim_for_reviewer`,
    `claim_page`)."""

    change_form_template = "admin/claims/claim/change_form_publish.html"

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/publish/",
                self.admin_site.admin_view(require_POST(self.publish_view)),
                name="{}_{}_publish".format(*info),
            ),
            path(
                "<path:object_id>/unpublish/",
                self.admin_site.admin_view(require_POST(self.unpublish_view)),
                name="{}_{}_unpublish".format(*info),
            ),
            *super().get_urls(),
        ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("published_by")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_publish": self.has_review_permission(request),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def publish_view(self, request, object_id):
        claim = self.claim_for_reviewer(request, object_id)
        try:
            claim = claim_publish(claim=claim, published_by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            url = reverse("fact-check", args=[claim.pk])
            messages.success(request, format_html('Published at <a href="{}">{}</a>.', url, url))
        return self.claim_page(claim.pk)

    def unpublish_view(self, request, object_id):
        claim = claim_unpublish(claim=self.claim_for_reviewer(request, object_id))
        messages.success(request, "Unpublished: its public page now answers “not found”.")
        return self.claim_page(claim.pk)

    @admin.action(
        description="Publish the selected claims' fact-check pages", permissions=["review"]
    )
    def publish_selected(self, request, queryset):
        """All or none: one claim without a verdict publishes nothing, and says which."""
        refused = []
        with transaction.atomic():
            for claim in queryset:
                try:
                    claim_publish(claim=claim, published_by=request.user)
                except ValidationError:
                    refused.append(claim)
            if refused:
                transaction.set_rollback(True)
        if refused:
            names = "; ".join(f"“{claim.text[:80]}”" for claim in refused)
            self.message_user(
                request,
                f"Nothing published: {len(refused)} selected claim(s) have no verdict yet: {names}",
                messages.ERROR,
            )
            return
        self.message_user(request, f"Published {len(queryset)} fact-check(s).", messages.SUCCESS)

    @admin.action(
        description="Unpublish the selected claims' fact-check pages", permissions=["review"]
    )
    def unpublish_selected(self, request, queryset):
        with transaction.atomic():
            for claim in queryset:
                claim_unpublish(claim=claim)
        self.message_user(request, f"Unpublished {len(queryset)} fact-check(s).", messages.SUCCESS)
