"""A second, inner search window (claims.models.SearchWindow, level 2): a partial GIN index over the
search documents of the newest inner_window_claims(SEARCH_WINDOW_CLAIMS) claims, looked in before
the outer window, so that a word common enough to fill it costs its matches there rather than the
outer window's. Built here as 0025 built the outer one (inside the migration's transaction; at a
million claims an index over the newest 15,811 documents takes well under a second); the
scheduled job search_window_roll moves both from then on. Plain PostgreSQL, no extension."""

import math

from django.conf import settings
from django.db import migrations, models

# The values of claims.models.SEARCH_RANKED_MATCHES and claims.services.inner_window_claims when
# this migration was written: a migration keeps what it did, whatever later code says.
RANKED_MATCHES = 1000
INNER = 2


def _threshold(cursor, claims):
    cursor.execute(
        "SELECT claim_id FROM claims_claimsearchdocument ORDER BY claim_id DESC OFFSET %s LIMIT 1",
        [claims],
    )
    row = cursor.fetchone()
    return row[0] if row else 0


def inner_window_create(apps, schema_editor):
    outer_claims = settings.SEARCH_WINDOW_CLAIMS
    inner_claims = settings.SEARCH_INNER_WINDOW_CLAIMS
    if inner_claims is None:
        inner_claims = math.isqrt(RANKED_MATCHES * outer_claims)
    with schema_editor.connection.cursor() as cursor:
        threshold = _threshold(cursor, inner_claims)
        if not 0 < inner_claims < outer_claims or threshold <= _threshold(cursor, outer_claims):
            return  # no fewer claims than the outer window: nothing to look in first
        index_name = f"claim_search_window_{threshold:d}"
        cursor.execute(
            f"CREATE INDEX {index_name} ON claims_claimsearchdocument USING gin (document) "
            f"WITH (fastupdate = off) WHERE claim_order > {threshold:d}"
        )
        cursor.execute(
            "INSERT INTO claims_searchwindow (id, threshold, index_name, claims, built_at) "
            "SELECT %s, %s, %s, count(*), now() FROM claims_claimsearchdocument "
            "WHERE claim_order > %s",
            [INNER, threshold, index_name, threshold],
        )


def inner_window_drop(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("DELETE FROM claims_searchwindow WHERE id = %s RETURNING index_name", [INNER])
        for (index_name,) in cursor.fetchall():
            cursor.execute(f'DROP INDEX IF EXISTS "{index_name}"')


class Migration(migrations.Migration):
    dependencies = [("claims", "0027_drop_newest_match_search_index")]

    operations = [
        migrations.RemoveConstraint(model_name="searchwindow", name="search_window_single_row"),
        migrations.AddConstraint(
            model_name="searchwindow",
            constraint=models.CheckConstraint(
                condition=models.Q(("id__in", [1, 2])), name="search_window_level"
            ),
        ),
        migrations.RunPython(inner_window_create, inner_window_drop),
    ]
