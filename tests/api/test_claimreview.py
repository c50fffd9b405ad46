"""ClaimReview JSON-LD: valid schema.org, checked offline with a JSON-LD processor."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from claims.services import claim_create, review_create
from tests.api.schemaorg_vocabulary import SCHEMA, expand, vocabulary_violations


def _claimreview(api, claim):
    return api.get(reverse("claim-claimreview", kwargs={"claim_id": claim.pk}))


def _only(expanded_node, term):
    [value] = expanded_node[SCHEMA + term]
    return value.get("@value", value)


def test_reviewed_claim_is_published_as_claimreview_json_ld(api, story, settings):
    settings.CLAIMREVIEW_PUBLISHER_NAME = "Newsroom Verification Desk"

    response = _claimreview(api, story["assad_in_damascus"])

    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    [review] = expand(response.json())
    assert review["@type"] == [SCHEMA + "ClaimReview"]
    assert _only(review, "claimReviewed") == "Assad remains in Damascus"
    # The public fact-check page, where the ClaimReview is published once a reviewer publishes it.
    assert _only(review, "url")["@id"] == (
        f"http://testserver/fact-checks/{story['assad_in_damascus'].pk}/"
    )
    assert _only(review, "datePublished")
    publisher = _only(review, "author")
    assert publisher["@type"] == [SCHEMA + "Organization"]
    assert _only(publisher, "name") == "Newsroom Verification Desk"
    rating = _only(review, "reviewRating")
    assert rating["@type"] == [SCHEMA + "Rating"]
    assert (
        _only(rating, "ratingValue"),
        _only(rating, "worstRating"),
        _only(rating, "bestRating"),
    ) == (1, 1, 5)
    assert _only(rating, "alternateName") == "Contradicted"
    claim = _only(review, "itemReviewed")
    assert claim["@type"] == [SCHEMA + "Claim"]
    assert _only(_only(claim, "author"), "name") == "SANA"
    first = _only(claim, "firstAppearance")
    assert _only(first, "url")["@id"] == "https://sana.sy/en/?p=339000"
    assert len(claim[SCHEMA + "appearance"]) == 1


def test_claimreview_uses_only_schema_org_terms_in_their_domains_and_ranges(
    api, story, client_for, reviewer
):
    # The relayed citation adds a publisher (the relaying outlet) to the appearance.
    review_create(
        claim=story["withdrawal"],
        verdict="superseded",
        evidence_note="Retaken later.",
        reviewer=reviewer,
        effective_at=datetime(2024, 12, 9, tzinfo=UTC),
    )

    for claim in (story["assad_in_damascus"], story["withdrawal"]):
        [review] = expand(_claimreview(api, claim).json())
        assert vocabulary_violations(review) == []


def test_superseded_claim_is_rated_in_words(api, story, reviewer):
    review_create(
        claim=story["withdrawal"],
        verdict="superseded",
        evidence_note="Retaken.",
        reviewer=reviewer,
        effective_at=datetime(2024, 12, 9, tzinfo=UTC),
    )

    rating = _claimreview(api, story["withdrawal"]).json()["reviewRating"]

    assert rating["alternateName"] == "Superseded (true when made, overtaken by events)"
    assert rating["ratingValue"] == 4


def test_unreviewed_claim_has_no_claimreview(api, story):
    response = _claimreview(api, story["withdrawal"])

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_claimreview_is_also_served_as_plain_json_when_asked(api, story):
    response = api.get(
        reverse("claim-claimreview", kwargs={"claim_id": story["assad_in_damascus"].pk}),
        HTTP_ACCEPT="application/json",
    )

    assert response["Content-Type"] == "application/json"
    assert response.json()["@type"] == "ClaimReview"


def test_feed_lists_claimreviews_since_a_time_oldest_first(api, story, reviewer):
    review_create(
        claim=story["withdrawal"], verdict="corroborated", evidence_note="Seen.", reviewer=reviewer
    )

    everything = api.get("/api/v1/claimreviews/").json()["@graph"]
    assert [item["claimReviewed"] for item in everything] == [
        story["assad_in_damascus"].text,
        story["withdrawal"].text,
    ]
    since = everything[1]["datePublished"]
    recent = api.get("/api/v1/claimreviews/", {"since": since}).json()
    assert [item["claimReviewed"] for item in recent["@graph"]] == [story["withdrawal"].text]
    assert recent["@context"] == "https://schema.org"
    assert api.get("/api/v1/claimreviews/", {"since": "2999-01-01"}).json()["@graph"] == []


def test_feed_pages_are_linked_and_each_item_validates(api, story, reviewer):
    review_create(
        claim=story["withdrawal"], verdict="corroborated", evidence_note="Seen.", reviewer=reviewer
    )

    first = api.get("/api/v1/claimreviews/", {"page_size": 1})
    assert 'rel="next"' in first["Link"]
    next_url = first["Link"].split(">")[0].lstrip("<")
    second = api.get(next_url).json()["@graph"]

    assert [item["claimReviewed"] for item in first.json()["@graph"] + second] == [
        story["assad_in_damascus"].text,
        story["withdrawal"].text,
    ]
    [node] = expand(first.json())
    assert vocabulary_violations(node) == []


@pytest.mark.parametrize("count", [2, 20])
def test_feed_is_three_queries_whatever_the_page_size(
    api, story, reviewer, journalist, django_assert_max_num_queries, count
):
    for n in range(count):
        claim = claim_create(
            text=f"Claim {n}",
            created_by=journalist,
            citations=[{"source": story["sohr"], "url": f"https://x.org/{n}"}],
        )
        review_create(claim=claim, verdict="corroborated", evidence_note="Seen.", reviewer=reviewer)
    # Token, the page of reviewed claims, their citations with sources and relaying outlets.
    with django_assert_max_num_queries(3):
        response = api.get("/api/v1/claimreviews/", {"page_size": 50})
    assert len(response.json()["@graph"]) == count + 1


HOSTILE = '</script><script>alert("x")</script> & <!--'


@pytest.mark.parametrize(
    "url_name, accept",
    [
        ("claim-claimreview", "application/ld+json"),
        ("claim-claimreview", "application/json"),
        ("claimreview-feed", "application/ld+json"),
        ("claimreview-feed", "application/json"),
    ],
)
def test_claimreview_json_is_escaped_for_embedding_in_a_script_element(
    api, journalist, reviewer, url_name, accept
):
    from sources.services import source_create

    source = source_create(name=f"Outlet {HOSTILE}", kind="news_agency")
    claim = claim_create(
        text=f"Claim {HOSTILE}",
        created_by=journalist,
        citations=[{"source": source, "quote": f"Quote {HOSTILE}", "url": "https://example.org/q"}],
    )
    review_create(
        claim=claim, verdict="corroborated", evidence_note=f"Note {HOSTILE}", reviewer=reviewer
    )
    kwargs = {"claim_id": claim.pk} if url_name == "claim-claimreview" else {}

    response = api.get(reverse(url_name, kwargs=kwargs), HTTP_ACCEPT=accept)

    assert response.status_code == 200
    body = response.content.decode()
    assert not {"<", ">", "&"} & set(body), body[:300]
    # A JSON parser reads the escapes back as the very text stored.
    data = response.json()
    reviews = data["@graph"] if "@graph" in data else [data]
    assert f"Claim {HOSTILE}" in [review["claimReviewed"] for review in reviews]
