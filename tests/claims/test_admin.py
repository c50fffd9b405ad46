from datetime import UTC, datetime

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Permission
from django.urls import reverse
from pghistory.models import Events

from claims.admin import STATUS_COLOURS
from claims.models import (
    Citation,
    CitationLinkCheck,
    Claim,
    ClaimStatus,
    LinkState,
    RecomputeRequest,
    Review,
    Stance,
    Verdict,
)
from claims.services import review_create
from reliability.engine import reliability_recompute_all
from sources.models import SourceKind
from tests.admin_forms import form_data
from tests.factories import CitationFactory, ClaimFactory, ReviewFactory, SourceFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:claims_claim_changelist")
ADD = reverse("admin:claims_claim_add")
EVENTS = reverse("admin:pghistory_middlewareevents_changelist")


def change_url(claim):
    return reverse("admin:claims_claim_change", args=[claim.pk])


@pytest.fixture
def claims_with_citations_and_reviews(reviewer):
    """Six claims, each cited by three sources (one relayed by an outlet) and reviewed by two
    reviewers, who agree on all but the first (disputed)."""
    government = SourceFactory(name="Syrian government", kind=SourceKind.GOVERNMENT)
    sana = SourceFactory(name="SANA", kind=SourceKind.STATE_MEDIA, parent=government)
    outlet = SourceFactory(name="Wire Service")
    others = [SourceFactory(name=f"Monitor {n}") for n in range(2)]
    other_reviewer = UserFactory(username="second-reviewer", is_staff=True, roles=["reviewer"])
    claims = []
    for number in range(6):
        claim = ClaimFactory(
            text=f"Claim {number} about the front",
            topic="syria" if number % 2 else "iran",
            about_start=datetime(2024, 12, 1 + number, tzinfo=UTC),
        )
        CitationFactory(claim=claim, source=sana, via=outlet, stance=Stance.DENIES)
        for source in others:
            CitationFactory(claim=claim, source=source)
        second_opinion = Verdict.CONTRADICTED if number == 0 else Verdict.CORROBORATED
        for who, verdict in [(reviewer, Verdict.CORROBORATED), (other_reviewer, second_opinion)]:
            review_create(claim=claim, verdict=verdict, evidence_note="Checked.", reviewer=who)
        claims.append(claim)
    return claims


def test_claim_changelist_shows_who_said_it_and_through_whom_without_a_query_per_row(
    client, reviewer, claims_with_citations_and_reviews, django_assert_max_num_queries
):
    client.force_login(reviewer)
    # session, user, the reviewer's user and group permissions, the cited-source and via filters
    # choices (one each, an index probe per source), the topic filter's values and the months
    # claims are about (index scans), the count (exact up to 1,000, no second count of the whole
    # table), the page of claims with who entered them, their citations with source and via (one
    # prefetch), and the date hierarchy's range and its months (an index scan).
    with django_assert_max_num_queries(13):
        response = client.get(CHANGELIST)
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == 6
    page = response.content.decode()
    assert "SANA (denies); Monitor 0 (asserts); Monitor 1 (asserts)" in page
    assert "Wire Service" in page
    assert page.count('class="claim-status claim-status-corroborated"') == 5
    assert page.count('class="claim-status claim-status-disputed"') == 1


def test_claim_filters_narrow_by_status_source_topic_and_time(
    client, reviewer, claims_with_citations_and_reviews
):
    lonely = ClaimFactory(text="Nobody cites this", topic="syria")
    sana = Citation.objects.filter(source__name="SANA").first().source
    client.force_login(reviewer)

    def texts(params):
        return {claim.text for claim in client.get(CHANGELIST, params).context["cl"].result_list}

    assert texts({"status__exact": ClaimStatus.UNVERIFIED}) == {lonely.text}
    assert texts({"status__exact": ClaimStatus.DISPUTED}) == {"Claim 0 about the front"}
    assert "Nobody cites this" not in texts({"citations__source__id__exact": sana.pk})
    assert len(texts({"citations__source__id__exact": sana.pk})) == 6
    assert len(texts({"topic": "iran"})) == 3
    november_into_december = ClaimFactory(
        text="The siege lasted from late November into December",
        about_start=datetime(2024, 11, 20, tzinfo=UTC),
        about_end=datetime(2024, 12, 3, tzinfo=UTC),
    )
    ClaimFactory(text="Before the offensive", about_start=datetime(2024, 10, 1, tzinfo=UTC))
    december = texts({"about_month": "2024-12"})
    assert len(december) == 7 and november_into_december.text in december
    assert texts({"about_month": "2024-11"}) == {november_into_december.text}


