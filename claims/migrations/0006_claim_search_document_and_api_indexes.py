"""Search documents for claims, and the indexes behind the API's search, similar-claims, ordering
and feed queries.

A claim's search document is its text stemmed in the claim's language (`claim_search_config`
maps the BCP 47 tag to a PostgreSQL text-search configuration, `simple` when there is none) with
weight A, and its citations' quotes with weight B, unstemmed (`simple`): a quote is often not in
the claim's language (state media quoted in Arabic for an English claim), and stemming it with
the wrong language would lose words. Triggers keep the documents current on every write path.
Similar claims use trigram distance (`<->`) on a GiST index, which finds the nearest few without
comparing every claim.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

# Frozen copy of claims.selectors.SEARCH_CONFIGS at the time of this migration.
SEARCH_CONFIGS = {
    "ar": "arabic", "ca": "catalan", "da": "danish", "de": "german", "el": "greek",
    "en": "english", "es": "spanish", "eu": "basque", "fi": "finnish", "fr": "french",
    "ga": "irish", "hi": "hindi", "hu": "hungarian", "hy": "armenian", "id": "indonesian",
    "it": "italian", "lt": "lithuanian", "ne": "nepali", "nl": "dutch", "no": "norwegian",
    "nb": "norwegian", "nn": "norwegian", "pt": "portuguese", "ro": "romanian", "ru": "russian",
    "sr": "serbian", "sv": "swedish", "ta": "tamil", "tr": "turkish", "yi": "yiddish",
}  # fmt: skip

CASES = "\n".join(
    f"        WHEN '{tag}' THEN '{config}'::regconfig" for tag, config in SEARCH_CONFIGS.items()
)

SEARCH_FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION claim_search_config(language text) RETURNS regconfig
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE lower(split_part(language, '-', 1))
{CASES}
        ELSE 'simple'::regconfig
    END
$$;

CREATE OR REPLACE FUNCTION claim_search_document_refresh(claim_ids bigint[]) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO claims_claimsearchdocument (claim_id, document)
    SELECT claim.id,
           setweight(to_tsvector(claim_search_config(claim.language), claim.text), 'A')
           || setweight(to_tsvector('simple', coalesce(quotes.text, '')), 'B')
    FROM claims_claim claim
    LEFT JOIN LATERAL (
        SELECT string_agg(quote, ' ') AS text FROM claims_citation WHERE claim_id = claim.id
    ) quotes ON true
    WHERE claim.id = ANY(claim_ids)
    ON CONFLICT (claim_id) DO UPDATE SET document = EXCLUDED.document;
$$;

CREATE OR REPLACE FUNCTION claim_search_document_on_claim() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM claim_search_document_refresh(ARRAY[NEW.id]);
    RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION claim_search_document_on_citation() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM claim_search_document_refresh(ARRAY[OLD.claim_id]);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM claim_search_document_refresh(ARRAY[NEW.claim_id]);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER claim_search_document_insert AFTER INSERT ON claims_claim
    FOR EACH ROW EXECUTE FUNCTION claim_search_document_on_claim();
CREATE TRIGGER claim_search_document_update AFTER UPDATE OF text, language ON claims_claim
    FOR EACH ROW WHEN (OLD.text IS DISTINCT FROM NEW.text OR OLD.language IS DISTINCT FROM NEW.language)
    EXECUTE FUNCTION claim_search_document_on_claim();
CREATE TRIGGER claim_search_document_citation AFTER INSERT OR DELETE OR UPDATE OF quote, claim_id
    ON claims_citation FOR EACH ROW EXECUTE FUNCTION claim_search_document_on_citation();

SELECT claim_search_document_refresh(array_agg(id)) FROM claims_claim;
"""

DROP_SEARCH_FUNCTIONS = """
DROP TRIGGER IF EXISTS claim_search_document_citation ON claims_citation;
DROP TRIGGER IF EXISTS claim_search_document_update ON claims_claim;
DROP TRIGGER IF EXISTS claim_search_document_insert ON claims_claim;
DROP FUNCTION IF EXISTS claim_search_document_on_citation();
DROP FUNCTION IF EXISTS claim_search_document_on_claim();
DROP FUNCTION IF EXISTS claim_search_document_refresh(bigint[]);
DROP FUNCTION IF EXISTS claim_search_config(text);
"""


class Migration(migrations.Migration):
    dependencies = [("claims", "0005_intake_roles")]

    operations = [
        TrigramExtension(),
        migrations.CreateModel(
            name="ClaimSearchDocument",
            fields=[
                (
                    "claim",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_document",
                        serialize=False,
                        to="claims.claim",
                    ),
                ),
                ("document", django.contrib.postgres.search.SearchVectorField()),
            ],
            options={
                "indexes": [
                    django.contrib.postgres.indexes.GinIndex(
                        fields=["document"], name="claim_search_document", fastupdate=False
                    )
                ],
            },
        ),
        migrations.RunSQL(SEARCH_FUNCTIONS, DROP_SEARCH_FUNCTIONS),
        migrations.RunSQL(
            "CREATE INDEX claim_text_trigram ON claims_claim USING gist (text gist_trgm_ops);",
            "DROP INDEX IF EXISTS claim_text_trigram;",
        ),
        migrations.RunSQL(
            # The languages in use are found by skipping through this index (claim_search).
            "CREATE INDEX claim_language ON claims_claim (language);",
            "DROP INDEX IF EXISTS claim_language;",
        ),
        migrations.RunSQL(
            "CREATE INDEX claim_first_reported_order ON claims_claim "
            "((COALESCE(first_reported_at, created_at)) DESC, id DESC);",
            "DROP INDEX IF EXISTS claim_first_reported_order;",
        ),
        migrations.RunSQL(
            "CREATE INDEX review_created_at ON claims_review (created_at, claim_id);",
            "DROP INDEX IF EXISTS review_created_at;",
        ),
    ]
