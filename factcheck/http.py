"""The one outbound HTTP client of factcheck, for link checks, webhooks and article intake.

A URL typed by a user must not become a way to reach the internal network (SSRF). So the host
name is resolved here, *every* address it resolves to must be public, and the connection is then
made to that checked address (a second DNS answer cannot swap in 127.0.0.1), with TLS still
verified against the host name. Redirects are followed by hand so each hop is checked the same
way. Time (one deadline for the whole fetch, name lookups and redirects included), size and the
number of redirects are capped.
"""

import concurrent.futures
import ipaddress
import socket
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
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
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


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


# getaddrinfo takes no timeout, and a resolver that never answers would hold a fetch past its
# deadline; so names are resolved on these threads and waited for only as long as the fetch may
# still run. A resolver stuck on a thread ties up that thread, never the caller.
_resolvers = concurrent.futures.ThreadPoolExecutor(max_workers=8, thread_name_prefix="fetch-dns")


def _resolved_within(
    host: str, port: int, *, resolver: Resolver, deadline: "Deadline | None"
) -> list[str]:
    if deadline is None:
        return resolver(host, port)
    lookup = _resolvers.submit(resolver, host, port)
    try:
        return lookup.result(timeout=deadline.remaining())
    except concurrent.futures.TimeoutError:
        lookup.cancel()
        raise deadline.error() from None


def _checked_addresses(
    host: str,
    port: int,
    *,
    resolver: Resolver,
    allow_private: bool,
    deadline: "Deadline | None" = None,
) -> list[str]:
    try:
        addresses = _resolved_within(host, port, resolver=resolver, deadline=deadline)
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
    allow_private = (
        settings.FETCH_ALLOW_PRIVATE_ADDRESSES if allow_private is None else allow_private
    )
    try:
        _checked_addresses(parts.hostname, port, resolver=resolver, allow_private=allow_private)
    except AddressNotAllowed:
        raise
    except FetchError:
        return


class Deadline:
    """One wall-clock limit for a whole fetch. Socket timeouts bound each wait for data, not their
    sum: a server sending a byte every few seconds never trips them. So at the deadline a timer
    shuts down the fetch's sockets, which ends any connect, handshake or read in progress, and
    `expired` tells that apart from a server that closed the connection itself."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.ends = time.monotonic() + seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def remaining(self) -> float:
        left = self.ends - time.monotonic()
        if left <= 0 or self.expired:
            raise self.error()
        return left

    def error(self) -> FetchError:
        return FetchError(f"timed out after {self.seconds:g} s")

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shut(sock)

    def cancel(self) -> None:
        self._timer.cancel()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already closed


if TYPE_CHECKING:
    # What the mixin is mixed into, so its super() calls type-check.
    _ConnectionBase = urllib3.connection.HTTPConnection
else:
    _ConnectionBase = object


class _DeadlineConnectionMixin(_ConnectionBase):
    def __init__(self, *args, deadline: Deadline, **kwargs):
        super().__init__(*args, **kwargs)
        self._deadline = deadline

    def _new_conn(self):
        # The plain socket, before any TLS handshake: shutting it down ends that too.
        sock = super()._new_conn()
        self._deadline.watch(sock)
        return sock


class _DeadlineHTTPConnection(_DeadlineConnectionMixin, urllib3.connection.HTTPConnection):
    pass


class _DeadlineHTTPSConnection(_DeadlineConnectionMixin, urllib3.connection.HTTPSConnection):
    pass


def _pool_for(scheme: str, host: str, address: str, port: int, deadline: Deadline, timeout: float):
    wait = min(timeout, deadline.remaining())
    common: dict[str, Any] = {
        "port": port,
        "timeout": urllib3.Timeout(connect=wait, read=wait),
        "retries": False,
        "maxsize": 1,
        "deadline": deadline,
    }
    pool: urllib3.HTTPConnectionPool
    if scheme == "https":
        pool = urllib3.HTTPSConnectionPool(
            address,
            server_hostname=host,
            assert_hostname=host,
            cert_reqs="CERT_REQUIRED",
            ca_certs=certifi.where(),
            **common,
        )
        pool.ConnectionCls = _DeadlineHTTPSConnection
    else:
        pool = urllib3.HTTPConnectionPool(address, **common)
        pool.ConnectionCls = _DeadlineHTTPConnection
    return pool


def _read_capped(response, *, max_bytes: int) -> tuple[bytes, bool]:
    chunks, size = [], 0
    for chunk in response.stream(CHUNK_SIZE, decode_content=True):
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            return b"".join(chunks)[:max_bytes], True
    return b"".join(chunks), False


def _request_once(
    method: str,
    url: str,
    *,
    body: bytes | None,
    headers: dict,
    timeout: float,
    deadline: Deadline,
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
    addresses = _checked_addresses(
        host, port, resolver=resolver, allow_private=allow_private, deadline=deadline
    )
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    default_port = port == (443 if parts.scheme == "https" else 80)
    request_headers = {
        "User-Agent": settings.FETCH_USER_AGENT,
        **headers,
        "Host": host if default_port else f"{host}:{port}",
    }
    for index, address in enumerate(addresses):
        pool = _pool_for(parts.scheme, host, address, port, deadline, timeout)
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
                content, truncated = _read_capped(response, max_bytes=max_bytes)
            finally:
                response.release_conn()
            if deadline.expired:
                raise deadline.error()
            return response.status, dict(response.headers), content, truncated
        except urllib3.exceptions.HTTPError as error:
            if deadline.expired:
                raise deadline.error() from error
            if isinstance(error, urllib3.exceptions.NewConnectionError):
                # Only a refused connection moves on to the host's next address; a request that
                # was sent and failed is not sent again.
                if index == len(addresses) - 1:
                    raise FetchError(f"cannot connect to {host}: {error}") from error
                continue
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

    Defaults come from the FETCH_* settings. `timeout` bounds the whole fetch, every redirect hop
    included, however the server paces its answer. A body longer than `max_bytes` is cut there and
    the response marked `truncated`. A 303 turns the request into a GET, as browsers do.
    """
    timeout = settings.FETCH_TIMEOUT if timeout is None else timeout
    max_bytes = settings.FETCH_MAX_BYTES if max_bytes is None else max_bytes
    max_redirects = settings.FETCH_MAX_REDIRECTS if max_redirects is None else max_redirects
    allow_private = (
        settings.FETCH_ALLOW_PRIVATE_ADDRESSES if allow_private is None else allow_private
    )
    deadline = Deadline(timeout)
    try:
        return _follow(
            url,
            method=method,
            body=body,
            headers=dict(headers or {}),
            timeout=timeout,
            deadline=deadline,
            max_bytes=max_bytes,
            max_redirects=max_redirects,
            follow_redirects=follow_redirects,
            resolver=resolver,
            allow_private=allow_private,
        )
    finally:
        deadline.cancel()


def _follow(
    url,
    *,
    method,
    body,
    headers,
    timeout,
    deadline,
    max_bytes,
    max_redirects,
    follow_redirects,
    resolver,
    allow_private,
) -> FetchResponse:
    current = url
    redirects: list[str] = []
    while True:
        status, response_headers, content, truncated = _request_once(
            method,
            current,
            body=body,
            headers=headers,
            timeout=timeout,
            deadline=deadline,
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
