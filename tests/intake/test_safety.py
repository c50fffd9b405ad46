"""The rules intake does not trade for recall: a denial is never proposed as an assertion nor linked
*same* as the claim it denies, and a reference is replaced only when exactly one place fits."""

from datetime import UTC, datetime

import pytest
import yaml

from intake.extraction import extract_claims
from intake.polarity import guarded_stance
from intake.similarity import decide_match
from tests.conftest import INTAKE_DATA

PUBLISHED = datetime(2024, 12, 7, 9, tzinfo=UTC)
KNOWN = list(yaml.safe_load((INTAKE_DATA / "known_claims.yaml").read_text()).items()) + [
    ("assad-fled", "Assad has fled Syria"),
    ("hama-withdrawal", "The Syrian army withdrew from Hama"),
    ("rsf-fasher", "The RSF took full control of El Fasher"),
    ("embassy-evacuated", "The Russian embassy in Damascus was evacuated"),
]

# (sentence, words of the denied statement): every form of denial the issue lists, and a few more.
DENIALS = [
    ("The Syrian presidency has firmly denied rumours that Assad fled the country.", "Assad fled"),
    ("The army denied reports of its withdrawal from Hama.", "withdr"),
    (
        (
            "Rebels said the army had withdrawn from Hama. The ministry dismissed these claims as "
            "baseless."
        ),
        "withdrawn",
    ),
    ("The army refuted the RSF's claim of full control of El Fasher.", "control"),
    (
        (
            "The Foreign Ministry categorically denied reports suggesting the evacuation of the "
            "Russian embassy."
        ),
        "evacuat",
    ),
    ("The Kremlin said there was no truth to reports that Assad had fled to Moscow.", "fled"),
    ("Officials rejected as false claims that the army had withdrawn from Homs.", "withdrawn"),
    ("The government said reports that Assad had left Damascus were baseless.", "left"),
    ("Reports that Assad had fled are false, the presidency said.", "fled"),
    ("Rumours that Assad had fled spread quickly on social media.", "fled"),
    ("Assad fled to Moscow, the presidency denied.", "fled"),
    ('The presidency dismissed as "fake news" reports that Assad had fled.', "fled"),
    (
        "The army emphasized that any reports, in the media or by officials, that the group "
        "originated from or retreated to Rwanda, is propaganda aimed at undermining relations.",
        "Rwanda",
    ),
]


@pytest.mark.parametrize(("sentence", "content"), DENIALS)
def test_a_statement_inside_a_denial_frame_is_never_proposed_as_asserted(sentence, content):
    denial = sentence.split(". ")[-1].rstrip(".")
    claims = extract_claims(sentence, outlet="Reuters", published_at=PUBLISHED)

    asserted = [c for c in claims if c.stance == "asserts" and c.quote.rstrip(".") == denial]
    assert not [c for c in asserted if content.lower() in c.text.lower()], claims


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The Syrian presidency has firmly denied rumours that Assad fled the country.",
            ("Syrian presidency", "Assad fled Syria"),
        ),
        (
            "The army denied reports of its withdrawal from Hama.",
            ("army", "The army withdrew from Hama"),
        ),
        (
            "The army refuted the RSF's claim of full control of El Fasher.",
            ("army", "RSF had full control of El Fasher"),
        ),
        (
            "The Kremlin said there was no truth to reports that Assad had fled to Moscow.",
            ("Kremlin", "Assad had fled to Moscow"),
        ),
    ],
)
def test_noun_and_verb_denials_are_proposed_as_denials_by_the_denier(sentence, expected):
    claims = extract_claims(sentence, outlet="Reuters", published_at=PUBLISHED)

    assert [(c.source.name, c.text, c.stance) for c in claims] == [(*expected, "denies")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Prison officials rejected allegations of beatings in the Tarim detention centre.",
            ("Prison officials", "There were beatings in the Tarim detention centre"),
        ),
        (
            "The Baltic Fleet dismissed reports of fighting near the Ostrava shipyard.",
            ("Baltic Fleet", "There was fighting near the Ostrava shipyard"),
        ),
        (
            "The Kavela militia denied any involvement in the ambush on the Marsh convoy.",
            (
                "Kavela militia",
                "Kavela militia was involved in the ambush on the Marsh convoy",
            ),
        ),
        (
            "The Kavela militia denied responsibility for the blast at the Dorne market.",
            (
                "Kavela militia",
                "Kavela militia was responsible for the blast at the Dorne market",
            ),
        ),
        (
            "The army refuted the Kavela Front's claim of full control over Tarim.",
            ("army", "Kavela Front had full control of Tarim"),
        ),
    ],
)
def test_a_denied_event_named_by_a_noun_is_proposed_as_a_denial_of_that_event(sentence, expected):
    claims = extract_claims(sentence, outlet="Reuters", published_at=PUBLISHED)

    assert [(c.source.name, c.text, c.stance) for c in claims] == [(*expected, "denies")]


