"""The speaker's name read off the parse of its subject: what only describes the name is left out,
a name in apposition beside the verb speaks, a report speaks for its owner. The sentences are
written for these tests."""

from datetime import UTC, datetime

import pytest

from intake.extraction import extract_claims

PUBLISHED = datetime(2024, 12, 7, 9, tzinfo=UTC)


def speakers(text, outlet="Reuters"):
    return [
        claim.source.name for claim in extract_claims(text, outlet=outlet, published_at=PUBLISHED)
    ]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A participle after the name describes who the speakers are.
        (
            "Velorian rebels backed by the Ostrian army said on Friday they had retaken Marrow.",
            "Velorian rebels",
        ),
        # A lower-case adjective before a proper name.
        (
            "The Velorian Liberation Front (VLF) was founded in Marrow. The battle-hardened VLF "
            "said its fighters had retaken Marrow.",
            "Velorian Liberation Front",
        ),
        # A country owning a one-word name, and a noun of kind after the name.
        ("Norway's Kestrel group said its fighters had retaken Marrow.", "Kestrel"),
        (
            "The Morning Star of Velor outlet reported troops had burned the market in Marrow.",
            "Morning Star of Velor",
        ),
        # A report speaks for its owner.
        (
            "The Ostrian defence ministry's false report claimed that two of its soldiers were "
            "wounded near Marrow.",
            "Ostrian defence ministry",
        ),
    ],
)
def test_what_describes_a_name_is_not_the_speaker(text, speaker):
    assert speakers(text)[:1] == [speaker]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A national body's name keeps its country, and so does a common noun.
        (
            "Ostria's Defence Ministry said its troops had retaken Marrow.",
            "Ostria's Defence Ministry",
        ),
        (
            "Ostria's foreign ministry said its troops had retaken Marrow.",
            "Ostria's foreign ministry",
        ),
        # A country adjective is part of the name.
        (
            "The Velorian-backed Kestrel Brigade said its fighters had retaken Marrow.",
            "Kestrel Brigade",
        ),
        (
            "Police in Ostrian-held Marrow said two men had been arrested.",
            "Police in Ostrian-held Marrow",
        ),
    ],
)
def test_a_name_keeps_the_words_that_tell_it_apart(text, speaker):
    assert speakers(text)[:1] == [speaker]


def test_a_name_in_apposition_before_the_verb_speaks_for_a_described_title():
    claims = extract_claims(
        "A doctor working in Bel Arro's hospital, Marek Tosh-lin, said there had been no rebel "
        'attack there on Sunday. "Everything is quiet," he told Reuters.',
        outlet="Reuters",
        published_at=PUBLISHED,
    )
    assert [(claim.source.name, claim.stance) for claim in claims] == [
        ("Marek Tosh-lin", "denies"),
        ("Marek Tosh-lin", "asserts"),
    ]


def test_a_name_in_apposition_speaks_when_the_parse_gives_no_noun_as_subject():
    assert speakers(
        "In Sunday's raid, the latest by insurgents trying to topple President Arno Vask, the "
        "rebel Union for Velorian Renewal (UVR) said it seized Marrow and two villages nearby."
    ) == ["Union for Velorian Renewal"]


def test_a_possessive_is_not_taken_for_a_first_name():
    assert set(
        speakers(
            "Norway's Kestrel group has denied that its fighters shelled Marrow. Kestrel said the "
            "shelling came from the army."
        )
    ) == {"Kestrel"}


def test_the_statement_said_is_the_statement_of_the_last_source_named():
    claims = extract_claims(
        "In a statement on Monday, the Velorian Border Command said the bridge at Marrow was "
        'intact.\n\n"Engineers repaired the eastern span overnight. The bridge did not '
        'collapse," the statement said.',
        outlet="Reuters",
        published_at=PUBLISHED,
    )
    assert [(claim.source.name, claim.stance, claim.text) for claim in claims] == [
        ("Velorian Border Command", "asserts", "The bridge at Marrow was intact"),
        ("Velorian Border Command", "asserts", "Engineers repaired the eastern span overnight"),
        ("Velorian Border Command", "denies", "The bridge collapsed"),
    ]


def test_the_statement_said_is_the_source_named_last_not_the_last_named_first():
    # The Velorian army spoke last; the agency had been named after it first and spoke before.
    text = (
        "The Velorian army said on Monday it had struck a depot near Marrow, the agency Kavela "
        "Press reported. The strike came despite the truce, Kavela Press notes. The Velorian "
        "army said it had carried out a precise strike against a fighter in Marrow. The "
        "statement said that the fighter was preparing an attack on the bridge."
    )
    assert speakers(text)[-1] == "Velorian army"


def test_the_statement_is_the_one_named_in_the_sentence_before_not_the_last_speakers():
    # "According to a statement by" reads no speaker frame: the Guard spoke last, the ministry's
    # statement was named last.
    text = (
        "The Border Ministry and the Velorian Guard have denied that Marrow had fallen. According "
        "to a statement by the Border Ministry, the rebel claims are baseless. The statement "
        "further added that the brigade is still based in Marrow."
    )
    assert speakers(text)[-1] == "Border Ministry"


def test_the_statement_with_no_source_named_before_is_no_speaker():
    assert "statement" not in speakers(
        '"Engineers repaired the eastern span at Marrow overnight," the statement said.'
    )


