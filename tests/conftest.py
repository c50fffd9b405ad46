"""The shared test world: named users with stated roles, built with factories."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml
from django.conf import settings
from django.test.utils import override_settings

from tests.factories import UserFactory

# The test broker and Celery workers, for tests/jobs and tests/intake/test_worker.py; how
# pytest-xdist shares the files between its processes.
pytest_plugins = ["tests.broker", "tests.scheduling"]

# Each phase's report of a test ("setup", "call", "teardown"), for fixtures that act on a failure
# when they tear down, such as the browser tests' screenshot.
phase_reports = pytest.StashKey[dict]()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    item.stash.setdefault(phase_reports, {})[report.when] = report
    return report


@pytest.fixture(autouse=True, scope="session")
def cache_keys_of_this_test_process():
    """Parallel test processes (pytest-xdist) share one Redis: each keeps its cache entries and
    throttle counters under its own prefix, so one process's login attempts never throttle
    another's and clearing counters clears only its own."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        yield
        return
    cache = settings.CACHES["default"]
    with override_settings(
        CACHES={
            **settings.CACHES,
            "default": {**cache, "KEY_PREFIX": f"{cache.get('KEY_PREFIX', '')}-{worker}"},
        }
    ):
        yield


@pytest.fixture(autouse=True, scope="session")
def token_lookups_from_the_database():
    """API token lookups are cached in Redis only where tests give that cache a Redis of their
    own (tests/api/conftest.py); elsewhere they go to the database, so that no test writes
    token entries to a Redis that others use."""
    with override_settings(API_TOKEN_CACHE_SECONDS=0):
        yield


def desk_reviewer():
    """A desk reviewer: staff (may use the admin), in the reviewer group, not a superuser. The
    same user each call (the factory gets or creates by name), so worlds built outside a test
    and the `reviewer` fixture agree."""
    return UserFactory(username="rhea-reviewer", is_staff=True, roles=["reviewer"])


@pytest.fixture
def reviewer(db):
    return desk_reviewer()


@pytest.fixture
def journalist(db):
    """A journalist: uses the API, in the journalist group, no admin access."""
    return UserFactory(username="jo-journalist", roles=["journalist"])


@pytest.fixture
def outsider(db):
    """A logged-in user with no role at all."""
    return UserFactory(username="otto-outsider")


@pytest.fixture
def staff(db):
    return UserFactory(username="sam-staff", is_staff=True, is_superuser=True)


@pytest.fixture(scope="module")
def restore_database_after_module(django_db_blocker):
    """Tests that commit for real (a worker process must see their data) end with a flush, which
    also empties what data migrations wrote, such as the reviewer and journalist groups. With
    --reuse-db every later run would miss them, so the serialized contents go back in at the end."""
    yield
    from django.db import connection

    with django_db_blocker.unblock():
        connection.creation.deserialize_db_from_string(connection._test_serialized_contents)


def database_url(name: str | None = None) -> str:
    """The URL a subprocess (a bench) reads to reach database `name` on the test database's
    server, the test database itself by default; an embedded server's socket directory goes in
    ?host=."""
    database = settings.DATABASES["default"]
    user = quote(database["USER"] or "postgres", safe="")
    if database["PASSWORD"]:
        user += ":" + quote(database["PASSWORD"], safe="")
    name = name or database["NAME"]
    host = database["OPTIONS"].get("host") or database["HOST"] or "127.0.0.1"
    port = database["PORT"] or 5432
    if host.startswith("/"):
        return f"postgres://{user}@/{name}?host={quote(host, safe='/')}&port={port}"
    return f"postgres://{user}@{host}:{port}/{name}"


