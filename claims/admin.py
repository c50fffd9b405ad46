"""The reviewers' admin for claims: what was said, by whom and through whom, and what reviewers
concluded about it.

Reviews are append-only, so a claim's page shows its review history read-only and offers a
separate form for a new verdict; verdicts on several claims at once go through the changelist
actions. Every write (a new claim, citation or review, a corrected claim or citation) goes
through the services in `claims.services`, which keep the claim's status up to date.
"""

from datetime import UTC, datetime, timedelta

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.widgets import AdminSplitDateTime
from django.db import models, transaction
from django.db.models import Prefetch, Q
from django.forms.models import BaseInlineFormSet
from django.template.response import TemplateResponse
from django.utils.html import format_html, format_html_join

from claims import admin_jobs  # noqa: F401  (registers the jobs' pages: job log, webhooks, re-check queue)
from claims.admin_publish import ClaimPublishAdminMixin
from claims.models import Citation, Claim, ClaimStatus, Review, Verdict
from claims.services import (
    CITATION_FIELDS,
    CLAIM_FIELDS,
    citation_create,
    citation_delete,
    citation_update,
    claim_create,
    claim_update,
    claims_review_bulk,
    review_create,
)
from sources.admin import AddOnlyInlineMixin, HistoryInlineMixin, adopt_saved_row

STATUS_COLOURS = {
    ClaimStatus.UNVERIFIED: "#5f6b7a",
    ClaimStatus.CORROBORATED: "#1b7f3b",
    ClaimStatus.CONTRADICTED: "#b3261e",
    ClaimStatus.DISPUTED: "#b35900",
    ClaimStatus.SUPERSEDED: "#5b3f99",
    ClaimStatus.UNRESOLVED: "#7a6a1f",
}


class HttpsLinks:
    """Links typed without a scheme are taken as https (Django 6's default, chosen now)."""

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


def titled(list_filter, title):
    """A related-field filter under a title that says what it filters by."""

    class TitledFilter(list_filter):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.title = title

    return TitledFilter


class AboutMonthFilter(admin.SimpleListFilter):
    """Claims whose time (an instant, or an interval) falls in or overlaps a month."""

    title = "time the claim is about"
    parameter_name = "about_month"

    def lookups(self, request, model_admin):
        months = Claim.objects.dates("about_start", "month", order="DESC")
        return [(f"{month:%Y-%m}", f"{month:%B %Y}") for month in months]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        try:
            start = datetime.strptime(self.value(), "%Y-%m").replace(tzinfo=UTC)
        except ValueError:
            return queryset.none()
        end = (start + timedelta(days=32)).replace(day=1)
        return queryset.filter(about_start__lt=end).filter(
            Q(about_end__gte=start) | Q(about_end__isnull=True, about_start__gte=start)
        )


