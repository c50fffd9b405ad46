"""factcheck.models.BaseModel validates a row's check constraints in one query, with the verdicts
Django's own constraint-by-constraint validation gives."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from claims.models import Citation, Claim
from factcheck.text import CLAIM_MAX_TAGS
from sources.models import SourceAlias
from tests.factories import ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db


def violated_one_by_one(instance, exclude=None):
    """The check constraints Django's own CheckConstraint.validate refuses, one query each."""
    violated = set()
    for model_class, constraints in instance.get_constraints():
        for constraint in constraints:
            if not isinstance(constraint, models.CheckConstraint):
                continue
            try:
                constraint.validate(model_class, instance, exclude=exclude)
            except ValidationError:
                violated.add(constraint.name)
    return violated


def violated_in_one_query(instance, exclude=None):
    checks = {
        constraint.get_violation_error_message(): constraint.name
        for _, constraints in instance.get_constraints()
        for constraint in constraints
        if isinstance(constraint, models.CheckConstraint)
    }
    try:
        instance.validate_constraints(exclude=exclude)
    except ValidationError as error:
        return {checks[message] for message in error.messages if message in checks}
    return set()


def broken_rows():
    source = SourceFactory()
    now = timezone.now()
    return [
        Claim(text="A valid claim about Hama", topic="syria"),
        Claim(text=" \u200b ", topic="syria"),
        Claim(text="Too many tags", topic="syria", tags=["t"] * (CLAIM_MAX_TAGS + 1)),
        Claim(text="Odd status", topic="syria", status="maybe", credibility=9),
        Claim(
            text="Ends before it starts",
            topic="syria",
            about_start=now,
            about_end=now - timezone.timedelta(days=1),
        ),
        Citation(claim=ClaimFactory(), source=source, via=source, stance="implies", url="x"),
        # PostgreSQL cannot take a NUL in text: the one query fails, and the conditions are asked
        # one by one as Django asks them (each fails too and is left to the database's check).
        Claim(text="Hama\x00fell", topic="syria", status="maybe"),
        SourceAlias(source=source, name="   "),
    ]


def test_one_query_refuses_exactly_the_check_constraints_django_refuses_one_by_one():
    for instance in broken_rows():
        assert violated_in_one_query(instance) == violated_one_by_one(instance), instance


def test_the_cases_above_break_several_different_constraints():
    broken = set().union(*(violated_one_by_one(instance) for instance in broken_rows()))

    assert {"claim_text_not_blank", "claim_tags_count", "claim_status_valid"} <= broken
    assert {"citation_stance_valid", "citation_via_not_source"} <= broken


def test_a_check_on_an_excluded_field_is_skipped_as_django_skips_it():
    blank = Claim(text="   ", topic="syria")

    assert violated_in_one_query(blank, exclude={"text"}) == set()
    assert violated_one_by_one(blank, exclude={"text"}) == set()


def test_a_claims_check_constraints_are_validated_in_one_query():
    claim = Claim(text="Regime forces left Hama", topic="syria")
    checks = sum(
        isinstance(constraint, models.CheckConstraint) for constraint in Claim._meta.constraints
    )

    with CaptureQueriesContext(connection) as queries:
        claim.validate_constraints()

    assert checks > 5
    condition_queries = [q for q in queries.captured_queries if "COALESCE" in q["sql"]]
    assert len(condition_queries) == 1
    assert condition_queries[0]["sql"].count("COALESCE") == checks
