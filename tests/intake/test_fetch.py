import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from intake.fetch import FetchError, fetch_article

PAGES = {
    "/article": (
        200,
        "text/html; charset=utf-8",
        b"<html><body><p>Rebels entered Hama.</p></body></html>",
    ),
    "/image": (200, "image/png", b"\x89PNG\r\n"),
    "/huge": (200, "text/html", b"<p>" + b"a" * 300_000 + b"</p>"),
    "/missing": (404, "text/html", b"not here"),
    "/slow": (200, "text/html", b"<p>Too late.</p>"),
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/article")
            self.end_headers()
            return
        if self.path == "/slow":
            time.sleep(2)
        if self.path == "/to-metadata":
            self.send_response(302)
            self.send_header("Location", "http://169.254.169.254/latest/meta-data/")
            self.end_headers()
            return
        status, content_type, body = PAGES[self.path]
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """The fetcher hangs up on purpose (size limit, timeout); the broken pipe is expected."""


@pytest.fixture
def local_server():
    server = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def public_addresses_only(settings):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = False
    settings.FETCH_ALLOWED_NETWORKS = []


@pytest.fixture
def private_allowed(settings):
    """The local server is on loopback: exempt it the way a deployment would
    (FETCH_ALLOWED_NETWORKS)."""
    settings.FETCH_ALLOWED_NETWORKS = ["127.0.0.0/8"]


def test_loopback_url_is_refused_by_default(local_server):
    with pytest.raises(FetchError, match="private or local"):
        fetch_article(f"{local_server}/article")


@pytest.mark.parametrize(
    "url", ["http://10.0.0.1/", "http://192.168.1.1/", "http://[::1]/", "http://169.254.169.254/"]
)
def test_private_and_link_local_addresses_are_refused(url):
    with pytest.raises(FetchError, match="private or local"):
        fetch_article(url)


@pytest.mark.parametrize(
    "url", ["ftp://example.org/a", "file:///etc/passwd", "http://user:pw@example.org/"]
)
def test_other_schemes_and_credentials_are_refused(url):
    with pytest.raises(FetchError):
        fetch_article(url)


def test_page_is_fetched_from_an_allowed_private_network(local_server, private_allowed):
    page = fetch_article(f"{local_server}/article")

    assert page.is_html and b"Rebels entered Hama" in page.content


def test_redirect_is_followed_and_each_hop_checked(local_server, private_allowed):
    assert fetch_article(f"{local_server}/moved").url.endswith("/article")

    with pytest.raises(FetchError, match="private or local"):
        fetch_article(f"{local_server}/to-metadata")


def test_non_text_content_is_refused(local_server, private_allowed):
    with pytest.raises(FetchError, match="image/png"):
        fetch_article(f"{local_server}/image")


def test_page_over_the_size_limit_is_refused(local_server, private_allowed):
    with pytest.raises(FetchError, match="larger than"):
        fetch_article(f"{local_server}/huge", max_bytes=100_000)


def test_error_status_is_reported(local_server, private_allowed):
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch_article(f"{local_server}/missing")


def test_page_that_does_not_answer_in_time_is_reported(local_server, private_allowed, settings):
    settings.FETCH_TIMEOUT = 0.2

    with pytest.raises(FetchError, match="could not be fetched"):
        fetch_article(f"{local_server}/slow")


def test_article_url_is_imported_as_proposals(local_server, private_allowed, db):
    from intake.services import article_import_create

    result = article_import_create(url=f"{local_server}/moved", outlet_name="Example News")

    assert result.article.url == f"{local_server}/article"
    assert "Rebels entered Hama" in result.article.text
