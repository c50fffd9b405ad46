"""Indexes that let every filter of GET /api/v1/claims/ answer from an index at a million claims,
and the index that finds a search's newest matches without reading every match.

Filters: status and topic (as `topic__iexact` compares it, upper-cased) lead composite indexes
that end in the list's default order, so a filtered page is read newest first and stops after
one page; tags (GIN, for `@>`), place (trigram GIN on the upper-cased name, for `icontains`),
the times a claim is about and its first report (btree), and a source's citations with their
claims (index-only semi-join for `?source=`).

Search: relevance ranks the newest matches of a query exactly (claims.selectors.claim_search),
so the matches must come newest first without reading every matching document from the table.
A RUM index (postgresql-15-rum) whose posting lists carry the claim id (as the generated column
claim_order) yields them in that order from the index alone. The extension is optional: where it
is not installed (the embedded PostgreSQL of dev.py), no index is made and the GIN index
claim_search_document finds the same matches, sorted after reading them from the table.
"""

from django.db import migrations, models

FILTER_INDEXES = """
CREATE INDEX claim_status_newest ON claims_claim (status, created_at DESC, id DESC);
CREATE INDEX claim_topic_upper_newest ON claims_claim (upper(topic::text), created_at DESC, id DESC);
CREATE INDEX claim_tags ON claims_claim USING gin (tags);
CREATE INDEX claim_place_upper_trigram ON claims_claim USING gin (upper(place_name::text) gin_trgm_ops);
CREATE INDEX claim_about_start ON claims_claim (about_start);
CREATE INDEX claim_about_end ON claims_claim (about_end);
CREATE INDEX claim_first_reported_at ON claims_claim (first_reported_at);
CREATE INDEX citation_source_claim ON claims_citation (source_id, claim_id);
"""

DROP_FILTER_INDEXES = """
DROP INDEX IF EXISTS claim_status_newest;
DROP INDEX IF EXISTS claim_topic_upper_newest;
DROP INDEX IF EXISTS claim_tags;
DROP INDEX IF EXISTS claim_place_upper_trigram;
DROP INDEX IF EXISTS claim_about_start;
DROP INDEX IF EXISTS claim_about_end;
DROP INDEX IF EXISTS claim_first_reported_at;
DROP INDEX IF EXISTS citation_source_claim;
"""

# Only where the extension is installed on the server; a role that may not create it gets the
# GIN path too, with a notice instead of a failed migration.
NEWEST_MATCH_INDEX = """
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'rum') THEN
        BEGIN
            CREATE EXTENSION IF NOT EXISTS rum;
        EXCEPTION WHEN insufficient_privilege THEN
            RAISE NOTICE 'rum not created (%); search falls back to the GIN index', SQLERRM;
            RETURN;
        END;
        CREATE INDEX claim_search_document_newest ON claims_claimsearchdocument
            USING rum (document rum_tsvector_addon_ops, claim_order)
            WITH (attach = 'claim_order', to = 'document');
    END IF;
END
$$;
"""

DROP_NEWEST_MATCH_INDEX = "DROP INDEX IF EXISTS claim_search_document_newest;"


class Migration(migrations.Migration):
    dependencies = [("claims", "0011_review_evidence_published_at_and_unresolved")]

    operations = [
        migrations.RunSQL(FILTER_INDEXES, DROP_FILTER_INDEXES),
        migrations.AddField(
            model_name="claimsearchdocument",
            name="claim_order",
            field=models.GeneratedField(
                db_persist=True, expression=models.F("claim"), output_field=models.BigIntegerField()
            ),
        ),
        migrations.RunSQL(NEWEST_MATCH_INDEX, DROP_NEWEST_MATCH_INDEX),
    ]
