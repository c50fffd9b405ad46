"""The reliability engine's part of the admin: it extends the source and claim admins of the apps
below it (re-registering them), since neither of those apps may import this one.

Each mixin adds its read-only fields and a fieldset of its own on the change page, so nothing else
has to be listed. The source page shows the computed reliability, a chart (inline SVG) of its
daily history and, with `?as_of=YYYY-MM-DD[THH:MM]` (a small form above the page sets it), the
reliability as the record stood then; the claim page shows which voices pushed its credibility up
or down.
"""

import math
from dataclasses import dataclass

from django.contrib import admin, messages
from django.core.paginator import Paginator
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html

from claims import admin as claims_admin
from claims.models import Claim
from claims.selectors import source_citations
from reliability.engine import (
    parse_as_of,
    reliability_history,
    reliability_source_as_of,
)
from reliability.models import ReliabilityParameters
from reliability.scales import GRADE_RELIABILITY, LETTER_THRESHOLDS
from reliability.selectors import claims_with_recompute_pending, sources_with_recompute_pending
from sources import admin as sources_admin
from sources.models import Source

AS_OF_PARAMETER = "as_of"
TRACK_RECORD_PAGE_PARAMETER = "track_page"
TRACK_RECORD_PER_PAGE = 25

CHART_WIDTH, CHART_HEIGHT = 640, 230
CHART_MARGIN_LEFT, CHART_MARGIN_RIGHT, CHART_MARGIN_TOP, CHART_MARGIN_BOTTOM = 40, 28, 24, 34
# Room a date label ("12 Dec 2024") and a value label ("0.73") need, in pixels, so that
# neighbouring labels never overlap; the points between labelled ones keep their marks.
DATE_LABEL_WIDTH, VALUE_LABEL_WIDTH = 72, 30
# Days without evidence after which the chart marks the skipped time between two points.
CHART_GAP_DAYS = 7
Y_TICKS = (0.0, 0.25, 0.5, 0.75, 1.0)


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    label: str
    value: str = ""
    value_y: float = 0.0
    date: str = ""


@dataclass(frozen=True)
class ChartGap:
    x: float
    label: str


def _chart_y(value: float) -> float:
    inner = CHART_HEIGHT - CHART_MARGIN_TOP - CHART_MARGIN_BOTTOM
    return round(CHART_MARGIN_TOP + (1.0 - value) * inner, 1)


def _steps(xs, ys):
    """Points of a step line: a day's value holds until the next day with evidence. A single day
    becomes a short flat segment so that it shows."""
    if len(xs) == 1:
        return [(xs[0] - 6, ys[0]), (xs[0] + 6, ys[0])]
    points = [(xs[0], ys[0])]
    for x, previous, current in zip(xs[1:], ys[:-1], ys[1:], strict=True):
        points += [(x, previous), (x, current)]
    return points


def _labelled(count: int, spacing: float, label_width: float) -> set[int]:
    """Indexes of the points that get a label: every k-th one so that labels `label_width` wide
    do not overlap, and always the last (the current value), dropping the regular label just
    before it when the two would collide."""
    stride = max(1, math.ceil(label_width / spacing)) if spacing else 1
    chosen = set(range(0, count, stride))
    last = count - 1
    if last not in chosen and chosen and (last - max(chosen)) * spacing < label_width:
        chosen.discard(max(chosen))
    chosen.add(last)
    return chosen


def _gap_words(days: int) -> str:
    return f"+{days} d" if days < 60 else f"+{round(days / 30.4)} mo"


