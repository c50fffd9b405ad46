import math
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import cast

import pghistory
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.utils import timezone

from claims.models import (
    SEARCH_RANKED_MATCHES,
    Citation,
    Claim,
    ClaimAssignment,
    ClaimContradiction,
    ClaimNote,
    ClaimStatus,
    RecheckFlag,
    Review,
    SearchWindow,
    Stance,
    Verdict,
)
from claims.outbox import recompute_request_create
from claims.status import claim_statuses
from factcheck.api_policy import ROLE_REVIEWER, user_has_role
from factcheck.text import strip_invisible
from sources.models import Source


@transaction.atomic
def claim_status_refresh(*, claim: Claim) -> Claim:
    status = claim_statuses(claim_ids=[claim.pk])[claim.pk]
    if status != claim.status:
        claim.status = status
        claim.save(update_fields=["status"])
    return claim


@transaction.atomic
def citation_create(
    *,
    claim: Claim,
    source: Source,
    stance: str = Stance.ASSERTS,
    quote: str = "",
    url: str = "",
    published_at: datetime | None = None,
    via: Source | None = None,
    created_by: User | None = None,
) -> Citation:
    citation = Citation(
        claim=claim,
        source=source,
        stance=stance,
        quote=quote.strip(),
        url=url.strip(),
        published_at=published_at,
        via=via,
        created_by=created_by,
    )
    citation.full_clean()
    citation.save()
    if published_at and (claim.first_reported_at is None or published_at < claim.first_reported_at):
        claim.first_reported_at = published_at
        claim.save(update_fields=["first_reported_at"])
    recompute_request_create(reason="citation", claim_ids=[claim.pk])
    return citation


# What a reviewer or journalist gives when creating a claim: the arguments of `claim_create`.
CLAIM_FIELDS = (
    "text",
    "language",
    "topic",
    "tags",
    "place_name",
    "latitude",
    "longitude",
    "about_start",
    "about_end",
    "first_reported_at",
)
# What a citation records, besides its claim: the arguments of `citation_create`.
CITATION_FIELDS = ("source", "stance", "quote", "url", "published_at", "via")
CITATION_EDITABLE_FIELDS = ("claim", *CITATION_FIELDS)


@transaction.atomic
def citation_update(*, citation: Citation, data: Mapping) -> Citation:
    """Correct a citation. The sources and claims it stops counting for are recomputed as well as
    the ones it now counts for, so no track record keeps evidence that was taken away."""
    unknown = set(data) - set(CITATION_EDITABLE_FIELDS)
    if unknown:
        raise ValidationError({field: "This field cannot be changed." for field in sorted(unknown)})
    before_claim_id, before_source_ids = citation.claim_id, {citation.source_id, citation.via_id}
    changed = [field for field, value in data.items() if getattr(citation, field) != value]
    for field in changed:
        setattr(citation, field, data[field].strip() if field in ("quote", "url") else data[field])
    citation.full_clean()
    if not changed:
        return citation
    citation.save(update_fields=changed)
    recompute_request_create(
        reason="citation changed",
        claim_ids=[before_claim_id, citation.claim_id],
        source_ids=cast(
            set[int], (before_source_ids | {citation.source_id, citation.via_id}) - {None}
        ),
    )
    return citation


@transaction.atomic
def citation_delete(*, citation: Citation) -> None:
    recompute_request_create(
        reason="citation deleted",
        claim_ids=[citation.claim_id],
        source_ids=cast(set[int], {citation.source_id, citation.via_id} - {None}),
    )
    citation.delete()


class ClaimDuplicate(ValidationError):
    """A claim with the same text (but for case and white space) exists: cite that one instead."""

    def __init__(self, existing: Claim):
        self.existing = existing
        super().__init__(
            {
                "text": f"Claim {existing.pk} already says this: “{existing}”. "
                "Add a citation to it instead."
            }
        )


