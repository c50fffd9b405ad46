"""Speakers, denials and pronouns the parse reads in positions the rules had misread: what a
phrase on the speaker says about the statement, a denial set in a clause of concession, a clause
the parse hangs past a report's description, cleft and expletive "it", a speaker who spoke last
without a statement read. The sentences are written for these tests."""

from intake.extraction import extract_claims
from tests.intake.proposals import PUBLISHED
from tests.intake.proposals import proposals as extract


def test_a_statement_named_on_the_speaker_is_not_part_of_its_name():
    assert extract(
        "The Terevan Interior Ministry in a statement said reinforcements had reached the town "
        "of Dalvik."
    ) == [
        (
            "Reinforcements had reached the town of Dalvik",
            "Terevan Interior Ministry",
            "asserts",
        )
    ]


def test_a_time_named_on_the_speaker_is_not_part_of_its_name():
    assert extract(
        "The Korvan army said its troops had entered Dalvik, but witnesses at the time claimed "
        "the troops had stayed outside the town."
    ) == [
        ("Korvan army's troops had entered Dalvik", "Korvan army", "asserts"),
        ("The troops had stayed outside the town", "witnesses", "asserts"),
    ]


def test_whose_spokesman_the_speaker_is_stays_in_the_name():
    claims = extract(
        "A spokesman for the Korvan Front's armed wing said its fighters had shot down a drone "
        "near Dalvik."
    )
    assert [source for _, source, _ in claims] == ["spokesman for the Korvan Front's armed wing"]


def test_a_denied_event_named_by_a_noun_is_denied_as_a_clause():
    assert extract("The Terevan Defence Ministry denied the fall of Dalvik district.") == [
        ("Dalvik district fell", "Terevan Defence Ministry", "denies")
    ]


def test_a_rejected_event_named_by_a_noun_is_not_read_as_a_denial():
    assert (
        extract("The Terevan Defence Ministry rejected the killing of protesters in Dalvik.") == []
    )


def test_a_denial_in_a_clause_of_concession_denies_what_the_sentence_reports():
    assert extract(
        "A Korvan Front commander said on Monday his fighters had seized the airport of Dalvik, "
        "though the Terevan army denied the claim."
    ) == [
        ("His fighters had seized the airport of Dalvik", "Korvan Front commander", "asserts"),
        ("His fighters had seized the airport of Dalvik", "Terevan army", "denies"),
    ]


def test_a_concession_that_names_what_it_denies_is_not_read_back():
    claims = extract(
        "A Korvan Front commander said on Monday his fighters had seized the airport of Dalvik, "
        "though the Terevan army denied reports of looting in the town."
    )
    assert all(stance == "asserts" for _, _, stance in claims)


def test_a_report_clause_the_parse_hangs_past_the_reports_description_is_denied():
    assert extract(
        "The authorities in Dalvik province have denied rumours on social media, spreading since "
        "Friday, that gunmen had burned a bus near the town of Orlo."
    ) == [("Gunmen had burned a bus near the town of Orlo", "authorities", "denies")]


def test_a_quote_after_a_denied_report_is_not_its_content():
    claims = extract(
        "A Korvan Front official denied Terevan media reports the ceasefire talks would open "
        'in Orlo on Friday, telling Reuters: "There is no agreement yet."'
    )
    assert ("There is an agreement yet", "Korvan Front official", "asserts") not in claims
    assert all(stance == "denies" for _, _, stance in claims)


def test_an_expletive_it_is_not_replaced_by_the_speaker():
    claims = extract(
        "The official, who asked not to be named, said it had been decided that the talks "
        "would move to Orlo."
    )
    assert not any(text.startswith("official") for text, _, _ in claims)


def test_a_negated_cleft_sentence_denies_the_clause_it_focuses():
    assert extract(
        'Ilyan Varo, the Terevan army spokesman, said: "It was not our convoy that was ambushed '
        'near Orlo."'
    ) == [("Terevan army's convoy was ambushed near Orlo", "Ilyan Varo", "denies")]


def test_a_cleft_sentence_on_an_object_puts_the_focused_phrase_back_in_its_place():
    assert extract(
        "Ilyan Varo, the Terevan army spokesman, said: \"It wasn't our trucks that the rebels "
        'burned near Orlo."'
    ) == [("The rebels burned our trucks near Orlo", "Ilyan Varo", "denies")]


def test_it_before_a_description_is_no_cleft():
    claims = extract('The Korvan Front said: "It was a town that had seen no fighting before."')
    assert not any(text.startswith("A town") for text, _, _ in claims)


def test_it_is_not_true_that_s_in_a_quote_denies_s():
    assert extract(
        "\"It's not true that twelve of the convoy's trucks were burned near Orlo,\" the Terevan "
        "army said."
    ) == [("Twelve of the convoy's trucks were burned near Orlo", "Terevan army", "denies")]


def test_it_said_after_a_denial_whose_claim_is_not_found_is_the_denier():
    claims = extract(
        "Korvan rebels said eleven soldiers were killed near Orlo. The rebels also said they "
        "had repelled an attack on Dalvik. The Terevan army denied the rebel claim. It said one "
        "soldier was wounded near Orlo."
    )
    assert ("One soldier was wounded near Orlo", "Terevan army", "asserts") in claims


