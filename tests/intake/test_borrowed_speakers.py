"""Speakers and denials read off the parse: a speech verb without a subject of its own takes the
subject of the verb it hangs on ("did not comment on the claim but stated that S", "appeared on
television to deny rumours of S"); a description names an earlier source only when its modifiers
fit ("the health ministry" is not the Foreign Ministry); a country speaks as its government; a
participle describing the speaker is not its name; "no" on the subject denies the statement. The
sentences are written for these tests."""

import pytest

from intake.extraction import extract_claims
from intake.extraction.clauses import _positive_form
from intake.extraction.names import guess_kind
from intake.extraction.reader import _denied_event
from tests.intake.proposals import PUBLISHED
from tests.intake.proposals import proposals as extract


def test_a_speech_verb_conjoined_to_another_verb_shares_its_subject():
    claims = extract(
        "Addressing the nation, General Alu Tarvo did not comment on the group's claim but stated "
        "that Norland had launched a retaliatory operation."
    )
    assert claims == [("Norland had launched a retaliatory operation", "Alu Tarvo", "asserts")]


def test_a_denial_in_an_infinitive_of_purpose_is_the_main_verbs_subjects():
    claims = extract(
        "General Alu Tarvo appeared on national television on Thursday to deny rumours of a "
        "mutiny within the army following an attack that killed 100 soldiers near the border."
    )
    assert claims == [
        ("There was a mutiny within the army following an attack", "Alu Tarvo", "denies")
    ]


def test_declining_to_say_is_no_statement():
    assert (
        extract("A police spokesman declined to say how many prisoners remained at large in Tarvo.")
        == []
    )


def test_a_reported_event_leaves_out_the_relative_clause_describing_its_background():
    assert _denied_event("rumours of a mutiny following an attack that killed 100 soldiers") == (
        "that there was a mutiny following an attack"
    )


def test_a_description_with_another_modifier_is_another_body():
    claims = extract(
        "Norland's Foreign Ministry said on Thursday that the rebels continued to violate the "
        "ceasefire.\nAccording to the country's health ministry, more than 600 people have been "
        "killed since the conflict broke out."
    )
    sources = {text: source for text, source, _ in claims}
    assert sources["The rebels continued to violate the ceasefire"] == "Norland's Foreign Ministry"
    assert (
        "Foreign"
        not in sources["More than 600 people have been killed since the conflict broke out"]
    )


def test_a_country_speaks_as_its_government_and_its_it_is_itself():
    claims = extract(
        "Norland denied reports by the rebels that it carried out new strikes on Sunday on "
        "targets in Tarvo."
    )
    assert [(text, source) for text, source, _ in claims if source == "Norland"] == [
        ("Norland carried out new strikes on Sunday on targets in Tarvo", "Norland")
    ]
    assert guess_kind("The United States") == "government"


def test_a_participle_describing_the_speaker_is_not_its_name():
    claims = extract(
        "A US defense official speaking on condition of anonymity said no US or coalition strike "
        "occurred in Tarvo."
    )
    assert claims == [
        ("A US or coalition strike occurred in Tarvo", "US defense official", "denies")
    ]


@pytest.mark.parametrize(
    ("negated", "positive"),
    [
        ("No US strike occurred on Sunday", "a US strike occurred on Sunday"),
        ("There was no IDF strike on the hospital", "There was an IDF strike on the hospital"),
        ("No civilians were hurt in the strike", "civilians were hurt in the strike"),
    ],
)
def test_a_negative_subject_is_denied_with_the_subject_present(negated, positive):
    assert _positive_form(negated) == (positive, True)


@pytest.mark.parametrize(
    ("sentence", "statement", "speaker", "stance"),
    [
        (
            "The army has denied causing civilian casualties, despite witnesses saying that 20 "
            "guests were killed in the strike on Tarvo.",
            "20 guests were killed in the strike on Tarvo",
            "witnesses",
            "asserts",
        ),
        (
            "State media said that reports of the attack were fake news, with MRTV saying there "
            "had been no aircraft operating over Tarvo at the time.",
            "There had been an aircraft operating over Tarvo at the time",
            "MRTV",
            "denies",
        ),
    ],
)
def test_a_participle_with_a_subject_of_its_own_is_that_subjects_statement(
    sentence, statement, speaker, stance
):
    assert (statement, speaker, stance) in extract(sentence)
    assert all(source != speaker for text, source, _ in extract(sentence) if text != statement)


def test_an_attribution_reported_according_to_a_relay_keeps_its_own_speaker():
    claims = [
        (claim.text, claim.source.name, claim.stance, claim.via)
        for claim in extract_claims(
            "Ukraine on Monday dismissed Russian accusations that it attacked two villages near "
            "Tarvo, according to The Washington Post.",
            outlet="The Hill",
            published_at=PUBLISHED,
        )
    ]
    assert claims == [
        ("Ukraine attacked two villages near Tarvo", "Ukraine", "denies", "Washington Post")
    ]