def test_claim_search_covers_claim_text_and_citation_quotes(client, reviewer):
    assad = ClaimFactory(text="Assad remains in Damascus")
    CitationFactory(claim=assad, quote="State media insisted he remains in the capital.")
    ClaimFactory(text="HTS has captured Aleppo and Hama")
    client.force_login(reviewer)

    for term in ["remains in damascus", "insisted he remains"]:
        response = client.get(CHANGELIST, {"q": term})
        assert list(response.context["cl"].result_list) == [assad], term


def test_claim_change_page_is_bounded_and_shows_history_read_only(
    client, reviewer, claims_with_citations_and_reviews, django_assert_max_num_queries
):
    claim = claims_with_citations_and_reviews[0]
    gone = claim.citations.first()
    CitationLinkCheck.objects.create(
        citation=gone,
        url=gone.url,
        checked_at=datetime(2024, 12, 9, tzinfo=UTC),
        state=LinkState.GONE,
        http_status=404,
        flagged=True,
    )
    client.force_login(reviewer)
    # session, user, the claim with who entered it and its citations (prefetch), the reviewer's
    # user and group permissions, the citation history with claim, source, via, enterer and link
    # check joined, the review history with claim and reviewer joined, the working notes, the
    # content type (cached after first use), the claim's contradicting claims, its similar
    # claims; the inlines for new citations and verdicts query nothing.
    with django_assert_max_num_queries(12):
        response = client.get(change_url(claim))
    assert response.status_code == 200
    inlines = {
        inline.formset.prefix: inline for inline in response.context["inline_admin_formsets"]
    }
    citations, reviews = inlines["citations"], inlines["reviews-2"]
    assert len(citations.formset.forms) == 3 and len(reviews.formset.forms) == 2
    for history in [citations, reviews]:
        assert not history.has_change_permission and not history.has_delete_permission
    assert "Events" in response.content.decode()
    page = response.content.decode()
    assert "⚠ Disappeared (404/410) (2024-12-09)" in page and "not checked yet" in page


def test_adding_a_claim_records_who_entered_it_and_its_first_citation(client, reviewer):
    sohr = SourceFactory(name="Syrian Observatory for Human Rights")
    client.force_login(reviewer)
    data = form_data(client.get(ADD), "claim_form")
    data.update(
        {
            "text": "Iran's military advisers have begun withdrawing from Syria",
            "topic": "syria",
            "citations-2-0-source": str(sohr.pk),
            "citations-2-0-stance": Stance.ASSERTS,
            "citations-2-0-quote": "Iran's military advisers have begun withdrawing.",
            "citations-2-0-url": "https://news.example.org/iran-advisers",
            "citations-2-0-published_at_0": "2024-12-07",
            "citations-2-0-published_at_1": "09:00:00",
        }
    )

    response = client.post(ADD, data)

    assert response.status_code == 302, response.context and response.context["errors"]
    claim = Claim.objects.get(text="Iran's military advisers have begun withdrawing from Syria")
    assert claim.created_by == reviewer
    assert claim.first_reported_at == datetime(2024, 12, 7, 9, tzinfo=UTC)
    citation = claim.citations.get()
    assert (citation.source, citation.created_by) == (sohr, reviewer)


def test_duplicate_citation_on_the_claim_page_is_a_form_error(client, reviewer):
    citation = CitationFactory()
    client.force_login(reviewer)
    data = form_data(client.get(change_url(citation.claim)), "claim_form")
    data.update(
        {
            "citations-2-0-source": str(citation.source.pk),
            "citations-2-0-stance": citation.stance,
            "citations-2-0-url": citation.url,
        }
    )

    response = client.post(change_url(citation.claim), data)

    assert response.status_code == 200
    assert response.context["errors"]
    assert citation.claim.citations.count() == 1