class CitationInline(HistoryInlineMixin, admin.TabularInline):
    """The claim's citations as recorded; each opens on its own page for corrections."""

    model = Citation
    fk_name = "claim"
    fields = ["source", "stance", "quote", "url", "link", "published_at", "via", "created_by"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    verbose_name_plural = "Citations: who said it, and through whom"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(
            "claim", "source", "via", "created_by", "link_check"
        )

    @admin.display(description="link check")
    def link(self, citation):
        check = getattr(citation, "link_check", None)
        if check is None:
            return "not checked yet"
        label = f"{check.get_state_display()} ({check.checked_at:%Y-%m-%d})"
        return format_html("<strong>⚠ {}</strong>", label) if check.flagged else label


class CitationAddForm(forms.ModelForm):
    def validate_unique(self):
        super().validate_unique()
        # An inline leaves its claim out of model validation, which would skip the
        # one-citation-per-(claim, source, URL, stance) rule; check it here for a form error.
        if self.instance.claim_id is not None:
            try:
                self.instance.validate_constraints(exclude=self._get_validation_exclusions())
            except forms.ValidationError as error:
                self._update_errors(error)


class CitationAddFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or not data.get("source"):
                continue
            key = (data["source"].pk, data.get("url", ""), data.get("stance"))
            if key in seen:
                raise forms.ValidationError("The same source, URL and stance is entered twice.")
            seen.add(key)


class CitationAddInline(AddOnlyInlineMixin, HttpsLinks, admin.StackedInline):
    model = Citation
    fk_name = "claim"
    form = CitationAddForm
    formset = CitationAddFormSet
    fields = [("source", "stance"), "quote", "url", "published_at", "via"]
    autocomplete_fields = ["source", "via"]
    extra = 1
    can_delete = False
    verbose_name = "citation"
    verbose_name_plural = "Add citations"


class ReviewHistoryInline(HistoryInlineMixin, admin.TabularInline):
    """Every verdict ever recorded, newest first; a verdict is corrected by a new review."""

    model = Review
    fields = ["verdict", "effective_at", "evidence_note", "evidence_url", "reviewer", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name = "review"
    verbose_name_plural = "Review history (newest first; each reviewer's newest verdict stands)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("claim", "reviewer")


class ReviewAddFormSet(BaseInlineFormSet):
    """Marks the formset whose new rows are recorded through `review_create`."""


class ReviewAddInline(AddOnlyInlineMixin, HttpsLinks, admin.StackedInline):
    model = Review
    formset = ReviewAddFormSet
    fields = [("verdict", "effective_at"), "evidence_note", ("evidence_url", "evidence_published_at")]
    extra = 1
    max_num = 1
    can_delete = False
    verbose_name = "verdict"
    verbose_name_plural = "Record a verdict (with your name; the claim's status follows)"


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
        help_text="The time the verdict speaks of (UTC); empty means now.",
    )
    evidence_published_at = forms.SplitDateTimeField(
        required=False,
        widget=AdminSplitDateTime,
        label="Evidence published at",
        help_text="When the evidence became public (UTC); empty means now. Give it when "
        "entering verdicts from an archive: point-in-time answers count the verdict from then.",
    )


@admin.register(Claim)
class ClaimAdmin(ClaimPublishAdminMixin, admin.ModelAdmin):
    list_display = [
        "text",
        "status_badge",
        "credibility_display",
        "said_by",
        "relayed_via",
        "topic",
        "about",
        "first_reported_at",
    ]
    list_display_links = ["text"]
    list_filter = [
        "status",
        "credibility",
        ("citations__source", titled(admin.RelatedOnlyFieldListFilter, "cited source")),
        ("citations__via", titled(admin.RelatedOnlyFieldListFilter, "relayed via")),
        "topic",
        AboutMonthFilter,
    ]
    date_hierarchy = "first_reported_at"
    search_fields = ["text", "citations__quote"]
    search_help_text = "Searches the claim's text and the quotes of its citations."
    readonly_fields = ["status_badge", "credibility_display", "created_by", "created_at"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "text",
                    ("status_badge", "credibility_display"),
                    ("language", "topic", "tags"),
                ]
            },
        ),
        ("Place", {"fields": ["place_name", ("latitude", "longitude")]}),
        (
            "Time",
            {
                "fields": [("about_start", "about_end"), "first_reported_at"],
                "description": "The time the statement is about: an instant, or an interval.",
            },
        ),
        ("Entered", {"fields": [("created_by", "created_at")]}),
    ]
    inlines = [CitationInline, CitationAddInline, ReviewAddInline, ReviewHistoryInline]
    actions = [
        "mark_corroborated",
        "mark_contradicted",
        "mark_superseded",
        "mark_unresolved",
        "publish_selected",
        "unpublish_selected",
    ]

    def get_queryset(self, request):
        citations = Citation.objects.select_related("source", "via").order_by("published_at", "id")
        return (
            super()
            .get_queryset(request)
            .select_related("created_by")
            .prefetch_related(Prefetch("citations", queryset=citations))
        )

    @admin.display(description="Status", ordering="status")
    def status_badge(self, claim):
        return format_html(
            '<span class="claim-status claim-status-{}" style="background:{};color:#fff;'
            'padding:2px 8px;border-radius:9px;white-space:nowrap">{}</span>',
            claim.status,
            STATUS_COLOURS[claim.status],
            claim.get_status_display(),
        )

    @admin.display(description="Credibility", ordering="credibility")
    def credibility_display(self, claim):
        return claim.credibility_words

    @admin.display(description="Who said it")
    def said_by(self, claim):
        voices = dict.fromkeys(
            (citation.source.name, citation.get_stance_display().lower())
            for citation in claim.citations.all()
        )
        return format_html_join("; ", "{} ({})", voices) or "–"

    @admin.display(description="Through whom")
    def relayed_via(self, claim):
        outlets = dict.fromkeys(c.via.name for c in claim.citations.all() if c.via is not None)
        return ", ".join(outlets) or "–"

    @admin.display(description="About (time)", ordering="about_start")
    def about(self, claim):
        if claim.about_start is None:
            return "–"
        if claim.about_end is None:
            return f"{claim.about_start:%Y-%m-%d %H:%M}"
        return f"{claim.about_start:%Y-%m-%d %H:%M} – {claim.about_end:%Y-%m-%d %H:%M}"

    def save_model(self, request, obj, form, change):
        if change:
            # As for citations: the service compares the edit with the row as stored.
            updated = claim_update(
                claim=Claim.objects.get(pk=obj.pk),
                data={field: form.cleaned_data[field] for field in form.changed_data},
            )
            adopt_saved_row(obj, updated)
            return
        created = claim_create(
            created_by=request.user, **{name: form.cleaned_data[name] for name in CLAIM_FIELDS}
        )
        adopt_saved_row(obj, created)

    def save_formset(self, request, form, formset, change):
        if isinstance(formset, CitationAddFormSet):
            formset.new_objects = [
                citation_create(
                    claim=form.instance,
                    created_by=request.user,
                    **{field: getattr(citation, field) for field in CITATION_FIELDS},
                )
                for citation in formset.save(commit=False)
            ]
        elif isinstance(formset, ReviewAddFormSet):
            formset.new_objects = [
                review_create(
                    claim=form.instance,
                    verdict=review.verdict,
                    effective_at=review.effective_at,
                    evidence_note=review.evidence_note,
                    evidence_url=review.evidence_url,
                    evidence_published_at=review.evidence_published_at,
                    reviewer=request.user,
                )
                for review in formset.save(commit=False)
            ]
        else:
            super().save_formset(request, form, formset, change)

    def has_review_permission(self, request):
        return request.user.has_perm("claims.add_review")

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
        description="Mark selected claims unresolved (examined; only interested parties dispute them)",
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
                reviews = claims_review_bulk(
                    claims=queryset, verdict=verdict, reviewer=request.user, **form.cleaned_data
                )
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


