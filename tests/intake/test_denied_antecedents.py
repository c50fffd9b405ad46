"""Denials whose object points back at a statement in this or the two sentences before
("rejected the accusation", "denied the claims", "denied any involvement", "dismissed this"): the
denier denies that statement only when exactly one fits, and the accuser's statement stays as it
is. The sentences are written for these tests."""

import pytest

from intake.extraction.frames import accusations
from intake.nlp import parse
from tests.intake.proposals import by_speaker


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


def test_a_rejected_accusation_two_sentences_back_is_denied_and_the_accusation_stays():
    claims = by_speaker(
        "The Ostrava army accused Kavela fighters of shelling the market in Tarim. "
        "An army spokesman said soldiers had answered the fire with restraint. "
        "The Kavela Front rejected the allegation."
    )

    assert ("Kavela Front", "Kavela fighters shelled the market in Tarim", "denies") in claims
    # The nearer statement is no accusation: it is not what was rejected.
    assert not [c for c in claims if c[0] == "Kavela Front" and "restraint" in c[1]]
    assert ("Ostrava army", "Kavela fighters shelled the market in Tarim", "asserts") in claims


def test_an_accusation_in_a_trailing_participle_is_what_a_later_rejection_denies():
    claims = by_speaker(
        "The Kavela Front said on Monday that its positions near Dorne had come under fire, "
        "accusing the Ostrava army of breaking the truce. "
        "The Ostrava army rejected the accusation."
    )

    assert ("Ostrava army", "The Ostrava army broke the truce", "denies") in claims


def test_denying_any_involvement_denies_what_the_denier_was_accused_of():
    claims = by_speaker(
        "The Ostrava government blamed the Kavela Front for bombing the Vella bridge. "
        "The Kavela Front denied any involvement."
    )

    assert ("Kavela Front", "The Kavela Front bombed the Vella bridge", "denies") in claims
    assert not [c for c in claims if c[0] == "Kavela Front" and c[2] == "asserts"]


def test_denying_any_involvement_denies_nothing_when_someone_else_was_accused():
    claims = by_speaker(
        "The Ostrava government blamed the Tarim militia for bombing the Vella bridge. "
        "The Kavela Front denied any involvement."
    )

    assert not [c for c in claims if c[0] == "Kavela Front"]


def test_dismissing_this_denies_the_one_statement_just_made():
    claims = by_speaker(
        "The Kavela Front said on Saturday that its fighters had taken control of Dorne. "
        "The government dismissed this as fake news."
    )

    assert ("government", "Kavela Front's fighters had taken control of Dorne", "denies") in claims
    assert not [c for c in claims if c[0] == "government" and c[2] == "asserts"]


def test_two_speakers_in_the_sentence_pointed_back_at_leave_the_denial_unread():
    claims = by_speaker(
        "The Kavela Front said its fighters had taken Dorne, while the Tarim militia said it had "
        "seized the Vella bridge. "
        "The Ostrava army rejected the claims."
    )

    assert not [c for c in claims if c[0] == "Ostrava army"]


def test_a_singular_claim_pointing_at_two_statements_of_one_speaker_is_left_unread():
    claims = by_speaker(
        "The Kavela Front said its fighters had taken Dorne and had shot down a helicopter. "
        "The Ostrava army rejected the claim."
    )

    assert not [c for c in claims if c[0] == "Ostrava army"]


def test_the_plural_claims_of_one_speaker_are_each_denied():
    claims = by_speaker(
        "The Kavela Front said its fighters had taken Dorne and had shot down a helicopter. "
        "The Ostrava army rejected the claims."
    )

    denied = [c[1] for c in claims if c[0] == "Ostrava army"]
    assert [c[2] for c in claims if c[0] == "Ostrava army"] == ["denies"] * len(denied)
    assert len(denied) == 2 and any("Dorne" in text for text in denied)
    assert any("helicopter" in text for text in denied)


