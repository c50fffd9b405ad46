"""Public fact-check pages: publishing through the services and the admin, and the page itself:
no login, 404 until published, everything escaped, the ClaimReview embedded safely."""

import json
import re
from datetime import UTC, datetime

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from pghistory.models import Events

from claims.models import Claim, ClaimStatus, Stance, Verdict
from claims.public import FACT_CHECKS_PER_PAGE
from claims.services import claim_publish, claim_unpublish, review_create
from sources.models import Source
from tests.factories import CitationFactory, ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:claims_claim_changelist")
INDEX = reverse("fact-check-list")
SCRIPT_BREAKOUT = "</script><script>alert(1)</script>"


def page_url(claim):
    return reverse("fact-check", args=[claim.pk])


def source_named(name):
    return Source.objects.filter(name=name).first() or SourceFactory(name=name)


def reviewed_claim(
    reviewer, *, text="Regime forces withdrew from Homs", verdict=Verdict.CONTRADICTED
):
    claim = ClaimFactory(text=text, about_start=datetime(2024, 12, 7, tzinfo=UTC))
    sohr = source_named("Syrian Observatory for Human Rights")
    afp = source_named("AFP")
    citation = CitationFactory(
        claim=claim,
        source=sohr,
        via=afp,
        quote="The army pulled out of the city overnight.",
        url="https://www.afp.com/en/news/homs",
    )
    CitationFactory(claim=claim, source=source_named("SANA"), stance=Stance.DENIES)
    review_create(
        claim=claim,
        verdict=verdict,
        evidence_note="Footage geolocated to the city centre shows army units in place.",
        evidence_url="https://example.org/geolocation",
        evidence_citations=[citation],
        reviewer=reviewer,
    )
    claim.refresh_from_db()
    return claim


def embedded_claim_review(html: str) -> dict:
    [document] = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.DOTALL
    )
    return json.loads(document)


# --- Services --------------------------------------------------------------------------------


def test_publishing_a_reviewed_claim_records_when_and_by_whom(reviewer):
    claim = reviewed_claim(reviewer)

    claim_publish(claim=claim, published_by=reviewer)

    claim.refresh_from_db()
    assert claim.published_at is not None
    assert claim.published_by == reviewer


def test_publishing_again_keeps_the_first_publication_time(reviewer, staff):
    claim = reviewed_claim(reviewer)
    first = claim_publish(claim=claim, published_by=reviewer).published_at

    again = claim_publish(claim=claim, published_by=staff)

    assert (again.published_at, again.published_by) == (first, reviewer)


def test_a_claim_without_a_verdict_cannot_be_published(reviewer):
    claim = ClaimFactory()

    with pytest.raises(ValidationError) as error:
        claim_publish(claim=claim, published_by=reviewer)

    assert "status" in error.value.message_dict
    claim.refresh_from_db()
    assert claim.published_at is None


def test_the_database_refuses_a_published_claim_without_a_verdict(reviewer):
    claim = ClaimFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(published_at=datetime(2024, 12, 9, tzinfo=UTC))


def test_unpublishing_clears_the_publication(reviewer):
    claim = reviewed_claim(reviewer)
    claim_publish(claim=claim, published_by=reviewer)

    claim_unpublish(claim=claim)

    claim.refresh_from_db()
    assert (claim.published_at, claim.published_by) == (None, None)


def test_publishing_and_unpublishing_are_in_the_claims_audit_trail(reviewer):
    claim = reviewed_claim(reviewer)

    claim_publish(claim=claim, published_by=reviewer)
    claim_unpublish(claim=claim)

    diffs = [
        event.pgh_diff
        for event in Events.objects.tracks(claim).filter(pgh_label="update").order_by("pgh_id")
        if event.pgh_diff and "published_at" in event.pgh_diff
    ]
    assert len(diffs) == 2
    assert diffs[0]["published_at"][0] is None and diffs[0]["published_by_id"][1] == reviewer.pk
    assert diffs[1]["published_at"][1] is None


# --- The public page -------------------------------------------------------------------------


