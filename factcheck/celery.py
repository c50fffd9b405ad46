import os

from celery import Celery
from celery.signals import worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")

app = Celery("factcheck")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
def worker_yields_the_processor_to_web_requests(**_) -> None:
    """A worker (and the pool processes it starts) runs JOBS_WORKER_NICENESS below the web
    processes: where they share a host's cores, reviewers' and journalists' requests come before
    reading an article or a recompute, which only take longer. With a 2 MB article being read,
    bench/load.py measured the claim list's p95 at 188 and 202 ms this way, 211 and 230 ms
    without (README, "With docker compose")."""
    from django.conf import settings

    if settings.JOBS_WORKER_NICENESS:
        os.nice(settings.JOBS_WORKER_NICENESS)
