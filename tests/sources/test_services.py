import pytest
from django.core.exceptions import ValidationError

from claims.models import RecomputeRequest
from sources.models import SourceAlias, SourceRating
from sources.selectors import source_current_grade, source_list, source_resolve, source_root_ids
from sources.services import source_alias_add, source_create, source_rating_create, source_update
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db


def test_every_alias_of_sohr_resolves_to_the_one_source():
    sohr = source_create(
        name="Syrian Observatory for Human Rights",
        kind="monitoring_ngo",
        country="gb",
        aliases=["SOHR", "OSDH", "المرصد السوري لحقوق الإنسان"],
    )
    for name in (
        "sohr",
        " OSDH ",
        "syrian observatory for human rights",
        "المرصد السوري لحقوق الإنسان",
        sohr.slug,
    ):
        assert source_resolve(name=name) == sohr
    assert sohr.country == "GB"
    assert source_resolve(name="SANA") is None


def test_alias_already_taken_by_another_source_is_refused_with_a_field_error_naming_that_source():
    source_create(name="SOHR")
    other = SourceFactory()
    with pytest.raises(ValidationError) as error:
        source_alias_add(source=other, name="sohr")
    assert error.value.message_dict == {"aliases": ["“SOHR” already goes by “sohr”."]}
    aliases = SourceAlias.objects.filter(source=other).values_list("name", flat=True)
    assert list(aliases) == [other.name]


def test_source_with_a_taken_alias_is_not_half_created():
    source_create(name="SANA")
    with pytest.raises(ValidationError):
        source_create(name="Syrian Arab News Agency", aliases=["sana"])
    assert source_resolve(name="Syrian Arab News Agency") is None


def test_aliases_repeating_the_name_in_another_case_are_registered_once():
    shabaab = source_create(name="al-Shabaab", aliases=["Al-Shabaab", " al-shabaab", "al-Shabab"])

    assert sorted(shabaab.aliases.values_list("name", flat=True)) == ["al-Shabaab", "al-Shabab"]
    assert source_resolve(name="AL-SHABAAB") == shabaab


def test_slugs_stay_unique_for_sources_with_the_same_name():
    first = source_create(name="Al Watan")
    second = source_create(name="Al-Watan ", aliases=["Al Watan (Oman)"])
    assert (first.slug, second.slug) == ("al-watan", "al-watan-2")


def test_affiliated_sources_share_a_root():
    government = SourceFactory(name="Syrian government")
    sana = SourceFactory(name="SANA", parent=government)
    state_tv = SourceFactory(name="Syrian state TV", parent=government)
    reporter = SourceFactory(name="SANA correspondent", parent=sana)
    sohr = SourceFactory(name="SOHR")
    roots = source_root_ids(source_ids=[sana.pk, state_tv.pk, reporter.pk, sohr.pk, government.pk])
    assert roots == {
        sana.pk: government.pk,
        state_tv.pk: government.pk,
        reporter.pk: government.pk,
        government.pk: government.pk,
        sohr.pk: sohr.pk,
    }


def test_affiliation_loop_is_refused_with_a_field_error():
    government = SourceFactory()
    sana = SourceFactory(parent=government)
    with pytest.raises(ValidationError) as error:
        source_update(source=government, data={"parent": sana})
    assert "parent" in error.value.message_dict


def test_newest_rating_is_the_current_grade_and_history_stays(reviewer):
    source = SourceFactory()
    source_rating_create(source=source, grade="B", rationale="Accurate in 2023.", rated_by=reviewer)
    source_rating_create(source=source, grade="D", rationale="Changed hands.", rated_by=reviewer)
    assert source_current_grade(source=source) == "D"
    assert source_list().get(pk=source.pk).current_grade == "D"
    assert SourceRating.objects.filter(source=source).count() == 2


@pytest.mark.parametrize(
    ("grade", "rationale", "field"), [("G", "why", "grade"), ("A", "  ", "rationale")]
)
def test_bad_rating_is_refused_with_a_field_error(reviewer, grade, rationale, field):
    with pytest.raises(ValidationError) as error:
        source_rating_create(
            source=SourceFactory(), grade=grade, rationale=rationale, rated_by=reviewer
        )
    assert field in error.value.message_dict


def test_moving_a_source_to_another_affiliation_queues_a_recompute_of_both_families():
    government = SourceFactory(name="Syrian government")
    sana = SourceFactory(name="SANA", parent=government)
    state_tv = SourceFactory(name="Syrian state TV", parent=government)
    opposition = SourceFactory(name="Syrian opposition")

    source_update(source=sana, data={"parent": opposition})

    request = RecomputeRequest.objects.get()
    assert request.reason == "affiliation"
    assert request.source_ids == sorted([government.pk, sana.pk, state_tv.pk, opposition.pk])
    sana.refresh_from_db()
    assert sana.parent == opposition


def test_renaming_a_source_registers_the_new_name_and_queues_a_recompute():
    sana = source_create(name="SANA")

    source_update(source=sana, data={"name": "\u200bSyrian Arab News Agency "})

    assert sana.name == "Syrian Arab News Agency"
    assert source_resolve(name="syrian arab news agency") == sana
    assert source_resolve(name="SANA") == sana
    assert RecomputeRequest.objects.get().source_ids == [sana.pk]


def test_renaming_a_source_to_another_sources_name_is_a_name_error():
    source_create(name="SOHR")
    other = source_create(name="Other monitor")

    with pytest.raises(ValidationError) as error:
        source_update(source=other, data={"name": "sohr"})

    assert list(error.value.message_dict) == ["name"]


def test_changes_that_move_no_figure_queue_no_recompute():
    sana = SourceFactory(name="SANA")

    source_update(
        source=sana,
        data={"kind": "state_media", "country": "sy", "domains": ["SANA.sy"], "parent": None},
    )

    sana.refresh_from_db()
    assert (sana.kind, sana.country, sana.domains) == ("state_media", "SY", ["sana.sy"])
    assert not RecomputeRequest.objects.exists()


def test_fields_a_source_update_does_not_own_are_refused():
    with pytest.raises(ValidationError) as error:
        source_update(source=SourceFactory(), data={"created_at": None})
    assert list(error.value.message_dict) == ["created_at"]


INVISIBLE = ["\u200b\u200c", "\u202e\u202c", "\u2060\ufeff", "\u3164"]


@pytest.mark.parametrize("invisible", INVISIBLE)
def test_names_aliases_and_rationales_showing_nothing_are_field_errors(reviewer, invisible):
    source = SourceFactory()
    writes = {
        "name": lambda: source_create(name=invisible),
        "aliases": lambda: source_alias_add(source=source, name=invisible),
        "rationale": lambda: source_rating_create(
            source=source, grade="B", rationale=invisible, rated_by=reviewer
        ),
    }
    for field, write in writes.items():
        with pytest.raises(ValidationError) as error:
            write()
        assert list(error.value.message_dict) == [field]
    with pytest.raises(ValidationError) as error:
        source_update(source=source, data={"name": invisible})
    assert list(error.value.message_dict) == ["name"]
