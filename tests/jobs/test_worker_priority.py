"""Workers yield the processor to web requests (factcheck/celery.py)."""

import os

from celery.signals import worker_init

from factcheck.celery import worker_yields_the_processor_to_web_requests


def niceness_change_in_a_new_process() -> int:
    """How much the worker's start-up lowers the priority of a process forked from this one (a
    process of its own, since a priority once lowered stays so). The child runs only that step:
    the rest of worker_init (Celery's Django fix-up closes database connections) would end this
    process's database session, which the child shares."""
    read, write = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(read)
        try:
            before = os.getpriority(os.PRIO_PROCESS, 0)
            worker_yields_the_processor_to_web_requests()
            os.write(write, str(os.getpriority(os.PRIO_PROCESS, 0) - before).encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read) as answer:
        change = int(answer.read())
    os.waitpid(child, 0)
    return change


def test_a_worker_runs_below_the_web_processes_cpu_priority(settings):
    settings.JOBS_WORKER_NICENESS = 10

    assert worker_yields_the_processor_to_web_requests in worker_init._live_receivers(None)
    # Niceness stops at 19: under a suite run with `nice`, the worker can only go that far.
    assert niceness_change_in_a_new_process() == min(10, 19 - os.getpriority(os.PRIO_PROCESS, 0))


def test_a_niceness_of_zero_leaves_the_worker_at_the_web_processes_priority(settings):
    settings.JOBS_WORKER_NICENESS = 0

    assert niceness_change_in_a_new_process() == 0