@admin.register(Citation)
class CitationAdmin(HttpsLinks, admin.ModelAdmin):
    """Single citations, for correcting one; new ones are usually added on the claim's page."""

    list_display = ["claim", "source", "stance", "via", "published_at", "url"]
    list_filter = ["stance", ("source", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["quote", "claim__text", "source__name"]
    autocomplete_fields = ["claim", "source", "via"]
    readonly_fields = ["created_by", "created_at"]
    date_hierarchy = "published_at"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("claim", "source", "via")

    def save_model(self, request, obj, form, change):
        if change:
            # The form has already written its values onto obj; the service compares against the
            # row as stored, so that it can recompute the sources the citation stops counting for.
            stored = Citation.objects.get(pk=obj.pk)
            citation_update(
                citation=stored, data={field: form.cleaned_data[field] for field in form.changed_data}
            )
            return
        data = form.cleaned_data
        created = citation_create(
            claim=data["claim"],
            created_by=request.user,
            **{field: data[field] for field in CITATION_FIELDS},
        )
        adopt_saved_row(obj, created)

    def delete_model(self, request, obj):
        citation_delete(citation=obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for citation in queryset:
                citation_delete(citation=citation)


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    """The history of verdicts across claims. Read-only: verdicts are added on a claim's page or
    with the claim list's actions, and corrected by a newer review."""

    list_display = ["claim", "verdict", "effective_at", "reviewer", "created_at", "evidence_note"]
    list_filter = ["verdict", ("reviewer", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["claim__text", "evidence_note"]
    date_hierarchy = "created_at"
    fields = [
        "claim",
        "verdict",
        "effective_at",
        "evidence_note",
        "evidence_url",
        "evidence",
        "reviewer",
        "created_at",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("claim", "reviewer")

    @admin.display(description="Evidence citations")
    def evidence(self, review):
        citations = review.evidence_citations.select_related("source")
        rows = ((c.source, c.stance, c.quote, c.url) for c in citations)
        return format_html_join("\n", "<div>{} ({}): {} {}</div>", rows) or "–"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# The article intake registers its own admin ("Import article" is the add page of article imports).
from claims.intake import admin as intake_admin  # noqa: E402,F401
