"""Coordinated statements split only where the logic allows: clauses joined by "and" / "but"
that an assertion states both hold, and alternatives ("or") that a denial denies each; a clause
that needs its neighbour or its speaker to be understood stays whole. The sentences are written
for these tests."""

import pytest

from intake.extraction import extract_claims
from intake.extraction.clauses import independent_clauses
from tests.intake.proposals import PUBLISHED
from tests.intake.proposals import proposals as extract


def test_clauses_with_their_own_subjects_are_separate_statements():
    assert independent_clauses(
        "Twelve soldiers were killed near Tarvo and dozens of others went missing"
    ) == ["Twelve soldiers were killed near Tarvo", "dozens of others went missing"]


def test_each_clause_of_an_assertion_is_read_for_its_own_negation():
    claims = extract(
        "The Interior Ministry said a shell fired from Kestonia had destroyed a guard post in the "
        "Tarvo region but that there were no casualties among the guards."
    )
    assert (
        "A shell fired from Kestonia had destroyed a guard post in the Tarvo region",
        "Interior Ministry",
        "asserts",
    ) in claims
    assert ("There were casualties among the guards", "Interior Ministry", "denies") in claims
    assert all(claim[2] == "denies" for claim in claims if "casualties" in claim[0])


@pytest.mark.parametrize(
    "text",
    [
        "Rebels seized Tarvo or government troops withdrew from it",  # alternatives: neither held
        "Two soldiers were killed and 23 others wounded in the attack",  # no verb of its own
        "The rebels attacked the base at dawn but they were repulsed",  # who "they" are
        "The attack was repelled and our forces hold their positions",  # the speaker's "our"
    ],
)
def test_clauses_that_do_not_stand_alone_stay_one_statement(text):
    assert independent_clauses(text) == [text]


def test_a_denial_of_alternatives_denies_each():
    claims = extract(
        "The foreign minister, Arvid Tallo, said Norland did not attack Tarvo or send saboteurs "
        "over the border."
    )
    assert ("Norland attacked Tarvo", "Arvid Tallo", "denies") in claims
    assert ("Norland sent saboteurs over the border", "Arvid Tallo", "denies") in claims
    assert all(claim[2] == "denies" for claim in claims)


def test_asserted_alternatives_are_never_split():
    claims = extract("The army said the rebels had fled Tarvo or surrendered to the police.")
    assert all(" or " in text for text, _, _ in claims)


def test_a_verdict_on_a_report_judges_only_its_own_clause():
    claims = extract(
        "The Tarvo information minister, Alu Kesto, told reporters that the reports of explosions "
        "in Olda were false and the evacuation ordered by the separatist leaders was contrived to "
        "mislead people, the Post added."
    )
    assert ("There were explosions in Olda", "Alu Kesto", "denies") in claims
    # The second clause is asserted by the copy, but stands after a verdict the guard cannot
    # place: it is left out rather than proposed as a denial.
    assert all("evacuation" not in text for text, _, _ in claims)


def test_a_trailing_added_names_the_relay():
    [claim] = extract_claims(
        "Minister Alu Kesto told reporters that the reports of explosions in Tarvo were false, "
        "the Post added.",
        outlet="The Hill",
        published_at=PUBLISHED,
    )
    assert (claim.text, claim.stance, claim.via) == (
        "There were explosions in Tarvo",
        "denies",
        "Post",
    )


@pytest.mark.parametrize(
    "text",
    [
        '"Our forces did not fall back and only defended Tarvo," said rebel spokesman Ilmar Sepp.',
        "The rebels did not attack the garrison and only defended their positions, rebel "
        "spokesman Ilmar Sepp said.",
        "Rebel spokesman Ilmar Sepp said the rebels did not attack the garrison and only defended "
        "their positions.",
    ],
)
def test_a_negation_holds_only_for_its_own_predicate_on_every_reading_path(text):
    claims = extract(text)

    denied = [claim for claim in claims if claim[2] == "denies"]
    asserted = [claim for claim in claims if claim[2] == "asserts"]
    assert len(denied) == 1 and "defended" not in denied[0][0]
    assert len(asserted) == 1 and "defended" in asserted[0][0]
    assert all("attack" not in text and "fell" not in text for text, _, _ in asserted)


def test_a_negation_shared_by_two_verbs_denies_them_together():
    claims = extract(
        "Rebel spokesman Ilmar Sepp said the rebels had not intercepted and destroyed six drones."
    )

    assert claims == [
        ("The rebels had intercepted and destroyed six drones", "Ilmar Sepp", "denies")
    ]
