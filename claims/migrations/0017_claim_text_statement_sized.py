"""Claim text capped at 1,000 characters (a statement, not an article), down from 2,000.

Longer texts are neither truncated nor dropped: the migration stops and names the claims to
shorten (or split) first, since cutting a statement could change what it says.
"""

import django.core.validators
import django.db.models.functions.text
import django.db.models.lookups
from django.conf import settings
from django.db import migrations, models
from django.db.models.functions import Length

import factcheck.text

NEW_MAX_LENGTH = 1000


def refuse_longer_texts(apps, schema_editor):
    Claim = apps.get_model("claims", "Claim")
    longer = Claim.objects.annotate(length=Length("text")).filter(length__gt=NEW_MAX_LENGTH)
    ids = list(longer.order_by("pk").values_list("pk", flat=True)[:20])
    if ids:
        raise RuntimeError(
            f"{longer.count()} claim(s) have text longer than {NEW_MAX_LENGTH} characters "
            f"(ids {', '.join(map(str, ids))}{' …' if len(ids) == 20 else ''}); shorten or split "
            "them in the admin, then run migrate again. Nothing was changed."
        )


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0016_intake_models_move_to_intake_app"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(refuse_longer_texts, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name="claim",
            name="claim_text_length",
        ),
        migrations.AlterField(
            model_name="claim",
            name="text",
            field=models.TextField(
                help_text="The canonical statement, e.g. “Assad remains in Damascus”.",
                validators=[
                    factcheck.text.validate_visible,
                    django.core.validators.MaxLengthValidator(NEW_MAX_LENGTH),
                ],
            ),
        ),
        migrations.AlterField(
            model_name="claimevent",
            name="text",
            field=models.TextField(
                help_text="The canonical statement, e.g. “Assad remains in Damascus”.",
                validators=[
                    factcheck.text.validate_visible,
                    django.core.validators.MaxLengthValidator(NEW_MAX_LENGTH),
                ],
            ),
        ),
        migrations.AddConstraint(
            model_name="claim",
            constraint=models.CheckConstraint(
                condition=django.db.models.lookups.LessThanOrEqual(
                    django.db.models.functions.text.Length("text"), NEW_MAX_LENGTH
                ),
                name="claim_text_length",
            ),
        ),
    ]
