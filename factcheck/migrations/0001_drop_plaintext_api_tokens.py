"""API tokens moved from rest_framework.authtoken (kept in plain text) to django-rest-knox (hashed).
The old table would keep every issued token readable in the database, so it goes; its users log
in again for a new token."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = []

    operations = [
        migrations.RunSQL("DROP TABLE IF EXISTS authtoken_token", reverse_sql=migrations.RunSQL.noop),
    ]
