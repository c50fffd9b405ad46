"""Denials of more than one complement, and what a denial's complement carries beside the
statement. The sentences are written for these tests."""

import pytest

from tests.intake.proposals import proposals as extract


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


def test_a_where_clause_of_another_event_on_a_place_already_named_is_left_out():
    assert extract(
        "The Korvan rebels said on Tuesday they had destroyed an army brigade in battles to "
        "control the eastern province where a two-month-old war has killed hundreds."
    ) == [
        (
            "Korvan rebels had destroyed an army brigade in battles to control the eastern "
            "province",
            "Korvan rebels",
            "asserts",
        )
    ]


def test_a_where_clause_saying_which_thing_is_meant_stays():
    [(statement, _, _)] = extract(
        "The Korvan rebels said their drone hit a tent where soldiers had gathered for a meeting "
        "in Dalvik."
    )
    assert statement.endswith("a tent where soldiers had gathered for a meeting in Dalvik")


def test_days_after_another_event_is_left_out_and_a_bare_after_clause_stays():
    assert extract(
        "Local sources told Reuters that the Korvan rebels attacked an army post in Dalvik, days "
        "after a rebel commander was killed in an air strike in Tesk."
    ) == [("The Korvan rebels attacked an army post in Dalvik", "Local sources", "asserts")]
    [(statement, _, _)] = extract(
        "The Korvan rebels said they attacked an army post in Dalvik after a rebel commander was "
        "killed in an air strike."
    )
    assert statement.endswith("after a rebel commander was killed in an air strike")


def test_a_progressive_denial_of_an_accusation_denies_its_content():
    assert extract(
        "The Terevan Ministry of Defense is denying the Orlan military's accusations that the "
        "Terevan forces opened fire in the direction of Dalvik."
    ) == [
        (
            "The Terevan forces opened fire in the direction of Dalvik",
            "Terevan Ministry of Defense",
            "denies",
        )
    ]


def test_a_progressive_speech_verb_speaks_as_its_present_form():
    assert extract(
        "The Terevan army is saying that its troops have retaken the town of Dalvik."
    ) == [("Terevan army's troops have retaken the town of Dalvik", "Terevan army", "asserts")]


def test_a_progressive_verb_that_is_not_speech_frames_nothing():
    assert extract("Terevan troops are fighting near the town of Dalvik, witnesses said.") == [
        ("Terevan troops are fighting near the town of Dalvik", "witnesses", "asserts")
    ]


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        (
            "The Terevan army has denied news circulated by media channels over blowing up a "
            "shrine, south of Dalvik in Tesk.",
            "A shrine was blown up south of Dalvik in Tesk",
        ),
        (
            "The Terevan army denied reports of shelling the Orlan embassy's main gate in Dalvik.",
            "The Orlan embassy's main gate in Dalvik was shelled",
        ),
        (
            "The Terevan army denied reports of fighting near the airport in Dalvik.",
            "There was fighting near the airport in Dalvik",
        ),
    ],
)
def test_a_denied_report_of_an_act_done_to_something_denies_it_was_done(text, denied):
    # No one is named as the doer: the statement names none.
    assert extract(text) == [(denied, "Terevan army", "denies")]


def test_what_was_circulated_that_s_said_to_be_untrue_denies_s():
    assert extract(
        "The Terevan army said what was circulated by media channels that Orlan State blew up a "
        "shrine in Tesk, south of Dalvik in Varn is untrue."
    ) == [
        (
            "Orlan State blew up a shrine in Tesk, south of Dalvik in Varn",
            "Terevan army",
            "denies",
        )
    ]


def test_what_was_reported_said_to_be_untrue_with_no_clause_of_its_own_denies_nothing():
    # "channels that we trust": a relative clause, not what was reported.
    assert (
        extract("The Terevan army said what was reported by channels that we trust is untrue.")
        == []
    )


def test_claims_of_two_acts_said_to_be_false_deny_each_act():
    # The parse reads "claims" as the verb here; the verdict is still read.
    assert extract(
        '"Orlan claims of destroying a Terevan post near Dalvik and firing by the Terevan army on '
        'civilians in Tesk are false," the Terevan army said in a statement.'
    ) == [
        ("A Terevan post near Dalvik was destroyed", "Terevan army", "denies"),
        ("The Terevan army fired on civilians in Tesk", "Terevan army", "denies"),
    ]


def test_claims_of_an_act_said_to_be_true_are_not_a_denial():
    claims = extract(
        '"Orlan claims of destroying a Terevan post near Dalvik are true," the Terevan army said '
        "in a statement."
    )
    assert all(stance != "denies" for _, _, stance in claims)


def test_a_rank_written_without_dots_is_a_title_not_part_of_the_name():
    [(_, speaker, _)] = extract(
        "Army spokesman Maj Gen Jon Terrow said the Orlan troops had shelled the village of "
        "Dalvik on Friday."
    )
    assert speaker == "Jon Terrow"


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        # The report's clause set right on the noun, with no "that".
        (
            "A government official later denied media reports the talks would resume in Dalvik "
            "on Friday.",
            "The talks would resume in Dalvik on Friday",
        ),
        # The clause of a participle of saying the report noun takes.
        (
            "The Terevan army denied on Tuesday reports claiming its troops had left Dalvik.",
            "Terevan army's troops had left Dalvik",
        ),
    ],
)
def test_what_a_denied_report_says_without_that_is_denied(text, denied):
    assert [(statement, stance) for statement, _, stance in extract(text)] == [(denied, "denies")]


def test_a_denial_of_any_event_placed_by_its_noun_phrase_denies_it_happened():
    assert extract("The Terevan army denied any shelling of the market in Dalvik.") == [
        ("There was shelling of the market in Dalvik", "Terevan army", "denies")
    ]


def test_a_denial_of_any_conduct_named_by_nothing_else_is_not_proposed():
    assert extract("The Terevan army denied any wrongdoing.") == []


def test_a_denied_report_named_by_whom_it_came_from_denies_the_event_it_reported():
    assert extract(
        "The Terevan army denied local reports of an air strike near Dalvik on Wednesday morning."
    ) == [("There was an air strike near Dalvik on Wednesday morning", "Terevan army", "denies")]
