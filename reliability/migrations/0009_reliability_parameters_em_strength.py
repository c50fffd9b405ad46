"""The learned limit on how much a source's model-wide reliability counts against its reviewed
record. Rows stored before it read empty, no limit: the statement weights stored beside them were
fitted that way, so the updates after reviews keep giving the numbers of the full run that stored
them."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('reliability', '0008_reviewers_see_learned_parameters'),
    ]

    operations = [
        migrations.AddField(
            model_name='reliabilityparameters',
            name='em_strength',
            field=models.FloatField(blank=True, help_text="The most statements' worth a source's model-wide reliability counts as against its record on reviewed claims (empty: it counts as all its statements).", null=True),
        ),
    ]
