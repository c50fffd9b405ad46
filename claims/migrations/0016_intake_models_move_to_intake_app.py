"""The intake models move to the intake app; their tables stay (state only)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("claims", "0015_jobs_models_move_to_jobs_app"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='intakeproposal',
                    name='article',
                ),
                migrations.RemoveField(
                    model_name='intakeproposal',
                    name='citation',
                ),
                migrations.RemoveField(
                    model_name='intakeproposal',
                    name='decided_by',
                ),
                migrations.RemoveField(
                    model_name='intakeproposal',
                    name='matched_claim',
                ),
                migrations.RemoveField(
                    model_name='intakeproposal',
                    name='source',
                ),
                migrations.RemoveField(
                    model_name='intakeproposal',
                    name='via',
                ),
                migrations.DeleteModel(
                    name='ArticleImport',
                ),
                migrations.DeleteModel(
                    name='IntakeProposal',
                ),
            ],
        ),
    ]
