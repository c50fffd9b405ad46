"""What the reliability engine stores: each source's current estimate and its daily history.

The tables keep the names they had when these models lived in `sources` (moved with state-only
migrations, so no table was rebuilt).
"""

from django.contrib.postgres.fields import ArrayField
from django.db import models

from factcheck.models import BaseModel
from reliability.scales import letter_words
from sources.models import Grade, Source


class SourceReliability(BaseModel):
    """What the record says about a source, as last computed by `reliability.engine`.

    Derived data, rebuilt by `manage.py recompute_reliability`, so it is not audited: its history
    is kept in `SourceReliabilitySnapshot` instead.
    """

    source = models.OneToOneField(
        Source, on_delete=models.CASCADE, primary_key=True, related_name="reliability"
    )
    alpha = models.FloatField(
        help_text="Beta posterior: prior plus (time-weighted) right statements."
    )
    beta = models.FloatField(
        help_text="Beta posterior: prior plus (time-weighted) wrong statements."
    )
    mean = models.FloatField(help_text="Probability that what the source says is right.")
    lower = models.FloatField(help_text="Lower end of the 95 % credible interval.")
    upper = models.FloatField(help_text="Upper end of the 95 % credible interval.")
    letter = models.CharField(
        max_length=1,
        choices=Grade.choices,
        help_text="The estimate on the A–F scale; F when too uncertain.",
    )
    human_grade = models.CharField(
        max_length=1,
        choices=Grade.choices,
        blank=True,
        help_text="The newest human grade used as prior.",
    )
    disagrees_with_grade = models.BooleanField(
        default=False, help_text="The human grade lies outside what the record alone supports."
    )
    decided_claims = models.PositiveIntegerField(
        default=0, help_text="Reviewed claims this source made a statement about."
    )
    decided_for = models.FloatField(
        default=0.0, help_text="Time-weighted statements reviews bore out."
    )
    decided_against = models.FloatField(
        default=0.0, help_text="Time-weighted statements reviews refuted."
    )
    statements = models.FloatField(
        default=0.0, help_text="Time-weighted statements behind the estimate."
    )
    prior_alpha = models.FloatField(
        null=True,
        blank=True,
        help_text="The Beta prior it started from: its human grade, its "
        "family's pooled record or the learned population prior.",
    )
    prior_beta = models.FloatField(null=True, blank=True)
    newest_evidence_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the newest statement in the record was made; older evidence is discounted "
        "against this, not against today.",
    )
    computed_at = models.DateTimeField()

    class Meta:
        db_table = "sources_sourcereliability"
        verbose_name_plural = "source reliabilities"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(alpha__gt=0, beta__gt=0), name="reliability_beta_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(lower__gte=0, lower__lte=models.F("mean"))
                & models.Q(upper__gte=models.F("mean"), upper__lte=1),
                name="reliability_interval_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(letter__in=Grade.values), name="reliability_letter_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(human_grade="") | models.Q(human_grade__in=Grade.values),
                name="reliability_human_grade_valid",
            ),
        ]

    def __str__(self):
        return f"{self.source}: {self.mean:.2f} ({self.letter})"

    @property
    def letter_words(self) -> str:
        return letter_words(
            letter=self.letter,
            decided_claims=self.decided_claims,
            decided_for=self.decided_for,
            decided_against=self.decided_against,
        )


class SourceReliabilitySnapshot(BaseModel):
    """A source's computed reliability at the end of one day: the history behind the admin chart."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="reliability_history")
    day = models.DateField(help_text="Evidence up to the end of this day (UTC).")
    mean = models.FloatField()
    lower = models.FloatField()
    upper = models.FloatField()
    letter = models.CharField(max_length=1, choices=Grade.choices)
    decided_claims = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField()

    class Meta:
        db_table = "sources_sourcereliabilitysnapshot"
        ordering = ["source", "day"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "day"], name="reliability_snapshot_one_per_day"
            ),
            models.CheckConstraint(
                condition=models.Q(lower__gte=0, lower__lte=models.F("mean"))
                & models.Q(upper__gte=models.F("mean"), upper__lte=1),
                name="reliability_snapshot_interval_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(letter__in=Grade.values),
                name="reliability_snapshot_letter_valid",
            ),
        ]

    def __str__(self):
        return f"{self.source} on {self.day}: {self.mean:.2f}"


class ReliabilityParameters(BaseModel):
    """The model's hyperparameters as the last full recompute learned them from the data
    (`reliability.truth_discovery.LearnedParameters`). Updates after a review and point-in-time
    answers reuse them, so a part of the graph gets the numbers the whole graph would."""

    population_alpha = models.FloatField()
    population_beta = models.FloatField()
    temperature = models.FloatField()
    near_rate = ArrayField(models.FloatField(), default=list)
    near_scale = ArrayField(models.FloatField(), default=list)
    false_values = ArrayField(models.FloatField(null=True), default=list)
    combination = ArrayField(
        models.FloatField(),
        default=list,
        blank=True,
        help_text="Statement weights fitted on the reviewed claims (empty: none were reviewed).",
    )
    em_strength = models.FloatField(
        null=True,
        blank=True,
        help_text="The most statements' worth a source's model-wide reliability counts as against "
        "its record on reviewed claims (empty: it counts as all its statements).",
    )
    excess_agreement = models.FloatField(
        default=0.0,
        help_text="How far sources' mistakes coincide beyond their reliabilities (a correlation): "
        "an unreviewed claim's evidence is divided by 1 + this x (its voices - 1).",
    )
    half_life_days = models.FloatField(
        null=True,
        blank=True,
        help_text="Evidence loses half its weight every this many days before its source's newest "
        "(empty: it keeps its full weight).",
    )
    learned_at = models.DateTimeField()

    class Meta:
        verbose_name_plural = "reliability parameters"
        get_latest_by = "learned_at"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(population_alpha__gt=0, population_beta__gt=0),
                name="learned_population_prior_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(temperature__gt=0, temperature__lte=1),
                name="learned_temperature_tempers",
            ),
            models.CheckConstraint(
                condition=models.Q(half_life_days__gt=0) | models.Q(half_life_days__isnull=True),
                name="learned_half_life_positive",
            ),
        ]

    def __str__(self):
        mean = self.population_alpha / (self.population_alpha + self.population_beta)
        return f"population prior {mean:.2f} ({self.learned_at:%Y-%m-%d %H:%M})"
