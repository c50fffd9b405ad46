import pghistory
import pgtrigger
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.text import Truncator

from factcheck.history import audit_meta
from factcheck.models import BaseModel
from factcheck.text import (
    CLAIM_MAX_TAGS,
    CLAIM_TEXT_MAX_LENGTH,
    LONG_TEXT_MAX_LENGTH,
    VISIBLE_CHARACTER,
    validate_visible,
)
from sources.models import Source

# Characters of a claim's text shown where it labels the claim (lists, titles, choices).
CLAIM_LABEL_LENGTH = 150


class ClaimStatus(models.TextChoices):
    UNVERIFIED = "unverified", "Unverified"
    CORROBORATED = "corroborated", "Corroborated"
    CONTRADICTED = "contradicted", "Contradicted"
    DISPUTED = "disputed", "Disputed"
    SUPERSEDED = "superseded", "Superseded"
    UNRESOLVED = "unresolved", "Unresolved"


class Credibility(models.IntegerChoices):
    """The information-credibility half of the NATO/Admiralty code."""

    CONFIRMED = 1, "1 – confirmed by other sources"
    PROBABLY_TRUE = 2, "2 – probably true"
    POSSIBLY_TRUE = 3, "3 – possibly true"
    DOUBTFUL = 4, "4 – doubtful"
    IMPROBABLE = 5, "5 – improbable"
    CANNOT_BE_JUDGED = 6, "6 – truth cannot be judged"


CREDIBILITY_WORDS_BY_STATUS = {
    "corroborated": "1 – confirmed: corroborated by a reviewer's evidence",
    "superseded": "1 – true when made, since overtaken",
    "contradicted": "5 – false: contradicted by a reviewer's evidence",
    "unresolved": "6 – cannot be judged: only interested parties dispute it",
}
CREDIBILITY_WORDS_FROM_SOURCES = {
    1: "1 – confirmed by independent sources",
    2: "2 – probably true",
    3: "3 – possibly true",
    4: "4 – doubtful",
    5: "5 – improbable",
    6: "6 – truth cannot be judged",
}


def credibility_words(*, credibility: int, status: str) -> str:
    """Words for a credibility level reached under a status; a verdict's own words win."""
    return CREDIBILITY_WORDS_BY_STATUS.get(status) or CREDIBILITY_WORDS_FROM_SOURCES[credibility]


class Stance(models.TextChoices):
    ASSERTS = "asserts", "Asserts"
    DENIES = "denies", "Denies"


class Verdict(models.TextChoices):
    CORROBORATED = "corroborated", "Corroborated"
    CONTRADICTED = "contradicted", "Contradicted"
    SUPERSEDED = "superseded", "Superseded (true when made, overtaken by events)"
    UNRESOLVED = "unresolved", "Unresolved (examined; only interested parties dispute it)"


class SameText(models.Func):
    """A claim text as compared for exact duplicates: case, outer and repeated white space
    ignored; hashed, so that the index takes texts of any script at the full length."""

    template = "md5(lower(regexp_replace(btrim(%(expressions)s), '\\s+', ' ', 'g')))"
    output_field = models.CharField()


