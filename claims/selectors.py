"""Reads of claims, citations and reviews, shared by the API, the admin and jobs."""

from datetime import datetime

from django.contrib.postgres.search import (
    SearchQuery,
    SearchQueryField,
    SearchRank,
    SearchVectorField,
    TrigramDistance,
    TrigramSimilarity,
)
from django.db.models import (
    Count,
    Exists,
    F,
    FloatField,
    Func,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Coalesce

from claims.models import Citation, Claim, ClaimStatus, Review, Stance
from sources.models import Source

# BCP 47 primary language subtag -> PostgreSQL text-search configuration. The SQL function
# claim_search_config (migration 0004) holds the same mapping; the index is built with it.
SEARCH_CONFIGS = {
    "ar": "arabic", "ca": "catalan", "da": "danish", "de": "german", "el": "greek",
    "en": "english", "es": "spanish", "eu": "basque", "fi": "finnish", "fr": "french",
    "ga": "irish", "hi": "hindi", "hu": "hungarian", "hy": "armenian", "id": "indonesian",
    "it": "italian", "lt": "lithuanian", "ne": "nepali", "nl": "dutch", "no": "norwegian",
    "nb": "norwegian", "nn": "norwegian", "pt": "portuguese", "ro": "romanian", "ru": "russian",
    "sr": "serbian", "sv": "swedish", "ta": "tamil", "tr": "turkish", "yi": "yiddish",
}  # fmt: skip

# Trigram similarity (0..1) from which another claim counts as a likely duplicate.
SIMILAR_CLAIM_THRESHOLD = 0.3

CLAIM_LIST_FIELDS = (
    "id",
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
    "created_at",
    "status",
    "credibility",
    "citation_count",
    "last_reviewed_at",
)


def search_config_for(language: str) -> str:
    return SEARCH_CONFIGS.get(language.split("-")[0].lower(), "simple")


def _claim_text_vector() -> Func:
    # Exactly the expression of the claim_text_fulltext index, so that PostgreSQL uses it.
    return Func(
        Func(F("language"), function="claim_search_config"),
        F("text"),
        function="to_tsvector",
        output_field=SearchVectorField(),
    )


def _quote_vector() -> Func:
    # Exactly the expression of the citation_quote_fulltext index.
    return Func(
        F("quote"),
        template="to_tsvector('simple'::regconfig, %(expressions)s)",
        output_field=SearchVectorField(),
    )


def claim_list() -> QuerySet[Claim]:
    """Claims with what a list shows about each: its number of citations and last review time.
    One query whatever the page size (two correlated subqueries evaluated per returned row)."""
    citation_count = (
        Citation.objects.filter(claim=OuterRef("pk"))
        .order_by()
        .values("claim")
        .annotate(n=Count("id"))
        .values("n")
    )
    last_reviewed = (
        Review.objects.filter(claim=OuterRef("pk")).order_by("-created_at").values("created_at")[:1]
    )
    return Claim.objects.annotate(
        citation_count=Coalesce(Subquery(citation_count, output_field=IntegerField()), 0),
        last_reviewed_at=Subquery(last_reviewed),
        reported_order=Coalesce("first_reported_at", "created_at"),
    )


def claim_list_citing(queryset: QuerySet[Claim], *, source: Source) -> QuerySet[Claim]:
    """Claims the source stated or denied, directly (not as a relaying outlet)."""
    return queryset.filter(Exists(Citation.objects.filter(claim=OuterRef("pk"), source=source)))


def claim_list_about(
    queryset: QuerySet[Claim], *, after: datetime | None = None, before: datetime | None = None
) -> QuerySet[Claim]:
    """Claims whose time (an instant, or the interval about_start..about_end) meets
    [after, before]."""
    if after is not None:
        queryset = queryset.filter(
            Q(about_end__gte=after) | Q(about_end__isnull=True, about_start__gte=after)
        )
    if before is not None:
        queryset = queryset.filter(about_start__lte=before)
    return queryset


def claim_list_reviewed_since(queryset: QuerySet[Claim], *, since: datetime) -> QuerySet[Claim]:
    return queryset.filter(
        Exists(Review.objects.filter(claim=OuterRef("pk"), created_at__gte=since))
    )


def claim_search(
    queryset: QuerySet[Claim], *, query: str, language: str | None = None
) -> QuerySet[Claim]:
    """Full-text search over claim text and citation quotes, annotated with `rank` (higher first).

    Claim text is indexed in the claim's own language. The searcher's language is unknown, so
    the query is parsed in every configured language and the parses are OR-ed: each claim then
    matches by the stemming of its own language. `language` narrows to claims in one language.
    A match in a quote counts half as much as one in the claim's text.
    """
    configs = (
        [search_config_for(language)]
        if language
        else sorted(set(SEARCH_CONFIGS.values()) | {"simple"})
    )
    text_query = SearchQuery(query, config=configs[0], search_type="websearch")
    for config in configs[1:]:
        text_query |= SearchQuery(query, config=config, search_type="websearch")
    quote_query = SearchQuery(query, config="simple", search_type="websearch")

    text_matches = Claim.objects.alias(vector=_claim_text_vector()).filter(vector=text_query)
    quote_matches = Citation.objects.alias(vector=_quote_vector()).filter(vector=quote_query)
    text_sql, text_params = text_matches.values("id").query.sql_with_params()
    quote_sql, quote_params = quote_matches.values("claim_id").query.sql_with_params()
    # A UNION lets PostgreSQL answer each half from its GIN index; an OR of two IN-subqueries
    # would scan every claim.
    matched_ids = RawSQL(f"({text_sql}) UNION ({quote_sql})", (*text_params, *quote_params))

    best_quote_rank = (
        Citation.objects.filter(claim=OuterRef("pk"))
        .annotate(rank=SearchRank(_quote_vector(), quote_query))
        .order_by("-rank")
        .values("rank")[:1]
    )
    # Ranked against the query parsed in the claim's own language only, so that a text match and
    # a quote match are scored on the same scale.
    own_language_query = Func(
        Func(F("language"), function="claim_search_config"),
        Value(query),
        function="websearch_to_tsquery",
        output_field=SearchQueryField(),
    )
    rank = Cast(SearchRank(_claim_text_vector(), own_language_query), FloatField()) + Value(
        0.5
    ) * Cast(Coalesce(Subquery(best_quote_rank), Value(0.0)), FloatField())
    if language:
        queryset = queryset.filter(language=language)
    return queryset.filter(id__in=matched_ids).annotate(rank=rank)


def claim_similar(*, claim: Claim, limit: int = 5) -> list[dict]:
    """The claims whose text is nearest to this one's by trigram similarity: likely duplicates.
    The GiST index finds the nearest `limit` by distance; the threshold then drops loose ones."""
    nearest = (
        Claim.objects.exclude(pk=claim.pk)
        .annotate(similarity=TrigramSimilarity("text", claim.text))
        .order_by(TrigramDistance("text", claim.text))
        .values("id", "text", "status", "credibility", "similarity")[:limit]
    )
    return [row for row in nearest if row["similarity"] >= SIMILAR_CLAIM_THRESHOLD]


def claim_detail(*, claim_id: int) -> Claim:
    """A claim with its citations (and their sources), reviews and reviewers in four queries."""
    return (
        Claim.objects.select_related("created_by")
        .prefetch_related(
            Prefetch(
                "citations",
                queryset=Citation.objects.select_related("source", "via").order_by(
                    F("published_at").asc(nulls_last=True), "id"
                ),
            ),
            Prefetch(
                "reviews",
                queryset=Review.objects.select_related("reviewer").prefetch_related(
                    Prefetch("evidence_citations", queryset=Citation.objects.only("id"))
                ),
            ),
        )
        .get(pk=claim_id)
    )


def claims_reviewed() -> QuerySet[Claim]:
    """Reviewed claims annotated with `reviewed_at`, the time of their newest review, and their
    citations in publication order: what a ClaimReview says."""
    return (
        Claim.objects.exclude(status=ClaimStatus.UNVERIFIED)
        .annotate(reviewed_at=Max("reviews__created_at"))
        .prefetch_related(
            Prefetch(
                "citations",
                queryset=Citation.objects.select_related("source", "via").order_by(
                    F("published_at").asc(nulls_last=True), "id"
                ),
            )
        )
    )


def source_track_record(*, source: Source) -> dict[str, dict[str, int]]:
    """How the claims a source asserted, and those it denied, were judged: claim counts by status.
    One query."""
    counts = {
        stance: {"total": 0, **{status: 0 for status in ClaimStatus.values}}
        for stance in Stance.values
    }
    rows = (
        Citation.objects.filter(source=source)
        .values("stance", "claim__status")
        .annotate(claims=Count("claim", distinct=True))
        .order_by()
    )
    for row in rows:
        counts[row["stance"]][row["claim__status"]] = row["claims"]
        counts[row["stance"]]["total"] += row["claims"]
    return {"asserted": counts[Stance.ASSERTS], "denied": counts[Stance.DENIES]}
