"""Reads of claims, citations, reviews and their re-check flags, shared by the API, the admin and
jobs."""

import functools
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple, TypedDict

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    TrigramDistance,
    TrigramSimilarity,
)
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    Expression,
    F,
    FloatField,
    Func,
    IntegerField,
    JSONField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Coalesce, JSONObject
from django.db.models.sql.constants import INNER

from claims.models import (
    Citation,
    Claim,
    ClaimContradiction,
    ClaimNote,
    ClaimSearchDocument,
    ClaimStatus,
    RecheckFlag,
    Review,
    SameText,
)
from claims.services import CLAIM_FIELDS
from sources.models import Source

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

# BCP 47 primary language subtag -> PostgreSQL text-search configuration. The SQL function
# claim_search_config (migration 0006) holds the same mapping; the index is built with it.
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

# A claim's own columns, as the API's list and detail give them.
CLAIM_COLUMNS = (
    "id",
    *CLAIM_FIELDS,
    "created_at",
    "status",
    "credibility",
    "credibility_probability",
    "published_at",
)
CLAIM_LIST_FIELDS = CLAIM_COLUMNS + (
    "citation_count",
    "last_reviewed_at",
    "being_checked_by",
    "being_checked_since",
)

# Who is checking a claim now and since when (ClaimAssignment), null when nobody is: one
# LEFT JOIN through the assignment's unique claim index.
BEING_CHECKED = {
    "being_checked_by": F("assignment__assignee__username"),
    "being_checked_since": F("assignment__assigned_at"),
}


def search_config_for(language: str) -> str:
    return SEARCH_CONFIGS.get(language.split("-")[0].lower(), "simple")


# The configurations of the languages claims are written in (a skip scan over the language
# index, one step per distinct language), and `simple`, in which quotes are indexed.
_CONFIGS_IN_USE = """
    WITH RECURSIVE languages(language) AS (
        (SELECT language FROM claims_claim ORDER BY language LIMIT 1)
        UNION ALL
        SELECT (SELECT c.language FROM claims_claim c WHERE c.language > languages.language
                ORDER BY c.language LIMIT 1)
        FROM languages WHERE languages.language IS NOT NULL
    )
    SELECT claim_search_config(language) FROM languages WHERE language IS NOT NULL
    UNION SELECT 'simple'::regconfig
"""
_CONFIGS_GIVEN = "SELECT unnest(%s::regconfig[])"
# The query parsed in each configuration, the distinct parses OR-ed into one tsquery (as text),
# and the search windows' thresholds whose indexes are there, innermost (newest claims) first
# (SearchWindow, migrations 0025 and 0028): asked here, in the query every search makes anyway,
# rather than in one more.
_COMBINED_PARSES = """
    SELECT string_agg('(' || parse || ')', ' | ' ORDER BY parse),
           (SELECT array_agg(threshold ORDER BY threshold DESC) FROM claims_searchwindow
            WHERE to_regclass(index_name) IS NOT NULL)
    FROM (
        SELECT DISTINCT websearch_to_tsquery(config, %s)::text AS parse FROM ({configs}) c(config)
    ) parses WHERE parse <> ''
"""


class _ParsedSearch(NamedTuple):
    # The search query as one tsquery (text form); None when nothing is left to search for.
    tsquery: str | None
    # Per search window, innermost first: claims with a larger claim_order are in its index.
    # None: no window.
    window_thresholds: list[int] | None


def _search_tsquery(*, query: str, language: str | None) -> _ParsedSearch:
    """The search query as one tsquery (text form) that matches a claim by the stemming of its
    own language: parsed in every language in use (or the given one) and in `simple`, identical
    parses merged, so that PostgreSQL estimates and scans it as what it is; None when nothing is
    left to search for (only stop words or symbols). And where the search windows start."""
    with connection.cursor() as cursor:
        if language:
            configs = [search_config_for(language), "simple"]
            cursor.execute(_COMBINED_PARSES.format(configs=_CONFIGS_GIVEN), [query, configs])
        else:
            cursor.execute(_COMBINED_PARSES.format(configs=_CONFIGS_IN_USE), [query])
        return _ParsedSearch(*cursor.fetchone())