@transaction.atomic
def claim_create(
    *,
    text: str,
    created_by: User | None,
    language: str = "en",
    topic: str = "",
    tags: Iterable[str] = (),
    place_name: str = "",
    latitude: float | None = None,
    longitude: float | None = None,
    about_start: datetime | None = None,
    about_end: datetime | None = None,
    first_reported_at: datetime | None = None,
    citations: Iterable[Mapping] = (),
) -> Claim:
    """Create a claim, unverified, together with its first citations (same arguments as
    `citation_create`), all or nothing."""
    claim = Claim(
        text=strip_invisible(text),
        language=language,
        topic=topic.strip(),
        tags=[tag for tag in map(strip_invisible, tags) if tag],
        place_name=place_name.strip(),
        latitude=latitude,
        longitude=longitude,
        about_start=about_start,
        about_end=about_end,
        first_reported_at=first_reported_at,
        created_by=created_by,
    )
    claim.full_clean()
    _refuse_same_text(claim.text)
    claim.save()
    for citation in citations:
        citation_create(claim=claim, created_by=created_by, **citation)
    return claim


def _refuse_same_text(text: str) -> None:
    """Raise ClaimDuplicate if a claim already says this. Writers of the same text are
    serialised on it by a transaction-level lock, so two at once cannot both pass the check."""
    from claims.selectors import claim_with_same_text  # selectors import this module's fields

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(hashtext(%s))", [" ".join(text.lower().split())]
        )
    existing = claim_with_same_text(text=text)
    if existing is not None:
        raise ClaimDuplicate(existing)


@transaction.atomic
def claim_update(*, claim: Claim, data: Mapping) -> Claim:
    """Correct what a claim says and is about (the arguments of `claim_create`), writing only the
    fields that changed, so that the status, credibility and first report other writers keep are
    never overwritten with what was read. The search document follows by the database's trigger.
    Nothing here enters the computed figures (they come from citations, reviews and sources), so
    no recompute is queued."""
    unknown = set(data) - set(CLAIM_FIELDS)
    if unknown:
        raise ValidationError({field: "This field cannot be changed." for field in sorted(unknown)})
    cleaned = {**data}
    if "text" in cleaned:
        cleaned["text"] = strip_invisible(cleaned["text"])
    if "tags" in cleaned:
        cleaned["tags"] = [tag for tag in map(strip_invisible, cleaned["tags"]) if tag]
    for field in ("topic", "place_name"):
        if field in cleaned:
            cleaned[field] = cleaned[field].strip()
    changed = [field for field, value in cleaned.items() if getattr(claim, field) != value]
    for field in changed:
        setattr(claim, field, cleaned[field])
    claim.full_clean()
    if changed:
        claim.save(update_fields=changed)
    return claim


SUPERSEDED_NEEDS_EFFECTIVE_AT = (
    "A superseded verdict needs the time the claim stopped being true (effective at)."
)


@transaction.atomic
def review_create(
    *,
    claim: Claim,
    verdict: str,
    evidence_note: str,
    reviewer: User,
    effective_at: datetime | None = None,
    evidence_url: str = "",
    evidence_citations: Iterable[Citation] = (),
    evidence_published_at: datetime | None = None,
) -> Review:
    """Record a reviewer's verdict and bring the claim's status up to date in the same transaction.

    The claim's row is locked first, so reviewers posting at once each derive the status from
    every verdict committed before theirs: concurrent conflicting verdicts end *disputed*, never
    with the status of whichever snapshot was read last.

    `effective_at` defaults to now, except for *superseded*: when the claim stopped being true is
    the substance of that verdict, and the time of typing it in is almost never that moment.
    """
    if verdict not in Verdict.values:
        raise ValidationError({"verdict": f"Verdict must be one of {', '.join(Verdict.values)}."})
    if verdict == Verdict.SUPERSEDED and effective_at is None:
        raise ValidationError({"effective_at": SUPERSEDED_NEEDS_EFFECTIVE_AT})
    evidence_citations = list(evidence_citations)
    if any(citation.claim_id != claim.pk for citation in evidence_citations):
        raise ValidationError({"evidence_citations": "Evidence must be citations of this claim."})
    now = timezone.now()
    if evidence_published_at is not None and evidence_published_at > now:
        raise ValidationError(
            {"evidence_published_at": "The evidence cannot have been published in the future."}
        )
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    review = Review(
        claim=claim,
        verdict=verdict,
        evidence_note=evidence_note.strip(),
        evidence_url=evidence_url.strip(),
        reviewer=reviewer,
        effective_at=effective_at or now,
        evidence_published_at=evidence_published_at or now,
        created_at=now,
    )
    review.full_clean()
    review.save()
    review.evidence_citations.set(evidence_citations)
    claim_status_refresh(claim=claim)
    recompute_request_create(reason="review", claim_ids=[claim.pk])
    return review