def test_verdict_recorded_on_the_claim_page_updates_status(client, reviewer):
    claim = ClaimFactory()
    client.force_login(reviewer)
    data = form_data(client.get(change_url(claim)), "claim_form")
    data.update(
        {
            "reviews-0-verdict": Verdict.SUPERSEDED,
            "reviews-0-evidence_note": "Was true on 7 December; he left the next night.",
            "reviews-0-effective_at_0": "2024-12-08",
            "reviews-0-effective_at_1": "01:00:00",
        }
    )

    response = client.post(change_url(claim), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUPERSEDED
    assert claim.reviews.get().reviewer == reviewer


def test_editing_a_claim_does_not_overwrite_its_derived_status(client, reviewer):
    claim = ClaimFactory()
    client.force_login(reviewer)
    data = form_data(client.get(change_url(claim)), "claim_form")
    ReviewFactory(claim=claim, verdict=Verdict.CONTRADICTED)
    Claim.objects.filter(pk=claim.pk).update(status=ClaimStatus.CONTRADICTED)
    data["topic"] = "damascus"

    response = client.post(change_url(claim), data)

    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.topic, claim.status) == ("damascus", ClaimStatus.CONTRADICTED)


def test_action_asks_for_evidence_and_records_nothing_without_a_note(client, reviewer):
    claims = [ClaimFactory(), ClaimFactory()]
    selection = {"action": "mark_corroborated", ACTION_CHECKBOX_NAME: [c.pk for c in claims]}
    client.force_login(reviewer)

    page = client.post(CHANGELIST, selection)
    assert page.status_code == 200
    assert page.templates[0].name == "admin/claims/claim/review_action.html"

    refused = client.post(CHANGELIST, {**selection, "apply": "yes", "evidence_note": "  "})
    assert refused.status_code == 200
    assert "evidence_note" in refused.context["form"].errors
    assert not Review.objects.exists()

    done = client.post(
        CHANGELIST,
        {**selection, "apply": "yes", "evidence_note": "Two reporters on the ground confirm."},
    )
    assert done.status_code == 302
    assert set(Claim.objects.values_list("status", flat=True)) == {ClaimStatus.CORROBORATED}
    assert Review.objects.filter(reviewer=reviewer).count() == 2


def test_reviewer_finds_marks_contradicted_and_sees_status_and_history_change(client, reviewer):
    government = SourceFactory(name="Syrian government", kind=SourceKind.GOVERNMENT)
    state_tv = SourceFactory(name="Syrian state TV", kind=SourceKind.STATE_MEDIA, parent=government)
    outlet = SourceFactory(name="The Levant Ledger", kind=SourceKind.NEWSPAPER)
    assad = ClaimFactory(text="Assad remains in Damascus")
    CitationFactory(claim=assad, source=state_tv, via=outlet, quote="He remains in Damascus.")
    ClaimFactory(text="HTS has captured Aleppo and Hama")
    client.force_login(reviewer)

    found = client.get(CHANGELIST, {"q": "Assad remains"})
    assert list(found.context["cl"].result_list) == [assad]
    assert "Syrian state TV (asserts)" in found.content.decode()
    assert "The Levant Ledger" in found.content.decode()

    selection = {"action": "mark_contradicted", ACTION_CHECKBOX_NAME: [assad.pk]}
    evidence_page = client.post(CHANGELIST + "?q=Assad+remains", selection)
    assert "Assad remains in Damascus" in evidence_page.content.decode()
    done = client.post(
        CHANGELIST + "?q=Assad+remains",
        {
            **selection,
            "apply": "yes",
            "evidence_note": "Russian state media report he arrived in Moscow.",
            "evidence_url": "https://news.example.org/assad-in-moscow",
            "effective_at_0": "2024-12-08",
            "effective_at_1": "06:00:00",
        },
    )
    assert done.status_code == 302

    assad.refresh_from_db()
    assert assad.status == ClaimStatus.CONTRADICTED
    review = assad.reviews.get()
    assert review.reviewer == reviewer
    assert review.effective_at == datetime(2024, 12, 8, 6, tzinfo=UTC)
    assert "claim-status-contradicted" in client.get(change_url(assad)).content.decode()

    history = client.get(EVENTS, {"method": "tracks", "obj": f"claims.Claim:{assad.pk}"})
    assert history.status_code == 200
    assert "contradicted" in history.content.decode()
    assert reviewer.username in history.content.decode()
    status_change = Events.objects.tracks(assad).filter(pgh_label="update").get()
    assert status_change.pgh_diff["status"] == [ClaimStatus.UNVERIFIED, ClaimStatus.CONTRADICTED]
    assert status_change.pgh_context["user"] == reviewer.pk


