"""bench/api.py keeps working: its smoke mode fills a tiny copy of the test database, serves it
with gunicorn and asks every endpoint and its bare view a few times. Its timings are not
looked at."""

from tests.conftest import run_bench

CASES = ("claims list", "claims list, filtered", "search", "claim detail")


def test_bench_smoke_run_answers_every_endpoint_and_prints_the_table(database_copy):
    output = run_bench("bench/api.py", "--smoke", BENCH_DATABASE_URL=database_copy)

    rows = {line.split("  ")[0]: line for line in output.splitlines()}
    assert all(case in rows for case in CASES), output
    assert "queries API/bare" in output
    assert "recall" in output
    assert "search window:" in output  # moved by the scheduled job's task, as deployed
