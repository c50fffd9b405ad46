"""General forms of denial in news copy, read off the parse: a verdict on a report whose words the
tagger would read otherwise, "never" without an auxiliary. The sentences are written for these
tests."""

import pytest

from intake.extraction.clauses import falsity_verdict, without_background
from tests.intake.proposals import proposals


@pytest.mark.parametrize(
    ("text", "statement"),
    [
        # Lower case, as a statement cut from "X said ..." is: "reports" and "claims" are nouns.
        ("reports that the brigade had left Tarvo were baseless", "the brigade had left Tarvo"),
        ("claims that the militia controls Tarvo are lies", "the militia controls Tarvo"),
        # The verdict is the modifier of the noun the report is called.
        ("Claims that the brigade had left Tarvo are fake news", "the brigade had left Tarvo"),
        # What a participle of saying on the report says.
        (
            "Media reports alleging that the brigade had left Tarvo are false",
            "the brigade had left Tarvo",
        ),
    ],
)
def test_a_verdict_on_a_report_finds_what_the_report_said(text, statement):
    verdict = falsity_verdict(text)
    assert verdict is not None
    assert verdict.statement == statement


@pytest.mark.parametrize(
    "text",
    [
        "Claims that the brigade had left Tarvo are news",
        "Claims that the brigade had left Tarvo are not fake news",
        "Media reports alleging that the brigade had left Tarvo are true",
    ],
)
def test_a_report_called_anything_but_false_is_no_verdict(text):
    assert falsity_verdict(text) is None


@pytest.mark.parametrize(
    ("text", "denied", "speaker"),
    [
        (
            "The army said reports that rebel fighters were in control of Tarvo were fake news.",
            "Rebel fighters were in control of Tarvo",
            "army",
        ),
        (
            "The army spokesman said media reports alleging that rebel fighters had entered Tarvo "
            "were fake news.",
            "Rebel fighters had entered Tarvo",
            "army spokesman",
        ),
    ],
)
def test_a_speaker_calling_a_report_fake_news_denies_what_it_said(text, denied, speaker):
    assert proposals(text) == [(denied, speaker, "denies")]


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        (
            "A military source said on Thursday that an assertion by the Tarvo Liberation Front "
            "that it had shot down a helicopter was false.",
            "Tarvo Liberation Front had shot down a helicopter",
        ),
        (
            "The army said claims by the Tarvo Liberation Front that they had taken the bridge "
            "were baseless.",
            "Tarvo Liberation Front had taken the bridge",
        ),
    ],
)
def test_a_pronoun_in_a_report_judged_false_is_the_reports_claimant_not_the_judge(text, denied):
    assert [statement for statement, _, stance in proposals(text) if stance == "denies"] == [denied]


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        (
            "Claims by the Tarvo Liberation Front that they had taken the bridge were false",
            "the Tarvo Liberation Front",
        ),
        ("The rebels' claim that they had taken the bridge was false", "The rebels"),
        ("Reports that the rebels had taken the bridge were false", ""),
    ],
)
def test_a_verdict_on_a_report_names_who_made_it(text, claimant):
    assert falsity_verdict(text).claimant == claimant


def test_a_dateline_of_two_cities_joined_by_a_slash_is_not_the_speakers_name():
    assert proposals(
        "NEW DELHI/ISLAMABAD: Ostravan Army on Thursday rejected as false reports that eight "
        "soldiers were killed in Tarvo."
    ) == [("Eight soldiers were killed in Tarvo", "Ostravan Army", "denies")]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "The governor's convoy was hit by rocket fire as he travelled to the mosque in Tarvo",
            "The governor's convoy was hit by rocket fire",
        ),
        # A comparison is no clause of what else was happening.
        ("The town was as calm as it had been before the war", ""),
        # Nor is an "as" clause before the main one.
        ("As troops advanced on Tarvo, the rebels fled", ""),
    ],
)
def test_a_closing_as_clause_of_what_else_was_happening_is_cut(text, kept):
    assert without_background(text) == (kept or text)


def test_a_denial_leaves_out_what_was_happening_at_the_time():
    assert proposals(
        "The presidency said reports that the governor's convoy was hit by rocket fire as he "
        "travelled to the mosque were false."
    ) == [("The governor's convoy was hit by rocket fire", "presidency", "denies")]


@pytest.mark.parametrize(
    ("participle", "denied"),
    [
        (
            "dismissing reports that the blast was caused by an air strike",
            "The blast was caused by an air strike",
        ),
        (
            "rejecting claims that the blast was caused by an air strike",
            "The blast was caused by an air strike",
        ),
    ],
)
def test_a_denying_participle_after_a_statement_denies_the_clause_of_the_report_it_names(
    participle, denied
):
    assert proposals(f"The army said a misfired rocket had hit the hospital, {participle}.") == [
        ("A misfired rocket had hit the hospital", "army", "asserts"),
        (denied, "army", "denies"),
    ]


def test_a_closing_days_after_clause_the_parse_conjoins_is_still_background():
    assert proposals(
        "Ostrava said Saturday that its forces had not been pushed out of Tarvo, a day after the "
        "rebels said they had taken the village."
    ) == [("Ostrava's forces had been pushed out of Tarvo", "Ostrava", "denies")]


@pytest.mark.parametrize(
    ("text", "statement"),
    [
        (
            "As for the photos that had appeared online, the governor denied that they were "
            "taken in Tarvo.",
            "The photos that had appeared online were taken in Tarvo",
        ),
        (
            "As for the video, the governor denied that it had been filmed in Tarvo.",
            "The video had been filmed in Tarvo",
        ),
    ],
)
def test_an_as_for_opening_is_what_the_sentences_pronoun_stands_for(text, statement):
    assert proposals(text) == [(statement, "governor", "denies")]


def test_a_subject_with_its_relative_clause_is_no_leftover_of_told_x_that():
    assert proposals(
        "The governor said the convoy that was attacked on Monday had reached Tarvo."
    ) == [("The convoy that was attacked on Monday had reached Tarvo", "governor", "asserts")]
