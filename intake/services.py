"""Intake use cases: import an article as proposals, accept proposals as citations or new claims,
reject proposals so they are not offered again. Entry points (admin, API, command) call these."""

import hashlib
import re
import time as time_module
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from urllib.parse import urlsplit

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from claims.models import Citation, Claim, Stance
from claims.services import citation_create, claim_create
from intake.extraction import (
    ASSERTS,
    DENIES,
    MAX_STATEMENTS,
    ExtractedClaim,
    ReadingTooLong,
    SourceMention,
    article_name_aliases,
    article_setting,
    extract_claims,
    guess_kind,
    split_sentences,
)
from intake.fetch import fetch_article
from intake.models import (
    ArticleImport,
    ExtractionStatus,
    IntakeProposal,
    ProposalRelation,
    ProposalStatus,
)
from intake.polarity import FOREIGN_DENIAL_CUE
from intake.selectors import (
    article_import_find,
    claim_candidates,
    claim_trigram_matches,
    proposal_fingerprint_statuses,
    source_by_domain,
    source_name_aliases,
)
from intake.similarity import NameAliases, decide_match
from intake.text import ENGLISH, ArticleInputError, article_text_from_input, decode_article_bytes
from sources.models import Source, SourceKind
from sources.selectors import source_resolve
from sources.services import source_create

# Other languages are not parsed for attribution; their sentences are offered only when one is
# this close, character-trigram-wise, to a known claim.
FOREIGN_SENTENCE_MIN_SIMILARITY = 0.5
MAX_FOREIGN_SENTENCES = 200


@dataclass(frozen=True)
class ArticleImportResult:
    article: ArticleImport
    created: bool
    """False when the same text had been imported before: nothing new is proposed."""
    notice: str = ""


def article_import_create(
    *,
    text: str = "",
    html: str = "",
    content: bytes | None = None,
    url: str = "",
    outlet_name: str = "",
    published_at: datetime | None = None,
    topic: str = "",
    created_by: User | None = None,
    defer: bool = False,
) -> ArticleImportResult:
    """Read an article (text, HTML, raw bytes, or fetched from `url`; a `url` given with text or
    HTML is where it was published, not fetched) and store what it says as proposals for review.
    Nothing becomes a claim or citation here. With `defer`, the article is stored queued and a
    worker reads it (`article_import_extract`); otherwise it is read here, holding no transaction
    while it is."""
    if not (text.strip() or html.strip() or content or url):
        raise ArticleInputError("Give the article as text, HTML, a file or a URL.", field="text")
    if content is not None:
        article_text = article_text_from_input(decode_article_bytes(content), field="file")
    elif text.strip() or html.strip():
        article_text = article_text_from_input(
            html or text, is_html=bool(html) or None, field="html" if html else "text"
        )
        url = url.strip()
    else:
        page = fetch_article(url)
        article_text = article_text_from_input(
            decode_article_bytes(page.content, field="url"), is_html=page.is_html, field="url"
        )
        url = page.url
    content_hash = hashlib.sha256(article_text.text.encode("utf-8")).hexdigest()
    with transaction.atomic():
        existing = article_import_find(content_hash=content_hash)
        if existing is not None:
            return ArticleImportResult(
                existing, created=False, notice="This article was imported before."
            )
        outlet = _outlet_source(outlet_name, url)
        article = ArticleImport.objects.create(
            outlet=outlet,
            outlet_name=outlet_name.strip() or (outlet.name if outlet else ""),
            url=url,
            title=article_text.title,
            published_at=published_at,
            text=article_text.text,
            language=article_text.language,
            content_hash=content_hash,
            topic=topic.strip(),
            extraction_status=ExtractionStatus.QUEUED,
            created_by=created_by,
        )
    if defer:
        return ArticleImportResult(article, created=True, notice="The article is being read.")
    article = article_import_extract(article_id=article.pk)
    return ArticleImportResult(article, created=True, notice=article.extraction_error)


