"""The reviewers' admin for claims: what was said, by whom and through whom, and what reviewers
concluded about it.

Reviews are append-only, so a claim's page shows its review history read-only and offers a
separate form for a new verdict; verdicts on several claims at once go through the changelist
actions. Every write (a new claim, citation or review, a corrected claim or citation) goes
through the services in `claims.services`, which keep the claim's status up to date.
"""

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, ClassVar

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.db.models import Prefetch, Q, QuerySet
from django.forms.models import BaseInlineFormSet
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from claims.admin_merge import ClaimDuplicatesAdminMixin
from claims.admin_publish import ClaimPublishAdminMixin
from claims.admin_verdict_screen import ReviewAddForm, VerdictScreenAdminMixin
from claims.admin_verdicts import VerdictActionsMixin
from claims.models import SEARCH_RANKED_MATCHES, Citation, Claim, ClaimNote, ClaimStatus, Review
from claims.selectors import (
    claim_list_assigned,
    claim_search,
    claim_with_same_text,
)
from claims.services import (
    CITATION_FIELDS,
    CLAIM_FIELDS,
    ClaimTakenByAnother,
    citation_create,
    citation_delete,
    citation_update,
    claim_assign,
    claim_create,
    claim_note_create,
    claim_unassign,
    claim_update,
    review_create,
)
from factcheck.api_policy import ROLE_REVIEWER
from factcheck.paging import (
    IndexedDatesQuerySet,
    IndexedValuesFieldListFilter,
    LargeListAdminMixin,
    RelatedInUseFieldListFilter,
)
from factcheck.text import strip_invisible
from sources.admin import (
    AddOnlyInlineMixin,
    HistoryInlineMixin,
    ReadOnlyAdminMixin,
    adopt_saved_row,
)
from sources.models import Source

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise

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
        # Months in UTC, as queryset() reads them.
        with timezone.override(UTC):
            months = IndexedDatesQuerySet(Claim).datetimes("about_start", "month", order="DESC")
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


class ClaimSearchMixin:
    """The admin's search box searches the claims' search documents (claim_search): the claim's
    text stemmed in its own language and its citations' quotes, the newest
    SEARCH_RANKED_MATCHES matches, where Django's search would scan every text for the words."""

    search_help_text: ClassVar["_StrOrPromise | None"] = (
        f"Searches the claim's text and the quotes of its citations (whole words; the newest "
        f"{SEARCH_RANKED_MATCHES:,} matches)."
    )

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return queryset.filter(pk__in=claim_ids_matching(queryset, search_term)), False


def claim_ids_matching(claims: QuerySet[Claim], term: str) -> list[int]:
    """The ids of `claims` whose search document matches `term` (the newest
    SEARCH_RANKED_MATCHES), found once: a list's count, page and date hierarchy then look them up
    by primary key instead of each searching again."""
    found = claim_search(claims, query=term, newest=SEARCH_RANKED_MATCHES)
    return list(found.values_list("pk", flat=True))


class AssignmentFilter(admin.SimpleListFilter):
    """Who is checking the claim: me (the "My claims" view), anyone, or nobody."""

    title = "being checked"
    parameter_name = "assigned"

    def lookups(self, request, model_admin):
        return [("mine", "By me (my claims)"), ("anyone", "By someone"), ("none", "By nobody")]

    def queryset(self, request, queryset):
        if self.value() == "mine":
            return claim_list_assigned(queryset, assignee=request.user)
        if self.value() in ("anyone", "none"):
            return claim_list_assigned(queryset, assigned=self.value() == "anyone")
        return queryset


