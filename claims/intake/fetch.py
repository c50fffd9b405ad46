"""Download an article for intake without letting a URL reach inside our network.

Every hop (the first URL and each redirect) is resolved once, every address it resolves to must be
public (no loopback, private, link-local, multicast or reserved ranges, except networks listed in
INTAKE_FETCH_ALLOWED_PRIVATE_NETWORKS, e.g. 127.0.0.0/8 in tests against a local server), and the
connection goes to that checked address so a second DNS answer cannot swap it. Size and time are
bounded; only text and HTML are accepted.
"""

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import urllib3
from django.conf import settings

ACCEPTED_CONTENT_TYPES = ("text/html", "text/plain", "application/xhtml+xml")
MAX_REDIRECTS = 5
USER_AGENT = "factcheck-intake/1.0 (+https://github.com/)"


class FetchError(ValueError):
    """The URL could not be fetched safely; the message is meant for the user."""


@dataclass(frozen=True)
class FetchedPage:
    url: str
    content: bytes
    content_type: str

    @property
    def is_html(self) -> bool:
        return "html" in self.content_type


def fetch_article(url: str, *, max_bytes: int | None = None, timeout: float | None = None) -> FetchedPage:
    max_bytes = max_bytes or settings.INTAKE_MAX_ARTICLE_BYTES
    timeout = timeout or settings.INTAKE_FETCH_TIMEOUT_SECONDS
    for _ in range(MAX_REDIRECTS + 1):
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise FetchError("Only http and https URLs with a host name can be fetched.")
        if parts.username or parts.password:
            raise FetchError("URLs with credentials in them are not fetched.")
        address = _checked_address(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
        response = _request(parts, address, timeout)
        try:
            if response.status in {301, 302, 303, 307, 308}:
                location = response.headers.get("Location")
                if not location:
                    raise FetchError(f"The server answered {response.status} without saying where to.")
                url = urljoin(url, location)
                continue
            if response.status != 200:
                raise FetchError(f"The server answered HTTP {response.status}.")
            content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
            if content_type and content_type not in ACCEPTED_CONTENT_TYPES:
                raise FetchError(f"The URL serves {content_type}, not an HTML page or text.")
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(f"The page is larger than the {max_bytes / 1_000_000:.1f} MB limit.")
            content = _read_bounded(response, max_bytes)
            return FetchedPage(url=url, content=content, content_type=content_type or "text/html")
        finally:
            response.release_conn()
    raise FetchError(f"More than {MAX_REDIRECTS} redirects.")


def _checked_address(host: str, port: int) -> str:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(f"The host {host} could not be resolved.") from error
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise FetchError(f"The host {host} could not be resolved.")
    allowed = [ipaddress.ip_network(n, strict=False) for n in settings.INTAKE_FETCH_ALLOWED_PRIVATE_NETWORKS]
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if not ip.is_global and not any(ip.version == n.version and ip in n for n in allowed):
            raise FetchError(f"The host {host} points to a private or local address; it is not fetched.")
    return addresses[0]


def _request(parts, address: str, timeout: float) -> urllib3.BaseHTTPResponse:
    port = parts.port or (443 if parts.scheme == "https" else 80)
    timeouts = urllib3.Timeout(connect=timeout, read=timeout)
    if parts.scheme == "https":
        pool = urllib3.HTTPSConnectionPool(
            address, port=port, timeout=timeouts, server_hostname=parts.hostname,
            assert_hostname=parts.hostname, cert_reqs="CERT_REQUIRED", retries=False,
        )
    else:
        pool = urllib3.HTTPConnectionPool(address, port=port, timeout=timeouts, retries=False)
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    host_header = parts.hostname if not parts.port else f"{parts.hostname}:{parts.port}"
    try:
        return pool.urlopen(
            "GET", path, headers={"Host": host_header, "User-Agent": USER_AGENT, "Accept": "text/html,text/plain"},
            redirect=False, preload_content=False, decode_content=True,
        )
    except urllib3.exceptions.HTTPError as error:
        raise FetchError(f"The page could not be fetched: {error.__class__.__name__}.") from error


def _read_bounded(response: urllib3.BaseHTTPResponse, max_bytes: int) -> bytes:
    chunks, total = [], 0
    try:
        for chunk in response.stream(64 * 1024):
            total += len(chunk)
            if total > max_bytes:
                raise FetchError(f"The page is larger than the {max_bytes / 1_000_000:.1f} MB limit.")
            chunks.append(chunk)
    except urllib3.exceptions.HTTPError as error:
        raise FetchError(f"The page could not be read: {error.__class__.__name__}.") from error
    return b"".join(chunks)