def test_published_fact_check_page_shows_claim_verdict_evidence_and_sources_without_login(
    client, reviewer
):
    claim = reviewed_claim(reviewer)
    claim_publish(claim=claim, published_by=reviewer)

    response = client.get(page_url(claim))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Regime forces withdrew from Homs" in page
    assert "Contradicted" in page
    assert "Footage geolocated to the city centre" in page
    assert 'href="https://example.org/geolocation"' in page
    assert "Syrian Observatory for Human Rights" in page and "relayed by AFP" in page
    assert "The army pulled out of the city overnight." in page
    assert 'href="https://www.afp.com/en/news/homs"' in page
    assert "SANA</strong> denies" in page
    assert "<script src" not in page


def test_unpublished_claim_page_is_not_found(client, reviewer):
    claim = reviewed_claim(reviewer)

    assert client.get(page_url(claim)).status_code == 404


def test_unpublished_claim_page_is_not_found_again_after_unpublishing(client, reviewer):
    claim = reviewed_claim(reviewer)
    claim_publish(claim=claim, published_by=reviewer)
    claim_unpublish(claim=claim)

    assert client.get(page_url(claim)).status_code == 404


def test_unverified_and_unknown_claims_have_no_page(client):
    assert client.get(page_url(ClaimFactory())).status_code == 404
    assert client.get(reverse("fact-check", args=[999999])).status_code == 404


def test_fact_check_page_embeds_its_claimreview_whose_url_is_the_page(client, reviewer):
    claim = reviewed_claim(reviewer)
    claim_publish(claim=claim, published_by=reviewer)

    review = embedded_claim_review(client.get(page_url(claim)).content.decode())

    assert review["@type"] == "ClaimReview"
    assert review["url"] == f"http://testserver{page_url(claim)}"
    assert review["claimReviewed"] == claim.text
    assert review["reviewRating"]["alternateName"] == "Contradicted"


def test_script_in_claim_text_and_quote_cannot_break_out_of_the_page_or_its_json_ld(
    client, reviewer
):
    claim = reviewed_claim(reviewer, text=f"Assad {SCRIPT_BREAKOUT} fled & left")
    CitationFactory(claim=claim, source=SourceFactory(name="Hostile"), quote=SCRIPT_BREAKOUT)
    claim_publish(claim=claim, published_by=reviewer)

    page = client.get(page_url(claim)).content.decode()

    assert "<script>alert(1)" not in page
    assert page.count("<script") == 1  # the JSON-LD, and nothing the claim brought in
    review = embedded_claim_review(page)
    assert review["claimReviewed"] == f"Assad {SCRIPT_BREAKOUT} fled & left"
    quotes = [appearance.get("text") for appearance in review["itemReviewed"]["appearance"]]
    assert SCRIPT_BREAKOUT in quotes


def test_fact_check_page_shows_each_reviewers_standing_verdict(client, reviewer, staff):
    claim = reviewed_claim(reviewer, verdict=Verdict.CORROBORATED)
    review_create(
        claim=claim,
        verdict=Verdict.SUPERSEDED,
        evidence_note="Retaken on 9 December.",
        reviewer=reviewer,
    )
    review_create(
        claim=claim,
        verdict=Verdict.SUPERSEDED,
        evidence_note="Second opinion agrees.",
        reviewer=staff,
    )
    claim_publish(claim=claim, published_by=reviewer)

    page = client.get(page_url(claim)).content.decode()

    assert "Retaken on 9 December." in page and "Second opinion agrees." in page
    assert "Footage geolocated" not in page  # the reviewer's own earlier verdict was replaced


def test_fact_check_page_is_four_queries_however_many_sources_and_verdicts(
    client, reviewer, staff, django_assert_max_num_queries
):
    claim = reviewed_claim(reviewer)
    for _ in range(10):
        CitationFactory(claim=claim, source=SourceFactory(), via=SourceFactory())
    review_create(
        claim=claim, verdict=Verdict.CONTRADICTED, evidence_note="Agreed.", reviewer=staff
    )
    claim_publish(claim=claim, published_by=reviewer)

    # The claim with its newest review time, its citations with sources and relays, the standing
    # reviews, and their evidence citations with sources. No session: the page needs no login.
    with django_assert_max_num_queries(4):
        response = client.get(page_url(claim))
    assert response.status_code == 200


