import pghistory
import pgtrigger
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxLengthValidator, RegexValidator
from django.db import models
from django.db.models.functions import Length, Lower, Trim
from django.db.models.lookups import LessThanOrEqual, Regex
from django.utils import timezone

from factcheck.history import audit_meta
from factcheck.models import BaseModel
from factcheck.text import LONG_TEXT_MAX_LENGTH, VISIBLE_CHARACTER, validate_visible

# A DNS host name in ASCII (IDNs as xn--): dot-separated labels of letters, digits and inner
# hyphens, the last starting with a letter. Domains end up in published JSON-LD as https://<domain>/,
# so nothing else (a scheme, path, port, space or markup) may get in. Python and PostgreSQL read
# this pattern alike.
HOST_NAME = r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?"
validate_host_name = RegexValidator(
    f"^{HOST_NAME}$",
    message="Enter a host name such as sana.sy, without https:// or a path.",
    code="invalid_host_name",
)


class SourceKind(models.TextChoices):
    NEWS_AGENCY = "news_agency", "News agency"
    NEWSPAPER = "newspaper", "Newspaper"
    BROADCASTER = "broadcaster", "Broadcaster"
    STATE_MEDIA = "state_media", "State media"
    GOVERNMENT = "government", "Government"
    MILITARY = "military", "Military"
    ARMED_GROUP = "armed_group", "Armed group"
    MONITORING_NGO = "monitoring_ngo", "Monitoring NGO"
    SOCIAL_MEDIA = "social_media", "Social-media account"
    PERSON = "person", "Person"
    OTHER = "other", "Other"


class Grade(models.TextChoices):
    """The source-reliability half of the NATO/Admiralty code."""

    A = "A", "A – completely reliable"
    B = "B", "B – usually reliable"
    C = "C", "C – fairly reliable"
    D = "D", "D – not usually reliable"
    E = "E", "E – unreliable"
    F = "F", "F – reliability cannot be judged"


@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.DeleteEvent(),
    meta=audit_meta("source_event"),
)
class Source(BaseModel):
    name = models.CharField(max_length=200, validators=[validate_visible])
    slug = models.SlugField(max_length=100, unique=True)
    kind = models.CharField(max_length=20, choices=SourceKind.choices, default=SourceKind.OTHER)
    country = models.CharField(
        max_length=2, blank=True, help_text="ISO 3166-1 alpha-2 code, e.g. SY or GB."
    )
    domains = ArrayField(
        models.CharField(max_length=253, validators=[validate_host_name]),
        default=list,
        blank=True,
        help_text="Website domains this source publishes on, e.g. sana.sy.",
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="Affiliation: the organisation this source belongs to or speaks for.",
    )
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=SourceKind.values), name="source_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(country="") | models.Q(country__regex=r"^[A-Z]{2}$"),
                name="source_country_iso_alpha2",
            ),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")), name="source_not_own_parent"
            ),
            models.CheckConstraint(
                condition=models.Q(name__regex=VISIBLE_CHARACTER), name="source_name_not_blank"
            ),
            models.CheckConstraint(
                condition=Regex(
                    models.Func(
                        models.F("domains"),
                        models.Value(" "),
                        function="array_to_string",
                        output_field=models.TextField(),
                    ),
                    f"^({HOST_NAME}( {HOST_NAME})*)?$",
                ),
                name="source_domains_host_names",
            ),
        ]
        triggers = [
            # Affiliation must be a tree: "sources sharing a root parent" is only defined without
            # cycles.
            pgtrigger.Trigger(
                name="source_parent_acyclic",
                when=pgtrigger.Before,
                operation=pgtrigger.Insert | pgtrigger.UpdateOf("parent_id"),
                condition=pgtrigger.Q(new__parent__isnull=False),
                func="""
                    IF EXISTS (
                        WITH RECURSIVE ancestors(id, parent_id) AS (
                            SELECT id, parent_id FROM sources_source WHERE id = NEW.parent_id
                            UNION
                            SELECT s.id, s.parent_id FROM sources_source s
                            JOIN ancestors a ON s.id = a.parent_id
                        )
                        SELECT 1 FROM ancestors WHERE id = NEW.id
                    ) THEN
                        RAISE EXCEPTION 'source % cannot be its own ancestor', NEW.id
                            USING ERRCODE = 'check_violation';
                    END IF;
                    RETURN NEW;
                """,
            ),
        ]

    def __str__(self):
        return self.name


@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.DeleteEvent(),
    meta=audit_meta("source_alias_event"),
)
class SourceAlias(BaseModel):
    """Another name a source goes by; names resolve case-insensitively to exactly one source."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200, validators=[validate_visible])

    class Meta:
        verbose_name_plural = "source aliases"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower(Trim("name")),
                name="source_alias_name_ci_unique",
                violation_error_message="Another source already goes by this name.",
            ),
            models.CheckConstraint(
                condition=models.Q(name__regex=VISIBLE_CHARACTER),
                name="source_alias_name_not_blank",
            ),
        ]

    def __str__(self):
        return self.name


@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.DeleteEvent(),
    meta=audit_meta("source_rating_event"),
)
class SourceRating(BaseModel):
    """A reviewer's grade for a source. Append-only: the newest rating is the current grade."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="ratings")
    grade = models.CharField(max_length=1, choices=Grade.choices)
    rationale = models.TextField(
        validators=[validate_visible, MaxLengthValidator(LONG_TEXT_MAX_LENGTH)]
    )
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="source_ratings"
    )
    rated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-rated_at", "-id"]
        get_latest_by = ["rated_at", "id"]
        indexes = [models.Index(fields=["source", "-rated_at", "-id"], name="rating_source_newest")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(grade__in=Grade.values), name="rating_grade_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(rationale__regex=VISIBLE_CHARACTER),
                name="rating_rationale_required",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("rationale"), LONG_TEXT_MAX_LENGTH),
                name="rating_rationale_length",
            ),
        ]
        triggers = [
            pgtrigger.Protect(
                name="rating_append_only", operation=pgtrigger.Update | pgtrigger.Delete
            ),
        ]

    def __str__(self):
        return f"{self.source}: {self.grade}"
