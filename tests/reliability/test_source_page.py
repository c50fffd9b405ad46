"""A source's admin page as a reviewer reads it: the track record (claims it made or relayed, a
page at a time) and the reliability chart (dated ticks, written values, bursts not squeezed, the
human grade always visible)."""

import itertools
import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from claims.models import Stance, Verdict
from claims.services import review_create
from reliability.admin import DATE_LABEL_WIDTH, TRACK_RECORD_PER_PAGE, reliability_chart_svg
from reliability.models import SourceReliabilitySnapshot
from sources.models import Grade
from tests.factories import CitationFactory, ClaimFactory, SourceFactory, SourceRatingFactory

pytestmark = pytest.mark.django_db


def change_url(source):
    return reverse("admin:sources_source_change", args=[source.pk])


def snapshot(source, day, mean, *, lower=None, upper=None, letter=Grade.C, decided=3):
    return SourceReliabilitySnapshot.objects.create(
        source=source,
        day=day,
        mean=mean,
        lower=mean - 0.1 if lower is None else lower,
        upper=min(mean + 0.05, 1.0) if upper is None else upper,
        letter=letter,
        decided_claims=decided,
        computed_at=timezone.now(),
    )


def xs_of(svg, css_class="reliability-mean"):
    return [float(x) for x in re.findall(r'<circle cx="([\d.]+)"', svg)]


# --- Track record ----------------------------------------------------------------------------


def test_track_record_lists_claims_as_speaker_and_as_relay_with_stance_status_and_date(
    client, reviewer
):
    observatory, wire = SourceFactory(name="Observatory"), SourceFactory(name="Wire")
    spoken = ClaimFactory(text="Rebels entered Hama")
    CitationFactory(
        claim=spoken,
        source=observatory,
        via=wire,
        stance=Stance.ASSERTS,
        published_at=datetime(2024, 12, 5, 9, tzinfo=UTC),
    )
    review_create(
        claim=spoken, verdict=Verdict.CORROBORATED, evidence_note="Seen.", reviewer=reviewer
    )
    relayed = ClaimFactory(text="The army holds Homs")
    CitationFactory(
        claim=relayed,
        source=SourceFactory(name="Ministry"),
        via=observatory,
        stance=Stance.DENIES,
        published_at=datetime(2024, 12, 7, 18, tzinfo=UTC),
    )
    client.force_login(reviewer)

    page = client.get(change_url(observatory)).content.decode()

    assert "Track record: the claims it made or relayed" in page
    table = page[page.index('<table class="track-record">') :]
    assert table.index("The army holds Homs") < table.index("Rebels entered Hama")  # newest first
    assert "relay of Ministry" in table and "speaker (relayed by Wire)" in table
    assert "<td>denies</td>" in table and "<td>asserts</td>" in table
    assert "claim-status-corroborated" in table and "claim-status-unverified" in table
    assert "7 Dec 2024 18:00" in table
    assert reverse("admin:claims_claim_change", args=[spoken.pk]) in table


def test_track_record_is_paged_and_keeps_the_as_of_question(client, reviewer):
    source = SourceFactory(name="Prolific")
    start = datetime(2024, 1, 1, tzinfo=UTC)
    for number in range(TRACK_RECORD_PER_PAGE + 3):
        CitationFactory(
            claim=ClaimFactory(text=f"Statement {number:02d}"),
            source=source,
            published_at=start + timedelta(days=number),
        )
    client.force_login(reviewer)

    first = client.get(change_url(source), {"as_of": "2024-06-01"}).content.decode()
    second = client.get(
        change_url(source), {"as_of": "2024-06-01", "track_page": 2}
    ).content.decode()

    assert f"Statement {TRACK_RECORD_PER_PAGE + 2:02d}" in first and "Statement 00" not in first
    assert "Statement 00" in second and f"Statement {TRACK_RECORD_PER_PAGE + 2:02d}" not in second
    assert "?as_of=2024-06-01&amp;track_page=2" in first
    assert f"of {TRACK_RECORD_PER_PAGE + 3}" in first


def test_source_page_reads_its_track_record_without_a_query_per_row(
    client, reviewer, django_assert_max_num_queries
):
    source = SourceFactory(name="Busy outlet")
    for number in range(TRACK_RECORD_PER_PAGE + 5):
        CitationFactory(
            claim=ClaimFactory(),
            source=source if number % 2 else SourceFactory(),
            via=None if number % 2 else source,
        )
    client.force_login(reviewer)
    # session, user, the reviewer's user and group permissions, the source, the aliases inline,
    # the rating history, the content type, the reliability history behind the chart, and the
    # track record's count and page (claims, speakers and relays joined): a full page of rows
    # costs what one row does.
    with django_assert_max_num_queries(11):
        response = client.get(change_url(source))
    assert response.content.decode().count("/admin/claims/claim/") >= TRACK_RECORD_PER_PAGE