def run_bench(*args: str, **environment: str) -> str:
    """Runs a bench script (`bench/api.py --smoke`) with this Python from the project's root,
    with these variables added to the environment; its output, once it has exited with 0."""
    finished = subprocess.run(
        [sys.executable, *args],
        cwd=Path(__file__).resolve().parent.parent,
        env={**os.environ, **environment},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert finished.returncode == 0, finished.stdout[-2000:] + finished.stderr[-3000:]
    return finished.stdout


@pytest.fixture
def database_copy(django_db_setup, django_db_blocker):
    """A database of its own for a subprocess that commits and serves data (a bench smoke run),
    copied from the migrated test database (`CREATE DATABASE … TEMPLATE`: a file copy instead of
    every migration again) and dropped afterwards. Yields its URL."""
    import psycopg
    from django.db import connections

    database = settings.DATABASES["default"]
    template = database["NAME"]
    name = f"{template}_copy"
    server = {
        "host": database["OPTIONS"].get("host") or database["HOST"] or None,
        "port": database["PORT"] or None,
        "user": database["USER"] or None,
        "password": database["PASSWORD"] or None,
    }

    def drop(admin):
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    with django_db_blocker.unblock():
        # A template must have no other session: this process's own connection goes first.
        connections.close_all()
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            drop(admin)
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    yield database_url(name)
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        drop(admin)


INTAKE_DATA = Path(__file__).resolve().parent / "data" / "intake"


def _intake_world_build() -> dict:
    from claims.services import citation_create, claim_create
    from sources.models import Source
    from sources.services import source_create

    reviewer = desk_reviewer()
    sources = {}
    pending = yaml.safe_load((INTAKE_DATA / "known_sources.yaml").read_text())
    while pending:
        entry = next(e for e in pending if not e.get("parent") or e["parent"] in sources)
        pending.remove(entry)
        sources[entry["name"]] = source_create(
            name=entry["name"],
            kind=entry["kind"],
            aliases=entry.get("aliases", []),
            parent=sources.get(entry.get("parent")),
        )
    claims = {
        key: claim_create(text=text, created_by=reviewer)
        for key, text in yaml.safe_load((INTAKE_DATA / "known_claims.yaml").read_text()).items()
    }
    citation_create(
        claim=claims["demo-1"],
        source=sources["Syrian state media"],
        url="https://example.org/earlier-report",
        created_by=reviewer,
    )
    assert Source.objects.count() == len(sources)
    return {
        "sources": {name: source.pk for name, source in sources.items()},
        "claims": {key: claim.pk for key, claim in claims.items()},
    }


INTAKE_WORLD_GROUP = "intake_world"


class RolledBackData:
    """Data built once for several tests, inside a transaction that stays open while they run
    and is rolled back after them. Each test still runs in its own savepoint inside it
    (pytest-django's `db`), so it sees the data and its own changes only; tests that commit for
    real (`transactional_db`) must not run while it is open."""

    def __init__(self, django_db_blocker):
        self._blocker = django_db_blocker
        self._transaction = None

    def build(self, make):
        """Opens the transaction and returns what `make()` builds inside it."""
        from django.db import transaction

        with self._blocker.unblock():
            self._transaction = transaction.atomic()
            self._transaction.__enter__()
            try:
                return make()
            except BaseException:
                self.roll_back()
                raise

    def roll_back(self):
        from django.db import transaction

        with self._blocker.unblock():
            transaction.set_rollback(True)
            self._transaction.__exit__(None, None, None)
        self._transaction = None


class _IntakeWorld:
    """The intake world of this test process: built once (it is ~5,500 queries through the
    services) as RolledBackData kept while the files that use it run one after another, which
    tests/scheduling.py arranges, and rolled back before any other file runs."""

    def __init__(self):
        self.keys = None
        self.files = set()
        self.kept_for_next_test = False
        self._data = None

    def build(self, django_db_blocker):
        self._data = RolledBackData(django_db_blocker)
        self.keys = self._data.build(_intake_world_build)

    def release(self):
        self._data.roll_back()
        self._data = self.keys = None


_intake_world = _IntakeWorld()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Marks every test of a file that uses the intake world, so the scheduler sends those files
    to one process (before pytest-xdist turns the mark into the test's group)."""
    _intake_world.files = {item.path for item in items if "intake_world_keys" in item.fixturenames}
    for item in items:
        if item.path in _intake_world.files:
            item.add_marker(pytest.mark.xdist_group(INTAKE_WORLD_GROUP))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item, nextitem):
    # Decided before the test's fixtures are torn down, for the world's own teardown below.
    _intake_world.kept_for_next_test = nextitem is not None and nextitem.path in _intake_world.files


@pytest.fixture(scope="module")
def intake_world_keys(django_db_setup, django_db_blocker):
    if _intake_world.keys is None:
        _intake_world.build(django_db_blocker)
    yield _intake_world.keys
    if not _intake_world.kept_for_next_test:
        _intake_world.release()


@pytest.fixture
def intake_world(db, intake_world_keys):
    """The sources and claims factcheck knows before an article import: the eight demo claims (the
    texts load_demo creates), near-miss distractors, and the demo sources with aliases and
    affiliation. State media's assertion of demo-1 is already cited from another URL. Fresh
    instances for every test, so no test sees another's unsaved changes."""
    from claims.models import Claim
    from sources.models import Source

    sources = Source.objects.in_bulk(intake_world_keys["sources"].values())
    claims = Claim.objects.in_bulk(intake_world_keys["claims"].values())
    return {
        "sources": {name: sources[pk] for name, pk in intake_world_keys["sources"].items()},
        "claims": {key: claims[pk] for key, pk in intake_world_keys["claims"].items()},
    }
