import time

from django.core.management.base import BaseCommand

from reliability.engine import reliability_history_rebuild, reliability_recompute_all


class Command(BaseCommand):
    help = (
        "Rebuild every source's computed reliability and every claim's credibility from all the "
        "evidence, and record today's snapshot. Gives the same numbers as the incremental updates "
        "made after each review; running it twice changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--history",
            action="store_true",
            help="Also record each source's reliability as of every past day on which evidence "
            "arrived (the admin chart), not just today.",
        )

    def handle(self, *args, history: bool, **options):
        started = time.perf_counter()
        update = reliability_recompute_all()
        self.stdout.write(
            f"Recomputed {update.sources} sources and {update.claims} claims "
            f"({update.claims_changed} claims changed) in {time.perf_counter() - started:.1f} s."
        )
        if history:
            started = time.perf_counter()
            written = reliability_history_rebuild()
            self.stdout.write(
                f"Recorded {written} daily snapshots in {time.perf_counter() - started:.1f} s."
            )