def article_import_extract(*, article_id: int, deadline: float | None = None) -> ArticleImport:
    """Read a queued article and store its proposals. The text is processed outside any
    transaction (a long article must not hold locks or a connection's snapshot); the proposals
    are written in one transaction, once: a repeated run (a redelivered task) finds the article
    done and does nothing."""
    with transaction.atomic():
        article = ArticleImport.objects.select_for_update().get(pk=article_id)
        if article.extraction_status in (ExtractionStatus.DONE, ExtractionStatus.FAILED):
            return article
        if article.extraction_status == ExtractionStatus.RUNNING:
            # A worker was lost while reading it; reading it again would likely lose the next one
            # too.
            article.extraction_status = ExtractionStatus.FAILED
            article.extraction_error = (
                "A worker stopped while reading this article; nothing was proposed."
            )
            article.save(update_fields=["extraction_status", "extraction_error"])
            return article
        article.extraction_status = ExtractionStatus.RUNNING
        article.save(update_fields=["extraction_status"])
    try:
        if article.language == ENGLISH:
            proposals, notice = _propose_attributed(article, deadline)
        else:
            proposals, notice = _propose_by_trigram(article)
    except ReadingTooLong:
        article_import_extraction_failed(
            article_id=article_id,
            reason="The article took too long to read; nothing was proposed. "
            "Import it in parts (each under about 50,000 words).",
        )
        return ArticleImport.objects.get(pk=article_id)
    with transaction.atomic():
        article = ArticleImport.objects.select_for_update().get(pk=article_id)
        if article.extraction_status == ExtractionStatus.DONE:
            return article
        _remember_decisions(proposals)
        IntakeProposal.objects.bulk_create(proposals)
        article.extraction_status = ExtractionStatus.DONE
        # The notice tells the reviewer why there is little or nothing to review.
        article.extraction_error = notice
        article.save(update_fields=["extraction_status", "extraction_error"])
    return article


def article_import_extraction_failed(*, article_id: int, reason: str) -> None:
    """Record that a worker gave up reading the article (too slow, or an error): no proposals, a
    reason."""
    ArticleImport.objects.filter(pk=article_id).exclude(
        extraction_status=ExtractionStatus.DONE
    ).update(extraction_status=ExtractionStatus.FAILED, extraction_error=reason[:2000])


def _outlet_source(outlet_name: str, url: str) -> Source | None:
    if outlet_name.strip():
        return source_resolve(name=outlet_name)
    if url:
        return source_by_domain(host=urlsplit(url).hostname or "")
    return None


def _propose_attributed(
    article: ArticleImport, deadline: float | None = None
) -> tuple[list[IntakeProposal], str]:
    extracted = extract_claims(
        article.text,
        outlet=article.outlet_name or None,
        published_at=article.published_at,
        deadline=deadline,
    )
    aliases = source_name_aliases()
    for group in article_name_aliases(article.text):
        aliases.add(group)
    setting = article_setting(article.text)
    proposals = []
    for position, claim in enumerate(extracted, start=1):
        if deadline is not None and time_module.monotonic() > deadline:
            raise ReadingTooLong
        proposals.append(_proposal(article, position, claim, aliases, setting))
    if not proposals:
        return proposals, "No attributed statements or reported events were found in this article."
    if len(proposals) >= MAX_STATEMENTS:
        return (
            proposals,
            f"Only the first {MAX_STATEMENTS} statements were read; is this one article?",
        )
    return proposals, ""


def _proposal(
    article: ArticleImport,
    position: int,
    claim: ExtractedClaim,
    aliases: NameAliases,
    setting: list[str],
) -> IntakeProposal:
    source = article.outlet if claim.source.is_outlet else _resolve_mention(claim.source)
    via = source_resolve(name=claim.via) if claim.via else None
    via_name = claim.via
    if not via_name and article.outlet and not claim.source.is_outlet and source != article.outlet:
        # The outlet relays what it reports others saying; shown on the proposal, as the citation
        # will have it.
        via, via_name = article.outlet, article.outlet.name
    decision = decide_match(
        claim.text,
        denies=claim.stance == DENIES,
        candidates=claim_candidates(text=claim.text, aliases=aliases),
        context=[claim.source.name, claim.source.parent],
        aliases=aliases,
        setting=setting,
    )
    source_name = source.name if source else claim.source.name
    return IntakeProposal(
        article=article,
        position=position,
        text=claim.text[:5000],
        stance=claim.stance,
        quote=claim.quote,
        source=source,
        source_name=source_name[:200],
        source_kind=(source.kind if source else claim.source.kind),
        source_parent_name=claim.source.parent[:200],
        via=via if via != source else None,
        via_name=via_name[:200] if via != source else "",
        about=claim.about,
        matched_claim_id=decision.claim_id,
        relation=decision.relation,
        score=decision.score,
        fingerprint=_fingerprint(claim.text, source.pk if source else source_name, claim.stance),
        review_notes="\n".join(claim.notes),
    )


