"""Attribution frames the sentence's main verb does not carry, read off the parse: a speaker in a
clause of time ("..., after the army said S", "as residents said S"), each with its own words
quoted, so a denial in one part of the sentence is never the other part's. The sentences are
written for these tests."""

from intake.extraction import extract_claims
from tests.intake.proposals import PUBLISHED
from tests.intake.proposals import proposals as extract


def test_a_speaker_in_an_after_clause_asserts_its_own_statement_beside_a_denial():
    claims = extract(
        "The Kavela Front has denied that its fighters shelled the market in Tarsk, after the "
        "Norland army said it had found shell fragments near the market."
    )
    assert sorted(claims) == [
        ("Kavela Front's fighters shelled the market in Tarsk", "Kavela Front", "denies"),
        ("Norland army had found shell fragments near the market", "Norland army", "asserts"),
    ]


def test_a_speaker_in_an_as_clause_is_read_beside_a_sentence_without_one():
    claims = extract(
        "The ministry's statement came as local media and residents said that soldiers seized "
        "eleven people from Varno village."
    )
    assert sorted(claims) == [
        ("Soldiers seized eleven people from Varno village", "local media", "asserts"),
        ("Soldiers seized eleven people from Varno village", "residents", "asserts"),
    ]


def test_a_clause_of_time_before_the_sentence_keeps_to_its_own_words():
    claims = extract(
        "After the Norland army said its troops had retaken Tarsk, the Kavela Front denied "
        "losing the town."
    )
    assert ("Norland army's troops had retaken Tarsk", "Norland army", "asserts") in claims
    assert ("Kavela Front lost the town", "Kavela Front", "denies") in claims


def test_a_pronoun_saying_what_its_antecedent_confirms_names_no_relay():
    text = (
        "The Kavela Front has denied involvement in the fighting at Tarsk after the Norland army "
        "said it had repelled an attack by the group.\n\n"
        'The Kavela Front "confirms that it did not take part in any clash near Tarsk," it said in '
        "a statement on Monday."
    )
    claims = extract_claims(text, outlet="Reuters", published_at=PUBLISHED)
    denials = [claim for claim in claims if claim.text.endswith("a clash near Tarsk")]
    assert [(claim.source.name, claim.stance, claim.via) for claim in denials] == [
        ("Kavela Front", "denies", "Reuters")
    ]


def test_a_quote_broken_by_its_attribution_is_read_whole():
    claims = extract(
        '"Our fighters captured the bridge at Tarsk on Sunday," Jon Tavi said, "and the army '
        'withdrew all its troops from the northern district."'
    )
    assert claims == [
        (
            "Our fighters captured the bridge at Tarsk on Sunday and the army withdrew all "
            "its troops from the northern district",
            "Jon Tavi",
            "asserts",
        )
    ]


def test_a_quote_standing_alone_goes_on_with_the_quote_just_before_it():
    claims = extract(
        '"Our fighters did not capture the bridge at Tarsk," Jon Tavi said. "The army withdrew '
        'all its troops from the northern district."'
    )
    assert claims == [
        ("Our fighters captured the bridge at Tarsk", "Jon Tavi", "denies"),
        ("The army withdrew all its troops from the northern district", "Jon Tavi", "asserts"),
    ]


def test_a_quote_standing_alone_after_no_quote_has_no_speaker():
    claims = extract(
        "The Norland army said it had lost the bridge at Tarsk.\n\n"
        '"The army withdrew all its troops from the northern district."'
    )
    assert claims == [("Norland army had lost the bridge at Tarsk", "Norland army", "asserts")]


def test_it_is_the_last_speaker_not_the_last_body_named():
    claims = extract(
        "The Kavela Front said on Monday that its fighters had reached Tarsk.\n\n"
        "The Norland army said it had sent two brigades to the north.\n\n"
        "The Kavela Front said the brigades had not reached the river.\n\n"
        '"There were no clashes near Tarsk today," it said, "and our lines are holding."'
    )
    assert claims[-1][1:] == ("Kavela Front", "denies")


def test_it_is_no_plural_description():
    claims = extract(
        "The Kavela Front said on Monday that its fighters had reached Tarsk.\n\n"
        "Local residents said soldiers had left the town overnight.\n\n"
        '"Our fighters control every road into Tarsk," it said, "and the town is calm."'
    )
    assert claims[-1][1] == "Kavela Front"


def test_a_plural_present_speech_verb_frames_its_clause_and_a_noun_of_the_same_spelling_does_not():
    assert extract("The villagers insist that soldiers burned the granary in Kesso.") == [
        ("Soldiers burned the granary in Kesso", "villagers", "asserts")
    ]
    assert extract("The rebels claim they captured the bridge at Kesso on Sunday.") == [
        ("The rebels captured the bridge at Kesso on Sunday", "rebels", "asserts")
    ]
    assert extract("The claim that the rebels captured Kesso is false, the army said.") == [
        ("The rebels captured Kesso", "army", "denies")
    ]