class _TsQuery(SearchQuery):
    """A tsquery given in PostgreSQL's text form, cast as it is rather than parsed again."""

    template = "(%(expressions)s)::tsquery"


class _IsAnyOf(Func):
    """`value = ANY(array)`."""

    arg_joiner = " = ANY("
    template = "(%(expressions)s))"
    output_field = BooleanField()


# The alias under which a relevance search's ranked candidates (_RankedCandidates) are joined;
# the names, in their SQL, of the matching documents among every claim with their ranks and of
# those documents' ids (the ids of a search window's are _window_documents(level)); and the name
# under which the walk of the claims reads the ids of the source it walks, bound to each source's
# ids in turn (so that it is built and compiled once).
_CANDIDATES_ALIAS = "claim_search_ranked"
_EVERY_MATCHES = "search_every_matches"
_EVERY_DOCUMENTS = "search_every_documents"
_WALKED_DOCUMENTS = "search_walked_documents"


def _window_documents(level: int) -> str:
    return f"search_window_documents_{level:d}"


# Stand in for the search's tsquery (text form) and a window's threshold while the statements
# that depend on nothing else are compiled (_search_statements), and are found among their
# parameters by value: those statements have no other parameter. A threshold is a claim id or 0,
# and -1 is in the range of any integer column, so the ORM passes it through unchanged.
_TSQUERY_PLACEHOLDER = "search tsquery placeholder"
_THRESHOLD_PLACEHOLDER = -1


@dataclass(frozen=True)
class _Compiled:
    """SQL the ORM compiled once, with placeholders among its parameters."""

    sql: str
    params: tuple

    def params_for(self, *, tsquery: str, threshold: int | None = None) -> list:
        values = {_TSQUERY_PLACEHOLDER: tsquery, _THRESHOLD_PLACEHOLDER: threshold}
        return [values.get(param, param) for param in self.params]


class _SearchStatements(NamedTuple):
    # A window's matching documents, `(claim_id)`; every claim's matching documents with their
    # ranks, `(claim_id, rank)`; every document with its rank, `(claim_id, rank)`.
    window_documents: _Compiled
    every_matches: _Compiled
    ranked_documents: _Compiled


def _search_querysets(*, tsquery: str, threshold: int) -> tuple[QuerySet, QuerySet, QuerySet]:
    """The querysets of _SearchStatements, for this tsquery (text form) and window threshold."""
    text_query = _TsQuery(tsquery)
    ranked = ClaimSearchDocument.objects.values_list(
        "claim_id", Cast(SearchRank(F("document"), text_query), FloatField())
    )
    documents = ClaimSearchDocument.objects.filter(document=text_query)
    return (
        documents.filter(claim_order__gt=threshold).values("claim_id"),
        ranked.filter(document=text_query),
        ranked,
    )


@functools.cache
def _search_statements(using: str) -> _SearchStatements:
    """The parts of a relevance search that depend on nothing but its tsquery and the windows'
    thresholds, compiled once per process: building and compiling them for each search took
    about as much Python as the rest of the search (bench/README-api.md, session 18 follow-up).
    The claims walked (`kept`) depend on the request's filters and are compiled per search."""

    def compiled(queryset: QuerySet) -> _Compiled:
        sql, params = queryset.query.get_compiler(using=using).as_sql()
        return _Compiled(sql=sql, params=tuple(params))

    querysets = _search_querysets(tsquery=_TSQUERY_PLACEHOLDER, threshold=_THRESHOLD_PLACEHOLDER)
    return _SearchStatements(*(compiled(queryset) for queryset in querysets))


