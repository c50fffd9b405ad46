"""A speaker named in part is the one the article names in full: the first words of a name the
parse cut off, the person after an office that ends in a body's name, the named spokesman of the
body a role names, and a body named again by part of its name. The sentences are written for these
tests."""

from datetime import UTC, datetime

from intake.extraction import extract_claims
from intake.extraction.frames import attribution_frames
from intake.nlp import parse

PUBLISHED = datetime(2024, 12, 7, 9, tzinfo=UTC)


def speakers(text):
    return [
        claim.source.name
        for claim in extract_claims(text, outlet="Reuters", published_at=PUBLISHED)
    ]


def test_the_first_words_of_a_name_the_parse_cut_off_stay_the_speakers():
    text = (
        "Jama'a Nusrat ul-Islam wa al-Muslimin said in a statement that it had kidnapped two "
        "soldiers near Marrow."
    )
    assert speakers(text) == ["Jama'a Nusrat ul-Islam wa al-Muslimin"]


def test_a_time_before_a_name_is_not_taken_for_the_start_of_the_name():
    doc = parse("Yesterday Kestrel said its fighters had seized Marrow.")
    assert [frame.speaker for frame in attribution_frames(doc)] == ["Kestrel"]


def test_an_office_ending_in_a_bodys_name_is_the_role_and_the_person_speaks():
    text = (
        "Chief of the General Staff Jon Velasko said more than 400 Ostrian soldiers had been "
        "taken prisoner in Marrow."
    )
    claims = extract_claims(text, outlet="Reuters", published_at=PUBLISHED)
    assert [(c.source.name, c.source.role) for c in claims] == [
        ("Jon Velasko", "Chief of the General Staff")
    ]


def test_an_unnamed_spokesman_is_the_one_named_for_the_same_body():
    text = (
        "A spokesman for extremist group al-Velor said its fighters killed 51 Ostrian soldiers in "
        "Marrow. Al-Velor spokesman Sheikh Abdi Abu-Karim said the fighters seized military "
        "vehicles. Ostrian military spokesman Jon Doe said the army had retaken Kestrel."
    )
    assert speakers(text) == ["Sheikh Abdi Abu-Karim", "Sheikh Abdi Abu-Karim", "Jon Doe"]


def test_an_unnamed_spokesman_of_another_body_stays_unnamed():
    text = (
        "A spokesman for extremist group al-Velor said its fighters killed 51 Ostrian soldiers in "
        "Marrow. Ostrian military spokesman Jon Doe said the army had retaken Kestrel."
    )
    assert speakers(text) == ["spokesman for extremist group al-Velor", "Jon Doe"]


def test_a_body_named_again_by_part_of_its_name_is_the_one_named_in_full():
    text = (
        "Velorian Tiger rebels said they had killed eleven soldiers in Marrow. The Tigers also "
        "said they had repelled an attack near Kestrel."
    )
    assert speakers(text) == ["Velorian Tiger rebels", "Velorian Tiger rebels"]


def test_a_body_is_not_someone_in_it_named_before():
    text = (
        "A Kestrel official said the group had seized Marrow. Kestrel said its fighters had "
        "taken the airport."
    )
    assert speakers(text) == ["Kestrel official", "Kestrel"]


def test_a_part_shared_by_two_bodies_named_in_full_stays_as_written():
    text = (
        "Velorian Tiger rebels said they had killed eleven soldiers in Marrow. Ostrian Tiger "
        "militants said they had seized Kestrel. The Tigers said they had repelled an attack."
    )
    assert speakers(text)[-1] == "Tigers"
