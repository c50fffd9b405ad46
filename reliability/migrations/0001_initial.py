"""The models of sources.0002 under their new app, on the same tables (state only); their content
types follow, so permissions granted on them stay granted."""

import django.db.models.deletion
from django.db import migrations, models


def content_types_move(apps, schema_editor):
    content_types = apps.get_model("contenttypes", "ContentType").objects
    for model in ("sourcereliability", "sourcereliabilitysnapshot"):
        if not content_types.filter(app_label="reliability", model=model).exists():
            content_types.filter(app_label="sources", model=model).update(app_label="reliability")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('sources', '0003_reliability_models_move_to_reliability_app'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
                migrations.CreateModel(
                    name='SourceReliability',
                    fields=[
                        ('source', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='reliability', serialize=False, to='sources.source')),
                        ('alpha', models.FloatField(help_text='Beta posterior: prior plus (time-weighted) right statements.')),
                        ('beta', models.FloatField(help_text='Beta posterior: prior plus (time-weighted) wrong statements.')),
                        ('mean', models.FloatField(help_text='Probability that what the source says is right.')),
                        ('lower', models.FloatField(help_text='Lower end of the 95 % credible interval.')),
                        ('upper', models.FloatField(help_text='Upper end of the 95 % credible interval.')),
                        ('letter', models.CharField(choices=[('A', 'A – completely reliable'), ('B', 'B – usually reliable'), ('C', 'C – fairly reliable'), ('D', 'D – not usually reliable'), ('E', 'E – unreliable'), ('F', 'F – reliability cannot be judged')], help_text='The estimate on the A–F scale; F when too uncertain.', max_length=1)),
                        ('human_grade', models.CharField(blank=True, choices=[('A', 'A – completely reliable'), ('B', 'B – usually reliable'), ('C', 'C – fairly reliable'), ('D', 'D – not usually reliable'), ('E', 'E – unreliable'), ('F', 'F – reliability cannot be judged')], help_text='The newest human grade used as prior.', max_length=1)),
                        ('disagrees_with_grade', models.BooleanField(default=False, help_text='The human grade lies outside what the record alone supports.')),
                        ('decided_claims', models.PositiveIntegerField(default=0, help_text='Reviewed claims this source made a statement about.')),
                        ('decided_for', models.FloatField(default=0.0, help_text='Time-weighted statements reviews bore out.')),
                        ('decided_against', models.FloatField(default=0.0, help_text='Time-weighted statements reviews refuted.')),
                        ('statements', models.FloatField(default=0.0, help_text='Time-weighted statements behind the estimate.')),
                        ('computed_at', models.DateTimeField()),
                    ],
                    options={
                        'verbose_name_plural': 'source reliabilities',
                        'db_table': 'sources_sourcereliability',
                        'constraints': [models.CheckConstraint(condition=models.Q(('alpha__gt', 0), ('beta__gt', 0)), name='reliability_beta_positive'), models.CheckConstraint(condition=models.Q(('lower__gte', 0), ('lower__lte', models.F('mean')), ('upper__gte', models.F('mean')), ('upper__lte', 1)), name='reliability_interval_ordered'), models.CheckConstraint(condition=models.Q(('letter__in', ['A', 'B', 'C', 'D', 'E', 'F'])), name='reliability_letter_valid'), models.CheckConstraint(condition=models.Q(('human_grade', ''), ('human_grade__in', ['A', 'B', 'C', 'D', 'E', 'F']), _connector='OR'), name='reliability_human_grade_valid')],
                    },
                ),
                migrations.CreateModel(
                    name='SourceReliabilitySnapshot',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('day', models.DateField(help_text='Evidence up to the end of this day (UTC).')),
                        ('mean', models.FloatField()),
                        ('lower', models.FloatField()),
                        ('upper', models.FloatField()),
                        ('letter', models.CharField(choices=[('A', 'A – completely reliable'), ('B', 'B – usually reliable'), ('C', 'C – fairly reliable'), ('D', 'D – not usually reliable'), ('E', 'E – unreliable'), ('F', 'F – reliability cannot be judged')], max_length=1)),
                        ('decided_claims', models.PositiveIntegerField(default=0)),
                        ('computed_at', models.DateTimeField()),
                        ('source', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reliability_history', to='sources.source')),
                    ],
                    options={
                        'db_table': 'sources_sourcereliabilitysnapshot',
                        'ordering': ['source', 'day'],
                        'constraints': [models.UniqueConstraint(fields=('source', 'day'), name='reliability_snapshot_one_per_day'), models.CheckConstraint(condition=models.Q(('lower__gte', 0), ('lower__lte', models.F('mean')), ('upper__gte', models.F('mean')), ('upper__lte', 1)), name='reliability_snapshot_interval_ordered'), models.CheckConstraint(condition=models.Q(('letter__in', ['A', 'B', 'C', 'D', 'E', 'F'])), name='reliability_snapshot_letter_valid')],
                    },
                ),
        ]),
        migrations.RunPython(content_types_move, migrations.RunPython.noop),
    ]
