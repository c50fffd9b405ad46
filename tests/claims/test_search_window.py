"""The search window (claims.models.SearchWindow): an index over the newest claims' search
documents that searches look in first. Whatever it holds, a search finds the same claims with the
same ranks as without it (then through the GIN index over every claim, as on the embedded
database); the service moves it to the newest claims and drops the old index."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import SearchWindow
from claims.selectors import (
    _search_querysets,
    _search_statements,
    _search_tsquery,
    claim_list,
    claim_search,
)
from claims.services import inner_window_claims, search_window_roll
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db

BOUND = 3  # the newest matches relevance ranks (SEARCH_RANKED_MATCHES in production)


def _page(query="homs", **filters):
    """The first page of a relevance search: (id, rank) best first."""
    found = claim_search(claim_list().filter(**filters), query=query, newest=BOUND)
    return list(found.order_by("-rank", "-id").values_list("id", "rank"))


def _page_without_window(query="homs", **filters):
    """The same page when the database has no search window (the row is gone with the test's
    transaction only)."""
    SearchWindow.objects.all().delete()
    return _page(query, **filters)


def _window_index_definitions() -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes "
            "WHERE indexname LIKE 'claim\\_search\\_window\\_%'"
        )
        return dict(cursor.fetchall())


@pytest.fixture
def homs_reports():
    """Eight claims that match "homs", oldest first, with three different ranks."""
    return [ClaimFactory(text="Homs " * (1 + n % 3) + f"report {n}") for n in range(8)]


def test_a_window_holding_more_matches_than_the_bound_gives_the_same_page(homs_reports):
    search_window_roll(claims=5)
    with_window = _page()

    assert len(with_window) == BOUND
    assert with_window == _page_without_window()


def test_a_window_holding_fewer_matches_than_the_bound_gives_the_same_page(homs_reports):
    search_window_roll(claims=2)
    with_window = _page()

    assert len(with_window) == BOUND
    assert {claim_id for claim_id, _ in with_window} - {c.pk for c in homs_reports[-2:]}
    assert with_window == _page_without_window()


def test_claims_written_after_the_window_was_built_are_found(homs_reports):
    search_window_roll(claims=1)
    threshold = SearchWindow.objects.get().threshold
    newer = [ClaimFactory(text=f"Homs Homs Homs shelled again {n}") for n in range(2)]
    assert all(claim.pk > threshold for claim in newer)

    with_window = _page()

    assert {claim.pk for claim in newer} <= {claim_id for claim_id, _ in with_window}
    assert with_window == _page_without_window()


def test_filters_that_leave_the_window_short_of_matches_find_older_claims(homs_reports):
    older = ClaimFactory(text="Homs was shelled", topic="lebanon")
    ClaimFactory.create_batch(5, text="Homs was shelled again", topic="syria")
    search_window_roll(claims=5)

    with_window = _page(topic="lebanon")

    assert with_window == [(older.pk, with_window[0][1])]
    assert with_window == _page_without_window(topic="lebanon")


def test_a_window_whose_index_is_gone_is_ignored(homs_reports):
    search_window_roll(claims=5)
    expected = _page()
    with connection.cursor() as cursor:  # undone with the test's transaction
        cursor.execute(f"DROP INDEX {SearchWindow.objects.get().index_name}")

    assert _page() == expected


def test_rolling_moves_the_window_to_the_newest_claims_and_drops_the_old_index(homs_reports):
    search_window_roll(claims=2)
    newest_out_of_the_window = homs_reports[-3]

    window = SearchWindow.objects.get()

    assert window.threshold == newest_out_of_the_window.pk
    assert window.claims == 2
    assert _window_index_definitions() == {
        window.index_name: (
            f"CREATE INDEX {window.index_name} ON public.claims_claimsearchdocument USING gin "
            f"(document) WITH (fastupdate=off) WHERE (claim_order > {window.threshold})"
        )
    }


def test_rolling_again_without_new_claims_changes_nothing(homs_reports):
    first = search_window_roll(claims=2)
    indexes = _window_index_definitions()
    built_at = SearchWindow.objects.get().built_at

    again = search_window_roll(claims=2)

    assert (first["rolled"], again["rolled"]) == (1, 0)
    assert _window_index_definitions() == indexes
    assert SearchWindow.objects.get().built_at == built_at


def test_rolling_drops_what_a_failed_roll_left_behind(homs_reports):
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE INDEX claim_search_window_7 ON claims_claimsearchdocument USING gin (document)"
            " WHERE claim_order > 7"
        )

    outcome = search_window_roll(claims=2)

    assert outcome["indexes_dropped"] >= 1
    assert list(_window_index_definitions()) == [SearchWindow.objects.get().index_name]


def test_a_window_larger_than_the_claims_holds_them_all(homs_reports):
    search_window_roll(claims=1000)

    assert SearchWindow.objects.get().threshold == 0


def _page_ranking_every_match(query="homs", **filters):
    """The first page when every match is ranked, and the bound applied by hand: the newest
    BOUND matches, best first."""
    every = claim_search(claim_list().filter(**filters), query=query)
    newest = sorted(every.values_list("id", "rank"), reverse=True)[:BOUND]
    return sorted(newest, key=lambda row: (-row[1], -row[0]))


@pytest.mark.parametrize("window_claims", [1, 2, 5, 1000])
def test_the_page_is_the_newest_matches_ranked_whatever_the_window_holds(
    homs_reports, window_claims
):
    ClaimFactory(text="Damascus was quiet")  # matches nothing
    search_window_roll(claims=window_claims)

    assert _page() == _page_ranking_every_match()


def test_a_window_holding_enough_documents_but_too_few_kept_claims_falls_back(homs_reports):
    # The window holds more matching documents than the bound, but the filter keeps one of them:
    # its claims are probed, found short, and every claim is searched.
    kept = [ClaimFactory(text="Homs Homs was shelled", topic="lebanon") for _ in range(2)]
    ClaimFactory.create_batch(4, text="Homs was shelled again", topic="syria")
    search_window_roll(claims=5)

    with_window = _page(topic="lebanon")

    assert [claim_id for claim_id, _ in with_window] == [kept[1].pk, kept[0].pk]
    assert with_window == _page_without_window(topic="lebanon")


def test_a_search_can_be_used_as_a_subquery(homs_reports):
    # Django renames every alias of a query it nests in another; the ranked candidates' join
    # must follow.
    search_window_roll(claims=5)
    found = claim_search(claim_list(), query="homs", newest=BOUND)

    nested = claim_list().filter(pk__in=found.values("pk")).order_by("-pk")

    assert list(nested.values_list("pk", flat=True)) == sorted(
        (claim_id for claim_id, _ in _page()), reverse=True
    )
    assert found.count() == BOUND


def test_pages_after_the_first_follow_the_rank(homs_reports):
    search_window_roll(claims=5)
    ranked = claim_search(claim_list(), query="homs", newest=BOUND).order_by("-rank", "-id")
    first, *rest = list(ranked.values_list("id", "rank"))

    after_first = ranked.filter(rank__lt=first[1]).values_list("id", "rank")

    assert list(after_first) == [row for row in rest if row[1] < first[1]]


@pytest.fixture
def nested_reports():
    """Ten claims, oldest first: "homs" in all of them, "aleppo" in the 3rd to 7th (none of the
    newest three), "idlib" in the first two only."""
    texts = []
    for n in range(10):
        words = ["Homs"] + (["Aleppo"] if 2 <= n <= 6 else []) + (["Idlib"] if n < 2 else [])
        texts.append(" ".join(words) + f" report {n}")
    return [ClaimFactory(text=text) for text in texts]


@pytest.mark.parametrize("query", ["homs", "aleppo", "idlib"])
def test_inner_and_outer_windows_give_the_page_of_ranking_every_match(nested_reports, query):
    # "homs" fills the inner window (the newest 3), "aleppo" only the outer one (the newest 7),
    # "idlib" neither.
    search_window_roll(claims=7, inner_claims=3)
    assert SearchWindow.objects.count() == 2

    assert _page(query) == _page_ranking_every_match(query)
    assert _page(query) == _page_without_window(query)


def test_an_inner_window_whose_index_is_gone_is_ignored(nested_reports):
    search_window_roll(claims=7, inner_claims=3)
    expected = _page()
    with connection.cursor() as cursor:  # undone with the test's transaction
        cursor.execute(f"DROP INDEX {SearchWindow.objects.get(pk=SearchWindow.INNER).index_name}")

    assert _page() == expected


def test_rolling_builds_the_inner_window_over_the_newest_claims_inside_the_outer(nested_reports):
    outcome = search_window_roll(claims=7, inner_claims=3)

    outer = SearchWindow.objects.get(pk=SearchWindow.OUTER)
    inner = SearchWindow.objects.get(pk=SearchWindow.INNER)
    assert (outer.threshold, outer.claims) == (nested_reports[-8].pk, 7)
    assert (inner.threshold, inner.claims) == (nested_reports[-4].pk, 3)
    assert set(_window_index_definitions()) == {outer.index_name, inner.index_name}
    assert outcome["rolled"] == 2


def test_an_inner_window_holding_as_many_claims_as_the_outer_is_dropped(nested_reports):
    search_window_roll(claims=7, inner_claims=3)
    inner_index = SearchWindow.objects.get(pk=SearchWindow.INNER).index_name

    outcome = search_window_roll(claims=7, inner_claims=7)

    assert list(SearchWindow.objects.values_list("pk", flat=True)) == [SearchWindow.OUTER]
    assert inner_index not in _window_index_definitions()
    assert (outcome["rolled"], outcome["indexes_dropped"]) == (0, 1)


def test_a_roll_left_alone_sizes_the_inner_window_between_the_bound_and_the_outer():
    # The geometric mean of the 1,000 matches relevance ranks and the outer window's size.
    assert inner_window_claims(250_000) == 15_811
    assert inner_window_claims(1_000) == 1_000


@pytest.mark.parametrize("query", ["homs", "aleppo idlib", '"homs report" -aleppo'])
def test_the_statements_compiled_once_give_the_sql_the_orm_compiles_for_each_search(
    nested_reports, query
):
    # A search binds its tsquery and thresholds into SQL compiled once per process with
    # placeholders; the ORM compiling the same querysets with the search's own values must give
    # the same SQL and parameters.
    search_window_roll(claims=7, inner_claims=3)
    tsquery, thresholds = _search_tsquery(query=query, language=None)
    statements = _search_statements(connection.alias)

    for threshold in thresholds:
        fresh = _search_querysets(tsquery=tsquery, threshold=threshold)
        compiled_now = [queryset.query.sql_with_params() for queryset in fresh]
        bound = [
            (
                statements.window_documents.sql,
                statements.window_documents.params_for(tsquery=tsquery, threshold=threshold),
            ),
            (statements.every_matches.sql, statements.every_matches.params_for(tsquery=tsquery)),
            (
                statements.ranked_documents.sql,
                statements.ranked_documents.params_for(tsquery=tsquery),
            ),
        ]
        assert [(sql, list(params)) for sql, params in compiled_now] == bound


def test_a_search_sends_its_own_query_and_the_windows_of_now_not_an_earlier_searchs(
    nested_reports,
):
    search_window_roll(claims=7, inner_claims=3)
    aleppo_page = _page("aleppo")
    earlier_thresholds = set(SearchWindow.objects.values_list("threshold", flat=True))
    newer = [ClaimFactory(text=f"Homs report {n}") for n in range(4)]
    search_window_roll(claims=6, inner_claims=2)
    thresholds = set(SearchWindow.objects.values_list("threshold", flat=True))

    with CaptureQueriesContext(connection) as queries:
        homs_page = _page("homs")

    page_sql = queries.captured_queries[-1]["sql"]
    assert "aleppo" not in page_sql
    assert all(f"> {threshold})" in page_sql for threshold in thresholds)
    assert not any(f"> {threshold})" in page_sql for threshold in earlier_thresholds)
    assert homs_page == _page_ranking_every_match("homs")
    assert {claim_id for claim_id, _ in homs_page} <= {claim.pk for claim in newer}
    assert aleppo_page == _page_ranking_every_match("aleppo")
