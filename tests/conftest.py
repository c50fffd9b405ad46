"""The shared test world: named users with stated roles, built with factories."""

import pytest

from tests.factories import UserFactory


@pytest.fixture
def reviewer(db):
    """A desk reviewer: staff (may use the admin), in the reviewer group, not a superuser."""
    return UserFactory(username="rhea-reviewer", is_staff=True, roles=["reviewer"])


@pytest.fixture
def journalist(db):
    """A journalist: uses the API, in the journalist group, no admin access."""
    return UserFactory(username="jo-journalist", roles=["journalist"])


@pytest.fixture
def outsider(db):
    """A logged-in user with no role at all."""
    return UserFactory(username="otto-outsider")


@pytest.fixture
def staff(db):
    return UserFactory(username="sam-staff", is_staff=True, is_superuser=True)
