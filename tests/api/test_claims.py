"""Claims over the API: submit with a first citation, read, filter, search, page, review."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.urls import reverse

from claims.models import Citation, CitationLinkCheck, Claim, ClaimStatus, LinkState
from claims.selectors import CLAIM_COLUMNS, claim_detail, claims_with_detail_rows
from claims.services import (
    citation_create,
    claim_contradiction_link,
    claim_create,
    claim_note_create,
    review_create,
)
from tests.factories import CitationFactory, ClaimFactory, ReviewFactory

CLAIMS = "/api/v1/claims/"


def _texts(response):
    assert response.status_code == 200, response.content
    return [row["text"] for row in response.json()["results"]]


def test_journalist_submits_a_claim_with_its_first_citation_and_it_starts_unverified(
    api, journalist
):
    response = api.post(
        CLAIMS,
        {
            "text": "HTS has captured Aleppo and Hama",
            "language": "en",
            "topic": "syria",
            "about_start": "2024-12-05T00:00:00Z",
            "citation": {
                "source": "OSDH",
                "stance": "asserts",
                "quote": "HTS fighters entered Hama",
                "url": "https://www.syriahr.com/en/hama",
                "published_at": "2024-12-05T16:00:00Z",
                "via": "AFP",
            },
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    claim = response.json()
    assert claim["status"] == "unverified"
    assert claim["credibility"] == 6
    assert claim["created_by"] == journalist.username
    assert claim["first_reported_at"] == "2024-12-05T16:00:00Z"
    [citation] = claim["citations"]
    assert citation["source"] == {"slug": "sohr", "name": "Syrian Observatory for Human Rights"}
    assert citation["via"] == {"slug": "afp", "name": "AFP"}
    assert Claim.objects.get(pk=claim["id"]).citations.get().created_by == journalist


def test_detail_shows_citations_with_via_reviews_and_derived_status(api, story):
    response = api.get(reverse("claim-detail", kwargs={"claim_id": story["assad_in_damascus"].pk}))

    claim = response.json()
    assert claim["status"] == "contradicted"
    assert claim["citations"][0]["source"]["slug"] == "sana"
    assert claim["citations"][0]["stance"] == "asserts"
    [review] = claim["reviews"]
    assert review["verdict"] == "contradicted"
    assert review["reviewer"] == "rhea-reviewer"
    assert review["effective_at"] == "2024-12-08T00:00:00Z"


def test_detail_lists_near_duplicate_claims_most_similar_first(api, story, journalist):
    near = claim_create(text="Assad remains in Damascus, says state TV", created_by=journalist)
    nearer = claim_create(text="Assad remains in Damascus!", created_by=journalist)
    claim_create(text="Iran's military advisers have begun withdrawing", created_by=journalist)

    response = api.get(reverse("claim-detail", kwargs={"claim_id": story["assad_in_damascus"].pk}))

    similar = response.json()["similar_claims"]
    assert [row["id"] for row in similar] == [nearer.pk, near.pk]
    assert similar[0]["similarity"] > similar[1]["similarity"] >= 0.3


def test_journalist_adds_a_citation_to_an_existing_claim(api, story):
    url = reverse("claim-citations", kwargs={"claim_id": story["assad_in_damascus"].pk})

    response = api.post(
        url, {"source": "SOHR", "stance": "denies", "quote": "He left."}, format="json"
    )

    assert response.status_code == 201
    assert response.json()["stance"] == "denies"
    assert story["assad_in_damascus"].citations.count() == 2


def test_the_same_citation_twice_is_a_400(api, story):
    url = reverse("claim-citations", kwargs={"claim_id": story["assad_in_damascus"].pk})
    body = {"source": "sana", "stance": "asserts", "url": "https://sana.sy/en/?p=339000"}

    response = api.post(url, body, format="json")

    assert response.status_code == 400
    assert "already cited" in response.json()["fields"]["non_field_errors"][0]


def test_reviewer_verdict_changes_the_claims_status(client_for, reviewer, story):
    claim = story["withdrawal"]
    citation = claim.citations.get()
    url = reverse("claim-reviews", kwargs={"claim_id": claim.pk})

    response = client_for(reviewer).post(
        url,
        {
            "verdict": "corroborated",
            "evidence_note": "Our reporter saw the empty checkpoints.",
            "evidence_citations": [citation.pk],
            "effective_at": "2024-12-07T12:00:00Z",
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    assert response.json()["claim_status"] == "corroborated"
    assert response.json()["evidence_citations"] == [citation.pk]
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.CORROBORATED


def test_review_without_evidence_note_is_a_400(client_for, reviewer, story):
    url = reverse("claim-reviews", kwargs={"claim_id": story["withdrawal"].pk})

    response = client_for(reviewer).post(
        url, {"verdict": "contradicted", "evidence_note": " "}, format="json"
    )

    assert response.status_code == 400
    assert "evidence_note" in response.json()["fields"]


def test_review_citing_another_claims_citation_is_a_400(client_for, reviewer, story):
    other = story["assad_in_damascus"].citations.get()
    url = reverse("claim-reviews", kwargs={"claim_id": story["withdrawal"].pk})

    response = client_for(reviewer).post(
        url,
        {"verdict": "corroborated", "evidence_note": "Seen.", "evidence_citations": [other.pk]},
        format="json",
    )

    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["evidence_citations"]


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"status": "contradicted"}, ["Assad remains in Damascus"]),
        ({"status": ["contradicted", "unverified"]}, None),
        (
            {"source": "OSDH"},
            ["Regime forces withdrew from towns about 10 km south-west of Damascus"],
        ),
        ({"source": "Syrian Arab News Agency"}, ["Assad remains in Damascus"]),
        (
            {"place": "countryside"},
            ["Regime forces withdrew from towns about 10 km south-west of Damascus"],
        ),
        ({"topic": "SYRIA"}, None),
        ({"reviewed_since": "2000-01-01"}, ["Assad remains in Damascus"]),
        ({"reviewed_since": "2999-01-01"}, []),
        ({"first_reported_after": "2024-12-07T15:00:00Z"}, ["Assad remains in Damascus"]),
        (
            {"first_reported_before": "2024-12-07T15:00:00Z"},
            ["Regime forces withdrew from towns about 10 km south-west of Damascus"],
        ),
        ({"about_after": "2024-12-06", "about_before": "2024-12-07T23:00:00Z"}, None),
        ({"about_after": "2024-12-08"}, []),
        ({"credibility_min": 1, "credibility_max": 5}, []),
    ],
)
def test_list_filters(api, params, expected):
    everything = [
        "Regime forces withdrew from towns about 10 km south-west of Damascus",
        "Assad remains in Damascus",
    ]

    assert _texts(api.get(CLAIMS, params)) == (everything if expected is None else expected)


def test_each_request_applies_its_own_filters_whatever_the_requests_before_it(api, story):
    # The filter set builds a form per combination of filters used and keeps it: a later request
    # with another combination, or with none, must not inherit an earlier one's filters.
    withdrawal = "Regime forces withdrew from towns about 10 km south-west of Damascus"
    assad = "Assad remains in Damascus"
    for params, expected in [
        ({"status": "contradicted"}, [assad]),
        ({"source": "OSDH"}, [withdrawal]),
        ({"status": "contradicted", "source": "OSDH"}, []),
        ({"status": "contradicted"}, [assad]),
        ({"unknown_parameter": "x"}, [withdrawal, assad]),
        ({}, [withdrawal, assad]),
    ]:
        assert _texts(api.get(CLAIMS, params)) == expected, params


def test_credibility_range_filter(api, journalist):
    ClaimFactory(text="judged probably true")
    Claim.objects.filter(text="judged probably true").update(credibility=2)

    assert _texts(api.get(CLAIMS, {"credibility_min": 1, "credibility_max": 2})) == [
        "judged probably true"
    ]


def test_interval_claims_match_times_inside_their_interval(api, journalist):
    claim_create(
        text="The offensive lasted eleven days",
        created_by=journalist,
        about_start=datetime(2024, 11, 27, tzinfo=UTC),
        about_end=datetime(2024, 12, 8, tzinfo=UTC),
    )

    assert _texts(api.get(CLAIMS, {"about_after": "2024-12-01", "about_before": "2024-12-02"})) == [
        "The offensive lasted eleven days"
    ]


def test_cursor_pages_walk_every_claim_once(api):
    ClaimFactory.create_batch(7)
    seen, url = [], CLAIMS + "?page_size=3"
    while url:
        page = api.get(url).json()
        seen += [row["id"] for row in page["results"]]
        url = page["next"]

    assert len(seen) == len(set(seen)) == Claim.objects.count() == 9


def test_ordering_by_first_report_puts_unreported_claims_by_entry_time(api, story):
    oldest_first = _texts(api.get(CLAIMS, {"ordering": "first_reported_at"}))

    assert oldest_first == [story["withdrawal"].text, story["assad_in_damascus"].text]


def test_search_finds_other_inflections_in_the_claims_language(api, journalist):
    claim_create(
        text="Iran's military advisers have begun withdrawing from Syria", created_by=journalist
    )
    claim_create(
        text="Les conseillers militaires iraniens se sont retirés de Syrie",
        language="fr",
        created_by=journalist,
    )

    assert _texts(api.get(CLAIMS, {"q": "adviser withdraws"})) == [
        "Iran's military advisers have begun withdrawing from Syria"
    ]
    assert _texts(api.get(CLAIMS, {"q": "conseillers retirée", "language": "fr"})) == [
        "Les conseillers militaires iraniens se sont retirés de Syrie"
    ]


def test_search_covers_quotes_and_ranks_text_matches_above_quote_matches(api, story, journalist):
    in_text = claim_create(text="The army pulled out of Kanaker", created_by=journalist)

    results = api.get(CLAIMS, {"q": "Kanaker"}).json()["results"]

    assert [row["id"] for row in results] == [in_text.pk, story["withdrawal"].pk]
    assert results[0]["rank"] > results[1]["rank"] > 0


def test_search_sees_quotes_as_soon_as_they_are_cited_and_forgets_removed_ones(api, story):
    claim = story["assad_in_damascus"]
    citation = citation_create(
        claim=claim, source=story["sohr"], stance="denies", quote="He boarded a plane in Latakia"
    )
    assert _texts(api.get(CLAIMS, {"q": "Latakia"})) == [claim.text]

    Citation.objects.filter(pk=citation.pk).delete()

    assert _texts(api.get(CLAIMS, {"q": "Latakia"})) == []


def test_search_follows_a_claim_text_edited_with_raw_sql(api, story):
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE claims_claim SET text = 'Assad landed in Moscow' WHERE id = %s",
            [story["assad_in_damascus"].pk],
        )

    assert _texts(api.get(CLAIMS, {"q": "Moscow"})) == ["Assad landed in Moscow"]


@pytest.mark.parametrize("query", ["   ", "the", "!!! & |", '"unclosed'])
def test_blank_stopword_or_symbol_searches_answer_without_error(api, query):
    response = api.get(CLAIMS, {"q": query, "ordering": "-relevance"})

    assert response.status_code == 200


def test_search_results_page_by_rank(api, journalist):
    for n in range(5):
        claim_create(text="Homs " * (n + 1) + f"reinforcements {n}", created_by=journalist)

    seen, url = [], CLAIMS + "?q=homs&page_size=2"
    while url:
        page = api.get(url).json()
        seen += [(row["rank"], row["id"]) for row in page["results"]]
        url = page["next"]

    assert len({claim_id for _, claim_id in seen}) == 5
    assert [rank for rank, _ in seen] == sorted((rank for rank, _ in seen), reverse=True)


def test_relevance_ranks_the_newest_matches_and_other_orderings_see_every_match(
    api, journalist, monkeypatch
):
    monkeypatch.setattr("claims.api.claims.SEARCH_RANKED_MATCHES", 2)
    oldest = claim_create(text="Homs Homs Homs fell", created_by=journalist)
    older = claim_create(text="Homs was quiet", created_by=journalist)
    newer = claim_create(text="Homs Homs held", created_by=journalist)
    newest = claim_create(text="Homs again", created_by=journalist)

    by_relevance = api.get(CLAIMS, {"q": "homs"}).json()["results"]
    by_time = api.get(CLAIMS, {"q": "homs", "ordering": "created_at"}).json()["results"]

    assert [row["id"] for row in by_relevance] == [newer.pk, newest.pk]
    assert [row["id"] for row in by_time] == [oldest.pk, older.pk, newer.pk, newest.pk]


def test_search_keeps_the_newest_matches_among_the_claims_the_other_filters_leave(
    api, journalist, monkeypatch
):
    monkeypatch.setattr("claims.api.claims.SEARCH_RANKED_MATCHES", 1)
    wanted = claim_create(text="Homs was shelled", topic="lebanon", created_by=journalist)
    claim_create(text="Homs was shelled again", topic="syria", created_by=journalist)

    results = api.get(CLAIMS, {"q": "homs", "topic": "lebanon"}).json()["results"]

    assert [row["id"] for row in results] == [wanted.pk]


def _claims_with_citations_and_reviews(count, reviewer):
    for claim in ClaimFactory.create_batch(count):
        CitationFactory.create_batch(2, claim=claim)
        ReviewFactory(claim=claim, reviewer=reviewer)


@pytest.mark.parametrize("count", [3, 30])
def test_claim_list_is_three_queries_whatever_the_page_size(
    api, reviewer, django_assert_max_num_queries, count
):
    _claims_with_citations_and_reviews(count, reviewer)
    # The token (with the user and roles), the languages in use (for the search), and the page
    # with its counts and review times.
    with django_assert_max_num_queries(3):
        response = api.get(CLAIMS, {"page_size": 50, "q": "claim", "reviewed_since": "2000-01-01"})
    assert len(response.json()["results"]) == count


@pytest.mark.parametrize("count", [3, 30])
def test_claim_detail_is_two_queries_whatever_its_citations_and_reviews(
    api, reviewer, django_assert_max_num_queries, count
):
    claim = ClaimFactory()
    for citation in CitationFactory.create_batch(count, claim=claim):
        _link_checked(citation, state=LinkState.GONE, http_status=404)
    for _ in range(count):
        review_create(claim=claim, verdict="corroborated", evidence_note="Seen.", reviewer=reviewer)
    # The token; the claim with its citations (sources, link checks), reviews (reviewers,
    # evidence) and similar claims.
    with django_assert_max_num_queries(2):
        response = api.get(reverse("claim-detail", kwargs={"claim_id": claim.pk}))
    assert len(response.json()["reviews"]) == count
    assert {c["link_check"]["state"] for c in response.json()["citations"]} == {"gone"}


def test_claim_detail_compiled_once_reads_what_the_orm_query_reads(story, reviewer):
    # claim_detail runs the ORM's SQL compiled once per process through raw(); the same query
    # compiled afresh (claims_with_detail_rows) must give every field the same value.
    claim, other = story["assad_in_damascus"], story["withdrawal"]
    _link_checked(claim.citations.get(), state=LinkState.GONE, http_status=404)
    claim_note_create(claim=claim, author=reviewer, text="Check the Moscow footage.")
    claim_contradiction_link(claim=claim, other=other, linked_by=reviewer)
    fields = [
        *CLAIM_COLUMNS,
        "credibility_explanation",
        "merged_into_id",
        "created_by_username",
        "being_checked_by",
        "being_checked_since",
        "citation_rows",
        "review_rows",
        "note_rows",
        "similar_rows",
        "contradiction_rows_low",
        "contradiction_rows_high",
    ]

    for claim_id in (claim.pk, other.pk):
        compiled_once = claim_detail(claim_id=claim_id)
        compiled_now = claims_with_detail_rows(Claim.objects.all(), similar_limit=5).get(
            pk=claim_id
        )
        assert {name: getattr(compiled_once, name) for name in fields} == {
            name: getattr(compiled_now, name) for name in fields
        }
    assert compiled_once.citation_rows[0]["via"]["slug"] == "afp"
    with pytest.raises(Claim.DoesNotExist):
        claim_detail(claim_id=other.pk + 1000)


def _link_checked(citation, *, state, http_status):
    return CitationLinkCheck.objects.create(
        citation=citation,
        url=citation.url,
        checked_at=datetime(2024, 12, 9, tzinfo=UTC),
        state=state,
        http_status=http_status,
        flagged=state in {LinkState.GONE, LinkState.CHANGED},
    )


def test_claim_detail_shows_which_cited_pages_disappeared(api, story):
    claim = story["assad_in_damascus"]
    gone, unchecked = CitationFactory(claim=claim), CitationFactory(claim=claim)
    _link_checked(gone, state=LinkState.GONE, http_status=404)
    citations = {
        c["id"]: c["link_check"]
        for c in api.get(reverse("claim-detail", kwargs={"claim_id": claim.pk})).json()["citations"]
    }
    assert citations[gone.pk] == {
        "state": "gone",
        "checked_at": "2024-12-09T00:00:00Z",
        "http_status": 404,
        "final_url": "",
        "flagged": True,
    }
    assert citations[unchecked.pk] is None


def test_api_writes_are_audited_with_the_tokens_user(api, journalist):
    response = api.post(
        CLAIMS,
        {"text": "Rebels reached Homs", "citation": {"source": "sohr", "url": "https://x.org/h"}},
        format="json",
    )

    claim = Claim.objects.get(pk=response.json()["id"])
    context = claim.events.get(pgh_label="insert").pgh_context
    assert context.metadata["user"] == journalist.pk
    assert context.metadata["url"] == CLAIMS
