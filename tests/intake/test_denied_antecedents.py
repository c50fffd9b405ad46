"""Denials whose object points back at a statement in this or the two sentences before
("rejected the accusation", "denied the claims", "denied any involvement", "dismissed this"): the
denier denies that statement only when exactly one fits, and the accuser's statement stays as it
is. The sentences are written for these tests."""

import pytest

from intake.extraction.frames import accusations
from intake.nlp import parse


@pytest.mark.parametrize(
    ("sentence", "accuser", "accused", "act"),
    [
        (
            "The Kavela Front accused the Ostrava army of shelling the market in Tarim.",
            "The Kavela Front",
            "the Ostrava army",
            "shelling the market in Tarim",
        ),
        (
            "Fighting spread to Dorne, the Kavela Front said on Monday, accusing the army of "
            "breaking the truce.",
            "the Kavela Front",
            "the army",
            "breaking the truce",
        ),
        (
            "A medical charity said a drone strike on the Vella market killed nine people, and "
            "blamed the Kavela Front for the attack.",
            "A medical charity",
            "the Kavela Front",
            # The one attack the sentence named.
            "the drone strike on the Vella market",
        ),
        (
            "A medical charity said a drone strike on the Vella market and a raid on Dorne killed "
            "nine people, and blamed the Kavela Front for the attack.",
            "A medical charity",
            "the Kavela Front",
            # Two attacks named: "the attack" is left as written.
            "the attack",
        ),
        (
            "The Ostrava army accused Kavela fighters of crossing the river, raising fears of a "
            "wider war.",
            "The Ostrava army",
            "Kavela fighters",
            "crossing the river",
        ),
    ],
)
def test_an_accusation_is_read_off_the_parse_with_its_accuser_accused_and_act(
    sentence, accuser, accused, act
):
    assert [(a.accuser, a.accused, a.act) for a in accusations(parse(sentence))] == [
        (accuser, accused, act)
    ]
