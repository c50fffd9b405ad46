"""The models of claims.0004 under their new app, on the same tables (state only); their content
types follow, so permissions granted on them (claims.0005: importing articles, deciding on
proposals) stay granted."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

MOVED = ["articleimport", "intakeproposal"]


def content_types_move(apps, schema_editor):
    content_types = apps.get_model("contenttypes", "ContentType").objects
    for model in MOVED:
        if not content_types.filter(app_label="intake", model=model).exists():
            content_types.filter(app_label="claims", model=model).update(app_label="intake")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('claims', '0016_intake_models_move_to_intake_app'),
        ('sources', '0004_source_domains_host_names'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.CreateModel(
                name='ArticleImport',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('outlet_name', models.CharField(blank=True, max_length=200)),
                    ('url', models.URLField(blank=True, max_length=2000)),
                    ('title', models.CharField(blank=True, max_length=300)),
                    ('published_at', models.DateTimeField(blank=True, null=True)),
                    ('text', models.TextField()),
                    ('language', models.CharField(default='en', max_length=8)),
                    ('content_hash', models.CharField(help_text='SHA-256 of the cleaned text.', max_length=64)),
                    ('topic', models.CharField(blank=True, help_text='Given at import; new claims take it.', max_length=100)),
                    ('extraction_status', models.CharField(choices=[('queued', 'Queued'), ('running', 'Reading'), ('done', 'Done'), ('failed', 'Failed')], default='done', help_text='Statements are read off the request, by a worker.', max_length=10)),
                    ('extraction_error', models.TextField(blank=True)),
                    ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                    ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='article_imports', to=settings.AUTH_USER_MODEL)),
                    ('outlet', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='article_imports', to='sources.source')),
                ],
                options={
                    'db_table': 'claims_articleimport',
                    'ordering': ['-created_at', '-id'],
                },
            ),
            migrations.CreateModel(
                name='IntakeProposal',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('position', models.PositiveIntegerField(help_text='Order of the statement in the article.')),
                    ('text', models.TextField()),
                    ('stance', models.CharField(choices=[('asserts', 'Asserts'), ('denies', 'Denies')], max_length=10)),
                    ('quote', models.TextField(blank=True)),
                    ('source_name', models.CharField(max_length=200)),
                    ('source_kind', models.CharField(blank=True, max_length=20)),
                    ('source_parent_name', models.CharField(blank=True, max_length=200)),
                    ('via_name', models.CharField(blank=True, max_length=200)),
                    ('about', models.DateField(blank=True, null=True)),
                    ('relation', models.CharField(choices=[('same', 'Same as a known claim'), ('contradicts', 'Contradicts a known claim'), ('new', 'New claim')], max_length=12)),
                    ('score', models.FloatField(default=0.0)),
                    ('fingerprint', models.CharField(help_text='Identifies the same statement by the same source across imports.', max_length=64)),
                    ('review_notes', models.TextField(blank=True, help_text='What to check before accepting, e.g. a reference no single place fits.')),
                    ('status', models.CharField(choices=[('pending', 'Pending review'), ('accepted', 'Accepted'), ('rejected', 'Rejected'), ('known', 'Already recorded')], default='pending', max_length=10)),
                    ('decided_at', models.DateTimeField(blank=True, null=True)),
                    ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='proposals', to='intake.articleimport')),
                    ('citation', models.ForeignKey(blank=True, help_text='The citation created when the proposal was accepted.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='intake_proposals', to='claims.citation')),
                    ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='intake_decisions', to=settings.AUTH_USER_MODEL)),
                    ('matched_claim', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='intake_proposals', to='claims.claim')),
                    ('source', models.ForeignKey(blank=True, help_text='The stored source the name resolved to; empty when a new source is proposed.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='intake_proposals', to='sources.source')),
                    ('via', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='relayed_intake_proposals', to='sources.source')),
                ],
                options={
                    'db_table': 'claims_intakeproposal',
                    'ordering': ['article', 'position'],
                },
            ),
            migrations.AddIndex(
                model_name='articleimport',
                index=models.Index(fields=['content_hash'], name='article_import_hash'),
            ),
            migrations.AddConstraint(
                model_name='articleimport',
                constraint=models.CheckConstraint(condition=models.Q(('text__regex', '\\S')), name='article_import_text_not_blank'),
            ),
            migrations.AddConstraint(
                model_name='articleimport',
                constraint=models.CheckConstraint(condition=models.Q(('extraction_status__in', ['queued', 'running', 'done', 'failed'])), name='article_import_extraction_status_valid'),
            ),
            migrations.AddIndex(
                model_name='intakeproposal',
                index=models.Index(fields=['fingerprint', 'status'], name='proposal_fingerprint_status'),
            ),
            migrations.AddConstraint(
                model_name='intakeproposal',
                constraint=models.UniqueConstraint(fields=('article', 'position'), name='proposal_position_unique'),
            ),
            migrations.AddConstraint(
                model_name='intakeproposal',
                constraint=models.CheckConstraint(condition=models.Q(('stance__in', ['asserts', 'denies'])), name='proposal_stance_valid'),
            ),
            migrations.AddConstraint(
                model_name='intakeproposal',
                constraint=models.CheckConstraint(condition=models.Q(('relation__in', ['same', 'contradicts', 'new'])), name='proposal_relation_valid'),
            ),
            migrations.AddConstraint(
                model_name='intakeproposal',
                constraint=models.CheckConstraint(condition=models.Q(('status__in', ['pending', 'accepted', 'rejected', 'known'])), name='proposal_status_valid'),
            ),
            migrations.AddConstraint(
                model_name='intakeproposal',
                constraint=models.CheckConstraint(condition=models.Q(('relation', 'new'), ('matched_claim__isnull', False), _connector='OR'), name='proposal_match_has_claim'),
            ),
            migrations.AddConstraint(
                model_name='intakeproposal',
                constraint=models.CheckConstraint(condition=models.Q(('text__regex', '\\S')), name='proposal_text_not_blank'),
            ),
            migrations.AddConstraint(
                model_name='intakeproposal',
                constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'accepted'), _negated=True), ('citation__isnull', False), _connector='OR'), name='proposal_accepted_has_citation'),
            ),
        ]),
        migrations.RunPython(content_types_move, migrations.RunPython.noop),
    ]