def test_the_speaker_after_a_statement_that_holds_a_name_is_the_one_after_the_verb():
    claims = extract(
        "Ilyan Varo, a brother of the Korvan Front's leader, was captured after a firefight "
        "near Orlo, said Tamas Ferk, the head of the Dalvik council."
    )
    assert claims[0][1] == "Tamas Ferk"


def test_a_lower_case_city_before_the_agency_is_a_dateline():
    assert extract(
        "Orlo (AFP) - The Terevan army denied that its troops had shelled Dalvik on Monday.",
        outlet="AFP",
    ) == [("Terevan army's troops had shelled Dalvik on Monday", "Terevan army", "denies")]


def test_a_city_and_a_long_dash_open_a_dateline():
    assert extract(
        "Dalvik — The Terevan army denied that its troops had shelled the village of Orlo."
    ) == [("Terevan army's troops had shelled the village of Orlo", "Terevan army", "denies")]


def test_a_city_with_outlets_and_a_date_in_brackets_is_a_dateline():
    claims = extract(
        "ORLO (Example Wire / Newsdesk - 03rd May, 2021) The Terevan army denied that its "
        "troops had shelled the village of Dalvik."
    )
    assert claims == [
        ("Terevan army's troops had shelled the village of Dalvik", "Terevan army", "denies")
    ]


def test_unnamed_media_after_the_statement_relay_it():
    claims = extract_claims(
        "The Terevan army said it had retaken the village of Dalvik, state media reported, "
        "citing the army's spokesman.",
        outlet="Example News",
        published_at=PUBLISHED,
    )
    assert [(claim.text, claim.via) for claim in claims] == [
        ("Terevan army had retaken the village of Dalvik", "state media")
    ]


def test_a_quote_with_its_full_stop_after_the_quote_mark_goes_on_with_the_last_quote():
    assert extract(
        '"Throughout the province, there were no clashes on Sunday", said Ilyan Varo.\n\n'
        '"No soldier has been wounded".'
    ) == [
        ("Throughout the province, there were clashes on Sunday", "Ilyan Varo", "denies"),
        ("A soldier has been wounded", "Ilyan Varo", "denies"),
    ]


def test_any_in_a_denied_statement_is_written_as_the_article_it_stands_for():
    assert extract(
        '"There is no record of any ambush near Orlo", said Ilyan Varo. "There was no any '
        'clash between the two sides," he said.'
    ) == [
        ("There is a record of an ambush near Orlo", "Ilyan Varo", "denies"),
        ("There was a clash between the two sides", "Ilyan Varo", "denies"),
    ]


def test_a_rank_written_with_a_hyphen_is_no_organisation_the_speaker_speaks_for():
    claims = extract_claims(
        "Brigadier-General Tamas Ferk, Director, Army Public Relations, said the convoy had "
        "reached Orlo.",
        outlet="Example News",
        published_at=PUBLISHED,
    )
    assert claims[0].source.parent != "Brigadier-General"


def test_they_after_a_singular_subject_is_not_that_subject():
    claims = extract(
        "Ilyan Varo told Reuters that the report had not been confirmed. They were then taken "
        "to Orlo, he said."
    )
    assert not any(text.startswith("The report were") for text, _, _ in claims)


def test_a_noun_phrase_set_against_another_with_not_is_asserted_and_the_other_denied():
    assert extract(
        "The Terevan army said its drone strike had hit a fuel depot, not the clinic, near Orlo."
    ) == [
        ("Terevan army's drone strike had hit a fuel depot near Orlo", "Terevan army", "asserts"),
        ("Terevan army's drone strike had hit the clinic near Orlo", "Terevan army", "denies"),
    ]


def test_the_denied_alternative_reaches_only_to_the_end_of_its_own_clause():
    claims = extract(
        "The Terevan army said its drone strike had hit a fuel depot, not the clinic, and had "
        "spared the market."
    )
    assert ("Terevan army's drone strike had hit the clinic", "Terevan army", "denies") in claims
    assert not any("spared" in text for text, _, stance in claims if stance == "denies")


def test_as_cited_by_after_according_to_names_the_relay():
    claims = extract_claims(
        "According to Col. Ilyan Varo, as cited by the Orlo Times news outlet, the convoy had "
        "reached Dalvik on Sunday.",
        outlet="Example News",
        published_at=PUBLISHED,
    )
    assert [(claim.text, claim.source.name, claim.via) for claim in claims] == [
        ("The convoy had reached Dalvik on Sunday", "Ilyan Varo", "Orlo Times")
    ]


def test_any_before_a_mass_noun_in_a_denied_statement_is_left_out():
    assert extract('"The rebels did not capture any ground near Orlo," said Ilyan Varo.') == [
        ("The rebels captured ground near Orlo", "Ilyan Varo", "denies")
    ]


def test_a_relative_clause_of_speech_gives_the_statement_to_the_noun_it_hangs_on():
    claims = extract(
        "Terevan television broadcast a statement by a council of elders who said the bridge at "
        "Orlo had been reopened."
    )
    assert [(text, stance) for text, source, stance in claims if source.endswith("elders")] == [
        ("The bridge at Orlo had been reopened", "asserts")
    ]


def test_a_speech_verb_after_who_is_not_read_with_the_sentence_before_it_as_its_speaker():
    claims = extract(
        "The newspaper also called the governor of the next province, who also said there had "
        "been no fighting."
    )
    assert not any("called" in source for _, source, _ in claims)
