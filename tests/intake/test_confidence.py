"""The precision gate (intake.extraction.confidence): a proposal whose parse shows it is no clause
of its own is withheld rather than proposed. The sentences are written for these tests."""

import pytest

from tests.intake.proposals import proposals


def proposed(text):
    return proposals(text, outlet="Valdan Wire")


def test_a_statement_the_parse_finds_no_subject_for_is_not_proposed():
    claims = proposed(
        "The governor said the convoy had been sent to repair the bridge at Kesso, and that is "
        "when the mortar fire began."
    )
    assert ("The convoy had been sent to repair the bridge at Kesso", "governor", "asserts") in (
        claims
    )
    assert not any(text.lower().startswith(("is ", "was ")) for text, _, _ in claims)


def test_the_speakers_name_put_in_for_a_they_that_stands_for_others_is_not_proposed():
    # "they" are the brigades, not the ministry: "The ministry were holding exercises" would put
    # the ministry on record for what it said of its brigades.
    claims = proposed(
        "The ministry said the three brigades named in the report exist, but insisted that "
        "they were holding exercises near Olda."
    )
    assert not any(text.startswith("The ministry were") for text, _, _ in claims)


def test_a_persons_name_put_in_for_i_takes_the_third_person_verb():
    claims = proposed('"I am in Kesso," said Colonel Arno Vell.')
    assert claims == [("Arno Vell is in Kesso", "Arno Vell", "asserts")]


def test_a_speakers_own_they_with_a_plural_name_is_still_proposed():
    claims = proposed("The Tarvian rebels said they had seized the Kesso bridge on Sunday.")
    assert claims == [
        ("Tarvian rebels had seized the Kesso bridge on Sunday", "Tarvian rebels", "asserts")
    ]


def test_a_gerund_as_subject_still_makes_a_clause():
    claims = proposed(
        "The mayor of Kesso confirmed the army had retaken the town but said looting continued in "
        "the market."
    )
    assert ("Looting continued in the market", "mayor of Kesso", "asserts") in claims


@pytest.mark.parametrize(
    "sentence",
    [
        "The Tarvian defence ministry denied there had been an incursion.",
        "A spokesman for the Kesso garrison said there were no casualties.",
        "The governor of Olda denied that there was the attack.",
    ],
)
def test_an_event_named_by_its_kind_alone_is_not_proposed(sentence):
    # Which incursion, where, against whom: the sentences around said it, this one does not, and
    # "There had been an incursion" is nothing a reviewer could check.
    assert proposed(sentence) == []


def test_an_event_with_its_place_or_its_own_words_is_still_proposed():
    claims = proposed(
        "The Tarvian defence ministry denied there had been an incursion into Olda. "
        "The governor of Kesso said there was heavy shelling."
    )
    assert ("There had been an incursion into Olda", "Tarvian defence ministry", "denies") in claims
    assert ("There was heavy shelling", "governor of Kesso", "asserts") in claims


@pytest.mark.parametrize(
    "sentence",
    [
        "The Olda brigade said it was not in a position to give a toll.",
        "The ministry said further details were not available.",
        "Colonel Arno Vell said he was aware of the reports.",
    ],
)
def test_what_the_speaker_knows_or_can_tell_is_not_proposed(sentence):
    # Nothing that happened: whether details were available, whether the speaker knew of reports
    # or could give a toll.
    assert proposed(sentence) == []


def test_an_adverb_of_comment_opening_the_sentence_is_no_speaker():
    claims = proposed(
        "Curiously, the report in the Olda Times that claimed that six Tarvian soldiers were "
        "killed was removed from its website overnight."
    )
    assert ("Six Tarvian soldiers were killed", "Olda Times", "asserts") in claims
    assert not any(speaker == "Curiously" for _, speaker, _ in claims)
