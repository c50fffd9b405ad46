"""Drops the RUM index claim_search_document_newest (migration 0012). A relevance search now finds
its newest matches the same way everywhere: the ids of the matching documents from a GIN index
(the search window's, else claim_search_document over every claim), then the claims among them
walked newest first through the primary key (claims.selectors.claim_search). At a million claims
the RUM index took 386 MB against 28 MB for the GIN index, was read 2 to 5 times more slowly for
the same matches (it gathers and sorts every match before yielding one, and where present the
planner also chose it for GIN's bitmap scans), and every write to a search document paid for it
(README, "At a million claims").

Dropped CONCURRENTLY, outside a transaction, so that search documents stay writable meanwhile. The
reverse builds it again as migration 0012 did (where the `rum` extension is available); the
extension itself stays installed, as 0012's reverse leaves it."""

from importlib import import_module

from django.db import migrations

DROP = "DROP INDEX CONCURRENTLY IF EXISTS claim_search_document_newest;"
# Migration modules are named from a digit, so not importable by an import statement.
NEWEST_MATCH_INDEX = import_module(
    "claims.migrations.0012_claim_list_filter_indexes_and_newest_match_search_index"
).NEWEST_MATCH_INDEX


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("claims", "0026_claim_not_merged_index")]

    operations = [migrations.RunSQL(DROP, NEWEST_MATCH_INDEX)]
