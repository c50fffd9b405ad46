"""Indexes behind the API's search, similar-claims and feed queries.

Full-text search stems a claim's text in the claim's own language (`claim_search_config` maps the
BCP 47 tag to a PostgreSQL text-search configuration, `simple` when there is none). Quotes are
indexed with `simple`: a quote is often not in the claim's language (Syrian state media quoted in
Arabic for an English claim), and stemming it with the wrong language would lose words.
Similar claims use trigram distance (`<->`) on a GiST index, which finds the nearest few without
comparing every claim.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

# Frozen copy of claims.selectors.SEARCH_CONFIGS at the time of this migration.
SEARCH_CONFIGS = {
    "ar": "arabic",
    "ca": "catalan",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "eu": "basque",
    "fi": "finnish",
    "fr": "french",
    "ga": "irish",
    "hi": "hindi",
    "hu": "hungarian",
    "hy": "armenian",
    "id": "indonesian",
    "it": "italian",
    "lt": "lithuanian",
    "ne": "nepali",
    "nl": "dutch",
    "no": "norwegian",
    "nb": "norwegian",
    "nn": "norwegian",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "sv": "swedish",
    "ta": "tamil",
    "tr": "turkish",
    "yi": "yiddish",
}

CASES = "\n".join(
    f"        WHEN '{tag}' THEN '{config}'::regconfig" for tag, config in SEARCH_CONFIGS.items()
)

CREATE_FUNCTION = f"""
CREATE OR REPLACE FUNCTION claim_search_config(language text) RETURNS regconfig
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE lower(split_part(language, '-', 1))
{CASES}
        ELSE 'simple'::regconfig
    END
$$;
"""


class Migration(migrations.Migration):
    dependencies = [("claims", "0003_roles")]

    operations = [
        TrigramExtension(),
        migrations.RunSQL(CREATE_FUNCTION, "DROP FUNCTION IF EXISTS claim_search_config(text);"),
        migrations.RunSQL(
            "CREATE INDEX claim_text_fulltext ON claims_claim "
            "USING gin (to_tsvector(claim_search_config(language), text));",
            "DROP INDEX IF EXISTS claim_text_fulltext;",
        ),
        migrations.RunSQL(
            "CREATE INDEX citation_quote_fulltext ON claims_citation "
            "USING gin (to_tsvector('simple'::regconfig, quote));",
            "DROP INDEX IF EXISTS citation_quote_fulltext;",
        ),
        migrations.RunSQL(
            "CREATE INDEX claim_text_trigram ON claims_claim USING gist (text gist_trgm_ops);",
            "DROP INDEX IF EXISTS claim_text_trigram;",
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