def test_track_record_says_when_nobody_cited_the_source(client, reviewer):
    client.force_login(reviewer)

    page = client.get(change_url(SourceFactory())).content.decode()

    assert "No claim cites this source yet." in page


# --- Chart -----------------------------------------------------------------------------------


def test_chart_spaces_days_with_evidence_evenly_so_a_burst_is_not_squeezed():
    source = SourceFactory()
    # A quiet year, then four busy days in December 2024.
    days = [
        date(2023, 12, 1),
        date(2024, 12, 5),
        date(2024, 12, 6),
        date(2024, 12, 7),
        date(2024, 12, 8),
    ]
    for day, mean in zip(days, [0.5, 0.6, 0.7, 0.65, 0.4], strict=True):
        snapshot(source, day, mean)

    svg = reliability_chart_svg(source=source)

    xs = xs_of(svg)
    steps = {round(b - a, 1) for a, b in itertools.pairwise(xs)}
    assert len(steps) == 1 and steps.pop() > 100
    assert "+12 mo" in svg  # the skipped year is marked, not hidden
    assert svg.count('class="reliability-gap"') == 1


def test_chart_has_a_dated_tick_and_a_written_value_for_each_of_a_few_days():
    source = SourceFactory()
    for day, mean in zip(range(5, 9), [0.5, 0.61, 0.72, 0.43], strict=True):
        snapshot(source, date(2024, 12, day), mean)

    svg = reliability_chart_svg(source=source)

    dates = re.findall(r'class="reliability-date-tick"[^>]*>([^<]+)<', svg)
    values = re.findall(r'class="reliability-value"[^>]*>([^<]+)<', svg)
    assert dates == ["5 Dec 2024", "6 Dec 2024", "7 Dec 2024", "8 Dec 2024"]
    assert values == ["0.50", "0.61", "0.72", "0.43"]
    assert "0.72 (0.62–0.77)" in svg  # every day's values, in the table under the chart


def test_chart_labels_of_a_long_history_never_overlap_and_the_latest_is_always_written():
    source = SourceFactory()
    start = date(2023, 1, 1)
    for number in range(300):
        snapshot(source, start + timedelta(days=number), 0.3 + (number % 50) / 100)

    svg = reliability_chart_svg(source=source)

    tick_xs = [
        float(x) for x in re.findall(r'<text class="reliability-date-tick" x="([\d.]+)"', svg)
    ]
    assert len(tick_xs) >= 5
    assert all(b - a >= DATE_LABEL_WIDTH for a, b in itertools.pairwise(tick_xs))
    last_date = f"{(start + timedelta(days=299)).day} {(start + timedelta(days=299)):%b %Y}"
    assert re.findall(r'class="reliability-date-tick"[^>]*>([^<]+)<', svg)[-1] == last_date
    assert re.findall(r'class="reliability-value"[^>]*>([^<]+)<', svg)[-1] == "0.79"


def test_human_grade_line_is_drawn_over_the_mean_and_labelled_even_when_they_are_equal():
    source = SourceFactory()
    # B stands for 0.85: the computed mean sits exactly on it.
    for day in range(5, 8):
        snapshot(source, date(2024, 12, day), 0.85, letter=Grade.B)

    svg = reliability_chart_svg(source=source, human_grade=Grade.B)

    assert svg.index('class="reliability-human-grade"') > svg.index('class="reliability-mean"')
    assert 'stroke-dasharray="6 4"' in svg
    assert "human grade B (0.85)" in svg


def test_source_page_chart_shows_the_human_grade_from_the_newest_rating(client, reviewer):
    from reliability.engine import reliability_history_rebuild, reliability_recompute_all

    source = SourceFactory(name="Graded outlet")
    SourceRatingFactory(source=source, grade=Grade.C, rated_by=reviewer)
    CitationFactory(claim=ClaimFactory(), source=source)
    reliability_recompute_all()
    reliability_history_rebuild()
    client.force_login(reviewer)

    page = client.get(change_url(source)).content.decode()

    assert "human grade C (0.70)" in page
    assert 'class="reliability-date-tick"' in page