@pytest.mark.parametrize(
    ("text", "speaker", "role"),
    [
        # The title's adjectives are the role's.
        (
            "Former Ostrian Prime Minister Arno Vask said the army had rigged the vote.",
            "Arno Vask",
            "Former Ostrian Prime Minister",
        ),
        # A name in apposition inside a relative clause is the clause's object's.
        (
            "Villagers who reached the district town, Kesselby, said their houses had been burned.",
            "Villagers",
            "",
        ),
    ],
)
def test_a_title_and_a_relative_clause_keep_their_words(text, speaker, role):
    [claim] = extract_claims(text, outlet="Reuters", published_at=PUBLISHED)
    assert (claim.source.name, claim.source.role, claim.source.descriptors) == (speaker, role, [])


def test_an_alias_given_with_known_as_stays_the_speakers():
    [claim] = extract_claims(
        "Velorian commander Arno Vaskov, known as Kestrel, said his fighters had retaken Marrow.",
        outlet="Reuters",
        published_at=PUBLISHED,
    )
    assert (claim.source.name, claim.source.aliases) == ("Arno Vaskov", ["Kestrel"])


def test_a_body_named_through_its_statement_speaks_as_the_body():
    claims = extract_claims(
        "The Colombian army did not mine the bridge at Kesso, the statement of the Colombian "
        "Defense Ministry said.",
        outlet="Valdan Wire",
        published_at=PUBLISHED,
    )
    assert [claim.source.name for claim in claims] == ["Colombian Defense Ministry"]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Georgia said Russian tanks had entered the town of Kesso.", "Georgia"),
        ("Peru's military denied that the Kesso bridge had been mined.", "Peru's military"),
    ],
)
def test_a_country_or_its_possessive_speaks_as_written(sentence, speaker):
    claims = extract_claims(sentence, outlet="Valdan Wire", published_at=PUBLISHED)
    assert [claim.source.name for claim in claims] == [speaker]


@pytest.mark.parametrize(
    ("text", "speaker", "kind"),
    [
        (
            "The Kavela rebel group said eight soldiers were killed in Olda.",
            "Kavela",
            "armed_group",
        ),
        (
            "The Blue Lanterns civil defence group said its teams had found bodies in Olda.",
            "Blue Lanterns",
            "other",
        ),
        (
            "The Morning Star paper reported that two soldiers were killed in Olda.",
            "Morning Star",
            None,
        ),
        # An adjective of a people is no name: the group stays a group.
        ("A Palestinian group said it had fired rockets at Kesso.", "Palestinian group", None),
    ],
)
def test_the_kind_of_body_written_after_a_name_is_not_part_of_it(text, speaker, kind):
    claims = extract_claims(text, outlet="Reuters", published_at=PUBLISHED)
    assert [claim.source.name for claim in claims] == [speaker]
    if kind:
        # The kind is still read off the name as written: no person.
        assert claims[0].source.kind == kind


@pytest.mark.parametrize(
    ("text", "speaker", "parent"),
    [
        # The article "al" of an Arabic name written without its hyphen is a word of the name.
        (
            "The brigade's commander Hamid al Saadi said his fighters had shelled the convoy.",
            "Hamid al Saadi",
            None,
        ),
        # A person named with the body they belong to: the body is their parent.
        (
            "Arno Vell of the Kavela Front said rebels fired rockets at the motorcade.",
            "Arno Vell",
            "Kavela Front",
        ),
        # A company described before its name, as an outlet is.
        ("Danish shipping firm Norvik Lines said the vessel was unharmed.", "Norvik Lines", None),
    ],
)
def test_a_description_or_a_body_beside_a_name_is_not_part_of_it(text, speaker, parent):
    claims = extract_claims(text, outlet="Reuters", published_at=PUBLISHED)
    assert [claim.source.name for claim in claims] == [speaker]
    if parent:
        assert claims[0].source.parent == parent


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Fighting went on in northern Chad on Sunday. The Army said its troops had retaken "
            "Olda.",
            "Chadian Army",
        ),
        (
            "Fighting went on in northern Chad on Sunday. The country's military said its troops "
            "had retaken Olda.",
            "Chadian military",
        ),
        (
            "Fighting went on in northern Chad on Sunday. A government official said the rebels "
            "had withdrawn from Olda.",
            "Chadian government official",
        ),
        (
            "Fighting went on in northern Chad on Sunday. The health ministry said 12 people had "
            "been killed in Olda.",
            "Chadian health ministry",
        ),
    ],
)
def test_an_unnamed_national_body_is_the_country_the_article_names(text, speaker):
    # The opening sentence may be the outlet's own statement; the speaker is the last one's.
    assert speakers(text)[-1:] == [speaker]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # With two countries named, the one the article names most (session 20 measured this rule
        # against "only when exactly one country is named": it kept more right on real copy).
        (
            "Troops of Chad and Sudan clashed at the border on Sunday. Sudan said the clash began "
            "at dawn in Olda. The Army said its troops had retaken Olda.",
            "Sudanese Army",
        ),
        (
            "Troops of Chad and Sudan clashed at the border on Sunday. Sudan said the clash began "
            "at dawn in Olda. The country's military said its troops had retaken Olda.",
            "Sudanese military",
        ),
        # An article that names no country leaves the body as written.
        (
            "Troops clashed at the border near Olda on Sunday. The Army said its troops had "
            "retaken Olda.",
            "Army",
        ),
        (
            "Troops clashed at the border near Olda on Sunday. The country's military said its "
            "troops had retaken Olda.",
            "country's military",
        ),
        # Officials alone may be a province's or an agency's.
        (
            "Fighting went on in northern Chad on Sunday. Local officials said the rebels had "
            "withdrawn from Olda.",
            "Local officials",
        ),
    ],
)
def test_an_unnamed_national_body_is_the_country_named_most_or_stays_as_written(text, speaker):
    # The opening sentence may be the outlet's own statement; the speaker is the last one's.
    assert speakers(text)[-1:] == [speaker]
