import pytest
from django.core.exceptions import ValidationError

from sources.models import SourceAlias, SourceRating
from sources.selectors import source_current_grade, source_list, source_resolve, source_root_ids
from sources.services import source_alias_add, source_create, source_parent_set, source_rating_create
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db


def test_every_alias_of_sohr_resolves_to_the_one_source():
    sohr = source_create(
        name="Syrian Observatory for Human Rights",
        kind="monitoring_ngo",
        country="gb",
        aliases=["SOHR", "OSDH", "المرصد السوري لحقوق الإنسان"],
    )
    for name in ("sohr", " OSDH ", "syrian observatory for human rights", "المرصد السوري لحقوق الإنسان", sohr.slug):
        assert source_resolve(name=name) == sohr
    assert sohr.country == "GB"
    assert source_resolve(name="SANA") is None


def test_alias_already_taken_by_another_source_is_refused_with_a_field_error_naming_that_source():
    source_create(name="SOHR")
    other = SourceFactory()
    with pytest.raises(ValidationError) as error:
        source_alias_add(source=other, name="sohr")
    assert error.value.message_dict == {"aliases": ["“SOHR” already goes by “sohr”."]}
    assert not SourceAlias.objects.filter(source=other).exists()


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
        source_parent_set(source=government, parent=sana)
    assert "parent" in error.value.message_dict


def test_newest_rating_is_the_current_grade_and_history_stays(reviewer):
    source = SourceFactory()
    source_rating_create(source=source, grade="B", rationale="Accurate in 2023.", rated_by=reviewer)
    source_rating_create(source=source, grade="D", rationale="Changed hands.", rated_by=reviewer)
    assert source_current_grade(source=source) == "D"
    assert source_list().get(pk=source.pk).current_grade == "D"
    assert SourceRating.objects.filter(source=source).count() == 2


@pytest.mark.parametrize(("grade", "rationale", "field"), [("G", "why", "grade"), ("A", "  ", "rationale")])
def test_bad_rating_is_refused_with_a_field_error(reviewer, grade, rationale, field):
    with pytest.raises(ValidationError) as error:
        source_rating_create(source=SourceFactory(), grade=grade, rationale=rationale, rated_by=reviewer)
    assert field in error.value.message_dict
