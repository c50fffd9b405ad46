"""The English model as inspected, its parses made ahead in batches, and attribution read off its
parse (intake/nlp.py, intake/extraction/frames.py): who is the subject of the speech verb, what
each conjoined verb says, and denials hung on a report noun."""

from contextlib import contextmanager
from datetime import UTC, datetime

from intake.extraction import extract_claims, reader
from intake.nlp import (
    MODEL_DATA_SHA256,
    english,
    forget_parses,
    model_data_digest,
    parse,
    parse_ahead,
    parses_wanted,
    root_of,
    words_of,
)
from tests.intake_data import seed_dir

PUBLISHED = datetime(2024, 12, 7, 9, tzinfo=UTC)


def extract(text):
    return [
        (claim.source.name, claim.stance, claim.text)
        for claim in extract_claims(text, outlet="Reuters", published_at=PUBLISHED)
    ]


def test_the_parser_is_the_model_that_was_inspected():
    assert "parser" in english().pipe_names
    assert model_data_digest() == MODEL_DATA_SHA256


def test_the_speaker_is_the_subject_of_the_speech_verb_not_the_clause_before_it():
    claims = extract(
        "Fighting continued on Monday, but the Ukrainian military said its forces were "
        "repelling attacks near the town."
    )

    assert (
        "Ukrainian military",
        "asserts",
        "Ukrainian military's forces were repelling attacks near the town",
    ) in claims
    assert all("Fighting" not in source for source, _, _ in claims)


def test_a_relative_clause_is_not_part_of_the_speaker():
    [(source, stance, text)] = extract(
        "Rami Abdulrahman, who monitors the war from Britain, said regime forces had left "
        "towns near Homs."
    )

    assert (source, stance, text) == (
        "Rami Abdulrahman",
        "asserts",
        "Regime forces had left towns near Homs",
    )


def test_each_conjoined_speech_verb_has_its_own_speaker_and_stance():
    claims = extract(
        "The army said rebels had entered the outskirts of Hama, and Syria's defence ministry "
        "denied that the city had fallen."
    )

    assert [(source, stance) for source, stance, _ in claims] == [
        ("Syrian army", "asserts"),
        ("Syria's defence ministry", "denies"),
    ]
    assert claims[0][2] == "Rebels had entered the outskirts of Hama"


def test_conjoined_predicates_of_one_subject_are_separate_statements():
    claims = extract(
        "The governor said the rebels had killed 16 soldiers, forced some troops to flee "
        "across the border and were in control of the area."
    )

    assert [text for _, _, text in claims] == [
        "The rebels had killed 16 soldiers",
        "The rebels forced some troops to flee across the border",
        "The rebels were in control of the area",
    ]


def test_verbs_sharing_one_object_stay_one_statement():
    [(_, _, text)] = extract(
        "The coalition said air defences had intercepted and destroyed six drones over Marib."
    )

    assert text == "Air defences had intercepted and destroyed six drones over Marib"


def test_a_claim_dismissed_in_a_relative_clause_is_denied_by_whoever_dismissed_it():
    claims = extract(
        "Fighters of the Fano militia say they have seized the town of Debre Tabor, a claim "
        'the government has dismissed as "propaganda".'
    )

    assert [(source, stance) for source, stance, _ in claims] == [
        ("Fano militia", "asserts"),
        ("government", "denies"),
    ]
    assert {text for _, _, text in claims} == {"Fano militia have seized the town of Debre Tabor"}


def test_a_title_abbreviation_does_not_cut_the_speakers_name():
    [(source, _, _)] = extract(
        "Nigerian army spokesman Maj. Ibrahim Danjuma said troops had repelled the attack on "
        "the base."
    )

    assert source.endswith("Ibrahim Danjuma")


def test_a_gerund_becomes_a_past_tense_by_its_spelling():
    claims = extract(
        "The minister accused Asmara of supplying weapons to the rebels. The minister also "
        "accused the militia of massing troops on the border. The minister accused the army of "
        "shelling the town."
    )

    assert [text for _, _, text in claims] == [
        "Asmara supplied weapons to the rebels",
        "The militia massed troops on the border",
        "The army shelled the town",
    ]


