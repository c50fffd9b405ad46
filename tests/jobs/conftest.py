"""Fixtures for the job tests: a local web site to fetch from and post to, and the test broker
(tests/broker.py) under every job test."""

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote

import pytest
from django.db import connection


@pytest.fixture(autouse=True, scope="session")
def job_tests_send_to_the_test_broker(jobs_test_broker):
    """Whatever a job test enqueues goes to the tests' own Redis, never to REDIS_URL's."""


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
    return {
        key: params[key]
        for key in ("host", "port", "user", "password", "dbname")
        if params.get(key)
    }


def outside_connection_url() -> str:
    """The same test database as a DATABASE_URL, for processes the tests start."""
    p = outside_connection_params()
    password = f":{quote(p['password'])}" if "password" in p else ""
    host = p.get("host", "")
    if host.startswith("/"):
        return f"postgres://{p['user']}{password}@/{p['dbname']}?host={quote(host, safe='/')}"
    address = f"{host or '127.0.0.1'}:{p.get('port', 5432)}"
    return f"postgres://{p['user']}{password}@{address}/{p['dbname']}"