class _RankedCandidates:
    """A relevance search's candidates joined to the claims as a derived table, `(id, rank)`,
    best first: `INNER JOIN (...) claim_search_ranked ON claim_search_ranked.id = claims.id`.

    The candidates are the newest `bound` matches of `tsquery` that the claims queryset keeps,
    each ranked once: from the innermost search window (`window_thresholds`, innermost first)
    that holds `bound` of them, else from every claim. Every claim outside a window is older
    than every claim in it, so when a window holds `bound` matches they are the newest `bound`
    of all and the candidates are the same whichever window gives them.

    Each is read in the same two steps, each computed once (MATERIALIZED CTEs): the ids of the
    matching documents, from a GIN index (a window's, or the one over every document,
    `_SearchStatements.every_matches`); then the claims among them that the queryset keeps
    (`kept`, which reads the ids as `_WALKED_DOCUMENTS`), walked newest first through the
    primary key until `bound`. A window's claims are only walked when it holds at least `bound`
    matching documents, a condition placed on the walk's result rather than in it, so that
    PostgreSQL drops from the walk the joins that the queryset's annotations made and the walk
    does not read. Both steps but the walk depend only on `tsquery` and a window's threshold,
    so their SQL is compiled once per process (_search_statements).

    Where the rank is computed follows where the documents are. The search of every claim reads
    each matching document from anywhere in the table (about one page per match for a rare
    query), so it ranks each as it reads it, at little more cost, and the kept claims take their
    ranks from there (a hash join) instead of reading `bound` documents again through the
    documents' primary key (about 2 ms of a rare search at a million claims). A window's step
    reads up to about the inner window's size of documents, written together on few pages, where
    ranking them all costs more than reading the `bound` kept ones again
    (`_SearchStatements.ranked_documents`): bench/README-api.md, session 18, has the figures.

    Each source of candidates sits under a condition that does not depend on its rows, which
    PostgreSQL checks once before running it (a One-Time Filter): a CASE that asks the inner
    windows first and stops at the first one that holds enough (PostgreSQL runs a condition's
    subquery when it first needs its value), so a window is read only when every window inside it
    fell short, and every claim only when all did. A common word thus costs the innermost
    window's matches, a rare one a small look at each window before the search of every claim.

    Ordered best first, the derived table lets PostgreSQL read the candidates in the page's order
    and look up only the claims of the page (51 primary-key probes, not `bound`), and the rank is
    computed once per candidate instead of once to keep the candidates and again to order them.

    Django has no join to a subquery: this stands in `Query.alias_map` like a `Join` (the
    attributes and methods Django's `Join` documents for alias_map entries), and the rank is read
    from it by `_CandidateRank`."""

    join_type = INNER
    nullable = False
    filtered_relation = None

    def __init__(
        self,
        *,
        parent_alias,
        table_alias,
        tsquery,
        window_thresholds,
        kept,
        bound,
    ):
        self.table_name = _CANDIDATES_ALIAS
        self.parent_alias, self.table_alias = parent_alias, table_alias
        # The search as a tsquery (text form); per window, innermost first, its threshold.
        self.tsquery, self.window_thresholds = tsquery, window_thresholds
        # The walk, `(id)`.
        self.kept = kept
        self.bound = bound

    def as_sql(self, compiler, connection):
        kept_sql, kept_params = self.kept.get_compiler(connection=connection).as_sql()

        def walk(documents: str) -> str:
            return f"WITH {_WALKED_DOCUMENTS}(ids) AS (SELECT ids FROM {documents}) "

        statements = _search_statements(connection.alias)
        ranked_sql = statements.ranked_documents.sql
        ranked_params = statements.ranked_documents.params_for(tsquery=self.tsquery)
        ctes: list[str] = []
        params: list = []
        branches: list[str] = []
        # The conditions "this window holds enough", innermost first, of the windows done so far.
        enough: list[str] = []
        for level, threshold in enumerate(self.window_thresholds):
            documents_sql = statements.window_documents.sql
            documents_params = statements.window_documents.params_for(
                tsquery=self.tsquery, threshold=threshold
            )
            name, ids = f"search_window_{level:d}", _window_documents(level)
            ctes += [
                f"{ids}(ids) AS MATERIALIZED (SELECT ARRAY({documents_sql}))",
                f"{name}(id, rank) AS MATERIALIZED ({walk(ids)}"
                f"SELECT kept.id, ranked.rank FROM ({kept_sql}) kept(id) "
                f"JOIN ({ranked_sql}) ranked(claim_id, rank) ON ranked.claim_id = kept.id "
                f"WHERE (SELECT cardinality(ids) FROM {ids}) >= {self.bound:d})",
            ]
            params += [*documents_params, *kept_params, *ranked_params]
            own = f"(SELECT count(*) FROM {name}) >= {self.bound:d}"
            branches.append(f"SELECT id, rank FROM {name} WHERE {_read_when(enough, own)}")
            enough.append(own)
        every_matches_sql = statements.every_matches.sql
        every_matches_params = statements.every_matches.params_for(tsquery=self.tsquery)
        ctes += [
            f"{_EVERY_MATCHES}(claim_id, rank) AS MATERIALIZED ({every_matches_sql})",
            f"{_EVERY_DOCUMENTS}(ids) AS MATERIALIZED "
            f"(SELECT ARRAY(SELECT claim_id FROM {_EVERY_MATCHES}))",
        ]
        params += every_matches_params
        branches.append(
            f"SELECT id, rank FROM ({walk(_EVERY_DOCUMENTS)}"
            f"SELECT kept.id, matches.rank FROM ({kept_sql}) kept(id) "
            f"JOIN {_EVERY_MATCHES} matches ON matches.claim_id = kept.id) every_claim "
            f"WHERE {_read_when(enough, 'true')}"
        )
        # The windows' parameters are in their CTEs, the search of every claim's in its branch.
        params += kept_params
        candidates = f"WITH {', '.join(ctes)} " + " UNION ALL ".join(branches)
        qn = compiler.quote_name_unless_alias
        alias = connection.ops.quote_name(self.table_alias)
        return (
            f"{self.join_type} ({candidates} ORDER BY rank DESC, id DESC) {alias} "
            f"ON ({alias}.id = {qn(self.parent_alias)}.{connection.ops.quote_name('id')})",
            params,
        )

    def relabeled_clone(self, change_map):
        return self.__class__(
            parent_alias=change_map.get(self.parent_alias, self.parent_alias),
            table_alias=change_map.get(self.table_alias, self.table_alias),
            tsquery=self.tsquery,
            window_thresholds=self.window_thresholds,
            kept=self.kept,
            bound=self.bound,
        )

    def demote(self):
        return self

    def promote(self):
        return self


