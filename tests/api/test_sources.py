"""Sources over the API: filters, alias resolution, detail with grades and track record, create,
reviewers' ratings."""

import pytest

from claims.services import citation_create, review_create
from reliability.engine import reliability_recompute_all
from sources.models import Source
from tests.factories import SourceFactory, SourceRatingFactory

SOURCES = "/api/v1/sources/"


def _slugs(response):
    assert response.status_code == 200, response.content
    return [row["slug"] for row in response.json()["results"]]


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"alias": "OSDH"}, ["sohr"]),
        ({"alias": "osdh "}, ["sohr"]),
        ({"alias": "Syrian Arab News Agency"}, ["sana"]),
        ({"alias": "Nobody"}, []),
        ({"kind": "state_media"}, ["sana"]),
        ({"country": "sy"}, ["sana", "syrian-government"]),
        ({"grade": "B"}, ["sohr"]),
        ({"q": "observatory"}, ["sohr"]),
        ({"q": "arab news"}, ["sana"]),
    ],
)
def test_list_filters(api, params, expected):
    assert _slugs(api.get(SOURCES, params)) == expected


def test_list_shows_current_grade_and_parent(api):
    rows = {row["slug"]: row for row in api.get(SOURCES).json()["results"]}

    assert rows["sohr"]["current_grade"] == "B"
    assert rows["sana"]["parent"] == "syrian-government"
    assert rows["sana"]["current_grade"] is None


def test_detail_shows_grades_aliases_affiliation_and_track_record(api, story, reviewer):
    sohr = story["sohr"]
    SourceRatingFactory(
        source=sohr, grade="A", rated_by=reviewer, rationale="Vindicated in December."
    )
    citation_create(
        claim=story["assad_in_damascus"], source=sohr, stance="denies", url="https://x.org/1"
    )
    review_create(
        claim=story["withdrawal"], verdict="corroborated", evidence_note="Seen.", reviewer=reviewer
    )

    detail = api.get(f"{SOURCES}sohr/").json()

    assert detail["current_grade"] == "A"
    assert [rating["grade"] for rating in detail["ratings"]] == ["A", "B"]
    assert detail["aliases"] == ["OSDH", "SOHR", "Syrian Observatory for Human Rights"]
    assert detail["track_record"]["asserted"] == {
        "total": 1,
        "unverified": 0,
        "corroborated": 1,
        "contradicted": 0,
        "disputed": 0,
        "superseded": 0,
        "unresolved": 0,
    }
    assert detail["track_record"]["denied"]["total"] == 1
    assert detail["track_record"]["denied"]["contradicted"] == 1


def test_detail_shows_affiliation_both_ways(api):
    sana = api.get(f"{SOURCES}sana/").json()
    government = api.get(f"{SOURCES}syrian-government/").json()

    assert sana["parent"] == {"slug": "syrian-government", "name": "Syrian government"}
    assert government["children"] == [{"slug": "sana", "name": "SANA"}]


def test_journalist_creates_a_source_with_aliases_and_parent(api):
    response = api.post(
        SOURCES,
        {
            "name": "Syrian state TV",
            "kind": "broadcaster",
            "country": "sy",
            "parent": "Syrian government",
            "aliases": ["Syrian TV"],
            "domains": ["ortas.gov.sy"],
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    created = response.json()
    assert created["slug"] == "syrian-state-tv"
    assert created["country"] == "SY"
    assert created["parent"]["slug"] == "syrian-government"
    assert (
        api.get(SOURCES, {"alias": "syrian tv"}).json()["results"][0]["slug"] == "syrian-state-tv"
    )


def test_alias_taken_by_another_source_is_a_400(api):
    response = api.post(
        SOURCES, {"name": "Observatory copycat", "aliases": ["osdh"]}, format="json"
    )

    assert response.status_code == 400
    assert "aliases" in response.json()["fields"]
    assert not Source.objects.filter(name="Observatory copycat").exists()


def test_unknown_parent_is_a_400(api):
    response = api.post(SOURCES, {"name": "Orphan", "parent": "Nobody"}, format="json")

    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["parent"]


def test_reviewer_rates_a_source_and_its_grade_changes(client_for, reviewer, story):
    response = client_for(reviewer).post(
        f"{SOURCES}sana/ratings/",
        {"grade": "E", "rationale": "Denied the president's flight."},
        format="json",
    )

    assert response.status_code == 201
    assert response.json()["current_grade"] == "E"
    assert response.json()["rated_by"] == reviewer.username


def test_rating_needs_a_rationale_and_a_known_grade(client_for, reviewer, story):
    response = client_for(reviewer).post(
        f"{SOURCES}sana/ratings/", {"grade": "Z", "rationale": ""}, format="json"
    )

    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"grade", "rationale"}


@pytest.mark.parametrize("count", [3, 30])
def test_source_list_is_three_queries_whatever_the_page_size(
    api, reviewer, django_assert_max_num_queries, count
):
    for source in SourceFactory.create_batch(count, parent=Source.objects.get(slug="sohr")):
        SourceRatingFactory(source=source, rated_by=reviewer)
    reliability_recompute_all()
    # The token, the count, the page with current grades, parents' slugs, computed reliability and
    # whether a recompute is pending.
    with django_assert_max_num_queries(3):
        response = api.get(SOURCES, {"limit": 100})
    assert len(response.json()["results"]) == count + 4
    graded = [row["reliability"]["human_grade"] for row in response.json()["results"]]
    assert graded.count("B") == count + 1  # and SOHR


@pytest.mark.parametrize(
    "domain",
    [
        "https://sana.sy",
        "sana.sy/en",
        "sana.sy:443",
        "sana .sy",
        "</script><b>",
        "localhost",
        "-sana.sy",
        "a" * 64 + ".sy",
    ],
)
def test_a_domain_that_is_not_a_host_name_is_a_400_naming_the_field(api, domain):
    from sources.models import Source

    response = api.post(SOURCES, {"name": "Some outlet", "domains": [domain]}, format="json")

    assert response.status_code == 400, response.content
    assert any(field.startswith("domains") for field in response.json()["fields"]), response.json()
    assert not Source.objects.filter(name="Some outlet").exists()


def test_host_names_are_stored_lower_case_and_international_ones_in_ascii(api):
    response = api.post(
        SOURCES,
        {"name": "Some outlet", "domains": ["News.Example.ORG", "пример.рф"]},
        format="json",
    )

    assert response.status_code == 201, response.content
    assert response.json()["domains"] == ["news.example.org", "xn--e1afmkfd.xn--p1ai"]


def test_the_database_refuses_a_domain_that_is_not_a_host_name(db):
    from django.db import IntegrityError

    from sources.models import Source
    from sources.services import source_create

    source = source_create(name="Some outlet", domains=["example.org"])
    with pytest.raises(IntegrityError):
        Source.objects.filter(pk=source.pk).update(domains=["example.org/</script>"])
