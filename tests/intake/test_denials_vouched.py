"""Denials carried by a finding or a clause vouched for, read off the parse: "has seen no evidence
of a direct hit" denies the hit, "the IDF clarifies that there is no incident in which ..." denies
the incident. The sentences are written for these tests."""

import pytest

from tests.intake.proposals import by_speaker


def test_a_finding_of_no_evidence_denies_what_it_would_be_evidence_of():
    claims = by_speaker(
        "The Ostrava military said on Wednesday it had seen no evidence of a direct hit by "
        "aerial munitions on a hospital in Tarim."
    )
    assert claims == [
        (
            "Ostrava military",
            "There was a direct hit by aerial munitions on a hospital in Tarim",
            "denies",
        )
    ]


@pytest.mark.parametrize(
    ("sentence", "denied"),
    [
        (
            "The army said there was no evidence that rebels had entered Kessel.",
            "Rebels had entered Kessel",
        ),
        (
            "The army said it had seen no sign of fighting in Kessel.",
            "There was fighting in Kessel",
        ),
        (
            "The army said its teams had found no evidence of hidden cells at the prison in "
            "Kessel.",
            "There were hidden cells at the prison in Kessel",
        ),
    ],
)
def test_no_evidence_of_a_clause_or_an_event_is_its_denial(sentence, denied):
    assert ("army", denied, "denies") in by_speaker(sentence)


def test_no_intention_is_still_denied_with_the_intention_present():
    # Not a finding: "had no intention of attacking" denies having that intention.
    assert by_speaker("The army said it had no intention of attacking Kessel.") == [
        ("army", "The army had an intention of attacking Kessel", "denies")
    ]


@pytest.mark.parametrize(
    ("sentence", "source", "denied"),
    [
        (
            '"The army clarifies that there is no incident in which a soldier was abducted," the '
            "military said in a statement.",
            "military",
            "There is an incident in which a soldier was abducted",
        ),
        (
            "Colonel Arno Vell said an investigation has confirmed that there was no fire from "
            "the land, sea or air that hit the hospital in Tarim.",
            "Arno Vell",
            "There was fire from the land, sea or air that hit the hospital in Tarim",
        ),
    ],
)
def test_a_negated_clause_vouched_for_is_denied_by_the_speaker(sentence, source, denied):
    claims = by_speaker(sentence)
    assert (source, denied, "denies") in claims
    assert not any(stance == "asserts" for _, _, stance in claims)


def test_a_clause_only_claimed_is_not_read_as_the_speakers_denial():
    claims = by_speaker(
        "The army said the rebels claimed that no soldiers had been killed in Kessel."
    )
    assert not any(stance == "denies" and source == "army" for source, _, stance in claims)