def reliability_chart_svg(*, source: Source, human_grade: str = "") -> str:
    """An inline SVG of the source's daily reliability: the mean as a step line with its value
    written at the labelled points, the 95 % credible interval as a band, the letter thresholds
    as a scale, and the human grade as a labelled dashed line drawn on top; a table of every
    day's values follows it.

    The time axis is ordinal: the days with evidence (the only days that have a snapshot) are
    evenly spaced, each under its own dated tick. On a linear time axis a burst of a few busy
    days (December 2024) shrank to a few pixels beside long quiet months; here every day with
    evidence gets the same room, and a dotted line marked "+3 mo" shows where quiet time was
    skipped, so the compression is never hidden."""
    snapshots = list(reliability_history(source=source))
    if not snapshots:
        return ""
    first, last = snapshots[0].day, snapshots[-1].day
    inner_width = CHART_WIDTH - CHART_MARGIN_LEFT - CHART_MARGIN_RIGHT
    count = len(snapshots)
    spacing = inner_width / (count - 1) if count > 1 else 0.0

    def x_of(index):
        if count == 1:
            return CHART_MARGIN_LEFT + inner_width / 2
        return round(CHART_MARGIN_LEFT + index * spacing, 1)

    xs = [x_of(index) for index in range(count)]
    dated = _labelled(count, spacing, DATE_LABEL_WIDTH)
    valued = _labelled(count, spacing, VALUE_LABEL_WIDTH)
    points = [
        ChartPoint(
            x=xs[index],
            y=_chart_y(s.mean),
            label=f"{s.day:%d %b %Y}: {s.mean:.2f} ({s.lower:.2f}–{s.upper:.2f}), {s.letter}, "
            f"{s.decided_claims} decided claims",
            value=f"{s.mean:.2f}" if index in valued else "",
            # Above the point, or below it when the point is at the top of the plot.
            value_y=_chart_y(s.mean) - 6 if s.mean < 0.93 else _chart_y(s.mean) + 13,
            date=f"{s.day.day} {s.day:%b %Y}" if index in dated else "",
        )
        for index, s in enumerate(snapshots)
    ]
    gaps = [
        ChartGap(x=round((xs[index - 1] + xs[index]) / 2, 1), label=_gap_words(days))
        for index in range(1, count)
        if (days := (snapshots[index].day - snapshots[index - 1].day).days) > CHART_GAP_DAYS
    ]
    mean = _steps(xs, [_chart_y(s.mean) for s in snapshots])
    upper = _steps(xs, [_chart_y(s.upper) for s in snapshots])
    lower = _steps(xs, [_chart_y(s.lower) for s in snapshots])
    thresholds = [
        {"y": _chart_y(value), "letter": letter, "label_y": _chart_y(value) - 3}
        for value, letter in LETTER_THRESHOLDS
    ]
    grade_value = GRADE_RELIABILITY.get(human_grade)
    grade_y = _chart_y(grade_value) if grade_value is not None else None
    return render_to_string(
        "admin/reliability/reliability_chart.html",
        {
            "width": CHART_WIDTH,
            "height": CHART_HEIGHT,
            "left": CHART_MARGIN_LEFT,
            "right": CHART_WIDTH - CHART_MARGIN_RIGHT,
            "bottom": CHART_HEIGHT - CHART_MARGIN_BOTTOM,
            "top": CHART_MARGIN_TOP,
            "band": " ".join(f"{x},{y}" for x, y in upper + lower[::-1]),
            "line": " ".join(f"{x},{y}" for x, y in mean),
            "points": points,
            "gaps": gaps,
            "thresholds": thresholds,
            "y_ticks": [{"y": _chart_y(value), "label": f"{value:g}"} for value in Y_TICKS],
            "grade_y": grade_y,
            # Below the line, where the mean's value labels (written above their points) are not.
            "grade_label_y": grade_y + 13 if grade_y is not None else None,
            "grade_value": grade_value,
            "human_grade": human_grade,
            "first_day": first,
            "last_day": last,
            "snapshots": snapshots[::-1],
            "source": source,
        },
    )


