"""The verdict screen: one page per claim with its evidence (the citations), the verdict form and
a preview of the ClaimReview the verdict would publish; saving goes through `review_create`.
Also the guard on a reviewed claim's text: changing it asks for an explicit confirmation, since
the published verdicts speak of the text as it was."""

import copy
import json

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from claims.admin_verdicts import add_service_errors
from claims.api.claimreview import RATINGS, claim_review_jsonld, claim_review_url
from claims.models import Citation, ClaimStatus, Review, Verdict
from claims.services import SUPERSEDED_NEEDS_EFFECTIVE_AT, review_create
from claims.status import status_with_verdict


def verdict_screen_link(claim) -> str:
    """A link to the claim's verdict screen, for lists of claims (the claims list, the queue)."""
    url = reverse("admin:claims_claim_verdict", args=[claim.pk])
    return format_html('<a href="{}" class="verdict-screen-link">Verdict…</a>', url)


class VerdictForm(forms.Form):
    verdict = forms.ChoiceField(choices=Verdict.choices)
    evidence_note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        help_text="What shows this verdict is right. Required.",
    )
    evidence_url = forms.URLField(
        label="Evidence URL", required=False, assume_scheme="https", max_length=2000
    )
    evidence_citations = forms.ModelMultipleChoiceField(
        queryset=Citation.objects.none(),
        required=False,
        label="Supporting citations",
    )
    effective_at = forms.SplitDateTimeField(
        required=False,
        widget=AdminSplitDateTime,
        label="Effective at / stopped being true at",
        help_text="The time the verdict speaks of (UTC); empty means now. For superseded, "
        "required: when the claim stopped being true.",
    )
    evidence_published_at = forms.SplitDateTimeField(
        required=False,
        widget=AdminSplitDateTime,
        label="Evidence published at",
        help_text="When the evidence became public (UTC); empty means now.",
    )

    def __init__(self, *args, claim, **kwargs):
        super().__init__(*args, **kwargs)
        # Only this claim's citations can be chosen; review_create holds the same rule.
        self.fields["evidence_citations"].queryset = Citation.objects.filter(claim=claim)


class ReviewedClaimTextForm:
    """Mixed into the claim's admin form when the claim has reviews."""

    @property
    def changed_data(self):
        # The confirmation is no field of the claim: the save passes on only what changed in it.
        return [name for name in super().changed_data if name != "confirm_text_change"]

    def clean(self):
        cleaned = super().clean()
        if "text" in self.changed_data and not cleaned.get("confirm_text_change"):
            self.add_error(
                "confirm_text_change",
                "This claim has verdicts, which speak of its text as it was: tick the box to "
                "confirm the change (it is recorded in the claim's history under your name).",
            )
        return cleaned


class VerdictScreenAdminMixin:
    """Adds the verdict screen to the claim admin (linked from the claim's page and the claims
    list) and the confirmation for text changes of reviewed claims. The host admin mixes in
    claims.admin_verdicts.VerdictActionsMixin (`has_review_permission`, `claim_for_reviewer`,
    `claim_page`)."""

    change_form_template = "admin/claims/claim/change_form_verdict.html"

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/verdict/",
                self.admin_site.admin_view(self.verdict_view),
                name="{}_{}_verdict".format(*info),
            ),
            *super().get_urls(),
        ]

    def get_list_display(self, request):
        shown = super().get_list_display(request)
        if self.has_review_permission(request):
            return [*shown, "verdict_screen_link"]
        return shown

    @admin.display(description="Verdict")
    def verdict_screen_link(self, claim):
        return verdict_screen_link(claim)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_review": self.has_review_permission(request),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    # --- Text changes of reviewed claims ---------------------------------------------------

    @staticmethod
    def _is_reviewed(obj):
        # review_create derives the status in the review's own transaction, so any review leaves
        # the claim other than unverified: no query needed.
        return obj is not None and obj.status != ClaimStatus.UNVERIFIED

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if self._is_reviewed(obj) and self.has_change_permission(request, obj):
            fieldsets = [
                *fieldsets,
                (
                    "Reviewed claim",
                    {
                        "fields": ["confirm_text_change"],
                        "description": "This claim has verdicts: changing its text needs "
                        "confirmation.",
                    },
                ),
            ]
        return fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        if self._is_reviewed(obj):
            base = kwargs.get("form", self.form)
            kwargs["form"] = type(
                "ReviewedClaimAdminForm",
                (ReviewedClaimTextForm, base),
                {
                    "confirm_text_change": forms.BooleanField(
                        required=False,
                        label="I confirm changing the text of a reviewed claim",
                    )
                },
            )
        return super().get_form(request, obj, change, **kwargs)

    # --- The verdict screen ----------------------------------------------------------------

    def verdict_view(self, request, object_id):
        claim = self.claim_for_reviewer(request, object_id)
        form = VerdictForm(request.POST or None, claim=claim)
        preview = None
        if request.method == "POST" and form.is_valid():
            if "preview" in request.POST:
                preview = self._claimreview_preview(request, claim, form.cleaned_data)
            else:
                try:
                    review = review_create(claim=claim, reviewer=request.user, **form.cleaned_data)
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    messages.success(
                        request,
                        f"Recorded “{review.get_verdict_display()}”; the claim is now "
                        f"{review.claim.get_status_display().lower()}.",
                    )
                    return self.claim_page(claim.pk)
        chosen = {str(pk) for pk in request.POST.getlist("evidence_citations")}
        context = {
            **self.admin_site.each_context(request),
            "title": "Record a verdict",
            "opts": self.opts,
            "original": claim,
            "claim": claim,
            "citations": [(c, str(c.pk) in chosen) for c in claim.citations.all()],
            "form": form,
            "preview": preview,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/claims/claim/verdict_screen.html", context)

    def _claimreview_preview(self, request, claim, data):
        """What the claim's ClaimReview would say with this verdict: the status it would have
        (every reviewer's standing verdict with this one replacing the reviewer's own) rated as
        the ClaimReview rates it."""
        now = timezone.now()
        claim = copy.copy(claim)  # the page still shows the claim as it stands
        claim.status = status_with_verdict(
            claim_id=claim.pk,
            reviewer_id=request.user.pk,
            verdict=data["verdict"],
            effective_at=data["effective_at"] or now,
        )
        review = claim_review_jsonld(
            claim=claim, reviewed_at=now, url=claim_review_url(request, claim.pk)
        )
        rating_value, rating_words = RATINGS[claim.status]
        return {
            "status": claim.get_status_display(),
            "rating_value": rating_value,
            "rating_words": rating_words,
            "jsonld": json.dumps(review, indent=2, ensure_ascii=False),
        }


class ReviewAddForm(forms.ModelForm):
    """The claim page's verdict form: "effective at" starts empty (now, when left so) rather than
    prefilled with now, which a superseded verdict must not take."""

    effective_at = forms.SplitDateTimeField(
        required=False,
        widget=AdminSplitDateTime,
        help_text=VerdictForm.base_fields["effective_at"].help_text,
    )

    class Meta:
        model = Review
        fields = [
            "verdict",
            "effective_at",
            "evidence_note",
            "evidence_url",
            "evidence_published_at",
        ]

    def clean(self):
        cleaned = super().clean()
        # review_create refuses it too, but from inside the admin's save, too late for a form error.
        if cleaned.get("verdict") == Verdict.SUPERSEDED and not cleaned.get("effective_at"):
            self.add_error("effective_at", SUPERSEDED_NEEDS_EFFECTIVE_AT)
        return cleaned
