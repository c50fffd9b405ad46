"""The claims API's queries answer from indexes: every documented filter of the list, alone, in
pairs and with a search, the claim detail, and a search from the search window's index. Plans are
checked on enough claims, with each filter's values rare enough, that PostgreSQL would read the
whole claims or citations table for any of them that had no index (the test fails on main without
migration 0011)."""

import itertools
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import SearchWindow
from claims.services import search_window_roll
from tests.conftest import RolledBackData
from tests.factories import UserFactory

CLAIMS = "/api/v1/claims/"
CLAIM_COUNT = 30_000
# The search window over the newest sixth of them: it holds about 1,250 claims that mention
# "Homs", more than the 1,000 newest matches relevance ranks (SEARCH_RANKED_MATCHES).
WINDOW_CLAIMS = 5_000

# One value of each documented filter, chosen to match about one claim in a hundred or fewer.
FILTERS = {
    "status": "corroborated",
    "credibility_max": "1",
    "source": "plan-source-7",
    "topic": "TOPIC-17",
    "tag": "tag-23",
    "place": "kfar 123",
    "about_after": "2027-05-25T00:00:00Z",
    "about_before": "2024-01-03T00:00:00Z",
    "first_reported_after": "2027-05-25T00:00:00Z",
    "first_reported_before": "2024-01-03T00:00:00Z",
    "reviewed_since": "2027-05-25T00:00:00Z",
    "due": "true",
    "language": "fr",
    "q": "Qusayr",
}
ORDERINGS = ["created_at", "-first_reported_at", "first_reported_at"]
FULL_SCAN = re.compile(r"Seq Scan on (claims_claim|claims_citation)\b")


def _fill(*, claims: int) -> None:
    """Claims with citations, reviews and re-check flags, written as the bench writes them: set-
    based SQL with triggers off (factories would take minutes at this size), then the search
    documents in one go and fresh statistics, as autovacuum would leave them."""
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
        try:
            cursor.execute(
                """
                INSERT INTO sources_source (name, slug, kind, country, domains, description,
                                            created_at)
                SELECT 'Plan source ' || g, 'plan-source-' || g, 'newspaper', 'SY', '{}', '',
                       now()
                FROM generate_series(1, 1000) g
                """
            )
            cursor.execute(
                """
                INSERT INTO claims_claim (text, language, topic, tags, place_name, about_start,
                    about_end, first_reported_at, created_at, status, credibility,
                    credibility_explanation)
                SELECT (ARRAY['Rebels entered', 'The army left', 'Jets struck', 'Militias held'])
                           [1 + g %% 4] || ' ' || (ARRAY['Homs', 'Hama', 'Daraa', 'Qusayr'])
                           [1 + (g / 7) %% 4] || ' ' || g,
                       CASE WHEN g %% 150 = 0 THEN 'fr' ELSE 'en' END,
                       'topic-' || g %% 120, ARRAY['tag-' || g %% 110], 'Kfar ' || g %% 500,
                       timestamptz '2024-01-01' + g * interval '1 hour',
                       CASE WHEN g %% 3 = 0 THEN timestamptz '2024-01-01' + g * interval '1 hour'
                                                + interval '6 hours' END,
                       timestamptz '2024-01-01' + g * interval '1 hour' + interval '2 hours',
                       timestamptz '2024-01-01' + g * interval '1 hour' + interval '3 hours',
                       CASE WHEN g %% 100 = 0 THEN 'corroborated' ELSE 'unverified' END,
                       CASE WHEN g %% 100 = 0 THEN 1 ELSE 2 + g %% 5 END, '{}'::jsonb
                FROM generate_series(1, %s) g
                """,
                [claims],
            )
            cursor.execute(
                """
                INSERT INTO claims_citation (claim_id, source_id, stance, quote, url,
                                             published_at, created_at)
                SELECT c.id, s.first + (c.id * 7 + n) % 1000, 'asserts',
                       'They said ' || c.text, 'https://plan.example.org/' || c.id || '/' || n,
                       c.first_reported_at, c.created_at
                FROM claims_claim c
                CROSS JOIN (SELECT min(id) AS first FROM sources_source
                            WHERE slug LIKE 'plan-source-%') s
                CROSS JOIN generate_series(1, 2) n
                """
            )
            reviewer = UserFactory(username="plan-reviewer")
            cursor.execute(
                """
                INSERT INTO claims_review (claim_id, verdict, effective_at, evidence_note,
                                           evidence_url, reviewer_id, created_at)
                SELECT id, 'corroborated', created_at, 'Seen.', '', %s, created_at
                FROM claims_claim WHERE status = 'corroborated'
                """,
                [reviewer.pk],
            )
            # One claim in a thousand due: with one in a hundred, at this size a hash join over
            # every claim costs the planner less than the flags' index probes (at a million
            # claims it walks the newest claims and probes the flags, 0.6 ms: bench/admin.py's
            # database).
            cursor.execute(
                """
                INSERT INTO claims_recheckflag (claim_id, reason, detail, due_since)
                SELECT id, 'time_passed', '', created_at FROM claims_claim WHERE id % 997 = 0
                """
            )
        finally:
            cursor.execute("SET session_replication_role = DEFAULT")
        cursor.execute("SELECT claim_search_document_refresh(array_agg(id)) FROM claims_claim")
        search_window_roll(claims=WINDOW_CLAIMS)
        for table in (
            "sources_source",
            "claims_claim",
            "claims_citation",
            "claims_review",
            "claims_recheckflag",
            "claims_claimsearchdocument",
        ):
            cursor.execute(f"ANALYZE {table}")


