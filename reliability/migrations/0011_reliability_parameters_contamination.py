"""The share of an unreviewed claim's probability that belongs to no answer in particular, learned
by a full recompute without reviews. Rows stored before it read 0, none: the numbers they were
stored with."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('reliability', '0010_reliability_parameters_excess_agreement'),
    ]

    operations = [
        migrations.AddField(
            model_name='reliabilityparameters',
            name='contamination',
            field=models.FloatField(default=0.0, help_text="The share of an unreviewed claim's probability that belongs to no answer in particular, spread evenly over its answers: how often a statement names what the others make near impossible."),
        ),
    ]