class SourceReliabilityAdminMixin:
    """Computed reliability on the source list and page, with its history chart."""

    reliability_fields = [
        "computed_reliability",
        "recompute_pending",
        "reliability_record",
        "reliability_chart",
        "reliability_as_of",
    ]
    change_form_template = "admin/reliability/source_change_form.html"

    def get_queryset(self, request):
        return sources_with_recompute_pending(super().get_queryset(request)).select_related(
            "reliability"
        )

    def get_object(self, request, object_id, from_field=None):
        """The source, carrying the answer to `?as_of=` when the page is asked for one."""
        source = super().get_object(request, object_id, from_field)
        text = request.GET.get(AS_OF_PARAMETER, "").strip()
        if source is None or request.method != "GET" or not text:
            return source
        try:
            as_of = parse_as_of(text)
        except ValueError as error:
            messages.error(request, f"Reliability as of: {error}")
            return source
        source.reliability_then = (as_of, reliability_source_as_of(source=source, as_of=as_of))
        return source

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), *self.reliability_fields]

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is None:
            return fieldsets
        # The default fieldset lists every form field; keep ours out of it and in our own.
        fieldsets = [
            (
                name,
                {
                    **options,
                    "fields": [f for f in options["fields"] if f not in self.reliability_fields],
                },
            )
            for name, options in fieldsets
        ]
        return [
            *fieldsets,
            (
                "Computed reliability (from the track record)",
                {
                    "fields": self.reliability_fields,
                    "description": "Recomputed after every review and nightly; see "
                    "README “Reliability” for the counting rules.",
                },
            ),
        ]

    @admin.display(description="Computed", ordering="reliability__mean")
    def computed_reliability(self, source):
        reliability = getattr(source, "reliability", None)
        if reliability is None:
            return "–"
        flag = " ⚠" if reliability.disagrees_with_grade else ""
        return format_html(
            '<span title="{}; 95 % credible interval {}–{}">{} {}{}</span>',
            reliability.letter_words,
            f"{reliability.lower:.2f}",
            f"{reliability.upper:.2f}",
            reliability.letter,
            f"{reliability.mean:.2f}",
            flag,
        )

    @admin.display(description="Recompute pending", boolean=True)
    def recompute_pending(self, source):
        return source.recompute_pending

    @admin.display(description="Record")
    def reliability_record(self, source):
        reliability = getattr(source, "reliability", None)
        if reliability is None:
            return "Not computed yet (manage.py recompute_reliability)."
        disagreement = ""
        if reliability.disagrees_with_grade:
            disagreement = f" The human grade {reliability.human_grade} disagrees with the record."
        newest = reliability.newest_evidence_at
        return format_html(
            "Reliability {} (95 % credible interval {}–{}). {}; human grade {}. "
            "{} decided claims: {} for, {} against (time-weighted); {} statements in all, "
            "counting unreviewed claims by their inferred probability; newest evidence {}.{}",
            f"{reliability.mean:.2f}",
            f"{reliability.lower:.2f}",
            f"{reliability.upper:.2f}",
            reliability.letter_words,
            reliability.human_grade or "none",
            reliability.decided_claims,
            f"{reliability.decided_for:.2f}",
            f"{reliability.decided_against:.2f}",
            f"{reliability.statements:.2f}",
            f"{newest:%d %b %Y}" if newest else "none",
            disagreement,
        )

    @admin.display(description="As of")
    def reliability_as_of(self, source):
        answer = getattr(source, "reliability_then", None)
        if answer is None:
            return "Ask for a date with “Reliability as of” above this form."
        as_of, then = answer
        disagreement = ""
        if then.disagrees_with_grade:
            disagreement = " The human grade disagreed with the record."
        return format_html(
            "As of {} UTC, from the evidence available then: reliability {} (95 % credible "
            "interval {}–{}), {}; human grade {}; {} decided claims.{}",
            f"{as_of:%d %b %Y %H:%M}",
            f"{then.mean:.2f}",
            f"{then.lower:.2f}",
            f"{then.upper:.2f}",
            then.letter_words,
            then.human_grade or "none",
            then.decided_claims,
            disagreement,
        )

    @admin.display(description="History")
    def reliability_chart(self, source):
        reliability = getattr(source, "reliability", None)
        human_grade = reliability.human_grade if reliability else ""
        return reliability_chart_svg(source=source, human_grade=human_grade) or "No history yet."


class SourceTrackRecordAdminMixin:
    """The claims a source stated, denied or relayed, newest first, a page at a time
    (`?track_page=N`, kept beside `?as_of=`): two queries, the count and the page."""

    track_record_fields = ["track_record"]

    def get_object(self, request, object_id, from_field=None):
        source = super().get_object(request, object_id, from_field)
        if source is not None:
            source.track_record_query = request.GET.copy()
        return source

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), *self.track_record_fields]

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is None:
            return fieldsets
        fieldsets = [
            (name, {**options, "fields": [f for f in options["fields"] if f != "track_record"]})
            for name, options in fieldsets
        ]
        return [
            *fieldsets,
            ("Track record: the claims it made or relayed", {"fields": self.track_record_fields}),
        ]

    @admin.display(description="Claims")
    def track_record(self, source):
        query = getattr(source, "track_record_query", None) or QueryDict(mutable=True)
        page = Paginator(source_citations(source=source), TRACK_RECORD_PER_PAGE).get_page(
            query.get(TRACK_RECORD_PAGE_PARAMETER)
        )

        def link(number):
            linked = query.copy()
            linked[TRACK_RECORD_PAGE_PARAMETER] = number
            return f"?{linked.urlencode()}"

        rows = [
            {
                "claim_url": reverse("admin:claims_claim_change", args=[citation.claim_id]),
                "claim": citation.claim,
                "stance": citation.get_stance_display().lower(),
                "as_speaker": citation.source_id == source.pk,
                "speaker": citation.source.name,
                "via": citation.via.name if citation.via_id else "",
                "status_colour": claims_admin.STATUS_COLOURS[citation.claim.status],
                "citation": citation,
            }
            for citation in page
        ]
        return render_to_string(
            "admin/reliability/track_record.html",
            {
                "rows": rows,
                "page": page,
                "previous_link": link(page.previous_page_number()) if page.has_previous() else "",
                "next_link": link(page.next_page_number()) if page.has_next() else "",
            },
        )