@transaction.atomic
def claims_review_bulk(
    *,
    claims: Iterable[Claim],
    verdict: str,
    evidence_note: str,
    reviewer: User,
    effective_at: datetime | None = None,
    evidence_url: str = "",
    evidence_published_at: datetime | None = None,
) -> list[Review]:
    """The same verdict on several claims at once (the admin's bulk actions): all or none."""
    return [
        review_create(
            claim=claim,
            verdict=verdict,
            evidence_note=evidence_note,
            reviewer=reviewer,
            effective_at=effective_at,
            evidence_url=evidence_url,
            evidence_published_at=evidence_published_at,
        )
        for claim in claims
    ]


class ClaimTakenByAnother(Exception):
    """Someone else is checking the claim; taking it over has to be asked for as a reassignment."""

    def __init__(self, assignment: ClaimAssignment):
        self.assignment = assignment
        super().__init__(
            f"{assignment.assignee} has been checking this claim since "
            f"{assignment.assigned_at:%Y-%m-%d %H:%M} UTC; reassign it to take it over."
        )


@transaction.atomic
def claim_assign(
    *,
    claim: Claim,
    assignee: User,
    assigned_by: User | None,
    reassign: bool = False,
) -> ClaimAssignment:
    """A reviewer takes a claim (assignee is assigned_by) or is given it. Another reviewer's
    standing assignment is replaced only when `reassign` says so (else ClaimTakenByAnother), so
    two reviewers never work the same claim unknowingly. The claim's row is locked first, so
    reviewers taking it at once are served one after the other."""
    if not user_has_role(assignee, ROLE_REVIEWER):
        raise ValidationError({"assignee": f"{assignee} is not a reviewer."})
    Claim.objects.select_for_update().filter(pk=claim.pk).exists()
    assignment = ClaimAssignment.objects.filter(claim=claim).first()
    if assignment is not None and assignment.assignee_id == assignee.pk:
        return assignment
    if assignment is not None and not reassign:
        raise ClaimTakenByAnother(assignment)
    if assignment is None:
        assignment = ClaimAssignment(claim=claim)
    assignment.assignee = assignee
    assignment.assigned_by = assigned_by
    assignment.assigned_at = timezone.now()
    assignment.full_clean()
    assignment.save()
    return assignment


@transaction.atomic
def claim_unassign(*, claim: Claim) -> bool:
    """Nobody is checking the claim any more; False when nobody was."""
    deleted, _ = ClaimAssignment.objects.filter(claim=claim).delete()
    return bool(deleted)


@transaction.atomic
def claim_note_create(*, claim: Claim, author: User, text: str, url: str = "") -> ClaimNote:
    """A working note on a claim, kept for good: notes are never edited or deleted (the database
    refuses), a later note corrects an earlier one."""
    note = ClaimNote(claim=claim, author=author, text=strip_invisible(text), url=url.strip())
    note.full_clean()
    note.save()
    return note


