"""The jobs' models move to the jobs app; their tables stay (state only)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("claims", "0014_text_visible_and_capped"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='claimannouncedstate',
                    name='claim',
                ),
                migrations.DeleteModel(
                    name='JobRun',
                ),
                migrations.RemoveField(
                    model_name='webhookdelivery',
                    name='subscription',
                ),
                migrations.RemoveField(
                    model_name='webhooksubscription',
                    name='claim',
                ),
                migrations.RemoveField(
                    model_name='webhooksubscription',
                    name='owner',
                ),
                migrations.RemoveField(
                    model_name='webhooksubscription',
                    name='source',
                ),
                migrations.DeleteModel(
                    name='ClaimDueForRecheck',
                ),
                migrations.DeleteModel(
                    name='ClaimAnnouncedState',
                ),
                migrations.DeleteModel(
                    name='WebhookDelivery',
                ),
                migrations.DeleteModel(
                    name='WebhookSubscription',
                ),
            ],
        ),
    ]
