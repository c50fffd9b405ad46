"""A speaker named by a role and a surname, or by "the spokesman", is the one the article names or
introduces elsewhere. The sentences are written for these tests."""

from datetime import UTC, datetime

from intake.extraction import extract_claims

PUBLISHED = datetime(2024, 12, 7, 9, tzinfo=UTC)


def speakers(text, outlet="Reuters"):
    return [
        claim.source.name for claim in extract_claims(text, outlet=outlet, published_at=PUBLISHED)
    ]


def test_a_role_and_a_surname_is_the_person_named_in_full_before():
    assert speakers(
        "Guard spokesman Brigadier General Anto Marek Vell said on Monday that two soldiers had "
        "been killed near Marrow. Guard spokesman Vell later denied that the soldiers had burned "
        "the market in Marrow."
    ) == ["Anto Marek Vell", "Anto Marek Vell"]


def test_a_role_and_a_surname_is_the_person_the_article_names_in_full_later():
    assert speakers(
        "Guard spokesman Vell denied that soldiers had burned the market in Marrow. Brigadier "
        "General Anto Marek Vell told Reuters the soldiers had left Marrow on Sunday."
    ) == ["Anto Marek Vell", "Anto Marek Vell"]


def test_a_role_and_a_surname_stays_as_written_when_two_people_share_the_surname():
    assert speakers(
        "Anto Vell and Mira Vell run the market in Marrow. Guard spokesman Vell denied that "
        "soldiers had burned the market in Marrow."
    )[-1:] == ["Guard spokesman Vell"]


def test_the_spokesman_is_the_one_an_earlier_sentence_introduced():
    # The agency quoted him; he had not spoken as a speaker of his own yet.
    assert speakers(
        "The rebels said they had taken Marrow, the state news agency reported, quoting a guard "
        'spokesman. "The soldiers had left the market in Marrow before noon," the spokesman said.'
    ) == ["rebels", "guard spokesman"]


def test_the_spokesman_stays_as_written_when_no_one_was_introduced():
    assert speakers(
        "The rebels said they had taken Marrow on Sunday. "
        '"The soldiers had left the market in Marrow before noon," the spokesman said.'
    ) == ["rebels", "spokesman"]


def test_a_named_body_of_another_body_speaks_under_its_own_name():
    claims = extract_claims(
        "The Kestrel news website of the Velor Front had earlier said that air strikes hit Marrow.",
        outlet="Reuters",
        published_at=PUBLISHED,
    )
    assert [(claim.source.name, claim.source.parent) for claim in claims] == [
        ("Kestrel news website", "Velor Front")
    ]
    # A ministry's name holds "of the" and no kind after a name.
    assert speakers("The Ministry of the Interior said two men had been arrested in Marrow.") == [
        "Ministry of the Interior"
    ]


def test_a_country_of_two_words_is_written_with_both_capitals():
    assert speakers(
        "Fighting went on in northern Sri Lanka on Sunday. The military said its troops had "
        "retaken Mannar."
    )[-1:] == ["Sri Lankan military"]


def test_a_surname_is_the_full_name_without_its_abbreviated_titles():
    assert speakers(
        "Maj Gen Anto Vell said on Monday that two soldiers had been killed near Marrow. Vell "
        "said the firing stopped at dawn in Marrow."
    ) == ["Anto Vell", "Anto Vell"]


def test_an_unnamed_national_spokesman_is_the_country_s_spokesman_still():
    assert speakers(
        "Fighting went on in northern Sri Lanka on Sunday. The air force attacked a rebel camp in "
        "Mannar, said a military spokesman."
    )[-1:] == ["Sri Lankan military spokesman"]
