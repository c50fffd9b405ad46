"""How far sources' mistakes coincide beyond their reliabilities, learned by a full recompute
without reviews. Rows stored before it read 0, no correction: the numbers they were stored with."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('reliability', '0009_reliability_parameters_em_strength'),
    ]

    operations = [
        migrations.AddField(
            model_name='reliabilityparameters',
            name='excess_agreement',
            field=models.FloatField(default=0.0, help_text="How far sources' mistakes coincide beyond their reliabilities (a correlation): an unreviewed claim's evidence is divided by 1 + this x (its voices - 1)."),
        ),
    ]
