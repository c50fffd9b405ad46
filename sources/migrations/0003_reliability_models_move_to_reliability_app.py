"""The reliability models move to the reliability app; their tables stay (state only)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("sources", "0002_source_reliability_and_daily_snapshots"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name="sourcereliabilitysnapshot", name="source"),
                migrations.DeleteModel(name="SourceReliability"),
                migrations.DeleteModel(name="SourceReliabilitySnapshot"),
            ],
        ),
    ]
