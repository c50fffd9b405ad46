"""The audit trail in the admin: one window of days, newest first, a page at a time by key, with
what each event changed and who changed it, in a bounded number of queries."""

from datetime import UTC, datetime, timedelta

import pghistory
import pytest
from django.urls import reverse
from django.utils import timezone

from claims.models import ClaimStatus, Verdict
from claims.services import review_create
from factcheck.audit import AuditCursor, audit_event_models, audit_events
from tests.factories import ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db

TRAIL = reverse("admin:pghistory_middlewareevents_changelist")


def _move_events_back(days: int) -> None:
    """Date every event so far `days` earlier (as if written then)."""
    for model in audit_event_models():
        model.objects.update(pgh_created_at=timezone.now() - timedelta(days=days))


def test_trail_shows_this_weeks_changes_with_their_diff_and_author(client, reviewer):
    claim = ClaimFactory(text="Assad remains in Damascus")
    with pghistory.context(user=reviewer.pk, url="/admin/claims/claim/1/change/"):
        review_create(
            claim=claim, verdict=Verdict.CONTRADICTED, evidence_note="Seen in Moscow.",
            reviewer=reviewer,
        )  # fmt: skip
    client.force_login(reviewer)

    response = client.get(TRAIL)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Audit trail" in page
    status_change = next(
        row["event"]
        for row in response.context["rows"]
        if row["event"].object_model == "claims.Claim" and row["event"].label == "update"
    )
    assert status_change.diff["status"] == [ClaimStatus.UNVERIFIED, ClaimStatus.CONTRADICTED]
    assert status_change.username == reviewer.username
    assert f'href="{reverse("admin:claims_claim_change", args=[claim.pk])}"' in page


def test_trail_reads_only_the_window_asked_for(client, reviewer):
    ClaimFactory(text="An old claim")
    _move_events_back(days=40)
    ClaimFactory(text="A new claim")
    client.force_login(reviewer)

    def texts(params):
        rows = client.get(TRAIL, params).context["rows"]
        return {row["event"].data.get("text") for row in rows} - {None}

    assert texts({}) == {"A new claim"}
    forty_days_ago = (timezone.now() - timedelta(days=40)).date()
    window = {"since": f"{forty_days_ago - timedelta(days=1)}", "until": f"{forty_days_ago}"}
    assert texts(window) == {"An old claim"}


def test_trail_pages_by_key_through_every_event_once(reviewer):
    claims = [ClaimFactory(text=f"Claim {n}") for n in range(7)]
    SourceFactory(name="A source")
    now = timezone.now()
    since, until = now - timedelta(days=1), now + timedelta(days=1)
    everything, _ = audit_events(since=since, until=until, size=1000)

    seen, before = [], None
    while True:
        page, before = audit_events(since=since, until=until, before=before, size=3)
        seen += page
        if before is None:
            break

    assert [(e.model, e.pgh_id) for e in seen] == [(e.model, e.pgh_id) for e in everything]
    assert len({(e.model, e.pgh_id) for e in seen}) == len(seen) >= len(claims) + 1
    times = [e.at for e in seen]
    assert times == sorted(times, reverse=True)


def test_trail_filters_by_table_and_event(client, reviewer):
    claim = ClaimFactory(text="Assad remains in Damascus")
    SourceFactory(name="A source")
    review_create(claim=claim, verdict=Verdict.CORROBORATED, evidence_note="ok", reviewer=reviewer)
    client.force_login(reviewer)

    rows = client.get(TRAIL, {"model": "claims.ClaimEvent", "label": "update"}).context["rows"]

    assert rows and all(
        row["event"].model == "claims.ClaimEvent" and row["event"].label == "update" for row in rows
    )


def test_trail_page_and_its_next_page_take_a_fixed_number_of_queries(
    client, reviewer, django_assert_max_num_queries
):
    for n in range(60):
        ClaimFactory(text=f"Claim number {n}")
    client.force_login(reviewer)
    # session, user, the reviewer's user and group permissions (for the view permission and the
    # menu), and the page: every event table's newest events with their previous events,
    # contexts and users, in one query.
    with django_assert_max_num_queries(5):
        first = client.get(TRAIL)
    next_url = first.context["next_url"]
    assert len(first.context["rows"]) == 50 and next_url

    with django_assert_max_num_queries(5):
        second = client.get(TRAIL + next_url)
    assert second.status_code == 200
    assert not {(r["event"].model, r["event"].pgh_id) for r in second.context["rows"]} & {
        (r["event"].model, r["event"].pgh_id) for r in first.context["rows"]
    }


def test_a_bad_window_or_cursor_falls_back_to_the_default_page(client, reviewer):
    ClaimFactory(text="A claim")
    client.force_login(reviewer)

    response = client.get(TRAIL, {"since": "not a date", "before": "nonsense"})

    assert response.status_code == 200
    assert response.context["rows"]
    assert AuditCursor.parse("nonsense") is None


def test_trail_is_closed_to_those_without_the_view_permission(client, journalist):
    client.force_login(journalist)

    assert client.get(TRAIL).status_code in (302, 403)


def test_a_window_longer_than_a_year_is_cut_to_a_year(client, reviewer):
    client.force_login(reviewer)

    response = client.get(TRAIL, {"since": "2000-01-01", "until": "2024-12-31"})

    assert response.status_code == 200
    assert response.context["subtitle"].startswith(
        f"{datetime(2024, 12, 31, tzinfo=UTC) - timedelta(days=365):%d %b %Y}"
    )