def _read_when(inner_enough: list[str], own: str) -> str:
    """The condition under which a source of candidates is read: its own (`own`) once no window
    inside it holds enough (`inner_enough`, innermost first). A CASE, so that a window's
    condition runs only once every window inside it fell short."""
    if not inner_enough:
        return own
    inner = " ".join(f"WHEN {condition} THEN false" for condition in inner_enough)
    return f"(CASE {inner} ELSE {own} END)"


class _CandidateRank(Expression):
    """The `rank` column of the joined `_RankedCandidates`."""

    output_field = FloatField()

    def __init__(self, alias: str):
        super().__init__()
        self.alias = alias

    def as_sql(self, compiler, connection):
        return f"{connection.ops.quote_name(self.alias)}.rank", []

    def relabeled_clone(self, change_map):
        return self.__class__(change_map.get(self.alias, self.alias))

    def get_group_by_cols(self):
        return [self]

    def __eq__(self, other):
        return isinstance(other, _CandidateRank) and other.alias == self.alias

    def __hash__(self):
        return hash((self.__class__, self.alias))


def _join_ranked_candidates(
    queryset: QuerySet[Claim],
    *,
    tsquery: str,
    window_thresholds: list[int],
    kept: QuerySet,
    bound: int,
) -> "QuerySet[WithAnnotations[Claim, Ranked]]":
    """`queryset` joined to its ranked candidates (_RankedCandidates) and annotated with their
    `rank`."""
    joined = queryset.all()
    query = joined.query
    parent_alias = query.get_initial_alias()
    assert _CANDIDATES_ALIAS not in query.alias_map, "one relevance search per query"
    # The stubs type alias_map's values as Django's own classes; any object with Join's
    # documented attributes and methods serves (see _RankedCandidates).
    query.alias_map[_CANDIDATES_ALIAS] = _RankedCandidates(  # type: ignore[assignment]
        parent_alias=parent_alias,
        table_alias=_CANDIDATES_ALIAS,
        tsquery=tsquery,
        window_thresholds=window_thresholds,
        kept=kept.query,
        bound=bound,
    )
    query.alias_refcount[_CANDIDATES_ALIAS] = 1
    query.table_map[_CANDIDATES_ALIAS] = [_CANDIDATES_ALIAS]
    return joined.annotate(rank=_CandidateRank(_CANDIDATES_ALIAS))