@pytest.mark.parametrize("sentence", [d for d, _ in DENIALS])
def test_a_denial_is_never_matched_same_as_the_claim_it_denies(sentence):
    # The known claims that state what these sentences deny (denying that Assad left Damascus is
    # the same as "Assad remains in Damascus", so that one may be "same").
    denied = {"assad-fled", "hama-withdrawal", "rsf-fasher", "embassy-evacuated"}
    for claim in extract_claims(sentence, outlet="Reuters", published_at=PUBLISHED):
        decision = decide_match(claim.text, denies=claim.stance == "denies", candidates=KNOWN)
        # Another speaker's assertion of the denied statement ("Rebels said the army had withdrawn
        # from Hama") is the same claim; only the denial must contradict it.
        if decision.claim_id in denied and claim.stance == "denies":
            assert decision.relation == "contradicts", (claim, decision)


def test_a_continuation_after_a_denial_keeps_its_own_assertion():
    claims = extract_claims(
        "Syrian state media dismissed rumors that Assad had fled the country, insisting he "
        "remains in Damascus.",
        outlet="Reuters",
        published_at=PUBLISHED,
    )

    assert [(c.text, c.stance) for c in claims] == [
        ("Assad had fled Syria", "denies"),
        ("Assad remains in Damascus", "asserts"),
    ]


@pytest.mark.parametrize(
    ("statement", "sentence"),
    [
        # A relative clause of the speaker denies something else; what it says is asserted.
        (
            "Troops remain in Hama",
            "The army, which denied the reports, said troops remain in Hama.",
        ),
        # The denial comes after and reaches forward.
        (
            "Rebels entered Hama",
            "Rebels entered Hama, the observatory said, dismissing reports of a truce.",
        ),
    ],
)
def test_a_denial_elsewhere_in_the_sentence_leaves_an_assertion_alone(statement, sentence):
    assert guarded_stance(statement, "asserts", sentence) == "asserts"


def test_when_the_reach_of_a_denial_is_unclear_the_statement_is_dropped_not_asserted():
    sentence = "The Syrian presidency has firmly denied rumours that Assad fled the country."

    assert guarded_stance(sentence.rstrip("."), "asserts", sentence) is None


def test_the_city_is_replaced_only_when_the_article_names_one_city():
    one = extract_claims(
        "Rebels captured Homs on Friday. The army said its troops had been redeployed outside "
        "the city.",
        outlet="Reuters",
        published_at=PUBLISHED,
    )
    two = extract_claims(
        "Rebels entered Hama on Thursday after taking Homs. The army said its troops had been "
        "redeployed outside the city.",
        outlet="Reuters",
        published_at=PUBLISHED,
    )

    assert one[-1].text.endswith("outside Homs") and one[-1].notes == []
    assert two[-1].text.endswith("outside the city")
    assert two[-1].notes == [
        '"the city" left as written: the article names 2 city candidates: Hama, Homs'
    ]


def test_the_country_is_replaced_only_when_the_article_names_one_country():
    one = extract_claims(
        "Fighting raged across Syria. The presidency denied rumours that Assad had fled the "
        "country.",
        outlet="Reuters",
        published_at=PUBLISHED,
    )
    two = extract_claims(
        "Russian jets struck Syria. The presidency denied rumours that Assad had fled the country.",
        outlet="Reuters",
        published_at=PUBLISHED,
    )

    assert one[-1].text == "Assad had fled Syria" and one[-1].notes == []
    assert two[-1].text == "Assad had fled the country" and "the country" in two[-1].notes[0]


