"""Per kind of claim, the share of an unreviewed claim's probability that belongs to no answer in
particular, learned by a full recompute without reviews. Rows stored before it read empty, none:
the numbers they were stored with."""
import django.contrib.postgres.fields
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('reliability', '0010_reliability_parameters_excess_agreement'),
    ]

    operations = [
        migrations.AddField(
            model_name='reliabilityparameters',
            name='contamination',
            field=django.contrib.postgres.fields.ArrayField(base_field=models.FloatField(), blank=True, default=list, help_text="Per kind of claim, the share of an unreviewed claim's probability that belongs to no answer in particular, spread evenly over its answers: how often a statement names what the others make near impossible (empty: none).", size=None),
        ),
    ]
