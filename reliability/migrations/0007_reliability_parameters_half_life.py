from django.db import migrations, models


def keep_the_half_life_they_were_learned_with(apps, schema_editor):
    # Parameters stored before the half-life was learned go with numbers computed under the fixed
    # default, 365 days; the updates after reviews keep using it until the next full recompute
    # learns one, so that they still write the numbers a full recompute would.
    apps.get_model("reliability", "ReliabilityParameters").objects.update(half_life_days=365.0)


class Migration(migrations.Migration):
    dependencies = [
        ("reliability", "0006_reliability_parameters_forget_old_combination"),
    ]

    operations = [
        migrations.AddField(
            model_name="reliabilityparameters",
            name="half_life_days",
            field=models.FloatField(
                blank=True,
                help_text="Evidence loses half its weight every this many days before its "
                "source's newest (empty: it keeps its full weight).",
                null=True,
            ),
        ),
        migrations.AddConstraint(
            model_name="reliabilityparameters",
            constraint=models.CheckConstraint(
                condition=models.Q(("half_life_days__gt", 0), ("half_life_days__isnull", True), _connector="OR"),
                name="learned_half_life_positive",
            ),
        ),
        migrations.RunPython(keep_the_half_life_they_were_learned_with, migrations.RunPython.noop),
    ]
