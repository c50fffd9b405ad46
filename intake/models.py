"""Articles handed to intake and the statements found in them, waiting for a reviewer's decision.
Moved here from the claims app; the tables keep their old names (migration intake.0001 moved them
in Django's state only)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from claims.models import Citation, Claim, Stance
from factcheck.models import BaseModel
from sources.models import Source


class ProposalRelation(models.TextChoices):
    SAME = "same", "Same as a known claim"
    CONTRADICTS = "contradicts", "Contradicts a known claim"
    NEW = "new", "New claim"


class ProposalStatus(models.TextChoices):
    PENDING = "pending", "Pending review"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"
    KNOWN = "known", "Already recorded"


class ExtractionStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Reading"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class ArticleImport(BaseModel):
    """An article handed to intake; its proposals wait here for a reviewer's decision."""

    outlet = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.PROTECT, related_name="article_imports"
    )
    outlet_name = models.CharField(max_length=200, blank=True)
    url = models.URLField(max_length=2000, blank=True)
    title = models.CharField(max_length=300, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    text = models.TextField()
    language = models.CharField(max_length=8, default="en")
    content_hash = models.CharField(max_length=64, help_text="SHA-256 of the cleaned text.")
    topic = models.CharField(
        max_length=100, blank=True, help_text="Given at import; new claims take it."
    )
    extraction_status = models.CharField(
        max_length=10,
        choices=ExtractionStatus.choices,
        default=ExtractionStatus.DONE,
        help_text="Statements are read off the request, by a worker.",
    )
    extraction_error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="article_imports",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        db_table = "claims_articleimport"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_hash"], name="article_import_hash")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(text__regex=r"\S"), name="article_import_text_not_blank"
            ),
            models.CheckConstraint(
                condition=models.Q(extraction_status__in=ExtractionStatus.values),
                name="article_import_extraction_status_valid",
            ),
        ]

    def __str__(self):
        return self.title or f"{self.outlet_name or 'Article'} #{self.pk}"


class IntakeProposal(BaseModel):
    """One statement found in an imported article, with who said it and the known claim it
    matches."""

    article = models.ForeignKey(ArticleImport, on_delete=models.CASCADE, related_name="proposals")
    position = models.PositiveIntegerField(help_text="Order of the statement in the article.")
    text = models.TextField()
    stance = models.CharField(max_length=10, choices=Stance.choices)
    quote = models.TextField(blank=True)
    source = models.ForeignKey(
        Source,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="intake_proposals",
        help_text="The stored source the name resolved to; empty when a new source is proposed.",
    )
    source_name = models.CharField(max_length=200)
    source_kind = models.CharField(max_length=20, blank=True)
    source_parent_name = models.CharField(max_length=200, blank=True)
    via = models.ForeignKey(
        Source,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="relayed_intake_proposals",
    )
    via_name = models.CharField(max_length=200, blank=True)
    about = models.DateField(null=True, blank=True)
    matched_claim = models.ForeignKey(
        Claim, null=True, blank=True, on_delete=models.SET_NULL, related_name="intake_proposals"
    )
    relation = models.CharField(max_length=12, choices=ProposalRelation.choices)
    score = models.FloatField(default=0.0)
    fingerprint = models.CharField(
        max_length=64, help_text="Identifies the same statement by the same source across imports."
    )
    review_notes = models.TextField(
        blank=True,
        help_text="What to check before accepting, e.g. a reference no single place fits.",
    )
    status = models.CharField(
        max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="intake_decisions",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    citation = models.ForeignKey(
        Citation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="intake_proposals",
        help_text="The citation created when the proposal was accepted.",
    )

    class Meta:
        db_table = "claims_intakeproposal"
        ordering = ["article", "position"]
        indexes = [
            models.Index(fields=["fingerprint", "status"], name="proposal_fingerprint_status")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "position"], name="proposal_position_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(stance__in=Stance.values), name="proposal_stance_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(relation__in=ProposalRelation.values),
                name="proposal_relation_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ProposalStatus.values), name="proposal_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(relation=ProposalRelation.NEW)
                | models.Q(matched_claim__isnull=False),
                name="proposal_match_has_claim",
            ),
            models.CheckConstraint(
                condition=models.Q(text__regex=r"\S"), name="proposal_text_not_blank"
            ),
            models.CheckConstraint(
                condition=~models.Q(status=ProposalStatus.ACCEPTED)
                | models.Q(citation__isnull=False),
                name="proposal_accepted_has_citation",
            ),
        ]

    def __str__(self):
        return f"{self.source_name} {self.stance}: {self.text}"

    def clean(self):
        errors = {}
        if self.relation != ProposalRelation.NEW and self.matched_claim_id is None:
            errors["matched_claim"] = (
                "Choose the known claim this statement is the same as, or contradicts."
            )
        if self.relation == ProposalRelation.NEW and self.matched_claim_id is not None:
            errors["relation"] = (
                "A statement matched to a known claim is the same as it or contradicts it."
            )
        if self.source_id is None and not self.source_name.strip():
            errors["source_name"] = "Choose a known source or name a new one."
        if self.via_id is not None and self.via_id == self.source_id:
            errors["via"] = "A source does not relay itself."
        if errors:
            raise ValidationError(errors)