def claim_list(*, include_merged: bool = True) -> QuerySet[Claim]:
    """Claims with what a list shows about each: its number of citations and last review time;
    without the merged ones (each a pointer to the claim kept) if asked. One query whatever the
    page size (two correlated subqueries evaluated per returned row). The querysets are built
    once per process and cloned per call: on this annotated one, filtering merged claims out
    costs about 0.1 ms of Python, as much as a short list query in PostgreSQL."""
    return (_claim_list() if include_merged else _claim_list_unmerged()).all()


@functools.cache
def _claim_list_unmerged() -> QuerySet[Claim]:
    return _claim_list().filter(merged_into__isnull=True)


@functools.cache
def _claim_list() -> QuerySet[Claim]:
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
        **BEING_CHECKED,
    )


def claim_list_assigned(
    queryset: QuerySet[Claim], *, assignee=None, assigned: bool | None = None
) -> QuerySet[Claim]:
    """Claims a user is checking (`assignee`), or that someone (`assigned=True`) or nobody
    (`assigned=False`) is checking."""
    if assignee is not None:
        queryset = queryset.filter(assignment__assignee=assignee)
    if assigned is not None:
        queryset = queryset.filter(assignment__isnull=not assigned)
    return queryset


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


class Ranked(TypedDict):
    """What `claim_search` annotates each claim with."""

    rank: float


def claim_search(
    queryset: QuerySet[Claim],
    *,
    query: str,
    language: str | None = None,
    newest: int | None = None,
) -> "QuerySet[WithAnnotations[Claim, Ranked]]":
    """Full-text search over claim text and citation quotes, annotated with `rank` (higher first).

    Each claim's search document (ClaimSearchDocument) has its text stemmed in the claim's own
    language. The searcher's language is unknown, so the query is parsed in the language of
    every claim in the database and the parses are OR-ed: each claim then matches by the stemming
    of its own language. `language` narrows to claims in one language. Quotes are unstemmed
    (`simple`) and weigh less than the text in the rank.

    With `newest`, only that many of the newest matching claims of `queryset` are ranked, so
    that ranking costs the same however many claims match. They are found in two steps: the ids
    of the matching documents, from a GIN index, then the claims among them that `queryset`
    keeps, walked newest first through the primary key until `newest`. They are looked for first
    in the search windows (SearchWindow), indexes over the newest claims only, innermost first,
    whose cost does not grow with the table, and among every claim only when no window holds
    `newest` of them: the same claims either way (README, "At a million claims", has the
    figures). Each candidate is ranked once, and the candidates are joined to the claims best
    first, so that only the page's claims are looked up (_RankedCandidates).
    """
    parsed, window_thresholds = _search_tsquery(query=query, language=language)
    if language:
        queryset = queryset.filter(language=language)
    if parsed is None:
        return queryset.none().annotate(rank=Value(0.0, output_field=FloatField()))
    if newest is None:
        text_query = _TsQuery(parsed)
        rank = Cast(SearchRank(F("search_document__document"), text_query), FloatField())
        return queryset.filter(search_document__document=text_query).annotate(rank=rank)

    # The claims of `queryset` among the ids of the source walked, newest first: PostgreSQL walks
    # the primary key (or claim_not_merged_filters, which also answers the filters on the claim's
    # status, credibility, language and topic) backwards over the sorted ids and stops after
    # `newest`. Joining the documents to the claims instead, it hashes every claim, or walks all
    # claims newest first probing each one's document (as it once did for "Homs").
    walked = RawSQL(f"(SELECT ids FROM {_WALKED_DOCUMENTS})::bigint[]", [])
    kept = queryset.filter(_IsAnyOf(F("pk"), walked)).order_by("-pk").values_list("pk")[:newest]
    return _join_ranked_candidates(
        queryset,
        tsquery=parsed,
        # Each window's matching documents are read (a few thousand at most for common words in
        # the innermost one); their claims are walked only if there are enough of them.
        window_thresholds=window_thresholds or [],
        kept=kept,
        bound=newest,
    )


