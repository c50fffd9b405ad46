"""The polarity guard (intake/polarity.py) on the forms that inverted a statement when the extractor
was run on 62 unseen articles (bench/README-intake.md, "Safety audit on unseen copy"): a denial
that reached across a contrast, a report's claim read as the denier's words, a speech verb under
a negation, verdicts of degree, and a verdict in one sentence of a quote read into the next. The
sentences are written for these tests, not taken from the audited articles."""

import importlib.util
from datetime import UTC, datetime

import pytest
import yaml

from intake.extraction import ExtractedClaim, SourceMention, extract_claims
from intake.polarity import claims_guarded, denial_frames, guarded_stance
from tests.conftest import INTAKE_DATA

PUBLISHED = datetime(2024, 5, 1, 9, tzinfo=UTC)


def read(text):
    return [
        (claim.source.name, claim.stance, claim.text)
        for claim in extract_claims(text, outlet="Wire", published_at=PUBLISHED)
    ]


@pytest.mark.parametrize(
    ("sentence", "asserted"),
    [
        (
            "The Ostrava army said the convoy was not attacked but two of its trucks broke down "
            "near Tarim.",
            "broke down",
        ),
        ('"Orders are not given in Tarim but in Vella," the Kavela commander said.', "in Vella"),
        (
            "While police dispersed the crowd and arrested six people, no shots were fired, the "
            "governor said.",
            "arrested six people",
        ),
        (
            "The Vella council does not operate as a government but it is collecting taxes, the "
            "minister said.",
            "collecting taxes",
        ),
    ],
)
def test_a_negation_does_not_deny_the_clause_set_against_it(sentence, asserted):
    claims = read(sentence)

    assert not [c for c in claims if c[1] == "denies" and asserted in c[2]], claims


def test_a_denial_without_a_contrast_is_kept():
    assert guarded_stance(
        "The convoy was attacked near Tarim",
        "denies",
        "The Ostrava army said the convoy was not attacked near Tarim.",
    ) == ("denies")


@pytest.mark.parametrize(
    "sentence",
    [
        "Their commander did not say when the fighting had started.",
        "The ministry never said that the troops had withdrawn.",
        "The governor has not confirmed that the militia had left Vella.",
        "The governor would not say whether troops had left the town.",
        # Not denying is not denying: no denial either.
        "The police did not deny that the suspect had been released.",
    ],
)
def test_what_a_speech_verb_under_a_negation_governs_is_not_proposed(sentence):
    assert read(sentence) == []


def test_a_negation_inside_what_was_said_is_still_a_denial():
    assert read("The army said its troops had not entered the village.") == [
        ("army", "denies", "The army's troops had entered the village")
    ]


def test_a_report_noun_with_modifiers_after_a_denial_verb_is_a_denial_frame():
    assert [m.group(0) for m in denial_frames("The ministry rejected Ostravan claims of a link.")]
    assert [m.group(0) for m in denial_frames("The army dismissed a Tarim Radio report.")]
    # A conjunction starts another phrase: the plan is rejected, not the reports.
    assert not denial_frames("The army rejected the plan and reports said troops advanced.")


def test_what_a_dismissed_report_claims_is_never_the_dismissers_assertion():
    comma = read(
        "The Kavela Front on Monday dismissed a Tarim Radio report, claiming that its fighters "
        "had shot 12 prisoners near the dam."
    )
    no_comma = read(
        "The Kavela Front on Monday denied a Tarim Radio report claiming that its fighters had "
        "shot 12 prisoners near the dam."
    )

    # With the comma, the participle may be the report's or the Front's: not proposed.
    assert comma == []
    assert no_comma == [
        ("Kavela Front", "denies", "Kavela Front's fighters had shot 12 prisoners near the dam")
    ]


def test_the_deniers_own_words_after_a_dismissed_report_keep_their_stance():
    assert read(
        "The army dismissed the report, claiming that it was spread by rebels, and said its troops "
        "remained in Vella."
    ) == [("army", "asserts", "The army's troops remained in Vella")]


@pytest.mark.parametrize(
    "sentence",
    [
        "A Tarim official said he found exaggerated the reports that the militia had left the dam.",
        "Reports that the militia had left the dam are greatly exaggerated, a Tarim official said.",
        (
            "The Kavela Front has been spreading propaganda claiming that it holds the Vella "
            "bridge, the ministry said."
        ),
    ],
)
def test_a_report_judged_exaggerated_or_called_propaganda_is_not_asserted(sentence):
    assert not [c for c in read(sentence) if c[1] == "asserts"]


def test_a_verdict_of_degree_on_another_object_leaves_the_statement_alone():
    assert guarded_stance(
        "The strike killed 11 civilians",
        "asserts",
        "The governor said the strike killed 11 civilians and dismissed the higher figure as "
        '"exaggerated".',
    ) == ("asserts")


def test_a_speaker_read_with_a_denial_verb_in_it_is_not_proposed():
    claim = ExtractedClaim(
        text="A burned truck was proof the fighters had used the school",
        stance="asserts",
        source=SourceMention(name="Kavela Front on Sunday denounced Ostravan army"),
        via="",
        quote=(
            "The Kavela Front on Sunday denounced Ostravan army claims that a burned truck was "
            "proof the fighters had used the school."
        ),
    )

    assert claims_guarded([claim]) == []


@pytest.mark.parametrize(
    "quote",
    [
        '"This report is false. Our troops are still holding Vella," the Kavela spokesman said.',
        (
            '"The report is baseless. The Ostravan troops left the Tarim bridge on Monday," the '
            "Kavela spokesman said."
        ),
    ],
)
def test_a_verdict_in_one_sentence_of_a_quote_does_not_deny_the_next(quote):
    assert [stance for _, stance, _ in read(quote)] == ["asserts"]


@pytest.mark.parametrize(
    "sentence",
    [
        (
            "Members of a Kavela delegation, speaking to reporters in Nairobi, Kenya, also refuted "
            "reports of weapons deliveries from Tarim."
        ),
        (
            "The Kavela delegation, speaking in Vella, South Sudan, denied that its fighters had "
            "received weapons from Tarim."
        ),
    ],
)
def test_a_country_that_places_a_town_before_the_verb_is_not_the_denier(sentence):
    [(source, stance, _)] = read(sentence)

    assert (source, stance) in {
        ("Members of a Kavela delegation", "denies"),
        ("Kavela delegation", "denies"),
    }


def test_a_name_set_beside_a_place_before_the_verb_still_speaks():
    assert read("A doctor working in Vella, Jon Doe, said five people had died.") == [
        ("Jon Doe", "asserts", "Five people had died")
    ]


def test_the_safety_regression_set_has_no_polarity_inversion():
    # tests/data/intake/safety: the denial and negation sentences of the audited articles, labelled
    # with the source and stance of each statement; bench/intake.py --set safety prints the same
    # count.
    spec = importlib.util.spec_from_file_location(
        "bench_intake", INTAKE_DATA.parents[2] / "bench" / "intake.py"
    )
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    sources = yaml.safe_load((INTAKE_DATA / "known_sources.yaml").read_text())
    groups = [[entry["name"], *entry.get("aliases", [])] for entry in sources]

    inverted = [
        note
        for path in sorted((INTAKE_DATA / "safety").glob("*.yaml"))
        for note in bench.evaluate(path, [], bench.SourceNames(sources), groups).notes
        if "POLARITY INVERTED" in note
    ]

    assert inverted == []
