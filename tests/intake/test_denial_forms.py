"""Denials and attributions read off the parse of real wire-copy forms: a verdict that a report is
false, a denied claim whose claimant is named, a trailing relay, ranks and offices beside a name.
The sentences are written for these tests."""

from datetime import UTC, datetime

import pytest

from intake.extraction import extract_claims
from intake.extraction.clauses import conjoined_negatives, falsity_verdict
from intake.extraction.dates import _time_about
from intake.extraction.reader import _EXPANDED_ACRONYM, _acronym_unless_expanded

PUBLISHED = datetime(2024, 12, 7, 9, tzinfo=UTC)


def extract(text, outlet="Reuters"):
    return [
        (claim.text, claim.source.name, claim.stance, claim.via)
        for claim in extract_claims(text, outlet=outlet, published_at=PUBLISHED)
    ]


@pytest.mark.parametrize(
    ("text", "statement", "event"),
    [
        ("Reports that the brigade had left Tarvo were baseless", "the brigade had left Tarvo", ""),
        (
            "Information from local media about the downing of a helicopter near Tarvo isn't true",
            "",
            "the downing of a helicopter near Tarvo",
        ),
        ("The rumours being spread by the rebels were false", "", ""),
        ("The claims were fabricated", "", ""),
    ],
)
def test_a_verdict_that_a_report_is_false_is_read_off_the_parse(text, statement, event):
    verdict = falsity_verdict(text)
    assert verdict is not None
    assert (verdict.statement, verdict.event) == (statement, event)


@pytest.mark.parametrize(
    "text",
    [
        "The reports were not false",  # a negated verdict accepts the report
        "The reports were true",
        "The brigade was defeated near Tarvo",  # no report is judged
        "The bridge was false",  # nor is a bridge
    ],
)
def test_no_falsity_verdict_without_a_report_judged_false(text):
    assert falsity_verdict(text) is None


def test_a_report_said_to_be_untrue_is_denied_with_its_content():
    [claim] = extract(
        "Information from local media about the downing of a helicopter near Tarvo isn't true, "
        "the defence ministry said."
    )
    text, source, stance, _ = claim
    assert (source, stance) == ("defence ministry", "denies")
    assert "downing of a helicopter near Tarvo" in text


def test_a_report_said_to_be_false_without_its_content_denies_what_was_reported_before():
    claims = extract(
        "The Northern Front said its fighters had shot down two drones over Tarvo. "
        "Army spokesman Ilan Varga said the rumours being spread by the Northern Front were false."
    )
    assert ("Ilan Varga", "denies") in {(source, stance) for _, source, stance, _ in claims}
    denied = next(text for text, source, _, _ in claims if source == "Ilan Varga")
    assert "shot down two drones over Tarvo" in denied
    assert all(stance == "denies" for _, source, stance, _ in claims if source == "Ilan Varga")


def test_a_report_said_to_be_false_with_nothing_reported_before_is_not_proposed():
    assert extract("Army spokesman Ilan Varga said the rumours were false.") == []


def test_a_denied_claim_by_a_named_claimant_is_the_claimants_assertion_and_the_deniers_denial():
    claims = extract(
        "The port authority denied a claim by the Northern Front that they had struck a tanker "
        "near Tarvo."
    )
    assert {(text, source, stance) for text, source, stance, _ in claims} == {
        ("Northern Front had struck a tanker near Tarvo", "Northern Front", "asserts"),
        ("Northern Front had struck a tanker near Tarvo", "port authority", "denies"),
    }


def test_an_accusations_it_is_the_accused_speaker_not_the_accuser():
    claims = extract(
        "The army denied accusations by the Northern Front that it shelled a market in Tarvo."
    )
    assert {(text, source, stance) for text, source, stance, _ in claims} == {
        ("The army shelled a market in Tarvo", "Northern Front", "asserts"),
        ("The army shelled a market in Tarvo", "army", "denies"),
    }