def _resolve_mention(mention: SourceMention) -> Source | None:
    for name in [mention.name, *mention.aliases]:
        source = source_resolve(name=name)
        if source:
            return source
    return None


def _propose_by_trigram(article: ArticleImport) -> tuple[list[IntakeProposal], str]:
    sentences = [s for p in article.text.split("\n") if p.strip() for s in split_sentences(p)]
    proposals: list[IntakeProposal] = []
    for sentence in sentences[:MAX_FOREIGN_SENTENCES]:
        if FOREIGN_DENIAL_CUE.search(sentence):
            # Its stance cannot be read here: possibly a denial, never proposed as an assertion.
            continue
        matches = claim_trigram_matches(text=sentence, minimum=FOREIGN_SENTENCE_MIN_SIMILARITY)
        if not matches:
            continue
        claim_id, similarity = matches[0]
        source_name = (
            article.outlet.name if article.outlet else (article.outlet_name or "Unknown outlet")
        )
        proposals.append(
            IntakeProposal(
                article=article,
                position=len(proposals) + 1,
                text=sentence,
                stance=Stance.ASSERTS,
                quote=sentence,
                source=article.outlet,
                source_name=source_name[:200],
                source_kind=guess_kind(source_name),
                matched_claim_id=claim_id,
                relation=ProposalRelation.SAME,
                score=round(similarity, 4),
                fingerprint=_fingerprint(
                    sentence, article.outlet.pk if article.outlet else source_name, ASSERTS
                ),
            )
        )
    return proposals, (
        f"The article is in '{article.language}'. Attribution is only read in English; the article "
        "is stored "
        f"and {len(proposals)} of its sentences matched known claims by trigram similarity."
    )


def _fingerprint(text: str, source_key, stance: str) -> str:
    normalised = re.sub(r"\W+", " ", text.lower()).strip()
    return hashlib.sha256(f"{normalised}|{str(source_key).lower()}|{stance}".encode()).hexdigest()


def _remember_decisions(proposals: list[IntakeProposal]) -> None:
    """Mark what is already recorded (the same citation: claim, source, stance and article URL) or
    was rejected before, so it is not offered again."""
    decided = proposal_fingerprint_statuses(fingerprints=[p.fingerprint for p in proposals])
    existing = set(
        Citation.objects.filter(
            claim_id__in=[p.matched_claim_id for p in proposals if p.matched_claim_id],
            source_id__in=[p.source_id for p in proposals if p.source_id],
            url=proposals[0].article.url if proposals else "",
        ).values_list("claim_id", "source_id", "stance")
    )
    for proposal in proposals:
        stance = _citation_stance(proposal)
        if (
            proposal.matched_claim_id,
            proposal.source_id,
            stance,
        ) in existing or ProposalStatus.ACCEPTED in decided.get(proposal.fingerprint, ()):
            proposal.status = ProposalStatus.KNOWN
        elif ProposalStatus.REJECTED in decided.get(proposal.fingerprint, ()):
            proposal.status = ProposalStatus.REJECTED


def _citation_stance(proposal: IntakeProposal) -> str:
    """The stance towards the claim the citation is attached to: a match that contradicts the
    known claim's wording denies it."""
    if proposal.relation == ProposalRelation.NEW:
        return proposal.stance
    return Stance.DENIES if proposal.relation == ProposalRelation.CONTRADICTS else Stance.ASSERTS


@transaction.atomic
def intake_proposals_accept(
    *, proposals: Iterable[IntakeProposal], user: User | None
) -> list[Citation]:
    """Turn pending proposals into citations of their matched claim, or into new claims with their
    first citation, creating sources not known yet. All or nothing."""
    ids = [p.pk for p in proposals]
    locked = (
        IntakeProposal.objects.select_for_update(of=("self",))
        .filter(pk__in=ids, status=ProposalStatus.PENDING)
        .select_related("article", "source", "via", "matched_claim")
        .order_by("article_id", "position")
    )
    citations = []
    now = timezone.now()
    for proposal in locked:
        article = proposal.article
        source = proposal.source or _source_for(
            proposal.source_name, proposal.source_kind, proposal.source_parent_name
        )
        via = proposal.via or (
            _source_for(proposal.via_name, guess_kind(proposal.via_name), "")
            if proposal.via_name
            else None
        )
        if via is not None and via.pk == source.pk:
            via = None
        stance = _citation_stance(proposal)
        claim = proposal.matched_claim or _claim_for(proposal, user)
        citation = Citation.objects.filter(
            claim=claim, source=source, url=article.url, stance=stance
        ).first()
        if citation is None:
            citation = citation_create(
                claim=claim,
                source=source,
                stance=stance,
                quote=proposal.quote,
                url=article.url,
                published_at=article.published_at,
                via=via,
                created_by=user,
            )
        proposal.status = ProposalStatus.ACCEPTED
        proposal.citation = citation
        proposal.matched_claim = claim
        proposal.decided_by = user
        proposal.decided_at = now
        proposal.save(
            update_fields=["status", "citation", "matched_claim", "decided_by", "decided_at"]
        )
        citations.append(citation)
    return citations