@transaction.atomic
def claim_publish(*, claim: Claim, published_by: User) -> Claim:
    """Make a reviewed claim's fact-check page public. Publishing a published claim keeps its
    first publication time, so the page's date does not move. The row is locked so that a
    publish and an unpublish at once end in one state or the other; the audit trail records the
    change like any edit of the claim."""
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    if claim.merged_into_id is not None:
        raise ValidationError(
            {
                "merged_into": f"This claim was merged into claim {claim.merged_into_id}: "
                "publish that one."
            }
        )
    if claim.status == ClaimStatus.UNVERIFIED:
        raise ValidationError(
            {"status": "Only a claim with a verdict can be published: record a verdict first."}
        )
    if claim.published_at is None:
        claim.published_at = timezone.now()
        claim.published_by = published_by
        claim.save(update_fields=["published_at", "published_by"])
    return claim


@transaction.atomic
def claim_unpublish(*, claim: Claim) -> Claim:
    """Take a claim's fact-check page down; it answers 404 until published again."""
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    if claim.published_at is not None:
        claim.published_at = None
        claim.published_by = None
        claim.save(update_fields=["published_at", "published_by"])
    return claim


@transaction.atomic
def claim_merge(*, duplicate: Claim, kept: Claim, merged_by: User) -> Claim:
    """Fold a duplicate claim into the one kept: its citations, reviews, notes, assignment and
    contradiction links move to the kept claim, and the duplicate stays as a pointer
    (`merged_into`), so that its old id and URLs lead to the kept claim. Returns the duplicate.

    Both rows are locked in id order, so two merges of the same pair at once cannot deadlock,
    and a review or a publish on either waits for the merge. What cannot move is decided so:
    - a citation of the same source, URL and stance on both is one appearance cited twice: the
      kept claim's stays, the duplicate's is deleted (audited) and reviews that gave it as
      evidence point to the kept one;
    - a reviewer with verdicts on both keeps both: the newest stands, as when a reviewer corrects
      a verdict with a new review (claims.status);
    - the kept claim's assignment wins over the duplicate's;
    - the duplicate's re-check flags go: the kept claim is what gets re-checked.
    Reviews and notes are append-only; their triggers let exactly this through: a change of
    `claim` alone. Every change is audited under the pghistory context `merged`."""
    if duplicate.pk == kept.pk:
        raise ValidationError({"into": "A claim cannot be merged into itself."})
    locked = {
        claim.pk: claim
        for claim in Claim.objects.select_for_update()
        .filter(pk__in=[duplicate.pk, kept.pk])
        .order_by("pk")
    }
    duplicate, kept = locked[duplicate.pk], locked[kept.pk]
    if duplicate.merged_into_id is not None:
        raise ValidationError(
            {
                "claim": f"Claim {duplicate.pk} is already merged into claim "
                f"{duplicate.merged_into_id}."
            }
        )
    if kept.merged_into_id is not None:
        raise ValidationError(
            {
                "into": f"Claim {kept.pk} is merged into claim {kept.merged_into_id}: "
                "merge into that one."
            }
        )
    with pghistory.context(
        action="merged", merged_claim=duplicate.pk, kept_claim=kept.pk, merged_by=merged_by.pk
    ):
        source_ids = _citations_move(duplicate=duplicate, kept=kept)
        Review.objects.filter(claim=duplicate).update(claim=kept)
        ClaimNote.objects.filter(claim=duplicate).update(claim=kept)
        if ClaimAssignment.objects.filter(claim=kept).exists():
            ClaimAssignment.objects.filter(claim=duplicate).delete()
        else:
            ClaimAssignment.objects.filter(claim=duplicate).update(claim=kept)
        RecheckFlag.objects.filter(claim=duplicate).delete()
        for link in ClaimContradiction.objects.filter(
            models.Q(claim_low=duplicate) | models.Q(claim_high=duplicate)
        ):
            other_id = (
                link.claim_high_id if link.claim_low_id == duplicate.pk else link.claim_low_id
            )
            link.delete()
            if other_id != kept.pk:
                _contradiction_store(kept.pk, other_id, linked_by=link.linked_by)
        duplicate.merged_into = kept
        duplicate.published_at = None
        duplicate.published_by = None
        duplicate.save(update_fields=["merged_into", "published_at", "published_by"])
        if duplicate.first_reported_at and (
            kept.first_reported_at is None or duplicate.first_reported_at < kept.first_reported_at
        ):
            kept.first_reported_at = duplicate.first_reported_at
            kept.save(update_fields=["first_reported_at"])
        claim_status_refresh(claim=duplicate)
        claim_status_refresh(claim=kept)
        recompute_request_create(
            reason="merge", claim_ids=[duplicate.pk, kept.pk], source_ids=source_ids
        )
    return duplicate