@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.DeleteEvent(),
    # Recomputed by the reliability engine; the audited credibility level is enough history.
    exclude=["credibility_probability", "credibility_explanation"],
    meta=audit_meta("claim_event"),
)
class Claim(BaseModel):
    text = models.TextField(
        help_text="The canonical statement, e.g. “Assad remains in Damascus”.",
        validators=[validate_visible, MaxLengthValidator(CLAIM_TEXT_MAX_LENGTH)],
    )
    language = models.CharField(max_length=8, default="en", help_text="BCP 47 language tag.")
    topic = models.CharField(max_length=100, blank=True)
    tags = ArrayField(
        models.CharField(max_length=50), default=list, blank=True, size=CLAIM_MAX_TAGS
    )
    place_name = models.CharField(max_length=200, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    about_start = models.DateTimeField(
        null=True,
        blank=True,
        help_text="The time the statement is about (an instant, or the start).",
    )
    about_end = models.DateTimeField(
        null=True,
        blank=True,
        help_text="End of the interval the statement is about; empty for an instant.",
    )
    first_reported_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="claims_entered",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    status = models.CharField(
        max_length=20, choices=ClaimStatus.choices, default=ClaimStatus.UNVERIFIED, editable=False
    )
    credibility = models.PositiveSmallIntegerField(
        choices=Credibility.choices, default=Credibility.CANNOT_BE_JUDGED, editable=False
    )
    credibility_probability = models.FloatField(
        null=True,
        blank=True,
        editable=False,
        help_text="Probability the claim is true, from its reviews or its sources' reliability.",
    )
    credibility_explanation = models.JSONField(
        default=dict,
        blank=True,
        editable=False,
        help_text="Which voices pushed the probability up or down, and by how much.",
    )
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When a reviewer made its fact-check page public; empty while it is not.",
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="merged_claims",
        help_text="The claim this duplicate was merged into; its citations, reviews and notes "
        "are there.",
    )
    # Not a field: what `fact_check_published` (selectors) loads for the public page, each
    # reviewer's newest review.
    standing_reviews: list["Review"]

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status"], name="claim_status"),
            models.Index(fields=["credibility"], name="claim_credibility"),
            models.Index(fields=["topic"], name="claim_topic"),
            models.Index(fields=["-created_at", "-id"], name="claim_newest"),
            models.Index(SameText("text"), name="claim_same_text"),
            models.Index(
                fields=["-published_at", "-id"],
                condition=models.Q(published_at__isnull=False),
                name="claim_published_newest",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(text__regex=VISIBLE_CHARACTER), name="claim_text_not_blank"
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("text"), CLAIM_TEXT_MAX_LENGTH),
                name="claim_text_length",
            ),
            models.CheckConstraint(
                condition=models.Q(tags__len__lte=CLAIM_MAX_TAGS), name="claim_tags_count"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ClaimStatus.values), name="claim_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(credibility__in=Credibility.values),
                name="claim_credibility_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(credibility_probability__isnull=True)
                | models.Q(credibility_probability__gte=0, credibility_probability__lte=1),
                name="claim_credibility_probability_range",
            ),
            models.CheckConstraint(
                condition=models.Q(about_end__isnull=True)
                | models.Q(about_start__isnull=False, about_start__lte=models.F("about_end")),
                name="claim_about_interval_ordered",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(latitude__isnull=True, longitude__isnull=True)
                    | models.Q(
                        latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180
                    )
                ),
                name="claim_coordinates_valid",
            ),
            # A public fact-check states a verdict; reviews are append-only, so no later write
            # can take the verdict away from a published claim.
            models.CheckConstraint(
                condition=models.Q(published_at__isnull=True)
                | ~models.Q(status=ClaimStatus.UNVERIFIED),
                name="claim_published_only_with_verdict",
                violation_error_message="Only a claim with a verdict can be published.",
            ),
            models.CheckConstraint(
                condition=models.Q(published_at__isnull=False)
                | models.Q(published_by__isnull=True),
                name="claim_published_by_only_when_published",
            ),
            models.CheckConstraint(
                condition=~models.Q(merged_into=models.F("id")),
                name="claim_not_merged_into_itself",
                violation_error_message="A claim cannot be merged into itself.",
            ),
            # A merged claim has no page of its own: its fact-check is the kept claim's.
            models.CheckConstraint(
                condition=models.Q(merged_into__isnull=True) | models.Q(published_at__isnull=True),
                name="claim_merged_not_published",
                violation_error_message="A merged claim cannot be published.",
            ),
        ]

    def __str__(self):
        # Lists, titles and choices name a claim by this: a long statement ends in "…" there. A
        # statement that short is shown whole without Truncator's walk through its characters
        # (the admin's claim list names each claim twice a row: its link and its checkbox).
        if len(self.text) <= CLAIM_LABEL_LENGTH:
            return self.text
        return Truncator(self.text).chars(CLAIM_LABEL_LENGTH)

    @property
    def credibility_words(self) -> str:
        """The credibility in words that fit both the number and how it was reached: a verdict
        confirms, "superseded" was true when made, and sources alone confirm only when
        independent ones agree (the engine gives 1 only then)."""
        return credibility_words(credibility=self.credibility, status=self.status)