def _full_scans(api, url: str, params: dict) -> list[str]:
    """The plans of the claims queries a request makes, where they read a whole claims or
    citations table."""
    with CaptureQueriesContext(connection) as made:
        response = api.get(url, params)
    assert response.status_code == 200, response.content
    found = []
    for query in made.captured_queries:
        sql = query["sql"]
        if "claims_claim" not in sql or not sql.lstrip().upper().startswith(("SELECT", "WITH")):
            continue
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN " + sql)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        if FULL_SCAN.search(plan):
            found.append(f"{url} {params}:\n{plan}")
    return found


@pytest.fixture(scope="module")
def plan_claims(django_db_setup, django_db_blocker):
    """The claims, filled once for the module's tests and rolled back when it ends."""
    filled = RolledBackData(django_db_blocker)
    filled.build(lambda: _fill(claims=CLAIM_COUNT))
    yield
    filled.roll_back()


@pytest.fixture
def api(client_for, db):
    return client_for(UserFactory(username="plan-journalist", roles=["journalist"]))


def test_every_documented_filter_alone_in_pairs_and_with_search_answers_from_indexes(
    plan_claims, api
):
    cases = [{name: value} for name, value in FILTERS.items()]
    cases += [dict(pair) for pair in itertools.combinations(FILTERS.items(), 2)]
    cases += [{"q": FILTERS["q"], "ordering": "-created_at"}]
    cases += [
        {name: FILTERS[name], "ordering": ordering} for name in FILTERS for ordering in ORDERINGS
    ]
    cases += [{"status": "corroborated", "topic": "topic-17", "credibility_max": "3"}]
    cases += [{"due": "false"}, {}]

    full_scans = [plan for case in cases for plan in _full_scans(api, CLAIMS, case)]

    assert not full_scans, (
        "\n\n".join(full_scans[:2])
        + "\n\nall:\n"
        + "\n".join(plan.split(":\n")[0] for plan in full_scans)
    )


def test_claim_detail_answers_from_indexes(plan_claims, api):
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM claims_claim WHERE status = 'corroborated' LIMIT 1")
        [claim_id] = cursor.fetchone()

    assert _full_scans(api, reverse("claim-detail", kwargs={"claim_id": claim_id}), {}) == []


def _search_page_plan(api, query: str, **filters) -> list[str]:
    """The executed plan (EXPLAIN ANALYZE) of the page query of a relevance search."""
    with CaptureQueriesContext(connection) as made:
        response = api.get(CLAIMS, {"q": query, **filters})
    assert response.status_code == 200, response.content
    [page_sql] = [
        query["sql"] for query in made.captured_queries if "claim_search_ranked" in query["sql"]
    ]
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) " + page_sql)
        return [row[0] for row in cursor.fetchall()]


def _ran(line: str) -> bool:
    return "never executed" not in line


def _cte(plan: list[str], name: str) -> list[str]:
    """The plan nodes of the CTE `name`: the lines indented under its heading that say whether
    they ran (not their conditions)."""
    [start] = [n for n, line in enumerate(plan) if line.strip() == f"CTE {name}"]
    depth = len(plan[start]) - len(plan[start].lstrip())
    lines = []
    for line in plan[start + 1 :]:
        if len(line) - len(line.lstrip()) <= depth:
            break
        if "(actual " in line or "(never executed)" in line:
            lines.append(line)
    return lines


def _claims_walked_newest_first(plan: list[str]) -> list[str]:
    """Walks of the claims newest first that are not lookups of given ids (`id = ANY (...)`)."""
    return [
        line
        for line, after in zip(plan, [*plan[1:], ""], strict=True)
        if "Backward using claims_claim_pkey" in line and "= ANY" not in after
    ]


