"""Search's database time, four ways in one run on bench/api.py's database: ranking every match;
ranking the newest SEARCH_RANKED_MATCHES matches found first in the search window (as deployed);
the same without the window, through the RUM index; and without the window, through the GIN
index only (the window's row deleted and the RUM index dropped inside a transaction that is
rolled back).

    BENCH_DATABASE_URL=postgres://…/fc_bench .venv/bin/python bench/search_ranking.py

Run bench/api.py first: it builds the database and moves the search window. Prints the median of
five timed runs (after two that warm the caches) of each bench query's first page, as a Markdown
table, and how many of each query's matches the window holds.
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from django.db import connection, transaction  # noqa: E402

from bench.api import SEARCHES  # noqa: E402  (sets up Django on BENCH_DATABASE_URL)
from claims.models import Claim, SearchWindow  # noqa: E402
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


def in_window(query: str, threshold: int) -> int:
    return claim_search(Claim.objects.filter(pk__gt=threshold), query=query).count()


def main() -> None:
    window = SearchWindow.objects.get()
    held = {query: in_window(query, window.threshold) for query in SEARCHES}
    with transaction.atomic():
        every = run(None)
        windowed = run(SEARCH_RANKED_MATCHES)
        SearchWindow.objects.all().delete()
        rum = run(SEARCH_RANKED_MATCHES)
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX IF EXISTS claim_search_document_newest")
        gin = run(SEARCH_RANKED_MATCHES)
        transaction.set_rollback(True)
    newest = f"newest {SEARCH_RANKED_MATCHES}"
    columns = (every, windowed, rum, gin)
    print(f"search window: the newest {window.claims} claims (after claim {window.threshold})\n")
    print(
        f"| query | matches in the window | rank every match | {newest}, window first "
        f"| {newest}, RUM, no window | {newest}, GIN only, no window |"
    )
    print("| --- | --- | --- | --- | --- | --- |")
    for query in SEARCHES:
        print(
            f"| {query} | {held[query]:,} | "
            + " | ".join(f"{times[query]:.1f} ms" for times in columns)
            + " |"
        )
    print(
        "| median / slowest | | "
        + " | ".join(
            f"{statistics.median(times.values()):.1f} / {max(times.values()):.1f} ms"
            for times in columns
        )
        + " |"
    )


if __name__ == "__main__":
    main()