# The precision gate (intake/extraction/confidence.py): a proposal whose speaker or content span
# shows that the attribution frame was not found is not proposed, and a negation it keeps is never
# asserted.
@pytest.mark.parametrize(
    "text",
    [
        (
            "KHARTOUM, Sudan, March 3 (AP) -- A spokesman for the governor denied news reports "
            "that the governor had resigned."
        ),
        "The militia fled towards the hills, army spokesman Omar Idris told AFP on Monday.",
        (
            "Upon his return from the summit on Sunday, the president told a rally at the airport "
            "that rebels had attacked Kosti."
        ),
        (
            "The correct version of events is that the army attacked our positions near Kosti, the "
            "rebel spokesman said."
        ),
    ],
)
def test_a_statement_whose_speaker_or_content_was_not_read_cleanly_is_not_proposed_as_asserted(
    text,
):
    claims = extract_claims(text, outlet="Sudan Daily", published_at=PUBLISHED)

    assert not [
        c
        for c in claims
        if c.stance == "asserts"
        and (
            c.source.name.isupper()
            or " told " in c.text
            or c.text.lower().startswith(("upon", "a rally", "the correct"))
            or "resign" in c.text
        )
    ], claims


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            (
                'The air force spokesman said the militia was "bluffing" and no helicopter had '
                "been hit."
            ),
            [("The militia was bluffing", "asserts"), ("A helicopter had been hit", "denies")],
        ),
        (
            (
                '"The army lost two soldiers," the spokesman added, stressing that there were no '
                "civilian deaths."
            ),
            [("The army lost two soldiers", "asserts"), ("There were civilian deaths", "denies")],
        ),
    ],
)
def test_a_negation_left_in_an_assertion_becomes_a_denial_of_its_own_clause(text, expected):
    claims = extract_claims(text, outlet="Reuters", published_at=PUBLISHED)

    assert [(c.text, c.stance) for c in claims] == expected


def test_a_denial_said_by_a_participle_after_an_unread_rejection_is_a_denial():
    claims = extract_claims(
        'Interior Minister Ana Velasquez rejected the accusations on Sunday, calling them "lies" '
        'and insisting that the police had "no prisoners in the Tarim barracks".',
        outlet="Reuters",
        published_at=PUBLISHED,
    )
    assert [(c.source.name, c.text, c.stance) for c in claims] == [
        ("Ana Velasquez", "The police had prisoners in the Tarim barracks", "denies")
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The Kavela Front said that none of the dead were its fighters.",
            "Some of the dead were its fighters",
        ),
        (
            "The port authority said nobody had been hurt in the fire.",
            "Someone had been hurt in the fire",
        ),
    ],
)
def test_a_negative_subject_none_or_nobody_is_a_denial_of_some_or_someone(sentence, expected):
    claims = extract_claims(sentence, outlet="Reuters", published_at=PUBLISHED)

    assert [(c.text, c.stance) for c in claims] == [(expected, "denies")]


def test_a_rejected_claim_followed_by_a_participle_denies_the_claim_and_asserts_the_clause():
    claims = extract_claims(
        "Local activists said the shelling had destroyed the Tarim water plant.\n\n"
        'The army rejected the accusation as "fabricated," saying its guns had targeted only '
        "rebel positions.",
        outlet="Reuters",
        published_at=PUBLISHED,
    )
    army = [(c.text, c.stance) for c in claims if c.source.name == "army"]
    assert army[0] == ("The shelling had destroyed the Tarim water plant", "denies")
    assert army[1][1] == "asserts" and army[1][0].endswith("had targeted only rebel positions")


def test_a_contrasted_speaker_who_denied_it_denies_the_statement_just_attributed():
    claims = extract_claims(
        "Kavela fighters have taken the Tarim bridge, the Kavela Front said on Sunday, though the "
        "Ostrava government denied it.",
        outlet="Reuters",
        published_at=PUBLISHED,
    )
    assert ("Ostrava government", "Kavela fighters have taken the Tarim bridge", "denies") in [
        (c.source.name, c.text, c.stance) for c in claims
    ]
    assert not [
        c for c in claims if c.stance == "asserts" and c.source.name == "Ostrava government"
    ]


def test_a_trailing_allegation_someone_dismissed_is_their_denial_and_not_part_of_the_statement():
    claims = extract_claims(
        "Ostrava has accused the Kavela Front of shelling the Tarim dam, allegations the Front's "
        'leadership dismissed as "fabricated".',
        outlet="Reuters",
        published_at=PUBLISHED,
    )
    assert all("allegations" not in c.text for c in claims)
    assert [c.stance for c in claims] == ["asserts", "denies"]
    assert claims[1].text == claims[0].text


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The Ostrava government said on Monday that reports of a massacre in Vella were false.",
            "There was a massacre in Vella",
        ),
        (
            "A Kavela Front spokesman said there was no truth to reports of a mutiny in Tarim.",
            "There was a mutiny in Tarim",
        ),
        (
            "The Ostrava government rejected the accusation that its troops had entered Tarim.",
            "Ostrava government's troops had entered Tarim",
        ),
        (
            "The Tarim police denied that any protesters had been shot.",
            "Protesters had been shot",
        ),
        (
            "The Tarim police denied that anyone had been shot at the rally.",
            "Someone had been shot at the rally",
        ),
    ],
)
def test_more_denial_forms_deny_the_positive_statement(sentence, expected):
    claims = extract_claims(sentence, outlet="Reuters", published_at=PUBLISHED)

    assert [(c.text, c.stance) for c in claims] == [(expected, "denies")]