def test_words_without_a_finite_verb_are_not_proposed_as_a_statement():
    claims = extract(
        "Army spokesman Jules Ngongo told AFP that 11 civilians had been killed and dismissed the "
        'higher figure as "exaggerated".'
    )

    assert [(stance, text) for _, stance, text in claims] == [
        ("asserts", "11 civilians had been killed")
    ]


def test_a_description_set_beside_a_name_is_not_part_of_the_statement():
    [(source, stance, text)] = extract(
        "The Somali government on Wednesday denied that the al-Shabaab group had captured "
        "Mahaday, a town in the Middle Shabelle region about 25 kilometers (15 miles) north of "
        "Jowhar."
    )

    assert (source, stance, text) == (
        "Somali government",
        "denies",
        "The al-Shabaab group had captured Mahaday",
    )


def test_an_abbreviated_title_is_the_speakers_role_not_part_of_the_name():
    [claim] = extract_claims(
        "Borno Gov. Babagana Zulum said the militants burned homes in the town.",
        outlet="AP",
        published_at=PUBLISHED,
    )

    assert (claim.source.name, claim.source.role) == ("Babagana Zulum", "Borno Gov.")


def test_alternatives_joined_by_or_are_one_statement():
    [(_, _, text)] = extract(
        "The ministry said the fighters had come from or retreated to the border area."
    )

    assert text == "The fighters had come from or retreated to the border area"


def test_a_propaganda_outlet_is_no_denial_frame():
    claims = extract(
        "The Islamic State group claimed the attack on its Amaq propaganda outlet, saying its "
        "fighters had killed more than 50 Christians."
    )

    assert (
        "Islamic State",
        "asserts",
        "Islamic State's fighters had killed more than 50 Christians",
    ) in claims


def test_the_clause_told_to_an_audience_is_the_statement_not_the_audience():
    [(source, stance, text)] = extract(
        "Upon his arrival on Sunday, President Salva Kiir told a reception rally at Juba airport "
        "that rebels twice attacked government forces in Nasir."
    )

    assert (source, stance, text) == (
        "Salva Kiir",
        "asserts",
        "Rebels twice attacked government forces in Nasir",
    )


def test_a_speaker_named_after_a_description_of_their_post_is_found_by_name():
    [(source, _, text)] = extract(
        "The acting spokesperson of the South Sudanese army, Lt. Col. Joseph Marier claimed the "
        "rebels lost at least 32 fighters in Nasir."
    )

    assert (source, text) == ("Joseph Marier", "The rebels lost at least 32 fighters in Nasir")


def test_when_it_was_said_is_not_part_of_what_was_said():
    [(_, _, text)] = extract(
        "The Arakan Army said Saturday its fighters had captured the headquarters of the "
        "Western Command in Ann."
    )

    assert text.endswith("fighters had captured the headquarters of the Western Command in Ann")
    assert "Saturday" not in text


def test_a_second_speech_verb_of_the_same_speaker_is_its_own_frame():
    claims = extract(
        "The rebels said they had taken three towns in the south. Army spokesman Santo Chol "
        "confirmed that there had been fighting in the south, but refuted the claims made by "
        "the rebels."
    )

    assert ("Santo Chol", "asserts", "There had been fighting in the south") in claims
    assert ("Santo Chol", "denies", "The rebels had taken three towns in the south") in claims


def test_claiming_that_a_strike_hit_is_not_claiming_the_strike():
    [(source, stance, text)] = extract(
        "Media outlets close to the PKK claimed that the strike hit a vehicle carrying civilians "
        "near Khanasor."
    )

    assert (source, stance, text) == (
        "Media outlets close to the PKK",
        "asserts",
        "The strike hit a vehicle carrying civilians near Khanasor",
    )


