from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from factcheck.demo import demo_load


class Command(BaseCommand):
    help = (
        "Load the demo story (Syria, December 2024) with its sources, citations and ratings, and "
        "create a demo reviewer and journalist. Safe to run again: it only adds what is missing."
    )

    def handle(self, *args, **options):
        # The demo logins have passwords printed here and written in the source code; they must
        # never exist on a real deployment.
        if settings.IS_PRODUCTION:
            raise CommandError(
                "load_demo refuses to run in production: its logins have published passwords."
            )
        result = demo_load()
        if result.rows_added:
            self.stdout.write(f"Demo story loaded ({result.rows_added} rows added).")
        else:
            self.stdout.write("Demo story already loaded; nothing changed.")
        self.stdout.write("Demo logins (local use only):")
        for login in result.logins:
            self.stdout.write(
                f"  {login['role']:<10}  {login['username']} / {login['password']}"
                f"  ({login['where']})"
            )
