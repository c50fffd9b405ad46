"""Issue or revoke a user's API token, for scripts set up by an administrator (e.g. a newsroom
account that has no password)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from factcheck.api import api_token_get_or_create, api_token_revoke


class Command(BaseCommand):
    help = "Create (or show) a user's API token, or revoke it with --revoke."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--revoke", action="store_true", help="Delete the token: clients using it get 401."
        )

    def handle(self, *args, username, revoke, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(f"No user named {username!r}.") from None
        if revoke:
            if not api_token_revoke(user=user):
                raise CommandError(f"{username} has no token to revoke.")
            self.stdout.write(f"Revoked the API token of {username}.")
            return
        self.stdout.write(api_token_get_or_create(user=user).key)
