"""The one outbound HTTP client of factcheck, for link checks, webhooks and article intake.

A URL typed by a user must not become a way to reach the internal network (SSRF). So the host
name is resolved here, *every* address it resolves to must be public, and the connection is then
made to that checked address (a second DNS answer cannot swap in 127.0.0.1), with TLS still
verified against the host name. Redirects are followed by hand so each hop is checked the same
way. Time, size and the number of redirects are capped.
"""

import ipaddress
import socket
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import certifi
import urllib3
from django.conf import settings

REDIRECT_STATUSES = {301, 302, 303, 307, 308}
CHUNK_SIZE = 64 * 1024

Resolver = Callable[[str, int], list[str]]


class FetchError(Exception):
    """The fetch did not produce a response: bad URL, unreachable, timeout, too many redirects."""


class AddressNotAllowed(FetchError):
    """The URL points at a private, loopback, link-local, multicast or reserved address."""


@dataclass
class FetchResponse:
    url: str
    final_url: str
    status: int
    headers: Mapping[str, str]
    body: bytes
    truncated: bool = False
    redirects: list[str] = field(default_factory=list)


def resolve_host(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(info[4][0] for info in infos))


def address_allowed(address: str, *, allow_private: bool, allowed_networks: list[str]) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if allow_private or any(
        ip in ipaddress.ip_network(net, strict=False) for net in allowed_networks
    ):
        return True
    # is_global excludes private, loopback, link-local, shared (CGNAT), reserved and unspecified
    # ranges; multicast can be "global" but is never a web page.
    return ip.is_global and not ip.is_multicast


def _checked_addresses(
    host: str, port: int, *, resolver: Resolver, allow_private: bool
) -> list[str]:
    try:
        addresses = resolver(host, port)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(f"cannot resolve {host}: {error}") from error
    if not addresses:
        raise FetchError(f"cannot resolve {host}")
    allowed_networks = list(settings.FETCH_ALLOWED_NETWORKS)
    refused = [
        a
        for a in addresses
        if not address_allowed(a, allow_private=allow_private, allowed_networks=allowed_networks)
    ]
    if refused:
        raise AddressNotAllowed(f"{host} resolves to a non-public address ({', '.join(refused)})")
    return addresses


def url_address_check(
    url: str, *, resolver: Resolver = resolve_host, allow_private: bool | None = None
) -> None:
    """Refuses (AddressNotAllowed) a URL whose host is, or resolves to, an address the fetcher
    would refuse, so that it can be turned down when it is entered rather than at every fetch.
    A host that does not resolve yet passes: the fetch will say so when it is made."""
    parts = urlsplit(url)
    if not parts.hostname:
        return
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return
    allow_private = settings.FETCH_ALLOW_PRIVATE_ADDRESSES if allow_private is None else allow_private
    try:
        _checked_addresses(parts.hostname, port, resolver=resolver, allow_private=allow_private)
    except AddressNotAllowed:
        raise
    except FetchError:
        return


def _pool_for(scheme: str, host: str, address: str, port: int, timeout: urllib3.Timeout):
    common = {"port": port, "timeout": timeout, "retries": False, "maxsize": 1}
    if scheme == "https":
        return urllib3.HTTPSConnectionPool(
            address,
            server_hostname=host,
            assert_hostname=host,
            cert_reqs="CERT_REQUIRED",
            ca_certs=certifi.where(),
            **common,
        )
    return urllib3.HTTPConnectionPool(address, **common)


def _read_capped(response, *, max_bytes: int, deadline: float) -> tuple[bytes, bool]:
    chunks, size = [], 0
    for chunk in response.stream(CHUNK_SIZE, decode_content=True):
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            return b"".join(chunks)[:max_bytes], True
        if time.monotonic() > deadline:
            raise FetchError("timed out while reading the body")
    return b"".join(chunks), False


