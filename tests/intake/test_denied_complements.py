"""Denials of more than one complement, and what a denial's complement carries beside the
statement. The sentences are written for these tests."""

from datetime import UTC, datetime

from intake.extraction import extract_claims

PUBLISHED = datetime(2024, 12, 7, 9, tzinfo=UTC)


def extract(text, outlet="Reuters"):
    return [
        (claim.text, claim.source.name, claim.stance)
        for claim in extract_claims(text, outlet=outlet, published_at=PUBLISHED)
    ]


def test_a_denial_of_s1_or_that_s2_denies_each():
    assert extract(
        "The Terevan army denied its troops had shelled the village of Dalvik or that its "
        "soldiers had looted the market in Dalvik."
    ) == [
        ("Terevan army's troops had shelled the village of Dalvik", "Terevan army", "denies"),
        ("Terevan army's soldiers had looted the market in Dalvik", "Terevan army", "denies"),
    ]


def test_a_denial_of_s1_and_that_s2_denies_each():
    assert extract(
        "The Terevan army denied that its troops had shelled the village of Dalvik and that its "
        "soldiers had looted the market in Dalvik."
    ) == [
        ("Terevan army's troops had shelled the village of Dalvik", "Terevan army", "denies"),
        ("Terevan army's soldiers had looted the market in Dalvik", "Terevan army", "denies"),
    ]


def test_an_assertion_of_s1_or_that_s2_is_not_split_into_two_assertions():
    claims = extract(
        "The Terevan army said that its troops had shelled the village of Dalvik or that its "
        "soldiers had looted the market in Dalvik."
    )
    assert (
        "Terevan army's troops had shelled the village of Dalvik",
        "Terevan army",
        "asserts",
    ) not in claims