def _page_lookups_at_most_51(plan: list[str]) -> bool:
    """The candidates are ranked where they are found and read best first: only the page's claims
    (page_size + 1 for the cursor) are looked up for their columns, not all 1,000 candidates."""
    page_lookups = [
        line
        for line in plan
        if re.search(r"Index (Only )?Scan (Backward )?using \w+ on claims_claim \(", line)
    ]
    looked_up = [re.search(r"rows=(\d+) loops=(\d+)", line) for line in page_lookups]
    return bool(page_lookups) and all(int(found[1]) * int(found[2]) <= 51 for found in looked_up)


def test_a_search_whose_newest_matches_are_in_the_window_reads_only_the_window_index(
    plan_claims, api
):
    """For "Homs" (a quarter of the claims) PostgreSQL once preferred walking the claims newest
    first and probing each one's document; and the search of every claim must not run when a
    window holds enough matches (here the outer one: the inner window holds about 560)."""
    plan = _search_page_plan(api, "Homs")

    windows = _cte(plan, "search_window_documents_0") + _cte(plan, "search_window_documents_1")
    every_claim_search = _cte(plan, "search_every_documents")
    assert windows and all(map(_ran, windows)), "\n".join(plan)
    assert every_claim_search and not any(map(_ran, every_claim_search)), "\n".join(plan)
    assert not any(map(_ran, _claims_walked_newest_first(plan))), "\n".join(plan)
    assert _page_lookups_at_most_51(plan), "\n".join(plan)


def test_a_word_in_every_claim_reads_only_the_inner_window(plan_claims, api):
    """ "said" is in every claim's quotes: the inner window (the newest 2,236 claims) holds more
    than the 1,000 newest matches, so the matches read are the inner window's: neither the outer
    window (5,000 claims) nor the search of every claim runs."""
    assert SearchWindow.objects.count() == 2
    plan = _search_page_plan(api, "said")

    inner, outer = _cte(plan, "search_window_documents_0"), _cte(plan, "search_window_documents_1")
    every_claim_search = _cte(plan, "search_every_documents")
    assert inner and all(map(_ran, inner)), "\n".join(plan)
    assert outer and not any(map(_ran, outer)), "\n".join(plan)
    assert every_claim_search and not any(map(_ran, every_claim_search)), "\n".join(plan)
    assert not any(map(_ran, _claims_walked_newest_first(plan))), "\n".join(plan)
    assert _page_lookups_at_most_51(plan), "\n".join(plan)


def test_a_search_too_rare_for_the_window_reads_the_gin_index_over_every_claim(plan_claims, api):
    """The query "Jets struck Qusayr" matches one claim in sixteen, about 310 in the window of
    5,000: fewer than the 1,000 newest matches relevance ranks, so every claim is searched,
    through the GIN index over all search documents (a bitmap scan: its cost follows the
    matches, not the table), and the claims among its matches are walked newest first by id,
    not all claims."""
    plan = _search_page_plan(api, "Jets struck Qusayr")

    every_claim_scans = [line for line in plan if re.search(r"claim_search_document\b", line)]
    assert every_claim_scans and all("Bitmap Index Scan" in line for line in every_claim_scans)
    assert any(map(_ran, every_claim_scans)), "\n".join(plan)
    assert not any(FULL_SCAN.search(line) for line in plan), "\n".join(plan)
    assert not any("Seq Scan on claims_claimsearchdocument" in line for line in plan)
    assert not any(map(_ran, _claims_walked_newest_first(plan))), "\n".join(plan)
    assert _page_lookups_at_most_51(plan), "\n".join(plan)


def test_a_search_too_rare_for_the_window_ranks_each_match_as_it_first_reads_it(plan_claims, api):
    """The search of every claim reads each matching document once: its rank is computed there,
    and the kept candidates take it from there rather than reading their documents again through
    the documents' primary key (1,000 probes at most, about 3 ms at a million claims)."""
    plan = _search_page_plan(api, "Jets struck Qusayr")

    documents_read_again = [
        line for line in plan if "using claims_claimsearchdocument_pkey" in line and _ran(line)
    ]
    assert any(map(_ran, _cte(plan, "search_every_matches"))), "\n".join(plan)
    assert not documents_read_again, "\n".join(plan)
    assert _page_lookups_at_most_51(plan), "\n".join(plan)


def test_a_window_walks_its_claims_without_the_joins_of_the_lists_columns(plan_claims, api):
    """The claims queryset joins the claim's assignment and its user for the list's columns; the
    walk over a window's matches selects only ids, and PostgreSQL drops those joins from it (it
    cannot while the window's "enough matches" condition sits inside the walk)."""
    plan = _search_page_plan(api, "Homs")

    window = _cte(plan, "search_window_1")
    assert window and all(map(_ran, window)), "\n".join(plan)
    assert not [line for line in window if "claims_claimassignment" in line], "\n".join(plan)
