"""Statement compression: the descriptive material a reviewer leaves out of a claim is dropped off
the parse, and what carries the claim (its verb, subject, object, negations, numbers, places) is
never dropped. The sentences are written for these tests."""

from datetime import UTC, datetime

import pytest

from intake.extraction import extract_claims
from intake.extraction.compression import compressed_statement


@pytest.mark.parametrize(
    ("text", "compressed"),
    [
        (
            "Reinforcements were sent to Tarvo, the province's second city",
            "Reinforcements were sent to Tarvo",
        ),
        (
            "The rebels took Kessa, a market town on the river, on Monday",
            "The rebels took Kessa on Monday",
        ),
        (
            "The militia seized Dorra, which had changed hands twice, after a week of fighting",
            "The militia seized Dorra after a week of fighting",
        ),
    ],
)
def test_an_appositive_or_relative_clause_set_off_by_commas_is_dropped(text, compressed):
    assert compressed_statement(text) == compressed


@pytest.mark.parametrize(
    ("text", "compressed"),
    [
        (
            "The agency had withdrawn its staff from Kessa in reaction to delays by the ministry",
            "The agency had withdrawn its staff from Kessa",
        ),
        (
            "The army shelled the villages around Dorra in response to the ambush",
            "The army shelled the villages around Dorra",
        ),
        (
            "The police closed the bridge at Tarvo amid protests",
            "The police closed the bridge at Tarvo",
        ),
    ],
)
def test_a_cause_given_after_the_main_verb_is_dropped(text, compressed):
    assert compressed_statement(text) == compressed


@pytest.mark.parametrize(
    ("text", "compressed"),
    [
        (
            "Rebels seized trucks during an attack in Kessa town in Lower Tarvo region",
            "Rebels seized trucks during an attack in Kessa town",
        ),
        (
            "Gunmen attacked the village of Dorra in the Tarvo district",
            "Gunmen attacked the village of Dorra",
        ),
        (
            "Gunmen attacked the town of Kessa in northern Mozambique on Sunday",
            "Gunmen attacked the town of Kessa on Sunday",
        ),
        (
            "A drone hit a depot in the Dorra region near the Venezuelan border",
            "A drone hit a depot in the Dorra region",
        ),
        (
            "Troops shelled a camp in Tarvo, near the border with Chad, overnight",
            "Troops shelled a camp in Tarvo overnight",
        ),
        (
            "The strikes hit Velo district, on Yemen's Red Sea coast",
            "The strikes hit Velo district",
        ),
        (
            "Militants blew up a bridge in Pakistan's southwestern Kessa province",
            "Militants blew up a bridge in southwestern Kessa province",
        ),
        (
            "Rebels captured the garrison in Dorra state's Velo township",
            "Rebels captured the garrison in Velo township",
        ),
    ],
)
def test_the_area_a_named_place_lies_in_is_dropped(text, compressed):
    assert compressed_statement(text) == compressed


@pytest.mark.parametrize(
    "text",
    [
        # A list the parse takes for an appositive: the names are the claim.
        "The rebels took Kessa along the river, Dorra in the hills and Tarvo in the plain",
        "The rebels took Kessa along the river, Dorra in Tarvo State and Lume in Unity State",
        # A quantifier beside the subject is what the toll says.
        "1,200 people, most of them civilians, were killed in the fighting",
        # A name beside a noun says who, not what.
        "The attack was ordered by the group's leader, Amos Kerr",
        # A place given by its direction from another is where it happened.
        "The army captured the village of Kessa, north of the city",
        # A negation or a number inside the phrase keeps it.
        "The convoy reached Tarvo, which had not seen aid for months",
        "The army shelled Dorra in response to an attack that killed 12 soldiers",
    ],
)
def test_what_carries_the_claim_is_kept(text):
    assert compressed_statement(text) == text


def test_text_without_a_main_verb_is_left_as_written():
    assert compressed_statement("Kessa, a market town") == "Kessa, a market town"


def test_every_proposal_is_compressed_and_keeps_its_stance():
    claims = extract_claims(
        "The agency denied that it had withdrawn staff from Kessa in reaction to delays by the "
        "ministry.",
        outlet="Reuters",
        published_at=datetime(2024, 12, 7, 9, tzinfo=UTC),
    )
    assert [(claim.text, claim.stance) for claim in claims] == [
        ("The agency had withdrawn staff from Kessa", "denies")
    ]


@pytest.mark.parametrize(
    "text",
    [
        # The border or the country is the only place named: it is where it happened.
        "Troops crossed the border with Chad on Sunday",
        "Gunmen attacked a convoy in northern Mozambique",
        # A country's possessive on a noun that names no place is no area.
        "Israel's bombardment of Kessa killed 40 people",
    ],
)
def test_a_border_or_country_that_is_the_only_place_named_is_kept(text):
    assert compressed_statement(text) == text
