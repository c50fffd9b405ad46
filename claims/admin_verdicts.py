"""Verdicts on several claims at once from a changelist (the claims list and the re-check queue):
the evidence form first, then `claims_review_bulk` records the verdict on all of them or none."""

from collections.abc import Callable, Sequence
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from claims.models import Verdict
from claims.services import claims_review_bulk


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """A service's ValidationError as the form's errors: on the field it names when the form has
    it, else above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


class ReviewActionForm(forms.Form):
    """The evidence behind a verdict given to several claims at once from the changelist."""

    evidence_note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        help_text="What shows this verdict is right. Required.",
    )
    evidence_url = forms.URLField(
        label="Evidence URL", required=False, assume_scheme="https", max_length=2000
    )
    effective_at = forms.SplitDateTimeField(
        required=False,
        widget=AdminSplitDateTime,
        label="Effective at",
        help_text="The time the verdict speaks of (UTC); empty means now. For superseded, "
        "required: when the claims stopped being true.",
    )
    evidence_published_at = forms.SplitDateTimeField(
        required=False,
        widget=AdminSplitDateTime,
        label="Evidence published at",
        help_text="When the evidence became public (UTC); empty means now. Give it when "
        "entering verdicts from an archive: point-in-time answers count the verdict from then.",
    )


class VerdictActionsMixin:
    # Typed as ModelAdmin types it: the admins mix this class in ahead of a ModelAdmin.
    actions: Sequence[Callable[..., Any] | str] | None = [
        "mark_corroborated",
        "mark_contradicted",
        "mark_superseded",
        "mark_unresolved",
    ]

    def has_review_permission(self, request):
        return request.user.has_perm("claims.add_review")

    def claim_for_reviewer(self, request, object_id):
        """The claim a reviewer's own page (verdict screen, publish, merge) acts on: 403 for
        anyone who may not review, 404 for an unknown id."""
        if not self.has_review_permission(request):
            raise PermissionDenied
        claim = self.get_object(request, object_id)
        if claim is None:
            raise Http404("No claim with this id.")
        return claim

    def claim_page(self, claim_id) -> HttpResponseRedirect:
        info = self.opts.app_label, self.opts.model_name
        return HttpResponseRedirect(reverse("admin:{}_{}_change".format(*info), args=[claim_id]))

    @admin.action(description="Mark selected claims corroborated", permissions=["review"])
    def mark_corroborated(self, request, queryset):
        return self._review_selected(request, queryset, Verdict.CORROBORATED)

    @admin.action(description="Mark selected claims contradicted", permissions=["review"])
    def mark_contradicted(self, request, queryset):
        return self._review_selected(request, queryset, Verdict.CONTRADICTED)

    @admin.action(
        description="Mark selected claims superseded (true when made, overtaken by events)",
        permissions=["review"],
    )
    def mark_superseded(self, request, queryset):
        return self._review_selected(request, queryset, Verdict.SUPERSEDED)

    @admin.action(
        description=(
            "Mark selected claims unresolved (examined; only interested parties dispute them)"
        ),
        permissions=["review"],
    )
    def mark_unresolved(self, request, queryset):
        return self._review_selected(request, queryset, Verdict.UNRESOLVED)

    def _review_selected(self, request, queryset, verdict):
        """First show the evidence form for the selected claims; on its submission record the
        verdict on all of them through `claims_review_bulk`, or on none."""
        if "apply" in request.POST:
            form = ReviewActionForm(request.POST)
            if form.is_valid():
                try:
                    reviews = claims_review_bulk(
                        claims=queryset, verdict=verdict, reviewer=request.user, **form.cleaned_data
                    )
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    self.message_user(
                        request,
                        f"Recorded “{Verdict(verdict).label}” on {len(reviews)} claim(s).",
                        messages.SUCCESS,
                    )
                    return None
        else:
            form = ReviewActionForm()
        context = {
            **self.admin_site.each_context(request),
            "title": f"Mark as {Verdict(verdict).label.lower()}",
            "opts": self.model._meta,
            "claims": queryset,
            "verdict_label": Verdict(verdict).label,
            "action_name": request.POST.get("action"),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "form": form,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/claims/claim/review_action.html", context)
