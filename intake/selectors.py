"""Reads for intake: candidate claims for a statement, source names, pending proposals."""

import re
from collections import defaultdict

from django.contrib.postgres.search import TrigramDistance, TrigramSimilarity
from django.db.models import F, Func, QuerySet
from django.db.models.functions import Greatest

from claims.models import Claim
from claims.selectors import claim_search
from intake.lexicon import SYNONYM_GROUPS
from intake.models import ArticleImport, IntakeProposal, ProposalStatus
from intake.similarity import STOP_WORDS, NameAliases
from sources.models import Source, SourceAlias

FULL_TEXT_CANDIDATES = 40
TRIGRAM_CANDIDATES = 10
TRIGRAM_MIN_SIMILARITY = 0.3
# Number of distinct words (lexemes) in a claim's search document.
_DOCUMENT_WORDS = Func(F("search_document__document"), function="length")

_SYNONYMS: dict[str, set[str]] = defaultdict(set)
for _group in SYNONYM_GROUPS:
    for _word in _group:
        _SYNONYMS[_word].update(w for w in _group if "_" not in w)


def claim_candidates(*, text: str, aliases: NameAliases | None = None) -> list[tuple[int, str]]:
    """Known claims worth comparing with a statement: the best found by the API's full-text
    search (claims.selectors.claim_search over the claims' search documents) for any of its words,
    their synonyms or another name of the same entity, plus the nearest by trigram similarity,
    which also works for text in other languages. Three queries: the languages in use, the
    search, the trigram neighbours.

    Search hits are ordered by rank per word of the claim: a known claim is a short statement
    whose words the article's statement mostly covers, and plain rank would prefer long claims
    that share a few common words ("Assad", "Syria") with it."""
    words = {w.lower() for w in re.findall(r"[^\W\d_]{3,}", text) if w.lower() not in STOP_WORDS}
    expanded = set(words)
    for word in words:
        expanded |= _SYNONYMS.get(word, set())
    if aliases is not None:
        expanded |= aliases.other_names(text)
    found: dict[int, str] = {}
    if expanded:
        ranked = (
            claim_search(Claim.objects.all(), query=" or ".join(sorted(expanded)))
            .annotate(rank_per_word=F("rank") / Greatest(_DOCUMENT_WORDS, 1))
            .order_by("-rank_per_word", "-rank", "-id")
            .values_list("id", "text")[:FULL_TEXT_CANDIDATES]
        )
        found.update(ranked)
    for claim_id, claim_text, _ in _trigram_nearest(
        text, limit=TRIGRAM_CANDIDATES, minimum=TRIGRAM_MIN_SIMILARITY
    ):
        found[claim_id] = claim_text
    return list(found.items())


def claim_trigram_matches(*, text: str, minimum: float) -> list[tuple[int, float]]:
    """The claim whose text is closest to `text` character by character, if it is at least
    `minimum` similar: the matcher for languages the extractor does not parse."""
    nearest = _trigram_nearest(text, limit=1, minimum=minimum)
    return [(claim_id, similarity) for claim_id, _, similarity in nearest]


def _trigram_nearest(text: str, *, limit: int, minimum: float) -> list[tuple[int, str, float]]:
    """The `limit` claims nearest by trigram distance, found by walking the GiST index
    (claim_text_trigram) instead of scoring every claim; the threshold then drops loose ones."""
    nearest = (
        Claim.objects.annotate(similarity=TrigramSimilarity("text", text))
        .order_by(TrigramDistance("text", text))
        .values_list("id", "text", "similarity")[:limit]
    )
    return [row for row in nearest if row[2] >= minimum]


def source_name_aliases() -> NameAliases:
    """Every stored source with all its names, so "HTS" and "Hayat Tahrir al-Sham" compare equal.
    Two queries."""
    groups: dict[int, list[str]] = defaultdict(list)
    for source_id, name in Source.objects.values_list("id", "name"):
        groups[source_id].append(name)
    for source_id, name in SourceAlias.objects.values_list("source_id", "name"):
        groups[source_id].append(name)
    return NameAliases(list(groups.values()))


def source_by_domain(*, host: str) -> Source | None:
    host = host.lower().removeprefix("www.")
    return Source.objects.filter(domains__contains=[host]).first()


def article_import_find(*, content_hash: str) -> ArticleImport | None:
    return (
        ArticleImport.objects.filter(content_hash=content_hash).order_by("created_at", "id").first()
    )


def proposal_list(*, article: ArticleImport) -> QuerySet[IntakeProposal]:
    return article.proposals.select_related("source", "via", "matched_claim", "citation").order_by(
        "position"
    )


def proposal_fingerprint_statuses(*, fingerprints: list[str]) -> dict[str, set[str]]:
    """How statements with these fingerprints were decided before (accepted, rejected)."""
    decided: dict[str, set[str]] = defaultdict(set)
    rows = IntakeProposal.objects.filter(
        fingerprint__in=fingerprints, status__in=[ProposalStatus.ACCEPTED, ProposalStatus.REJECTED]
    ).values_list("fingerprint", "status")
    for fingerprint, status in rows:
        decided[fingerprint].add(status)
    return decided
