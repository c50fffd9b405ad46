"""bench/api.py keeps working: its smoke mode fills a tiny copy of the test database, serves it
with gunicorn and asks every endpoint and its bare view a few times. Its timings are not
looked at."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CASES = ("claims list", "claims list, filtered", "search", "claim detail")


def test_bench_smoke_run_answers_every_endpoint_and_prints_the_table(database_copy):
    run = subprocess.run(
        [sys.executable, "bench/api.py", "--smoke"],
        cwd=ROOT,
        env={**os.environ, "BENCH_DATABASE_URL": database_copy},
        capture_output=True,
        text=True,
        timeout=600,
    )

    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    rows = {line.split("  ")[0]: line for line in run.stdout.splitlines()}
    assert all(case in rows for case in CASES), run.stdout
    assert "queries API/bare" in run.stdout
    assert "recall" in run.stdout