def being_checked(claim) -> str:
    """ "rhea since 2024-12-08 09:00", from a claim with its assignment and assignee joined."""
    assignment = getattr(claim, "assignment", None)
    if assignment is None:
        return "–"
    return f"{assignment.assignee} since {assignment.assigned_at:%Y-%m-%d %H:%M}"


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
        return (
            super()
            .get_queryset(request)
            .select_related("claim", "source", "via", "created_by", "link_check")
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
    form = ReviewAddForm
    formset = ReviewAddFormSet
    fields = [
        ("verdict", "effective_at"),
        "evidence_note",
        ("evidence_url", "evidence_published_at"),
    ]
    extra = 1
    max_num = 1
    can_delete = False
    verbose_name = "verdict"
    verbose_name_plural = "Record a verdict (with your name; the claim's status follows)"


class ClaimNoteInline(HistoryInlineMixin, admin.TabularInline):
    """The reviewers' working notes, oldest first; a note is corrected by a later one."""

    model = ClaimNote
    fields = ["created_at", "author", "text", "url"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "Notes (oldest first; never edited, a later note corrects one)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("claim", "author")


class ClaimNoteAddFormSet(BaseInlineFormSet):
    """Marks the formset whose new rows are recorded through `claim_note_create`."""


class ClaimNoteAddInline(AddOnlyInlineMixin, HttpsLinks, admin.StackedInline):
    model = ClaimNote
    formset = ClaimNoteAddFormSet
    fields = ["text", "url"]
    extra = 1
    max_num = 1
    can_delete = False
    verbose_name = "note"
    verbose_name_plural = "Add a note (with your name and the time)"


class AssignActionForm(forms.Form):
    assignee = forms.ModelChoiceField(
        queryset=get_user_model()
        .objects.filter(is_active=True, groups__name=ROLE_REVIEWER)
        .order_by("username"),
        label="Reviewer",
    )


class ClaimAdminForm(forms.ModelForm):
    def clean_text(self):
        text = self.cleaned_data["text"]
        if self.instance._state.adding:
            existing = claim_with_same_text(text=strip_invisible(text))
            if existing is not None:
                raise forms.ValidationError(
                    format_html(
                        'Claim {} already says this: <a href="{}">“{}”</a>. '
                        "Add a citation to it instead.",
                        existing.pk,
                        reverse("admin:claims_claim_change", args=[existing.pk]),
                        existing,
                    ),
                    code="duplicate",
                )
        return text


@admin.register(Claim)
class ClaimAdmin(
    ClaimSearchMixin,
    LargeListAdminMixin,
    ClaimDuplicatesAdminMixin,
    VerdictScreenAdminMixin,
    ClaimPublishAdminMixin,
    VerdictActionsMixin,
    admin.ModelAdmin,
):
    form = ClaimAdminForm
    list_display = [
        "short_text",
        "status_badge",
        "credibility_display",
        "said_by",
        "relayed_via",
        "topic",
        "about",
        "first_reported_at",
        "being_checked",
    ]
    list_display_links = ["short_text"]
    list_filter = [
        "status",
        "credibility",
        ("citations__source", titled(RelatedInUseFieldListFilter, "cited source")),
        ("citations__via", titled(RelatedInUseFieldListFilter, "relayed via")),
        ("topic", IndexedValuesFieldListFilter),
        AboutMonthFilter,
        AssignmentFilter,
    ]
    date_hierarchy = "first_reported_at"
    # Searched through the search documents (ClaimSearchMixin); listed so the box shows.
    search_fields = ["text", "citations__quote"]
    readonly_fields = [
        "status_badge",
        "credibility_display",
        "being_checked",
        "created_by",
        "created_at",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "text",
                    ("status_badge", "credibility_display", "being_checked"),
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
    inlines = [
        CitationInline,
        CitationAddInline,
        ReviewAddInline,
        ReviewHistoryInline,
        ClaimNoteInline,
        ClaimNoteAddInline,
    ]
    actions = [
        *VerdictActionsMixin.actions,
        "take_selected",
        "assign_selected",
        "unassign_selected",
        "publish_selected",
        "unpublish_selected",
    ]

    def get_inline_instances(self, request, obj=None):
        # Forms a user cannot save are left out rather than shown empty: on a claim page they may
        # only view (a journalist's), the citation form has no Save button, and without the
        # review permission the verdict form would be a bare header.
        hidden = set()
        if obj is not None and not self.has_change_permission(request, obj):
            hidden.add(CitationAddInline)
        if not self.has_review_permission(request):
            hidden.add(ReviewAddInline)
        if not request.user.has_perm("claims.add_claimnote"):
            hidden.add(ClaimNoteAddInline)
        return [
            inline
            for inline in super().get_inline_instances(request, obj)
            if type(inline) not in hidden
        ]

    def get_queryset(self, request):
        citations = Citation.objects.select_related("source", "via").order_by("published_at", "id")
        return (
            super()
            .get_queryset(request)
            .select_related("created_by", "assignment__assignee")
            .prefetch_related(Prefetch("citations", queryset=citations))
        )

    @admin.display(description="Being checked by", ordering="assignment__assigned_at")
    def being_checked(self, claim):
        return being_checked(claim)

    def has_assign_permission(self, request):
        return request.user.has_perm("claims.add_claimassignment")

    @admin.action(description="Assign selected claims to a reviewer…", permissions=["assign"])
    def assign_selected(self, request, queryset):
        """A lead hands claims to a reviewer: a form for whom first, then the assignment, which
        replaces whoever was checking them (a reassignment, audited as such)."""
        form = AssignActionForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            assignee = form.cleaned_data["assignee"]
            with transaction.atomic():
                for claim in queryset:
                    claim_assign(
                        claim=claim, assignee=assignee, assigned_by=request.user, reassign=True
                    )
            self.message_user(
                request, f"{assignee} is checking {len(queryset)} claim(s).", messages.SUCCESS
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Assign to a reviewer",
            "opts": self.model._meta,
            "claims": queryset,
            "action_name": request.POST.get("action"),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "form": form,
        }
        return TemplateResponse(request, "admin/claims/claim/assign_action.html", context)

    @admin.action(description="Take selected claims (I am checking them)", permissions=["assign"])
    def take_selected(self, request, queryset):
        taken, others = 0, []
        for claim in queryset:
            try:
                claim_assign(claim=claim, assignee=request.user, assigned_by=request.user)
                taken += 1
            except ClaimTakenByAnother as error:
                others.append(str(error.assignment.assignee))
        self.message_user(request, f"You are checking {taken} claim(s).", messages.SUCCESS)
        if others:
            self.message_user(
                request,
                f"{len(others)} claim(s) left alone: already being checked by "
                f"{', '.join(sorted(set(others)))}.",
                messages.WARNING,
            )

    @admin.action(
        description="Unassign selected claims (nobody is checking them)", permissions=["assign"]
    )
    def unassign_selected(self, request, queryset):
        released = sum(claim_unassign(claim=claim) for claim in queryset)
        self.message_user(request, f"{released} claim(s) no longer assigned.", messages.SUCCESS)

    @admin.display(description="Text", ordering="text")
    def short_text(self, claim):
        return str(claim)

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
        elif isinstance(formset, ClaimNoteAddFormSet):
            formset.new_objects = [
                claim_note_create(
                    claim=form.instance, author=request.user, text=note.text, url=note.url
                )
                for note in formset.save(commit=False)
            ]
        else:
            super().save_formset(request, form, formset, change)


@admin.register(Citation)
class CitationAdmin(LargeListAdminMixin, HttpsLinks, admin.ModelAdmin):
    """Single citations, for correcting one; new ones are usually added on the claim's page."""

    list_display = ["claim", "source", "stance", "via", "published_at", "url"]
    list_filter = ["stance", ("source", RelatedInUseFieldListFilter)]
    # Searched through the claims' search documents and the source names (get_search_results).
    search_fields = ["quote", "claim__text", "source__name"]
    search_help_text = (
        "Finds the citations of claims whose text or quotes have these words (the newest "
        f"{SEARCH_RANKED_MATCHES:,} such claims) and those of sources whose name contains them."
    )
    autocomplete_fields = ["claim", "source", "via"]
    readonly_fields = ["created_by", "created_at"]
    date_hierarchy = "published_at"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("claim", "source", "via")

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        if not term:
            return queryset, False
        sources = Source.objects.filter(name__icontains=term)
        # Found once, then looked up by key by the count and the page.
        return queryset.filter(
            Q(claim__in=claim_ids_matching(Claim.objects.all(), term))
            | Q(source__in=list(sources.values_list("pk", flat=True)))
        ), False

    def save_model(self, request, obj, form, change):
        if change:
            # The form has already written its values onto obj; the service compares against the
            # row as stored, so that it can recompute the sources the citation stops counting for.
            stored = Citation.objects.get(pk=obj.pk)
            citation_update(
                citation=stored,
                data={field: form.cleaned_data[field] for field in form.changed_data},
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
class ReviewAdmin(ReadOnlyAdminMixin, LargeListAdminMixin, admin.ModelAdmin):
    """The history of verdicts across claims. Read-only: verdicts are added on a claim's page or
    with the claim list's actions, and corrected by a newer review."""

    list_display = ["claim", "verdict", "effective_at", "reviewer", "created_at", "evidence_note"]
    list_filter = ["verdict", ("reviewer", RelatedInUseFieldListFilter)]
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