@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.DeleteEvent(),
    meta=audit_meta("citation_event"),
)
class Citation(BaseModel):
    """One appearance of a claim: who said it, for or against, where and when, and through whom."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="citations")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    stance = models.CharField(max_length=10, choices=Stance.choices, default=Stance.ASSERTS)
    quote = models.TextField(blank=True, validators=[MaxLengthValidator(LONG_TEXT_MAX_LENGTH)])
    url = models.URLField(max_length=2000, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    via = models.ForeignKey(
        Source,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="relayed_citations",
        help_text="The outlet that relayed the statement, e.g. AFP reporting SOHR.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="citations_entered",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["published_at", "id"]
        # The admin's list of citations reads a page in this order (and its date drill-down the
        # first and last dates) from the index rather than sorting every citation.
        indexes = [models.Index(fields=["published_at", "id"], name="citation_published")]
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "source", "url", "stance"],
                name="citation_unique_per_claim",
                violation_error_message=(
                    "This source is already cited with this URL and stance for this claim."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(stance__in=Stance.values), name="citation_stance_valid"
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("quote"), LONG_TEXT_MAX_LENGTH),
                name="citation_quote_length",
            ),
            models.CheckConstraint(
                condition=~models.Q(via=models.F("source")),
                name="citation_via_not_source",
                violation_error_message=(
                    "A source cannot relay its own statement; leave “via” empty."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.source} {self.get_stance_display().lower()}: {self.claim}"


@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.DeleteEvent(),
    meta=audit_meta("review_event"),
)
class Review(BaseModel):
    """A reviewer's verdict on a claim. Append-only: a reviewer corrects a verdict with a new
    review."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="reviews")
    verdict = models.CharField(max_length=20, choices=Verdict.choices)
    effective_at = models.DateTimeField(
        default=timezone.now,
        help_text=(
            "The time the verdict speaks of; for “superseded”, when the claim stopped being true."
        ),
    )
    evidence_note = models.TextField(
        validators=[validate_visible, MaxLengthValidator(LONG_TEXT_MAX_LENGTH)]
    )
    evidence_url = models.URLField(max_length=2000, blank=True)
    evidence_citations = models.ManyToManyField(Citation, blank=True, related_name="evidence_for")
    evidence_published_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the evidence became public; point-in-time answers count the verdict from "
        "then. Empty means when the review was entered (reviews entered before this field "
        "existed).",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        get_latest_by = ["created_at", "id"]
        indexes = [models.Index(fields=["claim", "-created_at", "-id"], name="review_claim_newest")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(verdict__in=Verdict.values), name="review_verdict_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(evidence_note__regex=VISIBLE_CHARACTER),
                name="review_evidence_note_required",
                violation_error_message="A review needs an evidence note.",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("evidence_note"), LONG_TEXT_MAX_LENGTH),
                name="review_evidence_note_length",
            ),
            models.CheckConstraint(
                condition=models.Q(evidence_published_at__isnull=True)
                | models.Q(evidence_published_at__lte=models.F("created_at")),
                name="review_evidence_not_from_the_future",
                violation_error_message=(
                    "The evidence cannot be published after the review is entered."
                ),
            ),
        ]
        triggers = [
            # A merge moves a review to the kept claim (claim_merge); nothing else may change it.
            pgtrigger.Protect(name="review_no_delete", operation=pgtrigger.Delete),
            pgtrigger.Protect(
                name="review_append_only",
                operation=pgtrigger.Update,
                condition=pgtrigger.AnyChange(exclude=["claim"]),
            ),
        ]

    def __str__(self):
        return f"{self.get_verdict_display()}: {self.claim}"


@pghistory.track(
    pghistory.InsertEvent("assigned"),
    pghistory.UpdateEvent("reassigned"),
    pghistory.DeleteEvent("unassigned"),
    meta=audit_meta("assignment_event"),
)
class ClaimAssignment(BaseModel):
    """Who is checking a claim now: work in progress, apart from the status, which only verdicts
    decide. One per claim; taking over replaces it and letting go deletes it, each an audit
    event."""

    claim = models.OneToOneField(Claim, on_delete=models.CASCADE, related_name="assignment")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="claim_assignments"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="claim_assignments_made",
    )
    assigned_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["assignee", "-assigned_at"], name="claim_assignment_assignee")
        ]

    def __str__(self):
        since = f"{self.assigned_at:%Y-%m-%d %H:%M}"
        return f"{self.claim} – being checked by {self.assignee} since {since}"


