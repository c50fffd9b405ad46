"""bench/api.py keeps working: its smoke mode builds a tiny database, serves it with gunicorn and
asks every endpoint and its bare view a few times. Its timings are not looked at."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import psycopg
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
CASES = ("claims list", "claims list, filtered", "search", "claim detail")


def _server() -> dict:
    database = settings.DATABASES["default"]
    return {
        "host": database["OPTIONS"].get("host") or database["HOST"] or None,
        "port": database["PORT"] or None,
        "user": database["USER"] or None,
        "password": database["PASSWORD"] or None,
    }


def _url(server: dict, name: str) -> str:
    """A DATABASE_URL for `name` on the test database's server (a TCP host, or the socket
    directory of the embedded server)."""
    user = quote(server["user"] or "postgres", safe="")
    if server["password"]:
        user += ":" + quote(server["password"], safe="")
    host = server["host"] or ""
    if host.startswith("/"):
        return f"postgres://{user}@/{name}?host={quote(host, safe='/')}"
    return f"postgres://{user}@{host}:{server['port'] or 5432}/{name}"


def test_bench_smoke_run_answers_every_endpoint_and_prints_the_table():
    server = _server()
    name = f"{settings.DATABASES['default']['NAME']}_bench_smoke"
    try:
        run = subprocess.run(
            [sys.executable, "bench/api.py", "--smoke", "--rebuild"],
            cwd=ROOT,
            env={**os.environ, "BENCH_DATABASE_URL": _url(server, name)},
            capture_output=True,
            text=True,
            timeout=600,
        )
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    rows = {line.split("  ")[0]: line for line in run.stdout.splitlines()}
    assert all(case in rows for case in CASES), run.stdout
    assert "queries API/bare" in run.stdout
    assert "recall" in run.stdout