def test_a_trailing_reports_is_a_relay_and_the_speaker_named_again_is_not():
    [relayed] = extract(
        "The army denied that it had shelled a market in Tarvo, Anadolu reports.",
        outlet="Middle East Monitor",
    )
    assert relayed[2:] == ("denies", "Anadolu")
    assert "Anadolu" not in relayed[0]
    [own] = extract(
        "The Tarvo Defence Force (TDF) has denied that it shelled a market in Tarvo, TDF said "
        "in a statement on Tuesday.",
        outlet="Xinhua",
    )
    assert own[2] == "denies"
    assert "said" not in own[0] and own[3] != "TDF"


def test_a_date_inside_a_name_is_not_read_as_a_date():
    assert _time_about("Kigali backs the March 23 Movement (M23)", PUBLISHED.date()) == (
        None,
        "Kigali backs the March 23 Movement (M23)",
    )
    about, text = _time_about("the March 23 attack killed five people", PUBLISHED.date())
    assert about is not None and "23 March 2024" in text


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Rear Admiral Ilan Varga said troops had left Tarvo.", "Ilan Varga"),
        (
            "Director of Army Public Relations, Brigadier General Ilan Varga, said troops had "
            "left Tarvo.",
            "Ilan Varga",
        ),
        # a rank before a single word is not a name: "General Command" is the speaker
        (
            "The Tarvo Army General Command said troops had left Tarvo.",
            "Tarvo Army General Command",
        ),
    ],
)
def test_a_rank_or_an_office_beside_a_name_is_the_role_and_the_name_speaks(sentence, speaker):
    [claim] = extract(sentence)
    assert claim[1] == speaker


def test_a_dateline_with_its_region_and_a_single_hyphen_is_not_the_speaker():
    [claim] = extract(
        "TARVO, Northern Region - The Northern Front on Tuesday denied that its convoy had been "
        "hit near the border."
    )
    assert claim[1] == "Northern Front"


def test_a_sentences_opening_word_is_not_a_first_name_of_the_speaker():
    claims = extract(
        "The Northern Front said it had shot down a drone. But Kessia denied that any drone had "
        "been lost."
    )
    assert {source for _, source, _, _ in claims} == {"Northern Front", "Kessia"}


@pytest.mark.parametrize(
    ("sentence", "denied"),
    [
        (
            "Colonel Ahmed Varga disputed the Northern Front's claim of killing at least 51 "
            "soldiers, saying the troops fought back.",
            "Northern Front killed at least 51 soldiers",
        ),
        (
            "The army disputed al-Karama's claim of shooting down a helicopter near Tarvo.",
            "Al-Karama shot down a helicopter near Tarvo",
        ),
    ],
)
def test_a_claimants_claim_of_doing_something_denied_is_a_denial_that_the_claimant_did_it(
    sentence, denied
):
    denials = [text for text, _, stance, _ in extract(sentence) if stance == "denies"]
    assert denials == [denied]


def test_a_negative_subject_with_an_expanded_acronym_is_a_denial_keeping_the_acronym():
    [claim] = extract(
        'A military spokesperson said, "There was no TDF (Tarvo Defence Force) strike on the '
        'market."'
    )
    assert claim[0] == "There was a TDF strike on the market"
    assert claim[2] == "denies"


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("the TDF (Tarvo Defence Force) had left", "the TDF had left"),
        ("the TDF (Northern Rebel Militia) had left", "the TDF (Northern Rebel Militia) had left"),
    ],
)
def test_an_acronyms_expansion_in_brackets_is_left_out_and_other_brackets_kept(written, kept):
    assert _EXPANDED_ACRONYM.sub(_acronym_unless_expanded, written) == kept


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "The Kessia-led Northern Front (NF) on Tuesday denied that its convoy had been hit.",
            "Northern Front",
        ),
        (
            "Rebel-affiliated Tarvo radio said the convoy had been hit near the border.",
            "Tarvo radio",
        ),
    ],
)
def test_a_description_such_as_x_led_or_x_affiliated_is_not_part_of_the_speakers_name(
    sentence, speaker
):
    [claim] = extract(sentence)
    assert claim[1] == speaker