def claim_with_same_text(*, text: str) -> Claim | None:
    """The oldest claim whose text equals this one but for case and white space (one probe of the
    claim_same_text index)."""
    return (
        Claim.objects.alias(same_text=SameText("text"))
        .filter(same_text=SameText(Value(text)))
        .order_by("pk")
        .first()
    )


def claim_similar(*, claim: Claim, limit: int = 5) -> list[Mapping[str, Any]]:
    """The claims whose text is nearest to this one's by trigram similarity: likely duplicates.
    The GiST index finds the nearest `limit` by distance; the threshold then drops loose ones."""
    nearest = (
        Claim.objects.exclude(pk=claim.pk)
        .filter(merged_into__isnull=True)
        .annotate(similarity=TrigramSimilarity("text", claim.text))
        .order_by(TrigramDistance("text", claim.text))
        .values("id", "text", "status", "credibility", "similarity")[:limit]
    )
    return [row for row in nearest if row["similarity"] >= SIMILAR_CLAIM_THRESHOLD]


def _json_or_null(relation: str, **fields) -> Case:
    """A related row's fields as a JSON object, or JSON null when there is no related row."""
    return Case(
        When(**{f"{relation}__isnull": True}, then=Value(None, output_field=JSONField())),
        default=JSONObject(**{name: f"{relation}__{field}" for name, field in fields.items()}),
    )


def claim_detail(
    *,
    claim_id: int,
    similar_limit: int = 5,
    annotate: Callable[[QuerySet[Claim]], QuerySet[Claim]] | None = None,
) -> Claim:
    """A claim with what its detail shows, in one query: `created_by_username`; `citation_rows`
    (with their sources, relaying outlets and latest link checks, in publication order),
    `review_rows` (with reviewers and evidence citation ids, newest first), `note_rows` (the
    reviewers' working notes, oldest first) and `similar_rows`
    (the `similar_limit` nearest claims by trigram distance, found by the GiST index, which
    stops after them; their `similarity` is for the caller to hold against
    SIMILAR_CLAIM_THRESHOLD), each a list of JSON objects, datetimes as ISO 8601 strings.
    Raises Claim.DoesNotExist.

    `annotate` adds annotations of the caller's own to that one query (the reliability app's
    `claims_with_recompute_pending`). The query is compiled once per process (below)."""
    statement = _claim_detail_statement(similar_limit, annotate)
    claim = next(iter(Claim.objects.raw(statement.sql, statement.params_for(claim_id))), None)
    if claim is None:
        raise Claim.DoesNotExist(f"No claim with id {claim_id}.")
    for name in _DETAIL_ROW_ARRAYS:
        # Django reads jsonb as text (its JSONField decodes it); raw() leaves it to us.
        setattr(claim, name, [json.loads(row) for row in getattr(claim, name)])
    return claim


_DETAIL_ROW_ARRAYS = (
    "citation_rows",
    "review_rows",
    "note_rows",
    "similar_rows",
    "contradiction_rows_low",
    "contradiction_rows_high",
)