def test_review_history_is_read_only_and_bounded(
    client, reviewer, claims_with_citations_and_reviews, django_assert_max_num_queries
):
    client.force_login(reviewer)
    # session, user, the reviewer's user and group permissions, the reviewer filter's choices,
    # the count, the page of reviews with claim and reviewer joined, the date hierarchy's range
    # and its months.
    with django_assert_max_num_queries(9):
        response = client.get(reverse("admin:claims_review_changelist"))
    assert len(response.context["cl"].result_list) == 12
    assert response.context["action_form"] is None
    assert not response.context["has_add_permission"]

    review = Review.objects.first()
    # session, user, permissions (2), the review with its claim and reviewer, its evidence
    # citations with their sources, the content type (cached after first use).
    with django_assert_max_num_queries(7):
        page = client.get(reverse("admin:claims_review_change", args=[review.pk]))
    assert page.status_code == 200
    assert not page.context["has_change_permission"]


def test_reviewer_cannot_delete_a_review(client, reviewer):
    review = ReviewFactory(reviewer=reviewer)
    client.force_login(reviewer)
    delete_url = reverse("admin:claims_review_delete", args=[review.pk])

    assert client.get(delete_url).status_code == 403
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    changelist = client.get(reverse("admin:claims_review_changelist"))
    assert b"delete_selected" not in changelist.content
    assert Review.objects.filter(pk=review.pk).exists()


def test_citation_admin_is_bounded_and_edits_keep_the_rules(
    client, reviewer, claims_with_citations_and_reviews, django_assert_max_num_queries
):
    client.force_login(reviewer)
    # session, user, the reviewer's user and group permissions, the source filter's choices,
    # the count, the page of citations with claim, source and via joined, the date hierarchy's
    # range and its months.
    with django_assert_max_num_queries(9):
        response = client.get(reverse("admin:claims_citation_changelist"))
    assert len(response.context["cl"].result_list) == 18

    citation = Citation.objects.filter(via__isnull=False).first()
    url = reverse("admin:claims_citation_change", args=[citation.pk])
    data = form_data(client.get(url), "citation_form")
    data["via"] = str(citation.source.pk)
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["errors"]
    citation.refresh_from_db()
    assert citation.via.name == "Wire Service"


def test_moving_a_citation_to_another_source_in_the_admin_recomputes_both_sources(
    client, reviewer, claims_with_citations_and_reviews
):
    client.force_login(reviewer)
    citation = Citation.objects.filter(via__isnull=False).first()
    old_source, new_source = citation.source, SourceFactory(name="Corrected source")
    url = reverse("admin:claims_citation_change", args=[citation.pk])
    data = form_data(client.get(url), "citation_form")
    data["source"] = str(new_source.pk)
    assert client.post(url, data).status_code == 302
    citation.refresh_from_db()
    assert citation.source == new_source
    request = RecomputeRequest.objects.latest("pk")
    assert {old_source.pk, new_source.pk} <= set(request.source_ids)


