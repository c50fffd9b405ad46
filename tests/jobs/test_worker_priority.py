"""Workers yield the processor to web requests (factcheck/celery.py)."""

import os

from celery.signals import worker_init


def niceness_after_worker_init() -> int:
    """The niceness a freshly started worker process ends up with, relative to this process:
    worker_init is sent in a child, as `celery worker` sends it when it starts."""
    read, write = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(read)
        try:
            before = os.getpriority(os.PRIO_PROCESS, 0)
            worker_init.send(sender=None)
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

    assert niceness_after_worker_init() == 10


def test_a_niceness_of_zero_leaves_the_worker_at_the_web_processes_priority(settings):
    settings.JOBS_WORKER_NICENESS = 0

    assert niceness_after_worker_init() == 0