@dataclass(frozen=True)
class _Statement:
    """SQL the ORM compiled once, and where in its parameters the claim id goes."""

    sql: str
    params: tuple
    claim_id_at: int

    def params_for(self, claim_id: int) -> list:
        params = list(self.params)
        params[self.claim_id_at] = claim_id
        return params


# Stands in for the claim id while the detail query is compiled: no claim has a negative id.
_CLAIM_ID_PLACEHOLDER = -7_777_777_777


@functools.cache
def _claim_detail_statement(
    similar_limit: int, annotate: Callable[[QuerySet[Claim]], QuerySet[Claim]] | None
) -> _Statement:
    """The detail query as SQL, compiled once per process: building and compiling its six
    subqueries of JSON objects took the API's claim detail longer than PostgreSQL's whole run of
    it (10 ms of 22 for the whole read in one busy process; 1 to 4 ms of SQL at a million
    claims)."""
    queryset = claims_with_detail_rows(Claim.objects.all(), similar_limit=similar_limit)
    if annotate is not None:
        queryset = annotate(queryset)
    sql, params = queryset.filter(pk=_CLAIM_ID_PLACEHOLDER).query.sql_with_params()
    return _Statement(
        sql=sql, params=tuple(params), claim_id_at=params.index(_CLAIM_ID_PLACEHOLDER)
    )


def claims_with_detail_rows(claims: QuerySet[Claim], *, similar_limit: int) -> QuerySet[Claim]:
    """`claims` annotated with what claim_detail documents."""
    citations = (
        Citation.objects.filter(claim=OuterRef("pk"))
        .order_by(F("published_at").asc(nulls_last=True), "id")
        .values(
            row=JSONObject(
                id="id",
                source=JSONObject(slug="source__slug", name="source__name"),
                stance="stance",
                quote="quote",
                url="url",
                published_at="published_at",
                via=_json_or_null("via", slug="slug", name="name"),
                created_at="created_at",
                link_check=_json_or_null(
                    "link_check",
                    state="state",
                    checked_at="checked_at",
                    http_status="http_status",
                    final_url="final_url",
                    flagged="flagged",
                ),
            )
        )
    )
    evidence = (
        Review.evidence_citations.through.objects.filter(review=OuterRef("pk"))
        .order_by("citation_id")
        .values("citation_id")
    )
    reviews = (
        Review.objects.filter(claim=OuterRef("pk"))
        .order_by("-created_at", "-id")
        .values(
            row=JSONObject(
                id="id",
                verdict="verdict",
                effective_at="effective_at",
                evidence_note="evidence_note",
                evidence_url="evidence_url",
                evidence_citations=ArraySubquery(evidence),
                evidence_published_at=Coalesce("evidence_published_at", "created_at"),
                reviewer="reviewer__username",
                created_at="created_at",
            )
        )
    )
    notes = (
        ClaimNote.objects.filter(claim=OuterRef("pk"))
        .order_by("created_at", "id")
        .values(
            row=JSONObject(
                id="id", author="author__username", text="text", url="url", created_at="created_at"
            )
        )
    )
    similar = (
        Claim.objects.exclude(pk=OuterRef("pk"))
        .filter(merged_into__isnull=True)
        # The stubs type the second argument of the trigram functions as a plain string; Django
        # takes any expression there.
        .alias(distance=TrigramDistance("text", OuterRef("text")))  # type: ignore[arg-type]
        .order_by("distance")
        .values(
            row=JSONObject(
                id="id",
                text="text",
                status="status",
                credibility="credibility",
                similarity=TrigramSimilarity("text", OuterRef("text")),  # type: ignore[arg-type]
            )
        )[:similar_limit]
    )
    return claims.annotate(
        created_by_username=F("created_by__username"),
        **BEING_CHECKED,
        citation_rows=ArraySubquery(citations),
        review_rows=ArraySubquery(reviews),
        note_rows=ArraySubquery(notes),
        similar_rows=ArraySubquery(similar),
        contradiction_rows_low=ArraySubquery(_contradicting("claim_low", "claim_high")),
        contradiction_rows_high=ArraySubquery(_contradicting("claim_high", "claim_low")),
    )


