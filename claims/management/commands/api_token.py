"""Issue or revoke a user's API tokens, for scripts set up by an administrator (e.g. a newsroom
account that has no password)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from factcheck.api import api_token_create, api_token_revoke


class Command(BaseCommand):
    help = "Issue a new API token for a user (printed once), or revoke all of theirs with --revoke."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--revoke",
            action="store_true",
            help="Delete the user's tokens: clients using them get 401.",
        )

    def handle(self, *args, username, revoke, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(f"No user named {username!r}.") from None
        if revoke:
            revoked = api_token_revoke(user=user)
            if not revoked:
                raise CommandError(f"{username} has no token to revoke.")
            self.stdout.write(f"Revoked {revoked} API token(s) of {username}.")
            return
        issued = api_token_create(user=user)
        self.stdout.write(issued.token)
        self.stderr.write(
            f"valid until {issued.expiry:%Y-%m-%d %H:%M} UTC; only its hash is stored."
        )
