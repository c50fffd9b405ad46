"""A statement read whole where the rules used to cut it short or drop it: a relative clause, a
participle phrase or a parenthesis between dashes set off in the middle of the clause said (the
verb after it is the statement's), a simple past the tagger takes for a participle once the clause
is cut from its sentence, a dateline of a city in capitals and its country before a long dash, and
"the following day" between the verb and its clause. The sentences are written for these tests."""

from intake.extraction import extract_claims
from intake.extraction.clauses import without_medial_clauses
from tests.intake.proposals import PUBLISHED
from tests.intake.proposals import proposals as extract


def test_a_relative_clause_on_the_subject_of_the_clause_said_leaves_its_verb():
    claims = extract(
        "Varno said Jon Tavi, who heads the largest party in the coalition, agreed to dissolve "
        "the council."
    )
    assert claims == [("Jon Tavi agreed to dissolve the council", "Varno", "asserts")]


def test_a_participle_phrase_set_off_in_the_middle_leaves_the_verb_after_it():
    claims = extract(
        "The army disclosed that several traders, travelling in a lorry on the Tarsk road over "
        "the weekend, were attacked by unknown gunmen."
    )
    assert claims == [("Several traders were attacked by unknown gunmen", "army", "asserts")]


def test_a_relative_clause_before_a_trailing_relay_leaves_the_statement():
    claims = extract(
        "But the ministry said the transfer of the colonel, who had been seen as a loyalist of "
        "the president, was routine, the Tarsk Herald reported."
    )
    assert claims == [("The transfer of the colonel was routine", "ministry", "asserts")]


def test_a_parenthesis_between_dashes_leaves_the_verb_after_it():
    claims = extract(
        "Their spokesman Jon Tavi told Kavela Radio a northern brigade – which he called the "
        "pride of the army – had been destroyed in an assault at Tarsk."
    )
    assert claims == [
        ("A northern brigade had been destroyed in an assault at Tarsk", "Jon Tavi", "asserts")
    ]


def test_a_clause_closing_the_statement_and_a_comma_before_and_stay():
    assert without_medial_clauses(
        "The rebels seized the town, which lies near Tarsk, and killed 14 soldiers"
    ) == ("The rebels seized the town, and killed 14 soldiers")
    assert without_medial_clauses("The army raided the house, acting on a tip, and left") == (
        "The army raided the house, acting on a tip, and left"
    )
    assert without_medial_clauses("Rebels seized the town, killing 10 people") == (
        "Rebels seized the town, killing 10 people"
    )


def test_a_lower_case_clause_whose_past_tense_reads_as_a_participle_is_still_a_statement():
    claims = extract(
        "A spokesman for the Kavela Front said its fighters killed at least 30 soldiers in an "
        "attack on a base near Tarsk."
    )
    assert [
        (text.endswith("killed at least 30 soldiers in an attack on a base near Tarsk"), source)
        for text, source, _ in claims
    ] == [(True, "spokesman for the Kavela Front")]


def test_a_dateline_of_a_city_and_its_country_before_a_long_dash_is_no_speaker():
    text = (
        "TARSK, Norland — A spokesman for the Kavela Front said its fighters killed at least 30 "
        "soldiers near the town."
    )
    claims = extract_claims(text, outlet="Reuters", published_at=PUBLISHED)
    assert [claim.source.name for claim in claims] == ["spokesman for the Kavela Front"]


def test_a_spokesman_for_a_group_named_with_its_arabic_article_is_not_the_denier():
    # "al-Kavela" is a name: the spokesman is no unnamed source to merge into the one country
    # named, which would have Kenya assert what it denies.
    text = (
        "A spokesman for extremist group al-Kavela said that its fighters had killed at least 30 "
        "soldiers.\n\nBut Kenya denied it."
    )
    claims = extract(text)
    assert {(source, stance) for _, source, stance in claims} == {
        ("spokesman for extremist group al-Kavela", "asserts"),
        ("Kenya", "denies"),
    }


def test_the_following_day_between_the_verb_and_its_clause_is_a_time():
    claims = extract(
        "The Norland Air Force disclosed in a statement the following day that it provided "
        "aerial support to the ground troops."
    )
    assert claims == [
        (
            "Norland Air Force provided aerial support to the ground troops",
            "Norland Air Force",
            "asserts",
        )
    ]


def test_an_assertion_still_holding_cannot_is_not_proposed():
    claims = extract(
        '"The government cannot under any circumstances target convoys carrying aid," the army '
        "said."
    )
    assert all(stance != "asserts" or "cannot" not in text for text, _, stance in claims)


def test_predicates_joined_by_and_end_where_the_next_begins():
    claims = extract(
        "Kavela rebels said they had taken control of a town on the Norland border and killed "
        "14 soldiers in the fighting, an account the government called ridiculous."
    )
    texts = [text for text, _, _ in claims]
    assert "Kavela rebels had taken control of a town on the Norland border" in texts
    assert "Kavela rebels killed 14 soldiers in the fighting" in texts


def test_a_speech_participle_after_a_verb_of_another_kind_is_its_subjects_statement():
    claims = extract("The Norland army called for calm, insisting that its troops held Tarsk.")
    assert claims == [("Norland army's troops held Tarsk", "Norland army", "asserts")]


def test_a_speech_participle_after_with_is_its_own_subjects_statement():
    claims = extract(
        "Shelling continued overnight, with residents saying that at least ten homes in Tarsk "
        "were destroyed."
    )
    assert claims == [("At least ten homes in Tarsk were destroyed", "residents", "asserts")]


def test_the_source_of_according_to_says_what_its_relative_clause_says():
    claims = extract(
        "About 30 people were killed in Tarsk, according to the Kavela Observatory, which said "
        "that the army had shelled the market."
    )
    assert sorted(claims) == [
        ("About 30 people were killed in Tarsk", "Kavela Observatory", "asserts"),
        ("The army had shelled the market", "Kavela Observatory", "asserts"),
    ]


def test_a_second_speaker_joined_to_a_trailing_attribution_is_read():
    claims = extract(
        "Norland troops have captured the village of Kavelo, the Norland defence ministry said on "
        "Sunday, but the Kavela Front said its fighters were repelling attacks there."
    )
    assert (
        "Norland troops have captured the village of Kavelo",
        "Norland defence ministry",
        "asserts",
    ) in claims
    assert (
        "Kavela Front's fighters were repelling attacks there",
        "Kavela Front",
        "asserts",
    ) in claims
