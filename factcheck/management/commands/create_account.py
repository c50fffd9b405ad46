"""Create a reviewer or journalist account from the command line (deployments have no demo
users)."""

import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from factcheck.accounts import ROLES, account_create, password_generate


class Command(BaseCommand):
    help = (
        "Create a user with the reviewer role (admin and API, decides) or the journalist role "
        "(API, submits). Prints a generated password unless --password-stdin gives one."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=ROLES)
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password-stdin",
            action="store_true",
            help="Read the password from the first line of standard input.",
        )

    def handle(self, *args, username, role, email, password_stdin, **options):
        password = sys.stdin.readline().rstrip("\n") if password_stdin else password_generate()
        try:
            user = account_create(username=username, role=role, password=password, email=email)
        except ValidationError as error:
            raise CommandError(
                "; ".join(
                    f"{field}: {' '.join(messages)}"
                    for field, messages in error.message_dict.items()
                )
            ) from None
        where = "the admin and the API" if user.is_staff else "the API"
        self.stdout.write(f"Created {role} {username} (logs in to {where}).")
        if not password_stdin:
            self.stdout.write(f"Password (shown once): {password}")
