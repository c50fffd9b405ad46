"""The API's filter sets (factcheck.api.FilterSet) copy, validate and apply only the filters a
query uses, with shallow copies and forms that share their fields: they must answer every query
as django-filter itself does, the same rows and the same 400s, whatever came before."""

import django_filters
import pytest
from django.http import QueryDict
from rest_framework.test import APIRequestFactory

from claims.api.claims import ClaimFilter
from claims.models import Claim
from sources.api import SourceFilter
from sources.selectors import source_list
from tests.factories import ClaimFactory, UserFactory

CLAIMS = "/api/v1/claims/"


def _as_django_filter_has_it(filterset_class):
    """The same filter set, with django-filter's own copying of filters and forms."""
    return type(
        f"Plain{filterset_class.__name__}",
        (filterset_class,),
        {
            "__init__": django_filters.filterset.BaseFilterSet.__init__,
            "get_form_class": django_filters.filterset.BaseFilterSet.get_form_class,
        },
    )


def _outcome(filterset):
    if not filterset.is_valid():
        return "invalid", filterset.errors.get_json_data()
    return "valid", str(filterset.qs.query)


CLAIM_QUERIES = [
    "",
    "page_size=5",
    "unknown_parameter=x",
    "status=contradicted",
    "status=contradicted&status=unverified",
    "topic=SYRIA&credibility_max=3&status=corroborated",
    "credibility_min=2&credibility_max=5",
    "source=OSDH",
    "tag=aleppo&place=damascus",
    "about_after=2024-12-06&about_before=2024-12-07T23:00:00Z",
    "first_reported_after=2024-12-07T15:00:00Z&reviewed_since=2000-01-01",
    "due=true&assigned=false",
    "assignee=me",
    "assignee=colin-colleague",
    "q=Damascus&language=en",
    "q=Damascus&ordering=created_at",
    "ordering=-first_reported_at",
    # Bad values, alone and among good ones.
    "status=rumour",
    "status=rumour&reviewed_since=last%20week",
    "credibility_min=seven&topic=syria",
    "credibility_max=9",
    "due=maybe",
    "ordering=sideways",
    "about_after=2024-13-01",
    "first_reported_before=2024-12-07T15:00:00%2B23:00",
    "assigned=perhaps&status=corroborated",
]


@pytest.mark.django_db
def test_claim_filters_give_the_rows_and_the_errors_django_filter_gives(story, reviewer):
    request = APIRequestFactory().get(CLAIMS)
    request.user = reviewer
    plain = _as_django_filter_has_it(ClaimFilter)
    # Twice over: the second round uses the form classes and prepared filters the first left.
    for query in CLAIM_QUERIES + CLAIM_QUERIES:
        data = QueryDict(query)
        ours = ClaimFilter(data, Claim.objects.all(), request=request)
        theirs = plain(data, Claim.objects.all(), request=request)

        assert _outcome(ours) == _outcome(theirs), query


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    ["kind=state_media", "country=sy&grade=B", "q=observatory", "alias=OSDH", "kind=blog", ""],
)
def test_source_filters_give_the_rows_and_the_errors_django_filter_gives(story, query):
    data = QueryDict(query)

    ours = SourceFilter(data, source_list())
    theirs = _as_django_filter_has_it(SourceFilter)(data, source_list())

    assert _outcome(ours) == _outcome(theirs)


def test_a_bad_value_is_the_same_400_before_and_after_good_ones(api, story):
    bad = {"status": "rumour", "credibility_min": "seven"}
    good = {"status": "contradicted", "credibility_min": "1"}

    first = api.get(CLAIMS, bad)
    between = api.get(CLAIMS, good)
    again = api.get(CLAIMS, bad)

    assert first.status_code == again.status_code == 400
    assert first.json() == again.json()
    assert set(first.json()["fields"]) == {"status", "credibility_min"}
    assert between.status_code == 200
    assert [row["text"] for row in between.json()["results"]] == ["Assad remains in Damascus"]


def test_a_method_filter_reads_the_user_of_its_own_request(client_for, reviewer):
    colleague = UserFactory(username="colin-colleague", roles=["reviewer"])
    mine, theirs = ClaimFactory(), ClaimFactory()
    me, them = client_for(reviewer), client_for(colleague)
    me.put(f"{CLAIMS}{mine.pk}/assignment/", {}, format="json")
    them.put(f"{CLAIMS}{theirs.pk}/assignment/", {}, format="json")

    for _ in range(2):
        for client, expected in [(me, mine), (them, theirs)]:
            rows = client.get(CLAIMS, {"assignee": "me"}).json()["results"]
            assert [row["id"] for row in rows] == [expected.pk]
