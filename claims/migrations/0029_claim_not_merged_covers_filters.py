"""The index of the claims not merged into another (migration 0026) also holds the columns that
the claims list's filters on the claim's own short columns compare: status, credibility, language
and topic. A relevance search walks its matches newest first through this index, checking each
against the filters, until it keeps 1,000 (claims.selectors.claim_search); with a filter that
leaves few of them (`?q=Homs&status=corroborated`: one match in 15 kept) the walk checks many,
and each check read the claim's row from the table. Now a check on these columns reads the index
entry alone (an index-only scan). Each of these columns already has an index of its own, so an
update that changes one was never a heap-only update: the wider entries cost space, not writes
(50 MB at a million claims, against 21).

Built CONCURRENTLY under a new name before the old index goes (outside a transaction), so that
claims stay writable and searches keep an index throughout (about 2 s at a million claims)."""

from django.db import migrations

CREATE = (
    "CREATE INDEX CONCURRENTLY IF NOT EXISTS claim_not_merged_filters ON claims_claim (id) "
    "INCLUDE (status, credibility, language, topic) WHERE merged_into_id IS NULL;"
)
DROP = "DROP INDEX CONCURRENTLY IF EXISTS claim_not_merged_filters;"
CREATE_OLD = (
    "CREATE INDEX CONCURRENTLY IF NOT EXISTS claim_not_merged ON claims_claim (id) "
    "WHERE merged_into_id IS NULL;"
)
DROP_OLD = "DROP INDEX CONCURRENTLY IF EXISTS claim_not_merged;"


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("claims", "0028_inner_search_window")]

    operations = [
        migrations.RunSQL(CREATE, DROP),
        migrations.RunSQL(DROP_OLD, CREATE_OLD),
    ]
