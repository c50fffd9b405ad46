"""bench/api.py keeps working: its smoke mode fills a tiny copy of the test database, serves it
with gunicorn and asks every endpoint and its bare view a few times. Its timings are not
looked at."""

from tests.conftest import run_bench

CASES = ("claims list", "claims list, filtered", "search", "claim detail")


def test_bench_smoke_run_answers_every_endpoint_and_prints_the_table(
    database_copy, cache_redis_url
):
    output = run_bench(
        "bench/api.py", "--smoke", BENCH_DATABASE_URL=database_copy, CACHE_URL=cache_redis_url
    )

    rows = {line.split("  ")[0]: line for line in output.splitlines()}
    assert all(case in rows for case in CASES), output
    assert "queries API/bare" in output
    assert "recall" in output
    assert "search windows, outer first:" in output  # moved by the scheduled job's task


def test_overhead_bench_smoke_run_times_each_variant_and_caches_the_token(
    database_copy, cache_redis_url
):
    output = run_bench(
        "bench/api_overhead.py",
        "--smoke",
        BENCH_DATABASE_URL=database_copy,
        CACHE_URL=cache_redis_url,
    )

    rows = [line.split() for line in output.splitlines() if line.startswith("claims list")]
    assert len(rows) == 10, output
    # The page's query only, once the token's lookup is cached; two with the token cache off.
    assert [row[-1] for row in rows if "deployed" in row] == ["1", "1"]
    assert [row[-1] for row in rows if "PostgreSQL" in row] == ["2", "2"]


def test_search_ranking_bench_runs_on_the_api_benchs_database(database_copy, cache_redis_url):
    run_bench(
        "bench/api.py", "--smoke", BENCH_DATABASE_URL=database_copy, CACHE_URL=cache_redis_url
    )

    ways = run_bench("bench/search_ranking.py", BENCH_DATABASE_URL=database_copy)
    sizes = run_bench(
        "bench/search_ranking.py", "--windows", "500,1000", BENCH_DATABASE_URL=database_copy
    )

    # A row per bench query with each way timed; a row per window size.
    assert "| query | matches in the window |" in ways, ways
    assert sum(line.count(" ms") >= 3 for line in ways.splitlines()) >= 10, ways
    assert "| 500 |" in sizes and "| 1,000 |" in sizes, sizes