@transaction.atomic
def article_proposals_accept(
    *, article: ArticleImport, positions: list[int] | None, user: User | None
) -> list[Citation]:
    """Accept the article's pending proposals at exactly these positions, the ones a reviewer has
    seen and chosen. No list, an empty one, or a position the article does not have is refused, and
    nothing is accepted."""
    if not positions:
        raise ValidationError(
            {"accept": ["List the positions of the proposals to accept; nothing was accepted."]}
        )
    if article.extraction_status != ExtractionStatus.DONE:
        raise ValidationError(
            {"accept": ["The article is still being read; nothing was accepted."]}
        )
    unknown = set(positions) - set(article.proposals.values_list("position", flat=True))
    if unknown:
        raise ValidationError(
            {
                "accept": [
                    "The article has no proposal at position "
                    f"{', '.join(map(str, sorted(unknown)))}."
                ]
            }
        )
    proposals = article.proposals.filter(status=ProposalStatus.PENDING, position__in=positions)
    return intake_proposals_accept(proposals=proposals, user=user)


def _claim_for(proposal: IntakeProposal, user: User | None) -> Claim:
    about = datetime.combine(proposal.about, time.min, tzinfo=UTC) if proposal.about else None
    return claim_create(
        text=proposal.text,
        language=proposal.article.language,
        topic=proposal.article.topic,
        created_by=user,
        about_start=about,
    )


def _source_for(name: str, kind: str, parent_name: str) -> Source:
    existing = source_resolve(name=name)
    if existing:
        return existing
    parent = _source_for(parent_name, guess_kind(parent_name), "") if parent_name.strip() else None
    return source_create(
        name=name,
        kind=kind if kind in SourceKind.values else SourceKind.OTHER,
        parent=parent,
        description="Proposed by article intake.",
    )


@transaction.atomic
def intake_proposal_correct(
    *,
    proposal: IntakeProposal,
    text: str,
    stance: str,
    source: Source | None,
    source_name: str = "",
    source_kind: str = "",
    via: Source | None = None,
    via_name: str = "",
    about: date | None = None,
    matched_claim: Claim | None = None,
    relation: str = ProposalRelation.NEW,
) -> IntakeProposal:
    """A reviewer's correction of a pending proposal before it is accepted: the statement, who
    said it, the stance, the relay, the date it is about and the known claim it matches. A chosen
    source or relay replaces the typed name. The fingerprint stays the extractor's, so importing
    the article again still recognises the statement once it is decided."""
    locked = IntakeProposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.status != ProposalStatus.PENDING:
        raise ValidationError(
            {
                "status": f"This proposal was already {locked.get_status_display().lower()}; "
                "only a pending one can be corrected."
            }
        )
    name = source.name if source else source_name.strip()
    if source or name != locked.source_name:
        # The affiliation the article gave belonged to the speaker the extractor found.
        locked.source_parent_name = ""
    locked.text = text.strip()
    locked.stance = stance
    locked.source = source
    locked.source_name = name
    locked.source_kind = source.kind if source else source_kind
    locked.via = via
    locked.via_name = via.name if via else via_name.strip()
    locked.about = about
    locked.matched_claim = matched_claim
    locked.relation = relation
    locked.full_clean()
    locked.save()
    return locked


@transaction.atomic
def intake_proposals_reject(*, proposals: Iterable[IntakeProposal], user: User | None) -> int:
    """Reject pending proposals; the same statement by the same source is not offered again."""
    return IntakeProposal.objects.filter(
        pk__in=[p.pk for p in proposals], status=ProposalStatus.PENDING
    ).update(status=ProposalStatus.REJECTED, decided_by=user, decided_at=timezone.now())
