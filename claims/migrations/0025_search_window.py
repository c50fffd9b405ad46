"""The search window (claims.models.SearchWindow): its state row and its first index, a partial
GIN index over the search documents of the newest SEARCH_WINDOW_CLAIMS claims. The scheduled job
search_window_roll moves it forward from then on. Plain PostgreSQL, no extension: the embedded
database gets it too."""

import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def window_create(apps, schema_editor):
    # Inside the migration's transaction, so not CONCURRENTLY: the build holds writes to search
    # documents for its few seconds (at a million claims), as the other index migrations do.
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT claim_id FROM claims_claimsearchdocument ORDER BY claim_id DESC "
            "OFFSET %s LIMIT 1",
            [settings.SEARCH_WINDOW_CLAIMS],
        )
        row = cursor.fetchone()
        threshold = row[0] if row else 0
        index_name = f"claim_search_window_{threshold:d}"
        cursor.execute(
            f"CREATE INDEX {index_name} ON claims_claimsearchdocument USING gin (document) "
            f"WITH (fastupdate = off) WHERE claim_order > {threshold:d}"
        )
        cursor.execute(
            "INSERT INTO claims_searchwindow (id, threshold, index_name, claims, built_at) "
            "SELECT 1, %s, %s, count(*), now() FROM claims_claimsearchdocument "
            "WHERE claim_order > %s",
            [threshold, index_name, threshold],
        )


def window_drop(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT index_name FROM claims_searchwindow")
        for (index_name,) in cursor.fetchall():
            cursor.execute(f'DROP INDEX IF EXISTS "{index_name}"')


class Migration(migrations.Migration):
    dependencies = [("claims", "0024_recheck_flag_due_index")]

    operations = [
        migrations.CreateModel(
            name="SearchWindow",
            fields=[
                (
                    "id",
                    models.PositiveSmallIntegerField(default=1, primary_key=True, serialize=False),
                ),
                ("threshold", models.BigIntegerField()),
                ("index_name", models.CharField(max_length=63)),
                ("claims", models.PositiveIntegerField()),
                ("built_at", models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("id", 1)), name="search_window_single_row"
                    )
                ],
            },
        ),
        migrations.RunPython(window_create, window_drop),
    ]
