from datetime import timedelta

import psycopg
import pytest
from django.utils import timezone

from claims.models import CitationLinkCheck, LinkState
from jobs import tasks
from jobs.linkcheck import citation_link_check, citations_due_for_link_check, link_checks_run
from jobs.models import JobRun
from tests.factories import CitationFactory
from tests.jobs.conftest import Page, outside_connection_params

pytestmark = pytest.mark.django_db


def test_a_reachable_page_records_status_final_url_and_hash(site, allow_private_fetch):
    site.pages["/story"] = Page(body=b"Assad remains in Damascus, state TV says.")
    citation = CitationFactory(url=site.url("/story"))
    check = citation_link_check(citation=citation)
    assert (check.state, check.http_status, check.final_url, check.flagged) == (
        LinkState.OK,
        200,
        site.url("/story"),
        False,
    )
    assert check.content_sha256 == check.baseline_sha256 != ""


def test_a_page_that_disappeared_is_flagged_gone(site, allow_private_fetch):
    citation = CitationFactory(url=site.url("/deleted"))
    check = citation_link_check(citation=citation)
    assert (check.state, check.http_status, check.flagged) == (LinkState.GONE, 404, True)


def test_a_page_whose_content_changed_is_flagged_changed(site, allow_private_fetch):
    site.pages["/story"] = Page(body=b"Assad remains in Damascus.")
    citation = CitationFactory(url=site.url("/story"))
    first = citation_link_check(citation=citation)
    site.pages["/story"] = Page(body=b"Correction: Assad has left Damascus.")
    second = citation_link_check(citation=citation)
    assert second.state == LinkState.CHANGED and second.flagged
    assert second.baseline_sha256 == first.content_sha256 != second.content_sha256


def test_an_unchanged_page_stays_unflagged_on_recheck(site, allow_private_fetch):
    site.pages["/story"] = Page(body=b"Same text.")
    citation = CitationFactory(url=site.url("/story"))
    citation_link_check(citation=citation)
    again = citation_link_check(citation=citation)
    assert (again.state, again.flagged) == (LinkState.OK, False)


def test_a_timeout_is_recorded_as_an_error_without_flagging(site, allow_private_fetch):
    allow_private_fetch.FETCH_TIMEOUT = 0.3
    site.pages["/slow"] = Page(body=b"late", delay=1.5)
    check = citation_link_check(citation=CitationFactory(url=site.url("/slow")))
    assert (check.state, check.http_status, check.flagged) == (LinkState.ERROR, None, False)
    assert "timed out" in check.error.lower()


def test_a_redirect_loop_is_recorded_as_an_error(site, allow_private_fetch):
    site.pages["/loop"] = Page(status=302, headers={"Location": "/loop"})
    check = citation_link_check(citation=CitationFactory(url=site.url("/loop")))
    assert check.state == LinkState.ERROR and "redirects" in check.error


def test_a_private_address_is_refused_and_never_requested(site, settings):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = False
    site.pages["/admin"] = Page(body=b"internal")
    check = citation_link_check(citation=CitationFactory(url=site.url("/admin")))
    assert check.state == LinkState.REFUSED and "non-public" in check.error
    assert site.received == []


def test_only_unchecked_stale_or_edited_citations_are_due():
    now = timezone.now()
    never = CitationFactory()
    CitationFactory(url="")
    fresh = CitationFactory()
    stale = CitationFactory()
    edited = CitationFactory()
    for citation, checked_at in [(fresh, now), (stale, now - timedelta(days=30)), (edited, now)]:
        CitationLinkCheck.objects.create(
            citation=citation, url=citation.url, checked_at=checked_at, state="ok"
        )
    edited.url = "https://news.example.org/corrected"
    edited.save()
    due = list(citations_due_for_link_check(now=now))
    assert set(due) == {never, stale, edited}
    assert due[0] == never  # never checked comes first


def test_a_batch_checks_each_due_citation_once_and_counts_outcomes(site, allow_private_fetch):
    site.pages["/a"] = Page(body=b"a")
    CitationFactory(url=site.url("/a"))
    CitationFactory(url=site.url("/missing"))
    counts = link_checks_run(limit=10)
    assert counts == {"ok": 1, "gone": 1, "checked": 2}
    assert link_checks_run(limit=10) == {"checked": 0}


def test_a_scheduled_run_is_skipped_while_another_one_is_still_checking(site, allow_private_fetch):
    site.pages["/a"] = Page(body=b"a")
    CitationFactory(url=site.url("/a"))
    with psycopg.connect(**outside_connection_params(), autocommit=True) as other_worker:
        other_worker.execute("SELECT pg_advisory_lock(hashtext('factcheck.job.link check'))")
        tasks.link_checks_run()
        assert JobRun.objects.get().counts == {"skipped_already_running": 1}
        assert site.received == []
        # The other run ends as jobs.log ends one, by unlocking: closing the connection alone
        # releases the lock only once its backend has exited, which the next run could beat.
        other_worker.execute("SELECT pg_advisory_unlock(hashtext('factcheck.job.link check'))")
    tasks.link_checks_run()
    assert JobRun.objects.order_by("-id").first().counts == {"ok": 1, "checked": 1}