def test_a_dateline_with_the_day_first_is_not_part_of_the_statement():
    [(_, _, text)] = extract(
        "BUNIA, DR Congo, 22 September 2025 (AFP) - Rebels killed at least 38 civilians in an "
        "overnight attack on a village, the army said."
    )

    assert text == "Rebels killed at least 38 civilians in an overnight attack on a village"


def test_no_on_the_object_of_the_main_verb_denies_the_statement_with_the_object_present():
    claims = extract(
        "Hezbollah rejected the Israeli account, saying it had no military positions near the "
        "town of Brital."
    )

    assert ("Hezbollah", "denies", "Hezbollah had military positions near the town of Brital") in (
        claims
    )


def test_having_no_information_states_what_is_known_and_denies_nothing():
    claims = extract(
        "A Russian diplomatic source told AFP that Moscow had no information about Assad's "
        "whereabouts."
    )

    assert not [claim for claim in claims if claim[1] == "denies"]


def test_a_report_denied_with_its_content_after_a_long_description_is_denied():
    [(source, stance, text)] = extract(
        "The International Monetary Fund has denied a report published in Germany's Spiegel "
        "magazine on Friday that it had decided to withdraw staff from Athens."
    )

    assert (source, stance, text) == (
        "International Monetary Fund",
        "denies",
        "International Monetary Fund had decided to withdraw staff from Athens",
    )


def test_sentences_parsed_ahead_in_a_batch_are_the_parses_read_afterwards():
    forget_parses()
    sentences = ["The army said rebels had entered Hama", "The ministry denied it"]
    parse_ahead(sentences)
    first = parse(sentences[0])

    assert parse(sentences[0]) is first
    assert [token.dep_ for token in first][:3] == ["det", "nsubj", "ROOT"]


def test_a_rehearsal_records_the_texts_not_parsed_yet_and_reads_them_without_a_parse():
    forget_parses()
    parse_ahead(["The army said rebels had entered Hama"])

    with parses_wanted() as wanted:
        parsed = parse("The army said rebels had entered Hama")
        unparsed = parse("The ministry denied it")

    assert wanted == ["The ministry denied it"]
    assert root_of(parsed).text == "said"
    assert [token.text for token in unparsed] == ["The", "ministry", "denied", "it"]
    assert root_of(unparsed) is None
    assert root_of(parse("The ministry denied it")).text == "denied"


def test_the_words_of_a_text_are_its_parses_words_in_lower_case():
    text = "No, the army cannot confirm it (or deny it)."

    assert words_of(text) == {token.lower_ for token in parse(text)}
    assert {"no", "or", "can", "not"} <= words_of(text)


@contextmanager
def _parsing_when_asked():
    yield []


def test_the_proposals_are_the_same_with_clauses_parsed_ahead_or_when_asked(monkeypatch):
    # Batches of three sentences: many rehearsals, each followed by a reading or adopted as it.
    monkeypatch.setattr(reader, "PARSE_BATCH_SIZE", 3)
    text = (seed_dir() / "article-syria-offensive-2024-12.txt").read_text()
    forget_parses()
    ahead = extract_claims(text, outlet="Example News", published_at=PUBLISHED)

    # A rehearsal that parses what it is asked is the reading itself, one parse at a time.
    monkeypatch.setattr(reader, "parses_wanted", _parsing_when_asked)
    forget_parses()
    when_asked = extract_claims(text, outlet="Example News", published_at=PUBLISHED)

    assert len(ahead) >= 10
    assert ahead == when_asked


def test_a_second_speaker_set_against_the_first_is_read_too():
    claims = extract(
        "At least 17 civilians were killed when a drone struck a wedding in northern Mali, the "
        'Azawad Liberation Front said, while the Malian army insisted it had targeted "terrorists".'
    )

    assert [(source, stance) for source, stance, _ in claims] == [
        ("Azawad Liberation Front", "asserts"),
        ("Malian army", "asserts"),
    ]
    assert claims[1][2] == "Malian army had targeted terrorists"
