"""Reviewer screens for intake: an "Import article" page (the add page of Article imports), the
proposals list where a reviewer accepts or rejects what was found, and each pending proposal's page,
where the reviewer corrects a first draft (statement, source, stance, match) before accepting it."""

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from factcheck.paging import LargeListAdminMixin
from intake.fetch import FetchError
from intake.forms import ArticleImportForm
from intake.models import ArticleImport, IntakeProposal, ProposalStatus
from intake.services import (
    article_import_create,
    intake_proposal_correct,
    intake_proposals_accept,
    intake_proposals_reject,
)
from intake.tasks import intake_article_enqueue
from intake.text import ArticleInputError
from sources.models import SourceKind


@admin.register(ArticleImport)
class ArticleImportAdmin(LargeListAdminMixin, admin.ModelAdmin):
    list_display = [
        "__str__",
        "outlet_name",
        "topic",
        "language",
        "published_at",
        "extraction_status",
        "created_by",
        "created_at",
        "proposals_link",
    ]
    list_select_related = ["created_by"]
    search_fields = ["title", "outlet_name", "url", "text"]
    readonly_fields = [f.name for f in ArticleImport._meta.fields]

    def add_view(self, request, form_url="", extra_context=None):
        """The "Import article" page: nothing is saved as a claim here, only proposals."""
        if not self.has_add_permission(request):
            raise admin.exceptions.PermissionDenied
        form = ArticleImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                result = article_import_create(
                    text=data["text"],
                    content=data["file"].read() if data["file"] else None,
                    url=data["url"],
                    outlet_name=data["outlet"],
                    published_at=data["published_at"],
                    topic=data["topic"],
                    created_by=request.user,
                    defer=True,
                )
            except (ArticleInputError, FetchError) as error:
                form.add_error(
                    getattr(error, "field", None)
                    if getattr(error, "field", None) in form.fields
                    else None,
                    str(error),
                )
            else:
                if result.created:
                    intake_article_enqueue(result.article.pk)
                    messages.info(
                        request, "The article is being read; refresh this page in a few seconds."
                    )
                elif result.notice:
                    messages.info(request, result.notice)
                if not result.created:
                    messages.warning(
                        request, "This article was imported before; showing its proposals."
                    )
                return HttpResponseRedirect(_proposals_url(result.article))
        context = {
            **self.admin_site.each_context(request),
            "title": "Import article",
            "form": form,
            "opts": self.model._meta,
            "has_file_field": True,
        }
        return TemplateResponse(request, "admin/intake/articleimport/import.html", context)

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="Proposals")
    def proposals_link(self, article):
        return format_html('<a href="{}">Review proposals</a>', _proposals_url(article))


def _proposals_url(article: ArticleImport) -> str:
    return reverse("admin:intake_intakeproposal_changelist") + f"?article__id__exact={article.pk}"


@admin.register(IntakeProposal)
class IntakeProposalAdmin(LargeListAdminMixin, admin.ModelAdmin):
    list_display = [
        "position",
        "text",
        "quote",
        "source_name",
        "stance",
        "via_name",
        "match",
        "matched_claim_status",
        "review_notes",
        "about",
        "status",
    ]
    list_display_links = ["text"]
    list_filter = ["status", "relation", "stance"]
    fields = [
        "article",
        "position",
        "quote",
        "text",
        "stance",
        "source",
        "source_name",
        "source_kind",
        "via",
        "via_name",
        "about",
        "relation",
        "matched_claim",
        "score",
        "status",
    ]
    readonly_fields = ["article", "position", "quote", "score", "status"]
    autocomplete_fields = ["source", "via", "matched_claim"]
    search_fields = ["text", "source_name", "quote"]
    # source/via/matched claim/article are shown in each row: one join instead of a query per row.
    list_select_related = ["matched_claim", "article"]
    actions = ["accept_selected", "reject_selected"]
    ordering = ["-article_id", "position"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        """Only a pending proposal can be corrected; a decided one is shown as it was decided."""
        return self.has_accept_permission(request) and (
            obj is None or obj.status == ProposalStatus.PENDING
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "source_kind":
            return forms.ChoiceField(
                choices=[("", "---------"), *SourceKind.choices],
                required=False,
                help_text="For a new source: what kind it is.",
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        intake_proposal_correct(
            proposal=obj,
            text=data["text"],
            stance=data["stance"],
            source=data["source"],
            source_name=data["source_name"],
            source_kind=data["source_kind"],
            via=data["via"],
            via_name=data["via_name"],
            about=data["about"],
            matched_claim=data["matched_claim"],
            relation=data["relation"],
        )

    def has_accept_permission(self, request):
        return all(
            request.user.has_perm(p)
            for p in ("intake.change_intakeproposal", "claims.add_citation", "claims.add_claim")
        )

    @admin.display(description="Match")
    def match(self, proposal):
        if proposal.matched_claim is None:
            return "new claim"
        url = (
            reverse("admin:claims_claim_change", args=[proposal.matched_claim_id])
            if admin.site.is_registered(type(proposal.matched_claim))
            else ""
        )
        label = (
            f"{proposal.get_relation_display().split(' a ')[0].lower()} "
            f"#{proposal.matched_claim_id}"
        )
        return (
            format_html('<a href="{}" title="{}">{}</a>', url, proposal.matched_claim.text, label)
            if url
            else format_html('<span title="{}">{}</span>', proposal.matched_claim.text, label)
        )

    @admin.display(description="Matched claim's status")
    def matched_claim_status(self, proposal):
        return proposal.matched_claim.get_status_display() if proposal.matched_claim else "-"

    @admin.action(
        description="Accept selected proposals (cite the matched claim or create it)",
        permissions=["accept"],
    )
    def accept_selected(self, request, queryset):
        citations = intake_proposals_accept(
            proposals=queryset.filter(status=ProposalStatus.PENDING), user=request.user
        )
        self.message_user(
            request, f"{len(citations)} proposals accepted as citations.", messages.SUCCESS
        )

    @admin.action(
        description="Reject selected proposals (they will not be offered again)",
        permissions=["accept"],
    )
    def reject_selected(self, request, queryset):
        count = intake_proposals_reject(proposals=queryset, user=request.user)
        self.message_user(request, f"{count} proposals rejected.", messages.SUCCESS)
