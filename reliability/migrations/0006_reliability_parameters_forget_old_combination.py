from django.db import migrations


def forget_stored_parameters(apps, schema_editor):
    # The stored statement weights gained a confusion-matrix weight before the group offsets; a
    # row in the old layout would be misread, so the next update learns the parameters afresh.
    apps.get_model("reliability", "ReliabilityParameters").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reliability", "0005_reliability_parameters_combination"),
    ]

    operations = [
        migrations.RunPython(forget_stored_parameters, migrations.RunPython.noop),
    ]
