"""Import article files (text or HTML) as intake proposals for review.

    python manage.py import_articles PATH [PATH ...] --outlet "Reuters"
        [--published-at 2024-12-07T09:00Z] [--user rhea-reviewer] [--accept]

A folder imports every .txt, .html and .htm file in it. Each file is one transaction; a bad file
is reported and skipped, and the command exits non-zero when any file failed, so a cron job or CI
notices. Nothing becomes a claim unless --accept is given (the reviewer then is --user).
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_datetime
from tqdm import tqdm

from intake.fetch import FetchError
from intake.models import ProposalStatus
from intake.services import article_import_create, intake_proposals_accept
from intake.text import ArticleInputError

ARTICLE_SUFFIXES = {".txt", ".html", ".htm"}


class Command(BaseCommand):
    help = "Import news articles from files or folders as claim proposals awaiting review."

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="+", help="Article files, or folders of .txt/.html files."
        )
        parser.add_argument("--outlet", default="", help="The outlet that published the articles.")
        parser.add_argument("--published-at", default="", help="Publication time, ISO 8601.")
        parser.add_argument(
            "--user", default="", help="Username recorded as importer (and reviewer with --accept)."
        )
        parser.add_argument(
            "--accept", action="store_true", help="Accept every new proposal at once."
        )

    def handle(self, *args, paths, outlet, published_at, user, accept, **options):
        files = self._files(paths)
        published = self._published(published_at)
        importer = self._user(user) if user else None
        if accept and importer is None:
            raise CommandError(
                "--accept needs --user: accepted citations record who accepted them."
            )
        totals = {"articles": 0, "repeated": 0, "proposals": 0, "pending": 0, "accepted": 0}
        failures = []
        for path in tqdm(
            files, desc="Importing", unit="article", disable=options["verbosity"] == 0
        ):
            try:
                result = article_import_create(
                    content=path.read_bytes(),
                    outlet_name=outlet,
                    published_at=published,
                    created_by=importer,
                )
            except (ArticleInputError, FetchError, OSError) as error:
                failures.append(f"{path}: {error}")
                continue
            totals["articles"] += result.created
            totals["repeated"] += not result.created
            proposals = result.article.proposals.all()
            totals["proposals"] += len(proposals) if result.created else 0
            pending = [p for p in proposals if p.status == ProposalStatus.PENDING]
            totals["pending"] += len(pending)
            if accept and pending:
                totals["accepted"] += len(intake_proposals_accept(proposals=pending, user=importer))
        self.stdout.write(
            f"{totals['articles']} articles imported ({totals['repeated']} seen before), "
            f"{totals['proposals']} statements proposed, {totals['pending']} awaiting review"
            + (f", {totals['accepted']} accepted." if accept else ".")
        )
        if failures:
            for failure in failures:
                self.stderr.write(failure)
            raise CommandError(f"{len(failures)} of {len(files)} files could not be imported.")

    def _files(self, paths: list[str]) -> list[Path]:
        files = []
        for raw in paths:
            path = Path(raw)
            if path.is_dir():
                files.extend(
                    sorted(p for p in path.iterdir() if p.suffix.lower() in ARTICLE_SUFFIXES)
                )
            elif path.is_file():
                files.append(path)
            else:
                raise CommandError(f"{raw}: no such file or folder.")
        if not files:
            raise CommandError("No .txt or .html articles found in the given paths.")
        return files

    def _published(self, value: str):
        if not value:
            return None
        parsed = parse_datetime(value.replace("Z", "+00:00"))
        if parsed is None or parsed.tzinfo is None:
            raise CommandError(
                f"--published-at {value!r} is not an ISO 8601 time with a time zone."
            )
        return parsed

    def _user(self, username: str):
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist as error:
            raise CommandError(f"No user named {username!r}.") from error
