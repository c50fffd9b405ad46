"""Data migrations of the reliability app."""

from importlib import import_module

import pytest
from django.apps import apps
from django.utils import timezone

from reliability.models import ReliabilityParameters

pytestmark = pytest.mark.django_db

forget_old_combination = import_module(
    "reliability.migrations.0006_reliability_parameters_forget_old_combination"
)


def test_parameters_stored_in_the_old_weight_layout_are_forgotten_so_the_next_update_learns():
    ReliabilityParameters.objects.create(
        population_alpha=2.0,
        population_beta=1.0,
        temperature=1.0,
        near_rate=[],
        near_scale=[],
        false_values=[],
        combination=[1.0, 0.0, 1.0, 1.0, 0.0],
        learned_at=timezone.now(),
    )

    forget_old_combination.forget_stored_parameters(apps, schema_editor=None)

    assert not ReliabilityParameters.objects.exists()


half_life = import_module("reliability.migrations.0007_reliability_parameters_half_life")


def test_parameters_stored_before_the_half_life_was_learned_keep_the_one_they_were_computed_with():
    ReliabilityParameters.objects.create(
        population_alpha=2.0,
        population_beta=1.0,
        temperature=1.0,
        learned_at=timezone.now(),
    )

    half_life.keep_the_half_life_they_were_learned_with(apps, schema_editor=None)

    assert ReliabilityParameters.objects.get().half_life_days == 365.0
