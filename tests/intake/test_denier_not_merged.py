"""A speaker named through an Arabic article ("a spokesman for al-Shabab") holds a name: it is not
an unnamed body that the one named body of its kind in the article stands for. Merged, the
denier was put on record asserting what it denied. The sentences are written for these tests."""

from datetime import UTC, datetime

import pytest

from intake.extraction import extract_claims
from intake.extraction.names import _holds_a_name

PUBLISHED = datetime(2024, 12, 7, 9, tzinfo=UTC)


def test_the_denier_is_not_given_the_statement_it_denies():
    claims = [
        (claim.source.name, claim.text, claim.stance)
        for claim in extract_claims(
            "A spokesman for the militant group al-Kavela said its fighters had killed 51 "
            "Chadian soldiers in an attack on a base in Tarim.\n"
            "But Chad denied it, saying its soldiers repelled the assault.",
            outlet="Reuters",
            published_at=PUBLISHED,
        )
    ]
    denied = {text for _, text, stance in claims if stance == "denies"}
    assert denied
    assert not any(
        source == "Chad" and stance == "asserts" and text in denied
        for source, text, stance in claims
    )
    assert any(
        source.startswith("spokesman for") and stance == "asserts" and text in denied
        for source, text, stance in claims
    )


@pytest.mark.parametrize(
    ("words", "named"),
    [
        ("spokesman for extremist group al-Shabab", True),
        ("spokesman for the Kavela Front", True),
        ("a government spokesman", False),
        ("military sources", False),
    ],
)
def test_a_name_after_an_arabic_article_is_a_name(words, named):
    assert _holds_a_name(words) is named