def _contradicting(this: str, other: str) -> QuerySet:
    """The claims linked to the outer claim as contradicting it, from one side of the pair
    (ClaimContradiction stores it smaller id first); each side is found by its own index."""
    return (
        ClaimContradiction.objects.filter(**{this: OuterRef("pk")})
        .order_by(other)
        .values(row=JSONObject(id=other, text=f"{other}__text", status=f"{other}__status"))
    )


def claim_with_contradictions(*, claim_id: int) -> Claim | None:
    """A claim's `text` and `merged_into` with the rows `claim_contradicted_by` reads, in one
    query, for pages that do not load the whole detail."""
    return (
        Claim.objects.filter(pk=claim_id)
        .annotate(
            contradiction_rows_low=ArraySubquery(_contradicting("claim_low", "claim_high")),
            contradiction_rows_high=ArraySubquery(_contradicting("claim_high", "claim_low")),
        )
        .only("pk", "text", "merged_into")
        .first()
    )


def claim_contradicted_by(claim) -> list[dict]:
    """`id`, `text` and `status` of the claims linked as contradicting this one (claim_detail's
    `contradiction_rows_low` and `contradiction_rows_high`, joined), by id."""
    return sorted(
        [*claim.contradiction_rows_low, *claim.contradiction_rows_high], key=lambda row: row["id"]
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


def recheck_flags_standing() -> QuerySet[RecheckFlag]:
    """Flags no review has answered yet."""
    return RecheckFlag.objects.exclude(
        Exists(
            Review.objects.filter(claim=OuterRef("claim"), created_at__gte=OuterRef("due_since"))
        )
    )


def claims_filter_due(queryset: QuerySet[Claim], *, due: bool = True) -> QuerySet[Claim]:
    """For the API's `?due=true|false`."""
    standing = Exists(recheck_flags_standing().filter(claim=OuterRef("pk")))
    return queryset.filter(standing) if due else queryset.exclude(standing)


def fact_check_published(*, claim_id: int) -> Claim | None:
    """A published claim as its public page shows it, or None when it is not published: what
    `claims_reviewed` loads for its ClaimReview, and `standing_reviews`, each reviewer's newest
    review (the verdicts its status derives from, newest first) with their evidence citations and
    those citations' sources. Four queries."""
    claim = claims_reviewed().filter(pk=claim_id, published_at__isnull=False).first()
    if claim is None:
        return None
    standing = (
        Review.objects.filter(claim=claim)
        .order_by("reviewer_id", "-created_at", "-id")
        .distinct("reviewer_id")
        .values("pk")
    )
    claim.standing_reviews = list(
        Review.objects.filter(pk__in=standing)
        .order_by("-created_at", "-id")
        .prefetch_related(
            Prefetch(
                "evidence_citations",
                queryset=Citation.objects.select_related("source").order_by("id"),
            )
        )
    )
    return claim


def fact_checks_published() -> QuerySet[Claim]:
    """Published claims, newest publication first (the index `claim_published_newest` serves
    this order)."""
    return (
        Claim.objects.filter(published_at__isnull=False)
        .order_by("-published_at", "-id")
        .only("id", "text", "status", "published_at", "language")
    )


def source_citations(*, source: Source) -> QuerySet[Citation]:
    """A source's track record as a list: the citations in which it spoke (as `source`) or
    relayed someone (as `via`), newest publication first (undated ones last), each with its
    claim's text and status and the speaker's and relay's names, in one query per page."""
    return (
        Citation.objects.filter(Q(source=source) | Q(via=source))
        .select_related("claim", "source", "via")
        .only(
            "id", "stance", "published_at", "created_at", "source_id", "via_id", "claim_id",
            "claim__id", "claim__text", "claim__status",
            "source__id", "source__name", "via__id", "via__name",
        )
        .order_by(F("published_at").desc(nulls_last=True), "-id")
    )  # fmt: skip
