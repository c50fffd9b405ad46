"""bench/admin.py keeps working: its smoke mode fills a tiny copy of the test database with
claims, audit events and a re-check queue, and asks every registered admin changelist, the
searches, a claim's and a source's page, the desk and the audit trail a few times, as a superuser
and as a reviewer. Its timings are not looked at."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
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
    run = subprocess.run(
        [sys.executable, "bench/admin.py", "--smoke"],
        cwd=ROOT,
        env={**os.environ, "BENCH_DATABASE_URL": database_copy},
        capture_output=True,
        text=True,
        timeout=600,
    )

    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert "audit events" in run.stdout
    rows = [line.split() for line in run.stdout.splitlines()]
    for page in PAGES:
        for user in ("superuser", "reviewer"):
            assert any(
                " ".join(row[: len(page.split())]) == page and user in row for row in rows
            ), (page, user, run.stdout)
    assert "pages meet the goal" in run.stdout
