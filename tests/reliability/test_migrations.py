"""Data migrations of the reliability app, run forward from the state before them."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("reliability", "0005_reliability_parameters_combination")]
AFTER = [("reliability", "0006_reliability_parameters_forget_old_combination")]


@pytest.mark.django_db(transaction=True)
def test_parameters_stored_in_the_old_weight_layout_are_forgotten_so_the_next_update_learns():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE).apps
    old_apps.get_model("reliability", "ReliabilityParameters").objects.create(
        population_alpha=2.0,
        population_beta=1.0,
        temperature=1.0,
        near_rate=[],
        near_scale=[],
        false_values=[],
        combination=[1.0, 0.0, 1.0, 1.0, 0.0],
        learned_at=timezone.now(),
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)

    new_apps = executor.loader.project_state(AFTER).apps
    assert not new_apps.get_model("reliability", "ReliabilityParameters").objects.exists()
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