def test_fact_check_index_lists_published_claims_newest_first_in_pages(
    client, reviewer, django_assert_max_num_queries
):
    claims = [
        reviewed_claim(reviewer, text=f"Published claim {n}")
        for n in range(FACT_CHECKS_PER_PAGE + 2)
    ]
    for claim in claims:
        claim_publish(claim=claim, published_by=reviewer)
    hidden = reviewed_claim(reviewer, text="Reviewed but never published")

    # The count and the page.
    with django_assert_max_num_queries(2):
        first = client.get(INDEX).content.decode()
    second = client.get(INDEX, {"page": 2}).content.decode()

    newest, oldest = claims[-1], claims[0]
    assert first.index(newest.text) < first.index(claims[-2].text)
    assert oldest.text not in first and oldest.text in second
    assert page_url(newest) in first
    assert hidden.text not in first + second
    assert client.get(INDEX, {"page": "nonsense"}).status_code == 200


def test_fact_check_pages_refuse_writes(client, reviewer):
    claim = reviewed_claim(reviewer)
    claim_publish(claim=claim, published_by=reviewer)

    assert client.post(page_url(claim)).status_code == 405


# --- The admin -------------------------------------------------------------------------------


def test_reviewer_publishes_and_unpublishes_from_the_claim_page(client, reviewer):
    claim = reviewed_claim(reviewer)
    client.force_login(reviewer)
    change = reverse("admin:claims_claim_change", args=[claim.pk])

    assert "Publish the fact-check page" in client.get(change).content.decode()
    response = client.post(reverse("admin:claims_claim_publish", args=[claim.pk]), follow=True)

    claim.refresh_from_db()
    assert claim.published_at is not None
    page = response.content.decode()
    assert "Unpublish" in page and page_url(claim) in page

    client.post(reverse("admin:claims_claim_unpublish", args=[claim.pk]))
    claim.refresh_from_db()
    assert claim.published_at is None


def test_claim_page_says_a_verdict_comes_before_publishing(client, reviewer):
    claim = ClaimFactory()
    client.force_login(reviewer)

    page = client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()
    response = client.post(reverse("admin:claims_claim_publish", args=[claim.pk]), follow=True)

    assert "needs a verdict before" in page
    assert "Only a claim with a verdict can be published" in response.content.decode()
    claim.refresh_from_db()
    assert claim.published_at is None


def test_publishing_from_the_admin_needs_a_post_and_the_review_permission(
    client, reviewer, journalist
):
    claim = reviewed_claim(reviewer)
    journalist.is_staff = True
    journalist.save()
    client.force_login(journalist)

    assert client.post(reverse("admin:claims_claim_publish", args=[claim.pk])).status_code == 403
    client.force_login(reviewer)
    assert client.get(reverse("admin:claims_claim_publish", args=[claim.pk])).status_code == 405
    claim.refresh_from_db()
    assert claim.published_at is None


def test_bulk_publish_publishes_all_selected_reviewed_claims(client, reviewer):
    claims = [reviewed_claim(reviewer, text=f"Reviewed {n}") for n in range(3)]
    client.force_login(reviewer)

    client.post(
        CHANGELIST,
        {"action": "publish_selected", ACTION_CHECKBOX_NAME: [c.pk for c in claims]},
    )

    assert Claim.objects.filter(published_at__isnull=False).count() == 3


def test_bulk_publish_with_an_unreviewed_claim_publishes_none_and_names_it(client, reviewer):
    reviewed = reviewed_claim(reviewer)
    unreviewed = ClaimFactory(text="Nobody has looked at this yet")
    client.force_login(reviewer)

    response = client.post(
        CHANGELIST,
        {"action": "publish_selected", ACTION_CHECKBOX_NAME: [reviewed.pk, unreviewed.pk]},
        follow=True,
    )

    assert "Nobody has looked at this yet" in response.content.decode()
    assert not Claim.objects.filter(published_at__isnull=False).exists()


def test_bulk_unpublish_takes_pages_down(client, reviewer):
    claims = [reviewed_claim(reviewer, text=f"Reviewed {n}") for n in range(2)]
    for claim in claims:
        claim_publish(claim=claim, published_by=reviewer)
    client.force_login(reviewer)

    client.post(
        CHANGELIST,
        {"action": "unpublish_selected", ACTION_CHECKBOX_NAME: [c.pk for c in claims]},
    )

    assert not Claim.objects.filter(published_at__isnull=False).exists()
    assert Claim.objects.filter(status=ClaimStatus.CONTRADICTED).count() == 2
