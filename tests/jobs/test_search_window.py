"""The scheduled job that moves the search window to the newest claims
(claims.services.search_window_roll, README "At a million claims")."""

import psycopg
import pytest

from claims.models import SearchWindow
from factcheck.management.commands.setup_periodic_tasks import PERIODIC_TASKS
from jobs import tasks
from jobs.models import JobRun
from tests.factories import ClaimFactory
from tests.jobs.conftest import outside_connection_params

pytestmark = pytest.mark.django_db


def test_the_job_moves_the_window_to_the_newest_claims_and_logs_its_run(settings):
    settings.SEARCH_WINDOW_CLAIMS = 2
    claims = ClaimFactory.create_batch(4)

    tasks.search_window_roll()
    tasks.search_window_roll()

    assert SearchWindow.objects.get().threshold == claims[1].pk
    first, second = JobRun.objects.filter(job="search window").order_by("id")
    assert first.status == second.status == "succeeded"
    assert first.counts["rolled"] == 1
    assert second.counts == {"threshold": claims[1].pk, "rolled": 0, "indexes_dropped": 0}


def test_a_scheduled_roll_is_skipped_while_another_one_is_still_building(settings):
    settings.SEARCH_WINDOW_CLAIMS = 1
    ClaimFactory.create_batch(2)
    before = SearchWindow.objects.get()
    with psycopg.connect(**outside_connection_params(), autocommit=True) as other_worker:
        other_worker.execute("SELECT pg_advisory_lock(hashtext('factcheck.job.search window'))")
        tasks.search_window_roll()

    assert JobRun.objects.get().counts == {"skipped_already_running": 1}
    after = SearchWindow.objects.get()
    assert (after.threshold, after.index_name) == (before.threshold, before.index_name)


def test_the_job_is_scheduled():
    assert tasks.search_window_roll in [spec["task"] for spec in PERIODIC_TASKS]
