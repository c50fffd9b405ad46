"""Reads for intake: candidate claims for a statement, source names, pending proposals."""

import re
from collections import defaultdict

from django.contrib.postgres.search import SearchQuery, SearchVector, TrigramSimilarity
from django.db.models import QuerySet

from claims.intake.lexicon import SYNONYM_GROUPS
from claims.intake.similarity import STOP_WORDS, NameAliases
from claims.models import ArticleImport, Claim, IntakeProposal, ProposalStatus
from sources.models import Source, SourceAlias

FULL_TEXT_CANDIDATES = 25
TRIGRAM_CANDIDATES = 10
TRIGRAM_MIN_SIMILARITY = 0.3

_SYNONYMS: dict[str, set[str]] = defaultdict(set)
for _group in SYNONYM_GROUPS:
    for _word in _group:
        _SYNONYMS[_word].update(w for w in _group if "_" not in w)


def claim_candidates(*, text: str, aliases: NameAliases | None = None) -> list[tuple[int, str]]:
    """Known claims worth comparing with a statement: those sharing words (or their synonyms, or
    another name of the same entity) by English full-text search, plus the closest by trigram
    similarity, which also works for text in other languages. Two queries."""
    words = {w.lower() for w in re.findall(r"[^\W\d_]{3,}", text) if w.lower() not in STOP_WORDS}
    expanded = set(words)
    for word in words:
        expanded |= _SYNONYMS.get(word, set())
    if aliases is not None:
        expanded |= aliases.other_names(text)
    found: dict[int, str] = {}
    if expanded:
        query = SearchQuery(" or ".join(sorted(expanded)), search_type="websearch", config="english")
        vector = SearchVector("text", config="english")
        for claim_id, claim_text in (
            Claim.objects.annotate(search=vector).filter(search=query).values_list("id", "text")[:FULL_TEXT_CANDIDATES]
        ):
            found[claim_id] = claim_text
    nearest = (
        Claim.objects.annotate(similarity=TrigramSimilarity("text", text))
        .filter(similarity__gte=TRIGRAM_MIN_SIMILARITY)
        .order_by("-similarity")
        .values_list("id", "text")[:TRIGRAM_CANDIDATES]
    )
    for claim_id, claim_text in nearest:
        found[claim_id] = claim_text
    return list(found.items())


def claim_trigram_matches(*, text: str, minimum: float) -> list[tuple[int, float]]:
    """Claims whose text is close to `text` character by character: the matcher for languages the
    extractor does not parse."""
    return list(
        Claim.objects.annotate(similarity=TrigramSimilarity("text", text))
        .filter(similarity__gte=minimum)
        .order_by("-similarity")
        .values_list("id", "similarity")[:1]
    )


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
    return ArticleImport.objects.filter(content_hash=content_hash).order_by("created_at", "id").first()


def proposal_list(*, article: ArticleImport) -> QuerySet[IntakeProposal]:
    return article.proposals.select_related("source", "via", "matched_claim", "citation").order_by("position")


def proposal_fingerprint_statuses(*, fingerprints: list[str]) -> dict[str, set[str]]:
    """How statements with these fingerprints were decided before (accepted, rejected)."""
    decided: dict[str, set[str]] = defaultdict(set)
    rows = IntakeProposal.objects.filter(
        fingerprint__in=fingerprints, status__in=[ProposalStatus.ACCEPTED, ProposalStatus.REJECTED]
    ).values_list("fingerprint", "status")
    for fingerprint, status in rows:
        decided[fingerprint].add(status)
    return decided