def test_a_statement_more_than_two_sentences_back_is_not_pointed_at():
    claims = by_speaker(
        "The Kavela Front said its fighters had taken Dorne. "
        "Heavy rain fell across the north of the country on Sunday. "
        "Markets in Tarim stayed closed for a second day. "
        "Schools in Vella reopened on Monday morning. "
        "The Ostrava army rejected the claim."
    )

    assert not [c for c in claims if c[0] == "Ostrava army"]


def test_rejecting_a_statement_that_was_itself_a_denial_is_not_read_as_a_denial():
    claims = by_speaker(
        "The Ostrava army denied that Kavela fighters had taken Dorne. "
        "The Kavela Front rejected the statement."
    )

    assert not [c for c in claims if c[0] == "Kavela Front"]


def test_dismissing_the_claims_of_a_plain_denial_is_not_read_as_a_denial():
    claims = by_speaker(
        "The rebels said they had not attacked the convoy. The army dismissed the claims as lies."
    )

    assert claims == [("rebels", "The rebels had attacked the convoy", "denies")]


def test_claims_pointing_past_a_plain_denial_are_not_looked_for_further_back():
    claims = by_speaker(
        "The Ostrava army said it had taken Dorne. "
        "The Kavela Front said it had not shelled the market. "
        "The ministry rejected the claims."
    )

    assert not [c for c in claims if c[0] == "ministry"]


def test_rejecting_the_claims_a_denial_of_reports_denied_denies_them_too():
    claims = by_speaker(
        "The army denied reports that it shelled the market in Goma. The UN rejected the claims."
    )

    assert ("UN", "The army shelled the market in Goma", "denies") in claims


def test_a_rejection_with_its_day_and_verdict_denies_the_accusation_before_it():
    claims = by_speaker(
        "Interior Minister Ana Velasquez accused neighbouring Ostrava of arming the rebels. "
        "Ostrava's foreign ministry rejected the allegation on Tuesday evening as "
        '"absurd and baseless."'
    )

    assert [(c[1], c[2]) for c in claims if c[0] != "Ana Velasquez"] == [
        ("Neighbouring Ostrava armed the rebels", "denies")
    ]


def test_rejecting_the_blame_for_an_attack_denies_carrying_out_the_attack_named():
    claims = by_speaker(
        "The Tarim Medics Network said a drone strike on the Vella market killed nine people, and "
        "blamed the Kavela Front for the attack. "
        "A Kavela Front spokesman, Amos Dorn, rejected the accusation."
    )

    assert [(c[1], c[2]) for c in claims if c[0] == "Amos Dorn"] == [
        ("The Kavela Front carried out the drone strike on the Vella market", "denies")
    ]


def test_a_denial_pointing_back_at_one_statement_made_by_two_speakers_denies_it():
    assert by_speaker(
        "Peru and the United Nations accuse neighbouring Bolivia of arming the group. "
        "Bolivia denies this."
    ) == [
        ("Peru", "Neighbouring Bolivia armed the group", "asserts"),
        ("United Nations", "Neighbouring Bolivia armed the group", "asserts"),
        ("Bolivia", "Neighbouring Bolivia armed the group", "denies"),
    ]


def test_a_denial_pointing_back_at_two_speakers_saying_different_things_denies_neither():
    claims = by_speaker(
        "The rebels said they had seized Kesso, and the militia said it had taken Olda. "
        "The army denied this."
    )
    assert [stance for _, _, stance in claims] == ["asserts", "asserts"]


def test_that_was_not_true_told_to_an_outlet_denies_the_statement_before_it():
    claims = by_speaker(
        "The rebels said they had shot down a helicopter near Kesso. "
        "The army spokeswoman told the Valdan Herald that was not true."
    )
    assert claims[-1] == (
        "army spokeswoman",
        "The rebels had shot down a helicopter near Kesso",
        "denies",
    )


def test_this_is_false_after_two_different_statements_denies_neither():
    claims = by_speaker(
        "The rebels said they had shot down a helicopter near Kesso, and the militia said it had "
        'taken Olda. "This is false," the army spokeswoman said.'
    )
    assert [stance for _, _, stance in claims] == ["asserts", "asserts"]
