"""What the benches that run against DATABASE_URL check first (django.setup() done)."""

import sys

from django.db import connection as default_connection
from django.db.migrations.executor import MigrationExecutor
from django.db.utils import OperationalError


def require_migrated_database(connection=default_connection) -> None:
    """Exit with one line, not a traceback, when DATABASE_URL's database cannot be reached or
    lacks migrations."""
    name = connection.settings_dict["NAME"]
    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except OperationalError as error:
        reason = str(error).strip().splitlines()[-1]
        raise SystemExit(f"{sys.argv[0]}: cannot use database {name!r}: {reason}") from None
    if pending:
        raise SystemExit(
            f"{sys.argv[0]}: database {name!r} lacks {len(pending)} migrations: run "
            "`python manage.py migrate` with the same DATABASE_URL first"
        )