def _citations_move(*, duplicate: Claim, kept: Claim) -> set[int]:
    """Move the duplicate's citations to the kept claim (see `claim_merge`); the ids of the
    sources they name, whose figures change."""
    kept_ids = {
        (source_id, url, stance): pk
        for pk, source_id, url, stance in kept.citations.values_list(
            "pk", "source_id", "url", "stance"
        )
    }
    evidence = Review.evidence_citations.through.objects
    moving: list[int] = []
    source_ids: set[int] = set()
    for citation in duplicate.citations.all():
        source_ids.add(citation.source_id)
        if citation.via_id is not None:
            source_ids.add(citation.via_id)
        same = kept_ids.get((citation.source_id, citation.url, citation.stance))
        if same is None:
            moving.append(citation.pk)
            continue
        evidence.filter(citation=citation).exclude(
            review__in=evidence.filter(citation_id=same).values("review")
        ).update(citation_id=same)
        citation.delete()
    Citation.objects.filter(pk__in=moving).update(claim=kept)
    return source_ids


def _contradiction_store(claim_id: int, other_id: int, *, linked_by) -> ClaimContradiction:
    low, high = sorted([claim_id, other_id])
    link, _ = ClaimContradiction.objects.get_or_create(
        claim_low_id=low, claim_high_id=high, defaults={"linked_by": linked_by}
    )
    return link


@transaction.atomic
def claim_contradiction_link(
    *, claim: Claim, other: Claim, linked_by: User | None
) -> ClaimContradiction:
    """Record that two claims cannot both be true; linking a linked pair again changes nothing."""
    if claim.pk == other.pk:
        raise ValidationError({"other": "A claim cannot contradict itself."})
    for field, item in (("claim", claim), ("other", other)):
        if item.merged_into_id is not None:
            raise ValidationError(
                {
                    field: f"Claim {item.pk} was merged into claim {item.merged_into_id}: "
                    "link that one."
                }
            )
    return _contradiction_store(claim.pk, other.pk, linked_by=linked_by)


@transaction.atomic
def claim_contradiction_unlink(*, claim: Claim, other: Claim) -> bool:
    """The two claims are no longer held to contradict each other; False when they were not."""
    low, high = sorted([claim.pk, other.pk])
    deleted, _ = ClaimContradiction.objects.filter(claim_low_id=low, claim_high_id=high).delete()
    return bool(deleted)


# The search windows' indexes are named after their threshold; a name with this prefix that no
# SearchWindow row holds is a previous window, or one a failed roll left behind.
SEARCH_WINDOW_INDEX_PREFIX = "claim_search_window_"


def inner_window_claims(claims: int) -> int:
    """The inner search window's size for an outer one of `claims`: the geometric mean of the
    outer size and the number of matches relevance ranks. A query reads the matching documents of
    the innermost window holding enough of them; at this size the most it reads, for any
    frequency of its words, is about that mean (a word in every claim: the inner window; one in
    just too few claims for it: as many in the outer), not the outer window's size."""
    return math.isqrt(SEARCH_RANKED_MATCHES * claims)


