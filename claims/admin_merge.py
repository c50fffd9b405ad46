"""Duplicates and contradictions on a claim's admin page: the similar claims (the trigram search
the API shows as `similar_claims`), each with one-click "merge into this" and "mark as
contradicting" for reviewers, the claims linked as contradicting it, and on a merged claim a
pointer to the claim kept. Writes go through `claim_merge` and `claim_contradiction_link`."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import path
from django.views.decorators.http import require_POST

from claims.models import Claim
from claims.selectors import claim_contradicted_by, claim_similar, claim_with_contradictions
from claims.services import claim_contradiction_link, claim_contradiction_unlink, claim_merge


class ClaimDuplicatesAdminMixin:
    """The host admin mixes in claims.admin_verdicts.VerdictActionsMixin (`has_review_permission`,
    `claim_for_reviewer`, `claim_page`)."""

    change_form_template = "admin/claims/claim/change_form_claim.html"

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/merge/",
                self.admin_site.admin_view(require_POST(self.merge_view)),
                name="{}_{}_merge".format(*info),
            ),
            path(
                "<path:object_id>/contradiction/",
                self.admin_site.admin_view(require_POST(self.contradiction_view)),
                name="{}_{}_contradiction".format(*info),
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra = {"can_merge": self.has_review_permission(request)}
        claim = claim_with_contradictions(claim_id=object_id) if object_id.isdigit() else None
        if claim is not None and claim.merged_into_id is None:
            extra["similar_claims"] = claim_similar(claim=claim)
            extra["contradicting_claims"] = claim_contradicted_by(claim)
        return super().change_view(request, object_id, form_url, {**(extra_context or {}), **extra})

    def merge_view(self, request, object_id):
        claim = self.claim_for_reviewer(request, object_id)
        kept = self._other_claim(request, "into")
        try:
            claim_merge(duplicate=claim, kept=kept, merged_by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return self.claim_page(claim.pk)
        messages.success(request, f"Claim #{claim.pk} merged into this claim, #{kept.pk}.")
        return self.claim_page(kept.pk)

    def contradiction_view(self, request, object_id):
        claim = self.claim_for_reviewer(request, object_id)
        other = self._other_claim(request, "other")
        if request.POST.get("unlink"):
            claim_contradiction_unlink(claim=claim, other=other)
            messages.success(request, f"No longer marked as contradicting claim #{other.pk}.")
            return self.claim_page(claim.pk)
        try:
            claim_contradiction_link(claim=claim, other=other, linked_by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Marked as contradicting claim #{other.pk}.")
        return self.claim_page(claim.pk)

    @staticmethod
    def _other_claim(request, field):
        value = request.POST.get(field, "")
        other = Claim.objects.filter(pk=int(value)).first() if value.isdigit() else None
        if other is None:
            raise Http404("No claim with this id.")
        return other
