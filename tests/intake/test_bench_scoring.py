"""bench/intake.py's alignment of a proposal with a label: strict about places and numbers, but a
number or place the label holds counts as held however the label writes it."""

import importlib.util

import pytest

from tests.conftest import INTAKE_DATA


def _bench():
    spec = importlib.util.spec_from_file_location(
        "bench_intake", INTAKE_DATA.parents[2] / "bench" / "intake.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("proposal", "label"),
    [
        (
            "More than 12,500 people had left the valley since 2019",
            "More than 12,500 people had left the valley since 2019",
        ),
        ("A 14-year-old girl was injured in the shelling", "A 14-year-old girl was injured"),
        (
            "Patrols had seen signs of a build-up along the Chad-Niger border near Niger",
            "Patrols had seen signs of a build-up along the Chad-Niger border",
        ),
    ],
)
def test_a_number_or_place_written_alike_in_the_label_is_held_by_it(proposal, label):
    assert _bench().text_agrees(proposal, label)[0]


@pytest.mark.parametrize(
    ("proposal", "label"),
    [
        ("The brigade redeployed outside Tarim", "The brigade redeployed outside Ostrava"),
        (
            "More than 12,500 people had left the valley",
            "More than 2,500 people had left the valley",
        ),
    ],
)
def test_a_place_or_number_missing_from_the_label_does_not_align(proposal, label):
    assert not _bench().text_agrees(proposal, label)[0]


def test_between_two_labels_alike_a_proposal_aligns_with_the_one_from_its_source(tmp_path):
    bench = _bench()
    article = tmp_path / "claimant.yaml"
    article.write_text(
        "outlet: Reuters\n"
        "published_at: 2024-12-07T09:00:00Z\n"
        "known: {}\n"
        "sentences:\n"
        "  - The army denied accusations by the Northern Front that it shelled a market in Tarvo.\n"
        "claims:\n"
        "  - {text: The army shelled a market in Tarvo, source: army, stance: denies, match: new}\n"
        "  - {text: The army shelled a market in Tarvo, source: Northern Front, stance: asserts,"
        " match: new}\n"
    )
    result = bench.evaluate(article, [], bench.SourceNames([]), [])
    assert (result.extraction.tp, result.extraction.fp, result.inversions) == (2, 0, 0)


@pytest.mark.parametrize(
    ("proposed", "labelled"),
    [
        ("Al-Jazeera", "Al Jazeera"),
        ("Chad's government", "the Chadian government"),
        ("U.S. military", "American military"),
    ],
)
def test_a_speaker_spelled_otherwise_is_the_same_speaker(proposed, labelled):
    assert _bench().SourceNames([]).same(proposed, labelled)


@pytest.mark.parametrize(
    ("proposed", "labelled"),
    [
        ("Moscow: The Kremlin", "Kremlin"),
        ("Kremlin", "Russia"),
        ("FARC rebel group", "FARC"),
    ],
)
def test_a_speaker_named_with_other_words_is_another_speaker(proposed, labelled):
    assert not _bench().SourceNames([]).same(proposed, labelled)


def test_the_at_of_a_name_after_an_apostrophe_is_no_preposition_of_place():
    # "Jama'at Kavela" names a group, not a place "Kavela" the label would have to hold.
    assert _bench().text_agrees(
        "Jama'at Kavela's fighters had seized the Olda post", "JK fighters had seized the Olda post"
    )[0]


@pytest.mark.parametrize(
    ("proposed", "labelled", "same"),
    [
        ("Tarvia's military", "Tarvian military", False),
        ("Colombia's military", "the Colombian military", True),
        ("Israel's defence ministry", "Israeli defence ministry", True),
        ("local officials", "Afghan local officials", False),
        ("Colombia", "Colombian government", False),
    ],
)
def test_a_country_or_its_adjective_make_one_name_but_a_subset_is_another(proposed, labelled, same):
    assert _bench().SourceNames([]).same(proposed, labelled) is same


@pytest.mark.parametrize(
    ("proposed", "labelled", "same"),
    [
        ("Ministry of Defense", "Defense Ministry", True),
        ("the Tarvian Ministry of Defence", "Tarvian Defense Ministry", True),
        ("Ministry of Foreign Affairs", "the Foreign Affairs Ministry", True),
        ("health authorities in Gaza", "Gaza health authorities", True),
        ("Local Government in Helmand", "Helmand local government", True),
        # Word order and spelling only: a word more or less is another name.
        ("Ministry of Defense", "Tarvian Defense Ministry", False),
        ("Ministry of Defense", "Ministry of Interior", False),
        ("health authorities in Gaza", "health authorities", False),
        ("Hamas radio station in the Gaza Strip", "Hamas radio station", False),
    ],
)
def test_a_ministry_of_or_a_body_in_a_place_is_one_name_in_either_order(proposed, labelled, same):
    assert _bench().SourceNames([]).same(proposed, labelled) is same


@pytest.mark.parametrize(
    ("proposal", "label", "agrees"),
    [
        # The reader writes the year out; the label leaves it to the article's date.
        ("Troops left Kessa on 9 January 2015", "Troops left Kessa on January 9", True),
        ("Troops left Kessa on 9 January 2015", "Troops left Kessa on 9 January", True),
        # Another year, or another day, is another date.
        ("Troops left Kessa on 9 January 2015", "Troops left Kessa on January 9, 2014", False),
        ("Troops left Kessa on 9 January 2015", "Troops left Kessa on January 8", False),
    ],
)
def test_a_year_written_out_after_a_day_the_label_names_is_held_by_it(proposal, label, agrees):
    assert _bench().text_agrees(proposal, label)[0] is agrees


@pytest.mark.parametrize(
    ("proposal", "label", "speaker", "agrees"),
    [
        # The reader names the speaker in full where the article said "it"; the label, by the
        # same speaker, names its body and leaves the country to its source.
        (
            "Chad's army lost the town of Kessa",
            "The army lost the town of Kessa",
            "Chad's army",
            True,
        ),
        # The speaker is not the label's: the country is a place the label does not hold.
        ("Chad's army lost the town of Kessa", "The army lost the town of Kessa", "", False),
        # A label about another subject: the country counts.
        (
            "Chad's foreign ministry amounted to an occupation of Kessa",
            "Olda's move amounted to an occupation of Kessa",
            "Chad's foreign ministry",
            False,
        ),
    ],
)
def test_the_country_of_a_speaker_named_in_its_statement_is_held_by_a_label_naming_its_body(
    proposal, label, speaker, agrees
):
    assert _bench().text_agrees(proposal, label, speaker=speaker)[0] is agrees
