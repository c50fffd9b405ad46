"""The reliability engine's part of the admin: it extends the source and claim admins of the apps
below it (re-registering them), since neither of those apps may import this one.

Each mixin adds its read-only fields and a fieldset of its own on the change page, so nothing else
has to be listed. The source page shows the computed reliability, a chart (inline SVG) of its
daily history and, with `?as_of=YYYY-MM-DD[THH:MM]` (a small form above the page sets it), the
reliability as the record stood then; the claim page shows which voices pushed its credibility up
or down.
"""

from dataclasses import dataclass

from django.contrib import admin, messages
from django.template.loader import render_to_string
from django.utils.html import format_html

from claims import admin as claims_admin
from claims.models import Claim
from reliability.engine import (
    parse_as_of,
    reliability_history,
    reliability_source_as_of,
)
from reliability.scales import GRADE_RELIABILITY, LETTER_THRESHOLDS
from reliability.selectors import claims_with_recompute_pending, sources_with_recompute_pending
from sources import admin as sources_admin
from sources.models import Source

AS_OF_PARAMETER = "as_of"

CHART_WIDTH, CHART_HEIGHT = 560, 200
CHART_MARGIN_LEFT, CHART_MARGIN_RIGHT, CHART_MARGIN_TOP, CHART_MARGIN_BOTTOM = 36, 28, 12, 28


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
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


def reliability_chart_svg(*, source: Source, human_grade: str = "") -> str:
    """An inline SVG of the source's daily reliability: the mean as a step line, the 95 % credible
    interval as a band, the letter thresholds as a scale and the human grade as a dashed line."""
    snapshots = list(reliability_history(source=source))
    if not snapshots:
        return ""
    first, last = snapshots[0].day, snapshots[-1].day
    span = max((last - first).days, 1)
    inner_width = CHART_WIDTH - CHART_MARGIN_LEFT - CHART_MARGIN_RIGHT

    def x_of(day):
        if first == last:
            return CHART_MARGIN_LEFT + inner_width / 2
        return round(CHART_MARGIN_LEFT + (day - first).days / span * inner_width, 1)

    points = [
        ChartPoint(
            x_of(s.day),
            _chart_y(s.mean),
            f"{s.day:%d %b %Y}: {s.mean:.2f} ({s.lower:.2f}–{s.upper:.2f}), {s.letter}, "
            f"{s.decided_claims} decided claims",
        )
        for s in snapshots
    ]
    xs = [x_of(s.day) for s in snapshots]
    mean = _steps(xs, [_chart_y(s.mean) for s in snapshots])
    upper = _steps(xs, [_chart_y(s.upper) for s in snapshots])
    lower = _steps(xs, [_chart_y(s.lower) for s in snapshots])
    thresholds = [
        {"y": _chart_y(value), "letter": letter, "label_y": _chart_y(value) - 3}
        for value, letter in LETTER_THRESHOLDS
    ]
    grade_value = GRADE_RELIABILITY.get(human_grade)
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
            "thresholds": thresholds,
            "grade_y": _chart_y(grade_value) if grade_value is not None else None,
            "human_grade": human_grade,
            "first_day": first,
            "last_day": last,
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
            (name, {**options, "fields": [f for f in options["fields"] if f not in self.reliability_fields]})
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
            disagreement = (
                f" The human grade {reliability.human_grade} disagrees with the record."
            )
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
                "bar_x": 2 if voice["shift"] >= 0 else 122 - round(min(abs(voice["shift"]), 1.0) * 120),
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
class SourceAdmin(SourceReliabilityAdminMixin, sources_admin.SourceAdmin):
    list_display = [*sources_admin.SourceAdmin.list_display]
    list_display.insert(list_display.index("current_grade") + 1, "computed_reliability")


@admin.register(Claim)
class ClaimAdmin(ClaimCredibilityAdminMixin, claims_admin.ClaimAdmin):
    list_display = [*claims_admin.ClaimAdmin.list_display, "recompute_pending"]
