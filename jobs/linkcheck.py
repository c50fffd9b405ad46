"""Link checks: every cited URL is fetched on a schedule and what came back is recorded.

The first successful fetch sets the baseline content hash; a later fetch whose hash differs flags
the citation as changed, a 404 or 410 flags it as gone. Unreachable pages and other HTTP errors are
recorded but not flagged: they are often temporary.
"""

import hashlib
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from claims.models import Citation, CitationLinkCheck, LinkState
from factcheck.http import AddressNotAllowed, FetchError, HostThrottle, safe_fetch
from jobs.log import RunCounts

GONE_STATUSES = {404, 410}


def citations_due_for_link_check(*, now: datetime | None = None) -> QuerySet[Citation]:
    """Citations with a URL never checked, checked too long ago, or edited since; oldest first."""
    stale = (now or timezone.now()) - timedelta(days=settings.LINK_CHECK_INTERVAL_DAYS)
    return (
        Citation.objects.exclude(url="")
        .filter(
            Q(link_check__isnull=True)
            | Q(link_check__checked_at__lt=stale)
            | ~Q(link_check__url=F("url"))
        )
        .select_related("link_check")
        .order_by(F("link_check__checked_at").asc(nulls_first=True), "pk")
    )


def citation_link_check(
    *, citation: Citation, throttle: HostThrottle | None = None, now: datetime | None = None
) -> CitationLinkCheck:
    """Fetch the citation's URL once and record the outcome (idempotent: one row per citation)."""
    previous = getattr(citation, "link_check", None)
    baseline = previous.baseline_sha256 if previous and previous.url == citation.url else ""
    if throttle:
        throttle.wait(citation.url)
    outcome: dict[str, object] = {
        "http_status": None,
        "final_url": "",
        "content_sha256": "",
        "error": "",
    }
    try:
        response = safe_fetch(citation.url)
    except AddressNotAllowed as refusal:
        state, outcome["error"] = LinkState.REFUSED, str(refusal)
    except FetchError as failure:
        state, outcome["error"] = LinkState.ERROR, str(failure)
    else:
        outcome["http_status"], outcome["final_url"] = response.status, response.final_url
        if response.status in GONE_STATUSES:
            state = LinkState.GONE
        elif 200 <= response.status < 300:
            digest = hashlib.sha256(response.body).hexdigest()
            outcome["content_sha256"] = digest
            baseline = baseline or digest
            state = LinkState.OK if digest == baseline else LinkState.CHANGED
        else:
            state, outcome["error"] = LinkState.ERROR, f"HTTP {response.status}"
    check, _ = CitationLinkCheck.objects.update_or_create(
        citation=citation,
        defaults={
            "url": citation.url,
            "checked_at": now or timezone.now(),
            "state": state,
            "baseline_sha256": baseline,
            "flagged": state in {LinkState.CHANGED, LinkState.GONE},
            **outcome,
        },
    )
    citation.link_check = check
    return check


def link_checks_run(*, limit: int | None = None, counts: RunCounts | None = None) -> RunCounts:
    """Check one batch of due citations, politely spaced per host."""
    counts = RunCounts() if counts is None else counts
    throttle = HostThrottle(settings.LINK_CHECK_HOST_INTERVAL)
    batch = list(citations_due_for_link_check()[: limit or settings.LINK_CHECK_BATCH_SIZE])
    for citation in batch:
        check = citation_link_check(citation=citation, throttle=throttle)
        counts.add(check.state)
    counts.add("checked", len(batch))
    return counts