def search_window_roll(*, claims: int, inner_claims: int | None = None) -> dict[str, int]:
    """Move the search windows (SearchWindow) to the newest search documents: the outer window
    to the newest `claims`, the inner one to the newest `inner_claims` (by default
    `inner_window_claims(claims)`; none when it is 0, not fewer, or holds the same claims). Each
    is a partial GIN index over them with its threshold recorded; the previous windows' indexes
    are dropped. A window that already starts there is left as it is, so running it twice gives
    the same state.

    Outside a transaction (the scheduled job) the indexes are built and dropped CONCURRENTLY, so
    claims stay writable while they build; inside one (a test, a caller's atomic block), where
    PostgreSQL refuses CONCURRENTLY, plainly, holding writes to search documents meanwhile.
    Searches never depend on an index for their results: one that read an old threshold just
    before the switch plans without the dropped index and finds the same claims more slowly."""
    if inner_claims is None:
        inner_claims = inner_window_claims(claims)
    concurrently = "" if connection.in_atomic_block else " CONCURRENTLY"
    with connection.cursor() as cursor:
        threshold = _newest_documents_threshold(cursor, claims)
        levels = {SearchWindow.OUTER: threshold}
        if 0 < inner_claims < claims:
            inner_threshold = _newest_documents_threshold(cursor, inner_claims)
            if inner_threshold > threshold:
                levels[SearchWindow.INNER] = inner_threshold
        SearchWindow.objects.exclude(pk__in=levels).delete()
        rolled = sum(
            _window_roll(cursor, level=level, threshold=level_threshold, concurrently=concurrently)
            for level, level_threshold in levels.items()
        )
        kept = [
            f"{SEARCH_WINDOW_INDEX_PREFIX}{level_threshold}" for level_threshold in levels.values()
        ]
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'claims_claimsearchdocument' "
            "AND indexname LIKE %s AND NOT indexname = ANY(%s)",
            [SEARCH_WINDOW_INDEX_PREFIX.replace("_", r"\_") + "%", kept],
        )
        dropped = [name for (name,) in cursor.fetchall()]
        for name in dropped:
            cursor.execute(f"DROP INDEX{concurrently} IF EXISTS {name}")
    return {"threshold": threshold, "rolled": rolled, "indexes_dropped": len(dropped)}


def _newest_documents_threshold(cursor, claims: int) -> int:
    """The claim of the (claims + 1)-th newest search document: a window over the newest `claims`
    holds the ones above it (claim_order is the claim id; the primary key walks it newest
    first). 0 when there are no more documents than that."""
    cursor.execute(
        "SELECT claim_id FROM claims_claimsearchdocument ORDER BY claim_id DESC OFFSET %s LIMIT 1",
        [claims],
    )
    row = cursor.fetchone()
    return row[0] if row else 0


def _window_roll(cursor, *, level: int, threshold: int, concurrently: str) -> bool:
    """Build the window `level`'s index over the documents above `threshold` and record it,
    unless it is there already; whether it was built."""
    index_name = f"{SEARCH_WINDOW_INDEX_PREFIX}{threshold}"
    current = SearchWindow.objects.filter(pk=level, threshold=threshold, index_name=index_name)
    if current.exists() and _index_is_valid(cursor, index_name):
        return False
    # A leftover of a roll that failed half-way (an invalid index) goes first.
    cursor.execute(f"DROP INDEX{concurrently} IF EXISTS {index_name}")
    cursor.execute(
        f"CREATE INDEX{concurrently} {index_name} ON claims_claimsearchdocument "
        f"USING gin (document) WITH (fastupdate = off) WHERE claim_order > {threshold:d}"
    )
    cursor.execute(
        "SELECT count(*) FROM claims_claimsearchdocument WHERE claim_order > %s", [threshold]
    )
    SearchWindow.objects.update_or_create(
        pk=level,
        defaults={
            "threshold": threshold,
            "index_name": index_name,
            "claims": cursor.fetchone()[0],
            "built_at": timezone.now(),
        },
    )
    return True


def _index_is_valid(cursor, name: str) -> bool:
    cursor.execute("SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass(%s)", [name])
    row = cursor.fetchone()
    return bool(row and row[0])