def _request_once(
    method: str,
    url: str,
    *,
    body: bytes | None,
    headers: dict,
    timeout: float,
    max_bytes: int,
    resolver: Resolver,
    allow_private: bool,
) -> tuple[int, dict, bytes, bool]:
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise FetchError(f"not an http(s) URL: {url}")
    host = parts.hostname
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise FetchError(f"bad port in {url}") from error
    addresses = _checked_addresses(host, port, resolver=resolver, allow_private=allow_private)
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    default_port = port == (443 if parts.scheme == "https" else 80)
    request_headers = {
        "User-Agent": settings.FETCH_USER_AGENT,
        **headers,
        "Host": host if default_port else f"{host}:{port}",
    }
    deadline = time.monotonic() + timeout
    for index, address in enumerate(addresses):
        pool = _pool_for(
            parts.scheme, host, address, port, urllib3.Timeout(connect=timeout, read=timeout)
        )
        try:
            response = pool.urlopen(
                method,
                path,
                body=body,
                headers=request_headers,
                redirect=False,
                preload_content=False,
                assert_same_host=False,
            )
            try:
                content, truncated = _read_capped(response, max_bytes=max_bytes, deadline=deadline)
            finally:
                response.release_conn()
            return response.status, dict(response.headers), content, truncated
        except urllib3.exceptions.NewConnectionError as error:
            # Only a refused connection moves on to the host's next address; a request that was
            # sent and failed is not sent again.
            if index == len(addresses) - 1:
                raise FetchError(f"cannot connect to {host}: {error}") from error
        except urllib3.exceptions.HTTPError as error:
            raise FetchError(f"{type(error).__name__}: {error}") from error
        finally:
            pool.close()
    raise FetchError(f"cannot connect to {host}")


def safe_fetch(
    url: str,
    *,
    method: str = "GET",
    body: bytes | None = None,
    headers: Mapping[str, str] | None = None,
    timeout: float | None = None,
    max_bytes: int | None = None,
    max_redirects: int | None = None,
    follow_redirects: bool = True,
    allow_private: bool | None = None,
    resolver: Resolver = resolve_host,
) -> FetchResponse:
    """Fetch a URL from the outside world safely; raises FetchError (or AddressNotAllowed).

    Defaults come from the FETCH_* settings. A body longer than `max_bytes` is cut there and the
    response marked `truncated`. A 303 turns the request into a GET, as browsers do.
    """
    timeout = settings.FETCH_TIMEOUT if timeout is None else timeout
    max_bytes = settings.FETCH_MAX_BYTES if max_bytes is None else max_bytes
    max_redirects = settings.FETCH_MAX_REDIRECTS if max_redirects is None else max_redirects
    allow_private = (
        settings.FETCH_ALLOW_PRIVATE_ADDRESSES if allow_private is None else allow_private
    )
    current, redirects = url, []
    while True:
        status, response_headers, content, truncated = _request_once(
            method,
            current,
            body=body,
            headers=dict(headers or {}),
            timeout=timeout,
            max_bytes=max_bytes,
            resolver=resolver,
            allow_private=allow_private,
        )
        location = response_headers.get("Location") or response_headers.get("location")
        if not (follow_redirects and status in REDIRECT_STATUSES and location):
            return FetchResponse(
                url, current, status, response_headers, content, truncated, redirects
            )
        if len(redirects) >= max_redirects:
            raise FetchError(f"more than {max_redirects} redirects")
        current = urljoin(current, location)
        redirects.append(current)
        if status == 303:
            method, body = "GET", None


class HostThrottle:
    """Keeps requests to one host at least `min_interval` seconds apart (a polite crawler)."""

    def __init__(self, min_interval: float, *, clock=time.monotonic, sleep=time.sleep):
        self.min_interval = min_interval
        self._clock, self._sleep = clock, sleep
        self._last: dict[str, float] = {}

    def wait(self, url: str) -> None:
        host = (urlsplit(url).hostname or "").lower()
        last = self._last.get(host)
        if last is not None:
            remaining = last + self.min_interval - self._clock()
            if remaining > 0:
                self._sleep(remaining)
        self._last[host] = self._clock()