class ClaimCredibilityAdminMixin:
    """The claim's credibility probability and which voices moved it, on the claim page."""

    credibility_fields = ["recompute_pending", "credibility_explanation_display"]

    def get_queryset(self, request):
        return claims_with_recompute_pending(super().get_queryset(request))

    @admin.display(description="Recompute pending", boolean=True)
    def recompute_pending(self, claim):
        return claim.recompute_pending

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), *self.credibility_fields]

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is None:
            return fieldsets
        return [*fieldsets, ("Credibility explained", {"fields": self.credibility_fields})]

    @admin.display(description="Why this credibility")
    def credibility_explanation_display(self, claim):
        explanation = claim.credibility_explanation or {}
        if not explanation:
            return "Not computed yet (manage.py recompute_reliability)."
        voices = [
            {
                **voice,
                "direction": "up" if voice["shift"] > 0 else "down" if voice["shift"] < 0 else "",
                "bar": round(min(abs(voice["shift"]), 1.0) * 120),
                "bar_x": 2
                if voice["shift"] >= 0
                else 122 - round(min(abs(voice["shift"]), 1.0) * 120),
                "shift_points": round(voice["shift"] * 100, 1),
            }
            for voice in explanation.get("voices", [])
        ]
        return render_to_string(
            "admin/reliability/credibility_explanation.html",
            {
                "explanation": explanation,
                "voices": voices,
                "probability_percent": round(explanation["probability"] * 100),
                "from_sources_percent": (
                    round(explanation["from_sources"] * 100)
                    if explanation.get("from_sources") is not None
                    else None
                ),
            },
        )


# Registered by the apps below; extended here (the admin modules are imported in INSTALLED_APPS
# order, so theirs are registered by now).
admin.site.unregister(Source)
admin.site.unregister(Claim)


@admin.register(Source)
class SourceAdmin(
    SourceTrackRecordAdminMixin, SourceReliabilityAdminMixin, sources_admin.SourceAdmin
):
    list_display = [*sources_admin.SourceAdmin.list_display]
    list_display.insert(list_display.index("current_grade") + 1, "computed_reliability")


@admin.register(Claim)
class ClaimAdmin(ClaimCredibilityAdminMixin, claims_admin.ClaimAdmin):
    list_display = [*claims_admin.ClaimAdmin.list_display, "recompute_pending"]


@admin.register(ReliabilityParameters)
class ReliabilityParametersAdmin(sources_admin.ReadOnlyAdminMixin, admin.ModelAdmin):
    """What the last full recompute learned from the data, for a reviewer who wants to know why the
    numbers read as they do. Read-only: the engine writes these, nobody else."""

    list_display = [
        "learned_at",
        "population_prior",
        "temperature",
        "shared_mistakes",
        "evidence_half_life",
        "combination",
        "reviewed_prior",
    ]
    fields = list_display
    readonly_fields = list_display

    @admin.display(description="population prior (mean, statements it weighs)")
    def population_prior(self, parameters):
        weight = parameters.population_alpha + parameters.population_beta
        return f"{parameters.population_alpha / weight:.2f}, {weight:.1f}"

    @admin.display(description="model's reliability against the reviewed record, at most")
    def reviewed_prior(self, parameters):
        if parameters.em_strength is None:
            return "all its statements: the reviews agree with the model"
        return f"{parameters.em_strength:.1f} statements"

    @admin.display(description="half-life of evidence")
    def evidence_half_life(self, parameters):
        if parameters.half_life_days is None:
            return "none: every statement keeps its full weight"
        return f"{parameters.half_life_days:g} days"

    @admin.display(description="mistakes sources share beyond their reliabilities")
    def shared_mistakes(self, parameters):
        if parameters.excess_agreement <= 0:
            return "none seen: ten agreeing voices count as ten"
        rho = parameters.excess_agreement
        return f"correlation {rho:.3f}: ten agreeing voices count as {10.0 / (1.0 + 9.0 * rho):.1f}"
