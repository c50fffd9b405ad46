"""The models of claims.0007 under their new app, on the same tables (state only); their content
types follow, so permissions granted on them (claims.0008: the re-check queue, the job log) stay
granted."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

MOVED = ["claimannouncedstate", "claimdueforrecheck", "jobrun", "webhookdelivery", "webhooksubscription"]


def content_types_move(apps, schema_editor):
    content_types = apps.get_model("contenttypes", "ContentType").objects
    for model in MOVED:
        if not content_types.filter(app_label="jobs", model=model).exists():
            content_types.filter(app_label="claims", model=model).update(app_label="jobs")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('claims', '0015_jobs_models_move_to_jobs_app'),
        ('sources', '0004_source_domains_host_names'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.CreateModel(
                name='ClaimAnnouncedState',
                fields=[
                    ('claim', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='announced_state', serialize=False, to='claims.claim')),
                    ('status', models.CharField(choices=[('unverified', 'Unverified'), ('corroborated', 'Corroborated'), ('contradicted', 'Contradicted'), ('disputed', 'Disputed'), ('superseded', 'Superseded'), ('unresolved', 'Unresolved')], max_length=20)),
                    ('credibility', models.PositiveSmallIntegerField(choices=[(1, '1 – confirmed by other sources'), (2, '2 – probably true'), (3, '3 – possibly true'), (4, '4 – doubtful'), (5, '5 – improbable'), (6, '6 – truth cannot be judged')])),
                    ('announced_at', models.DateTimeField(default=django.utils.timezone.now)),
                ],
                options={
                    'db_table': 'claims_claimannouncedstate',
                },
            ),
            migrations.CreateModel(
                name='ClaimDueForRecheck',
                fields=[
                ],
                options={
                    'verbose_name': 'claim due for re-check',
                    'verbose_name_plural': 'claims due for re-check',
                    'proxy': True,
                    'indexes': [],
                    'constraints': [],
                },
                bases=('claims.claim',),
            ),
            migrations.CreateModel(
                name='JobRun',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('job', models.CharField(max_length=100)),
                    ('task_id', models.CharField(blank=True, max_length=255)),
                    ('status', models.CharField(choices=[('running', 'Running'), ('succeeded', 'Succeeded'), ('failed', 'Failed')], default='running', max_length=10)),
                    ('started_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('finished_at', models.DateTimeField(blank=True, null=True)),
                    ('counts', models.JSONField(blank=True, default=dict)),
                    ('error', models.TextField(blank=True)),
                ],
                options={
                    'db_table': 'claims_jobrun',
                    'ordering': ['-started_at', '-id'],
                    'indexes': [models.Index(fields=['job', '-started_at'], name='job_run_job_newest')],
                    'constraints': [models.CheckConstraint(condition=models.Q(('status__in', ['running', 'succeeded', 'failed'])), name='job_run_status_valid'), models.CheckConstraint(condition=models.Q(models.Q(('finished_at__isnull', True), ('status', 'running')), models.Q(models.Q(('status', 'running'), _negated=True), ('finished_at__isnull', False)), _connector='OR'), name='job_run_finished_iff_not_running')],
                },
            ),
            migrations.CreateModel(
                name='WebhookSubscription',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('target_url', models.URLField(max_length=2000)),
                    ('secret', models.CharField(help_text='Signs every delivery (HMAC-SHA256 over the body).', max_length=100)),
                    ('kind', models.CharField(choices=[('claim', 'A claim'), ('source', 'Claims a source made'), ('topic', 'A topic'), ('search', 'A full-text search')], max_length=10)),
                    ('topic', models.CharField(blank=True, max_length=100)),
                    ('query', models.CharField(blank=True, max_length=200)),
                    ('active', models.BooleanField(default=True)),
                    ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                    ('claim', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='claims.claim')),
                    ('owner', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='webhook_subscriptions', to=settings.AUTH_USER_MODEL)),
                    ('source', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='sources.source')),
                ],
                options={
                    'db_table': 'claims_webhooksubscription',
                    'ordering': ['-created_at', '-id'],
                },
            ),
            migrations.CreateModel(
                name='WebhookDelivery',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('event_id', models.UUIDField()),
                    ('event_type', models.CharField(max_length=50)),
                    ('payload', models.JSONField()),
                    ('status', models.CharField(choices=[('pending', 'Pending'), ('delivered', 'Delivered'), ('failed', 'Failed (parked)')], default='pending', max_length=10)),
                    ('attempts', models.PositiveSmallIntegerField(default=0)),
                    ('next_attempt_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('last_attempt_at', models.DateTimeField(blank=True, null=True)),
                    ('last_http_status', models.PositiveSmallIntegerField(blank=True, null=True)),
                    ('last_error', models.TextField(blank=True)),
                    ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                    ('delivered_at', models.DateTimeField(blank=True, null=True)),
                    ('subscription', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deliveries', to='jobs.webhooksubscription')),
                ],
                options={
                    'verbose_name_plural': 'webhook deliveries',
                    'db_table': 'claims_webhookdelivery',
                    'ordering': ['-created_at', '-id'],
                },
            ),
            migrations.AddConstraint(
                model_name='webhooksubscription',
                constraint=models.CheckConstraint(condition=models.Q(models.Q(('claim__isnull', False), ('kind', 'claim'), ('query', ''), ('source__isnull', True), ('topic', '')), models.Q(('claim__isnull', True), ('kind', 'source'), ('query', ''), ('source__isnull', False), ('topic', '')), models.Q(('claim__isnull', True), ('kind', 'topic'), ('query', ''), ('source__isnull', True), ('topic__regex', '\\S')), models.Q(('claim__isnull', True), ('kind', 'search'), ('source__isnull', True), ('topic', ''), ('query__regex', '\\S')), _connector='OR'), name='webhook_subscription_target_matches_kind'),
            ),
            migrations.AddConstraint(
                model_name='webhooksubscription',
                constraint=models.CheckConstraint(condition=models.Q(('secret__regex', '\\S{16,}')), name='webhook_subscription_secret_strong'),
            ),
            migrations.AddIndex(
                model_name='webhookdelivery',
                index=models.Index(condition=models.Q(('status', 'pending')), fields=['next_attempt_at'], name='webhook_delivery_due'),
            ),
            migrations.AddConstraint(
                model_name='webhookdelivery',
                constraint=models.UniqueConstraint(fields=('subscription', 'event_id'), name='webhook_delivery_once_per_event'),
            ),
            migrations.AddConstraint(
                model_name='webhookdelivery',
                constraint=models.CheckConstraint(condition=models.Q(('status__in', ['pending', 'delivered', 'failed'])), name='webhook_delivery_status_valid'),
            ),
            migrations.AddConstraint(
                model_name='webhookdelivery',
                constraint=models.CheckConstraint(condition=models.Q(models.Q(('delivered_at__isnull', False), ('status', 'delivered')), models.Q(models.Q(('status', 'delivered'), _negated=True), ('delivered_at__isnull', True)), _connector='OR'), name='webhook_delivery_delivered_at_iff_delivered'),
            ),
        ]),
        migrations.RunPython(content_types_move, migrations.RunPython.noop),
    ]
