"""bench/admin.py keeps working: its smoke mode fills a tiny copy of the test database with
claims, audit events and a re-check queue, and asks every registered admin changelist, the
searches, a claim's and a source's page, the desk and the audit trail a few times, as a superuser
and as a reviewer. Its timings are not looked at."""

from tests.conftest import run_bench

PAGES = (
    "desk (admin index)",
    "list claims.Claim",
    "list jobs.ClaimDueForRecheck",
    "list pghistory.MiddlewareEvents",
    "search claims",
    "search citations",
    "search sources",
    "claim page",
    "source page",
    "audit, a claim's events",
)


def test_admin_bench_smoke_run_times_every_page_for_both_users(database_copy):
    output = run_bench("bench/admin.py", "--smoke", BENCH_DATABASE_URL=database_copy)

    assert "audit events" in output
    rows = [line.split() for line in output.splitlines()]
    for page in PAGES:
        for user in ("superuser", "reviewer"):
            assert any(
                " ".join(row[: len(page.split())]) == page and user in row for row in rows
            ), (page, user, output)
    assert "pages meet the goal" in output