def test_two_outlets_saying_the_same_are_two_speakers_and_a_name_with_and_stays_one():
    claims = extract("Tarvo TV and Kessia radio said the convoy had been hit near the border.")
    assert {source for _, source, _, _ in claims} == {"Tarvo TV", "Kessia radio"}
    [claim] = extract("Forces for Freedom and Change said the convoy had been hit near the border.")
    assert claim[1] == "Forces for Freedom and Change"


def test_a_statement_still_holding_a_named_speaker_and_what_they_claimed_is_not_proposed():
    claims = extract(
        "In a strike targeted at two villages in the north on Sunday; Kessia claimed to have "
        "annihilated militants.",
        outlet="Tarvo News",
    )
    assert not any("claimed" in text for text, _, _, _ in claims)


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        (
            "The ministry said there was no damage to the bridge near Korvan and no casualties "
            "among the guards.",
            [
                "There was damage to the bridge near Korvan",
                "There were casualties among the guards",
            ],
        ),
        (
            "The army said no soldiers and no civilians were hurt in the blast at Tesk.",
            ["Soldiers were hurt in the blast at Tesk", "Civilians were hurt in the blast at Tesk"],
        ),
    ],
)
def test_noun_phrases_each_under_its_own_no_are_denied_one_by_one(text, denied):
    # Left as one, the second "no" would stay inside a denial: denying "no casualties".
    claims = extract(text)
    assert [(statement, stance) for statement, _, stance, _ in claims] == [
        (statement, "denies") for statement in denied
    ]


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        (
            "The Terevan army said there were no clashes or shooting near the town of Dalvik on "
            "Friday.",
            "There were clashes or shooting near the town of Dalvik on Friday",
        ),
        (
            "The governor said the storm caused no damage to the port of Veska.",
            "The storm caused damage to the port of Veska",
        ),
        (
            "The Terevan navy said no Orlan or coalition ship was struck near Veska on Friday.",
            "An Orlan or coalition ship was struck near Veska on Friday",
        ),
        (
            "The Terevan navy said there was no attack on the port of Veska on Friday.",
            "There was an attack on the port of Veska on Friday",
        ),
    ],
)
def test_no_becomes_an_article_only_before_a_singular_counted_noun(text, denied):
    # "no A or B" agrees with A; a name before "or" is the modifier of B's noun.
    [(statement, _, stance, _)] = extract(text)
    assert (statement, stance) == (denied, "denies")


def test_a_single_no_with_a_conjoined_noun_is_one_denial():
    assert conjoined_negatives("There was no damage to the bridge and the road") == []
    assert conjoined_negatives("There was no damage to the bridge, and the road reopened") == []


def test_a_spokesman_speaking_of_its_troops_means_the_body_he_speaks_for():
    [claim] = extract(
        "A spokesman for the Terevan army rejected reports that its troops had left the Korvan "
        "valley."
    )
    assert claim[0] == "The Terevan army's troops had left the Korvan valley"
    assert claim[2] == "denies"


@pytest.mark.parametrize(
    ("text", "statement", "stance"),
    [
        (
            "Morland's army on Monday denied losing the border town of Tesk to the rebels.",
            "Morland's army lost the border town of Tesk to the rebels",
            "denies",
        ),
        (
            "Morland's army said it had retaken the border town of Tesk from the rebels.",
            "Morland's army had retaken the border town of Tesk from the rebels",
            "asserts",
        ),
    ],
)
def test_a_speaker_owned_by_a_name_speaks_of_itself_by_its_full_name(text, statement, stance):
    # "the army lost Tesk" would not say whose army once the claim is listed apart from its source.
    [claim] = extract(text)
    assert (claim[0], claim[1], claim[2]) == (statement, "Morland's army", stance)
