"""Search's database time, three ways in one run on bench/api.py's database: ranking every match,
ranking the newest SEARCH_RANKED_MATCHES matches found through the RUM index, and the same
through the GIN index only (the RUM index dropped inside a transaction that is rolled back).

    BENCH_DATABASE_URL=postgres://…/fc_bench .venv/bin/python bench/search_ranking.py

Run bench/api.py first: it builds the database. Prints the median of five timed runs (after two
that warm the caches) of each bench query's first page, as a Markdown table.
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from django.db import connection, transaction  # noqa: E402

from bench.api import SEARCHES  # noqa: E402  (sets up Django on BENCH_DATABASE_URL)
from claims.selectors import SEARCH_RANKED_MATCHES, claim_list, claim_search  # noqa: E402


def run(newest: int | None) -> dict[str, float]:
    """Milliseconds per query for the first page ranked by relevance."""
    medians = {}
    for query in SEARCHES:
        times = []
        for _ in range(7):
            started = time.perf_counter()
            page = claim_search(claim_list(), query=query, newest=newest).order_by("-rank", "-id")
            list(page.values("id", "rank")[:51])
            times.append(time.perf_counter() - started)
        medians[query] = 1000 * statistics.median(times[2:])
    return medians


def main() -> None:
    with transaction.atomic():
        every = run(None)
        rum = run(SEARCH_RANKED_MATCHES)
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX IF EXISTS claim_search_document_newest")
        gin = run(SEARCH_RANKED_MATCHES)
        transaction.set_rollback(True)
    newest = f"newest {SEARCH_RANKED_MATCHES}"
    print(f"| query | rank every match | {newest}, RUM | {newest}, GIN only |")
    print("| --- | --- | --- | --- |")
    for query in SEARCHES:
        print(f"| {query} | {every[query]:.1f} ms | {rum[query]:.1f} ms | {gin[query]:.1f} ms |")
    print(
        "| median / slowest | "
        + " | ".join(
            f"{statistics.median(times.values()):.1f} / {max(times.values()):.1f} ms"
            for times in (every, rum, gin)
        )
        + " |"
    )


if __name__ == "__main__":
    main()
