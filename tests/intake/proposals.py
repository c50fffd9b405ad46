"""What the reader proposes for a text, as (statement, source, stance) or by speaker as (source,
statement, stance), for the tests of one reading rule at a time."""

from datetime import UTC, datetime

from intake.extraction import extract_claims

PUBLISHED = datetime(2024, 12, 7, 9, tzinfo=UTC)


def proposals(text, outlet="Reuters"):
    return [
        (claim.text, claim.source.name, claim.stance)
        for claim in extract_claims(text, outlet=outlet, published_at=PUBLISHED)
    ]


def by_speaker(text, outlet="Reuters"):
    return [(source, statement, stance) for statement, source, stance in proposals(text, outlet)]