def test_claim_actions_are_offered_only_to_those_who_may_review(
    client, reviewer, claims_with_citations_and_reviews
):
    client.force_login(reviewer)
    choices = dict(client.get(CHANGELIST).context["action_form"].fields["action"].choices)
    assert {"mark_corroborated", "mark_contradicted", "mark_superseded"} <= set(choices)
    assert "delete_selected" not in choices

    viewer = UserFactory(username="view-only", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_claim"))
    client.force_login(viewer)
    assert client.get(CHANGELIST).context["action_form"] is None


def test_status_badges_have_a_colour_for_every_status():
    assert set(STATUS_COLOURS) == set(ClaimStatus.values)


def test_superseded_action_sets_the_time_it_speaks_of(client, reviewer):
    claim = ClaimFactory(text="Assad remains in Damascus")
    client.force_login(reviewer)
    effective = datetime(2024, 12, 8, 2, tzinfo=UTC)
    client.post(
        CHANGELIST,
        {
            "action": "mark_superseded",
            ACTION_CHECKBOX_NAME: [claim.pk],
            "apply": "yes",
            "evidence_note": "True on 7 December, overtaken when he left.",
            "effective_at_0": "2024-12-08",
            "effective_at_1": "02:00:00",
        },
    )
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUPERSEDED
    assert claim.reviews.get().effective_at == effective


def test_citation_change_page_is_bounded(
    client, reviewer, claims_with_citations_and_reviews, django_assert_max_num_queries
):
    citation = Citation.objects.filter(via__isnull=False).first()
    client.force_login(reviewer)
    # session, user, the citation with claim, source and via joined, the reviewer's user and
    # group permissions, the content type (cached after first use), and one query per
    # autocomplete widget for the value it shows (claim, source, via).
    with django_assert_max_num_queries(9):
        response = client.get(reverse("admin:claims_citation_change", args=[citation.pk]))
    assert response.status_code == 200


def test_claim_add_page_is_bounded(client, reviewer, django_assert_max_num_queries):
    client.force_login(reviewer)
    # session, user, the reviewer's user and group permissions, the content type (cached after
    # first use); the empty citation and verdict forms query nothing.
    with django_assert_max_num_queries(5):
        response = client.get(ADD)
    assert response.status_code == 200


def test_claim_audit_history_page_is_bounded(
    client, reviewer, claims_with_citations_and_reviews, django_assert_max_num_queries
):
    claim = claims_with_citations_and_reviews[0]
    client.force_login(reviewer)
    # session, user, the claim (for the page title), the reviewer's user and group permissions,
    # and pghistory's own three: count of this claim's events, count of all events, the page
    # of events with their diffs and the name of who made each change.
    with django_assert_max_num_queries(8):
        response = client.get(EVENTS, {"method": "tracks", "obj": f"claims.Claim:{claim.pk}"})
    assert response.status_code == 200


def test_claim_page_explains_which_voices_moved_its_credibility(client, reviewer):
    claim = ClaimFactory(text="Assad remains in Damascus")
    government = SourceFactory(name="Syrian government", kind=SourceKind.GOVERNMENT)
    for name in ["SANA", "Syrian state TV"]:
        CitationFactory(claim=claim, source=SourceFactory(name=name, parent=government))
    CitationFactory(claim=claim, source=SourceFactory(name="Monitor"), stance=Stance.DENIES)
    reliability_recompute_all()
    client.force_login(reviewer)

    page = client.get(change_url(claim)).content.decode()

    claim.refresh_from_db()
    assert "Credibility explained" in page
    percent = round(claim.credibility_probability * 100)
    assert f"Probability true: <strong>{percent} %</strong>" in page
    assert "credibility-voice-up" in page and "credibility-voice-down" in page
    assert "Syrian government" in page and "Monitor" in page


def test_citation_search_finds_quotes_claim_texts_and_source_names(client, reviewer):
    assad = ClaimFactory(text="Assad remains in Damascus")
    quoted = CitationFactory(claim=assad, quote="State media insisted he remains in the capital.")
    sohr = SourceFactory(name="Syrian Observatory for Human Rights")
    by_name = CitationFactory(claim=ClaimFactory(text="HTS has captured Aleppo"), source=sohr)
    CitationFactory(claim=ClaimFactory(text="Regime forces withdrew from Hama"))
    client.force_login(reviewer)
    citations = reverse("admin:claims_citation_changelist")

    def found(term):
        return set(client.get(citations, {"q": term}).context["cl"].result_list)

    assert found("insisted he remains") == {quoted}
    assert found("remains in damascus") == {quoted}
    assert found("Observatory") == {by_name}