@pghistory.track(pghistory.InsertEvent("noted"), meta=audit_meta("claim_note_event"))
class ClaimNote(BaseModel):
    """A reviewer's working note on a claim. Append-only, down to the database: a note is
    corrected by a later one."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="claim_notes"
    )
    text = models.TextField(validators=[validate_visible, MaxLengthValidator(LONG_TEXT_MAX_LENGTH)])
    url = models.URLField(
        max_length=2000, blank=True, help_text="Optional link the note refers to."
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["claim", "created_at", "id"], name="claim_note_claim_oldest")
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(text__regex=VISIBLE_CHARACTER),
                name="claim_note_text_required",
                violation_error_message="A note needs text.",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("text"), LONG_TEXT_MAX_LENGTH),
                name="claim_note_text_length",
            ),
        ]
        triggers = [
            # A merge moves a note to the kept claim (claim_merge); nothing else may change it.
            pgtrigger.Protect(name="claim_note_no_delete", operation=pgtrigger.Delete),
            pgtrigger.Protect(
                name="claim_note_append_only",
                operation=pgtrigger.Update,
                condition=pgtrigger.AnyChange(exclude=["claim"]),
            ),
        ]

    def __str__(self):
        return f"{self.author} on {self.claim}: {Truncator(self.text).chars(80)}"


@pghistory.track(
    pghistory.InsertEvent("contradiction_linked"),
    pghistory.DeleteEvent("contradiction_unlinked"),
    meta=audit_meta("contradiction_event"),
)
class ClaimContradiction(BaseModel):
    """Two claims that cannot both be true ("Assad remains in Damascus" / "Assad has fled
    Syria"). The pair is unordered: stored with the smaller id first, so that the unique
    constraint holds it once whichever way it was linked, and a claim cannot contradict itself."""

    claim_low = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="+")
    claim_high = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="+")
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    linked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["claim_high"], name="claim_contradiction_high")]
        constraints = [
            models.UniqueConstraint(
                fields=["claim_low", "claim_high"], name="claim_contradiction_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(claim_low__lt=models.F("claim_high")),
                name="claim_contradiction_ordered_pair",
                violation_error_message="A claim cannot contradict itself.",
            ),
        ]

    def __str__(self):
        return f"#{self.claim_low_id} contradicts #{self.claim_high_id}"


# --- What the jobs owe a claim and found about it: a recompute request, re-check flags, link
# checks.
# They stay with the claims because the claims' own pages and API read them (a claim's "recompute
# pending", the `due` filter, each citation's link state); the jobs app above writes them.


class RecomputeRequest(BaseModel):
    """Work a write owes the recompute job, stored in the write's own transaction.

    The broker message sent on commit is only a wake-up call: if Redis is down the request stays
    here, undone, and the sweep enqueues it again once the broker is back, so nothing is lost.
    """

    claim_ids = ArrayField(models.BigIntegerField(), default=list, blank=True)
    source_ids = ArrayField(models.BigIntegerField(), default=list, blank=True)
    reason = models.CharField(max_length=100)
    requested_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True)
    failed_attempts = models.PositiveSmallIntegerField(
        default=0, help_text="Runs that failed; the sweep stops retrying at RECOMPUTE_MAX_ATTEMPTS."
    )
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["requested_at", "id"]
        indexes = [
            models.Index(
                fields=["requested_at"],
                condition=models.Q(done_at__isnull=True),
                name="recompute_request_undone",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(claim_ids=[], source_ids=[]), name="recompute_request_not_empty"
            ),
        ]

    def __str__(self):
        return f"{self.reason} ({len(self.claim_ids)} claims, {len(self.source_ids)} sources)"


class RecheckReason(models.TextChoices):
    UNVERIFIED_TOO_LONG = "unverified_too_long", "Unverified for too long"
    TIME_PASSED = "time_passed", "The time it speaks of has passed"
    SOURCE_GRADE_CHANGED = "source_grade_changed", "A citing source's grade changed"
    SOURCE_RELIABILITY_CHANGED = (
        "source_reliability_changed",
        "A citing source's computed reliability changed",
    )
    CONTRADICTING_CITATION = "contradicting_citation", "A new citation contradicts its status"


class RecheckFlag(BaseModel):
    """One reason a claim is due for re-check, as of `due_since`.

    A flag counts only while no review is newer than it, so a review clears every flag of its claim
    at once without anyone having to delete rows (the nightly job tidies the stale ones away).
    """

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="recheck_flags")
    reason = models.CharField(max_length=40, choices=RecheckReason.choices)
    detail = models.TextField(blank=True)
    due_since = models.DateTimeField()

    class Meta:
        ordering = ["due_since", "id"]
        indexes = [
            models.Index(fields=["claim", "due_since"], name="recheck_flag_claim_due"),
            # The re-check queue reads the flags oldest first to find its first claims
            # (jobs.recheck.claim_due_for_recheck_first).
            models.Index(fields=["due_since", "claim"], name="recheck_flag_due"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["claim", "reason"], name="recheck_flag_one_per_reason"),
            models.CheckConstraint(
                condition=models.Q(reason__in=RecheckReason.values),
                name="recheck_flag_reason_valid",
            ),
        ]

    def __str__(self):
        return f"{self.get_reason_display()}: {self.claim}"


class LinkState(models.TextChoices):
    OK = "ok", "Reachable, unchanged"
    CHANGED = "changed", "Content changed"
    GONE = "gone", "Disappeared (404/410)"
    ERROR = "error", "Unreachable or HTTP error"
    REFUSED = "refused", "Refused: not a public address"


class CitationLinkCheck(BaseModel):
    """The latest check of a citation's URL. The first successful fetch sets the baseline hash
    that later fetches are compared with."""

    citation = models.OneToOneField(Citation, on_delete=models.CASCADE, related_name="link_check")
    url = models.URLField(
        max_length=2000, help_text="The URL as checked (the citation's at that time)."
    )
    checked_at = models.DateTimeField()
    state = models.CharField(max_length=10, choices=LinkState.choices)
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    final_url = models.URLField(max_length=2000, blank=True)
    content_sha256 = models.CharField(max_length=64, blank=True)
    baseline_sha256 = models.CharField(max_length=64, blank=True)
    error = models.TextField(blank=True)
    flagged = models.BooleanField(
        default=False, help_text="The page disappeared or changed since it was first checked."
    )

    class Meta:
        ordering = ["checked_at", "id"]
        indexes = [
            models.Index(fields=["checked_at"], name="link_check_checked_at"),
            models.Index(
                fields=["flagged"], condition=models.Q(flagged=True), name="link_check_flagged"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=LinkState.values), name="link_check_state_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(flagged=False)
                | models.Q(state__in=[LinkState.CHANGED, LinkState.GONE]),
                name="link_check_flag_matches_state",
            ),
        ]

    def __str__(self):
        return f"{self.url}: {self.get_state_display()}"


class ClaimSearchDocument(BaseModel):
    """A claim's full-text search document: its text stemmed in its own language (weight A) and
    its citations' quotes unstemmed (weight B; a quote is often in another language than the
    claim). Kept by database triggers on claims and citations (migration 0006), so that every
    write path, including bulk and raw SQL, keeps search current; stored so that ranking reads it
    instead of re-parsing every matching text."""

    # No foreign-key constraint: deleting a claim deletes its citations first, and their trigger
    # rewrites the document of the claim about to go; a trigger on the claim's delete (migration
    # 0009) removes the document last instead.
    claim = models.OneToOneField(
        Claim,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        primary_key=True,
        related_name="search_document",
    )
    document = SearchVectorField()
    # The claim id again (migration 0012, for a RUM index since dropped), on which the search
    # window's partial index states the claims it covers (SearchWindow: claim_order > threshold).
    claim_order = models.GeneratedField(
        expression=models.F("claim"), output_field=models.BigIntegerField(), db_persist=True
    )

    class Meta:
        # fastupdate off: a search must not scan a pending list of unmerged entries, whose size
        # depends on when autovacuum last ran; writes pay a little instead.
        indexes = [GinIndex(fields=["document"], name="claim_search_document", fastupdate=False)]

    def __str__(self):
        return f"search document of claim {self.claim_id}"


# Relevance ranks this many of a query's newest matches (after the other filters), not all of
# them, so that ranking does not grow with how common the words searched for are. Ties in rank
# go to the newest claim anyway, so the best-ranked page is usually among them; bench/api.py
# measures the top-50 recall against ranking every match.
SEARCH_RANKED_MATCHES = 1000


class SearchWindow(BaseModel):
    """A search window: a partial GIN index over the search documents of the newest claims
    (`claim_order > threshold`), which finds a query's newest matches by checking only those
    claims instead of every claim holding the query's words (README, "At a million claims").
    Claims added later are above the threshold, so the index covers them as they come; the
    scheduled job `search_window_roll` (claims.services) builds new indexes over the newest
    claims, records them here and drops the old ones. At most two rows, one per level: the outer
    window (SEARCH_WINDOW_CLAIMS claims, made by migration 0025) and, inside it, the inner one
    (`inner_window_claims`, migration 0028), which a word common enough to fill it is looked
    for in alone. `claim_search` reads them in the query that parses the search."""

    OUTER = 1
    INNER = 2

    id = models.PositiveSmallIntegerField(primary_key=True, default=OUTER)
    threshold = models.BigIntegerField()
    index_name = models.CharField(max_length=63)
    # Search documents in the window when its index was built.
    claims = models.PositiveIntegerField()
    built_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(id__in=[1, 2]), name="search_window_level"),
        ]

    def __str__(self):
        return f"search window over claims after {self.threshold} ({self.index_name})"
