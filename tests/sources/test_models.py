"""Each rule on sources is enforced by the database itself, whatever path the write takes."""

import pytest
from django.db import IntegrityError, ProgrammingError, connection, transaction

from factcheck.text import LONG_TEXT_MAX_LENGTH
from sources.models import Source, SourceAlias, SourceRating
from tests.factories import SourceAliasFactory, SourceFactory, SourceRatingFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_duplicate_alias_differing_only_in_case_and_spaces_is_rejected_by_database():
    SourceAliasFactory(name="SOHR")
    with pytest.raises(IntegrityError, match="source_alias_name_ci_unique"):
        SourceAlias.objects.create(source=SourceFactory(), name="  sohr ")


def test_invalid_grade_is_rejected_by_database():
    with pytest.raises(IntegrityError, match="rating_grade_valid"):
        SourceRatingFactory(grade="G")


def test_rating_without_rationale_is_rejected_by_database():
    with pytest.raises(IntegrityError, match="rating_rationale_required"):
        SourceRatingFactory(rationale="   ")


@pytest.mark.parametrize("name", ["\u200b\u200b", "\u202e", " \u00a0\u2060 "])
def test_source_and_alias_names_showing_nothing_are_rejected_by_database(name):
    with pytest.raises(IntegrityError, match="source_name_not_blank"), transaction.atomic():
        Source.objects.create(name=name, slug="invisible")
    with pytest.raises(IntegrityError, match="source_alias_name_not_blank"):
        SourceAlias.objects.create(source=SourceFactory(), name=name)


def test_rating_rationale_showing_nothing_or_too_long_is_rejected_by_database():
    with pytest.raises(IntegrityError, match="rating_rationale_required"), transaction.atomic():
        SourceRatingFactory(rationale="\u200b\ufeff")
    with pytest.raises(IntegrityError, match="rating_rationale_length"):
        SourceRatingFactory(rationale="x" * (LONG_TEXT_MAX_LENGTH + 1))


def test_rating_cannot_be_edited_or_deleted_even_with_raw_sql():
    rating = SourceRatingFactory()
    for statement in (
        "UPDATE sources_sourcerating SET grade = 'A' WHERE id = %s",
        "DELETE FROM sources_sourcerating WHERE id = %s",
    ):
        with pytest.raises(ProgrammingError, match="Cannot update or delete"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(statement, [rating.pk])
    assert SourceRating.objects.get(pk=rating.pk).grade == rating.grade


def test_country_must_be_an_iso_alpha2_code():
    with pytest.raises(IntegrityError, match="source_country_iso_alpha2"):
        Source.objects.create(name="SANA", slug="sana", country="sy")


def test_unknown_source_kind_is_rejected_by_database():
    with pytest.raises(IntegrityError, match="source_kind_valid"):
        Source.objects.create(name="A blog", slug="a-blog", kind="blogger")


def test_source_cannot_be_its_own_parent():
    source = SourceFactory()
    source.parent = source
    with pytest.raises(IntegrityError, match="own ancestor"):
        source.save()


def test_affiliation_cycle_is_rejected_by_database_trigger():
    government = SourceFactory(name="Syrian government")
    sana = SourceFactory(name="SANA", parent=government)
    with pytest.raises(IntegrityError, match="own ancestor"):
        Source.objects.filter(pk=government.pk).update(parent=sana)


def test_rating_is_recorded_in_the_audit_trail_with_its_values():
    rating = SourceRatingFactory(grade="C", rated_by=UserFactory())
    event = rating.events.get()
    assert (event.pgh_label, event.grade) == ("insert", "C")
