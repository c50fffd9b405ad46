"""Write factcheck's schedules to django-celery-beat, where staff can then edit them in the admin.

The schedules live here, in code, so a fresh deployment gets them with one command. Running it
again adds what is missing and leaves alone what staff changed (times, enabled), unless --reset.
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.timezone import get_default_timezone_name
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from jobs import tasks

PERIODIC_TASKS = [
    {
        "name": "Recompute: re-enqueue missed requests",
        "task": tasks.recompute_requests_sweep,
        "cron": {"minute": "*"},
        "description": (
            "Requests whose broker message was lost (e.g. Redis was down) are enqueued again."
        ),
    },
    {
        "name": "Webhooks: send due deliveries and retries",
        "task": tasks.webhook_deliveries_sweep,
        "cron": {"minute": "*"},
        "description": "Pending deliveries whose next attempt is due, with exponential backoff.",
    },
    {
        "name": "Re-check queue: apply the due rules",
        "task": tasks.recheck_flags_update,
        "cron": {"minute": "7"},
        "description": "Flags claims unverified too long, whose time has passed, whose source was "
        "regraded, or with a new contradicting citation.",
    },
    {
        "name": "Link check: fetch cited URLs",
        "task": tasks.link_checks_run,
        "cron": {"minute": "*/15"},
        "description": (
            "Checks a batch of citation URLs not checked within LINK_CHECK_INTERVAL_DAYS."
        ),
    },
    {
        "name": "Nightly full recompute",
        "task": tasks.recompute_nightly,
        "cron": {"minute": "30", "hour": "3"},
        "description": (
            "Recomputes every claim and source, announces missed changes, prunes the job log."
        ),
    },
    {
        "name": "Search window: move it to the newest claims",
        "task": tasks.search_window_roll,
        "cron": {"minute": "10", "hour": "4"},
        "description": (
            "Builds the search indexes over the newest SEARCH_WINDOW_CLAIMS claims and, inside "
            "them, the newest SEARCH_INNER_WINDOW_CLAIMS (concurrently), and drops the previous "
            "ones; claims added since the last move are in them already."
        ),
    },
]


class Command(BaseCommand):
    help = "Create (or with --reset, overwrite) the periodic tasks in django-celery-beat."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Overwrite staff's changes with the schedules from code.",
        )

    @transaction.atomic
    def handle(self, *args, reset=False, **options):
        timezone = get_default_timezone_name()
        for spec in PERIODIC_TASKS:
            cron = {
                "minute": "*",
                "hour": "*",
                "day_of_week": "*",
                "day_of_month": "*",
                "month_of_year": "*",
            }
            cron.update(spec["cron"])
            schedule, _ = CrontabSchedule.objects.get_or_create(timezone=timezone, **cron)
            defaults = {
                "task": spec["task"].name,
                "crontab": schedule,
                "description": spec["description"],
                "enabled": True,
            }
            if reset:
                _, created = PeriodicTask.objects.update_or_create(
                    name=spec["name"], defaults=defaults
                )
            else:
                _, created = PeriodicTask.objects.get_or_create(
                    name=spec["name"], defaults=defaults
                )
            verb = "created" if created else ("reset" if reset else "kept")
            self.stdout.write(f"{verb}: {spec['name']} ({spec['task'].name})")
