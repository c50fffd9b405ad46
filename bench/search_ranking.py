"""Search's database time, three ways in one run on bench/api.py's database: ranking every match;
ranking the newest SEARCH_RANKED_MATCHES matches found first in the search window (as deployed);
and the same without the window, through the GIN index over every claim (the window's row
deleted inside a transaction that is rolled back).

    BENCH_DATABASE_URL=postgres://…/fc_bench .venv/bin/python bench/search_ranking.py
    … bench/search_ranking.py --windows 100000,150000,250000

Run bench/api.py first: it builds the database and moves the search window. Prints the median of
five timed runs (after two that warm the caches) of each bench query's first page, as a Markdown
table, and how many of each query's matches the window holds.

With --windows, it instead moves the window to each size in turn (claims.services.
search_window_roll, as the scheduled job does) and times each query's first page with the window
and without it, alternating the two, then moves the window back to SEARCH_WINDOW_CLAIMS: how
SEARCH_WINDOW_CLAIMS was chosen (README, "At a million claims").
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from django.conf import settings  # noqa: E402
from django.db import transaction  # noqa: E402

from bench.api import SEARCHES  # noqa: E402  (sets up Django on BENCH_DATABASE_URL)
from claims.models import SEARCH_RANKED_MATCHES, Claim, SearchWindow  # noqa: E402
from claims.selectors import claim_list, claim_search  # noqa: E402
from claims.services import search_window_roll  # noqa: E402


def first_page(query: str, newest: int | None) -> float:
    """Seconds to read the first page of a relevance search, as the API asks for it."""
    started = time.perf_counter()
    page = claim_search(claim_list(), query=query, newest=newest).order_by("-rank", "-id")
    list(page.values("id", "rank")[:51])
    return time.perf_counter() - started


def run(newest: int | None) -> dict[str, float]:
    """Milliseconds per query for the first page ranked by relevance."""
    medians = {}
    for query in SEARCHES:
        times = [first_page(query, newest) for _ in range(7)]
        medians[query] = 1000 * statistics.median(times[2:])
    return medians


def window_sizes(sizes: list[int]) -> None:
    """For each window size: each query's first page with the window and without it (the row
    deleted in a savepoint that is rolled back), alternating, median of seven after two."""
    print(
        "| window | median / slowest, window first | median / slowest, no window "
        "| by query, window / no window (matches in the window) |"
    )
    print("| --- | --- | --- | --- |")
    try:
        for size in sizes:
            search_window_roll(claims=size)
            threshold = SearchWindow.objects.get(pk=SearchWindow.OUTER).threshold
            times: dict[str, dict[str, list[float]]] = {
                q: {"window": [], "none": []} for q in SEARCHES
            }
            with transaction.atomic():
                for _ in range(9):
                    for query in SEARCHES:
                        times[query]["window"].append(first_page(query, SEARCH_RANKED_MATCHES))
                        without = transaction.savepoint()
                        SearchWindow.objects.all().delete()
                        times[query]["none"].append(first_page(query, SEARCH_RANKED_MATCHES))
                        transaction.savepoint_rollback(without)
            medians = {
                query: {way: 1000 * statistics.median(t[2:]) for way, t in ways.items()}
                for query, ways in times.items()
            }
            columns = []
            for way in ("window", "none"):
                values = [medians[query][way] for query in SEARCHES]
                columns.append(f"{statistics.median(values):.1f} / {max(values):.1f} ms")
            by_query = "; ".join(
                f"{query} {medians[query]['window']:.1f} / {medians[query]['none']:.1f} "
                f"({in_window(query, threshold):,})"
                for query in SEARCHES
            )
            print(f"| {size:,} | {columns[0]} | {columns[1]} | {by_query} |")
    finally:
        search_window_roll(claims=settings.SEARCH_WINDOW_CLAIMS)


def in_window(query: str, threshold: int) -> int:
    return claim_search(Claim.objects.filter(pk__gt=threshold), query=query).count()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--windows", help="window sizes to compare, comma-separated (e.g. 100000,250000)"
    )
    args = parser.parse_args()
    if args.windows:
        window_sizes([int(size) for size in args.windows.split(",")])
        return
    window = SearchWindow.objects.get(pk=SearchWindow.OUTER)
    held = {query: in_window(query, window.threshold) for query in SEARCHES}
    with transaction.atomic():
        every = run(None)
        windowed = run(SEARCH_RANKED_MATCHES)
        SearchWindow.objects.all().delete()
        no_window = run(SEARCH_RANKED_MATCHES)
        transaction.set_rollback(True)
    newest = f"newest {SEARCH_RANKED_MATCHES}"
    columns = (every, windowed, no_window)
    print(f"search window: the newest {window.claims} claims (after claim {window.threshold})\n")
    print(
        f"| query | matches in the window | rank every match | {newest}, window first "
        f"| {newest}, no window (every claim) |"
    )
    print("| --- | --- | --- | --- | --- |")
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
