import shutil
import socket
import ssl
import subprocess
import threading

import pytest

from factcheck.http import AddressNotAllowed, FetchError, HostThrottle, address_allowed, safe_fetch
from tests.jobs.conftest import Page


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",  # loopback
        "10.1.2.3",  # private
        "192.168.0.10",  # private
        "172.16.5.4",  # private
        "169.254.169.254",  # link-local: cloud metadata endpoints live here
        "100.64.0.1",  # shared address space (carrier-grade NAT)
        "0.0.0.0",  # unspecified
        "224.0.0.1",  # multicast
        "240.0.0.1",  # reserved
        "::1",  # IPv6 loopback
        "fe80::1",  # IPv6 link-local
        "fc00::1",  # IPv6 unique local
        "::ffff:127.0.0.1",  # loopback hidden in an IPv4-mapped IPv6 address
        "ff02::1",  # IPv6 multicast
    ],
)
def test_non_public_addresses_are_refused_by_default(address):
    assert not address_allowed(address, allow_private=False, allowed_networks=[])


@pytest.mark.parametrize("address", ["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_are_allowed(address):
    assert address_allowed(address, allow_private=False, allowed_networks=[])


def test_an_allowed_network_exempts_only_its_own_addresses():
    assert address_allowed("10.0.0.7", allow_private=False, allowed_networks=["10.0.0.0/24"])
    assert not address_allowed("10.0.1.7", allow_private=False, allowed_networks=["10.0.0.0/24"])


def test_loopback_url_is_refused_without_the_setting(site, settings):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = False
    site.pages["/ok"] = Page(body=b"hello")
    with pytest.raises(AddressNotAllowed):
        safe_fetch(site.url("/ok"))
    assert site.received == []


def test_host_name_is_refused_when_any_resolved_address_is_private(settings):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = False

    def resolver(host, port):
        return ["93.184.215.14", "10.0.0.5"]

    with pytest.raises(AddressNotAllowed, match="10.0.0.5"):
        safe_fetch("http://intranet.example.org/admin", resolver=resolver)


def test_redirect_to_a_private_address_is_refused_at_that_hop(site, settings):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = False
    settings.FETCH_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    site.pages["/jump"] = Page(status=302, headers={"Location": f"http://127.0.0.2:{site.port}/ok"})
    with pytest.raises(AddressNotAllowed, match="127.0.0.2"):
        safe_fetch(site.url("/jump"))
    assert [r.path for r in site.received] == ["/jump"]


def test_redirects_are_followed_and_the_final_url_reported(site, allow_private_fetch):
    site.pages["/old"] = Page(status=301, headers={"Location": "/new"})
    site.pages["/new"] = Page(body=b"moved here")
    response = safe_fetch(site.url("/old"))
    assert (response.status, response.final_url, response.body) == (
        200,
        site.url("/new"),
        b"moved here",
    )
    assert response.redirects == [site.url("/new")]


def test_a_redirect_loop_stops_at_the_redirect_cap(site, allow_private_fetch):
    allow_private_fetch.FETCH_MAX_REDIRECTS = 3
    site.pages["/loop"] = Page(status=302, headers={"Location": "/loop"})
    with pytest.raises(FetchError, match="more than 3 redirects"):
        safe_fetch(site.url("/loop"))
    assert len(site.requests_to("/loop")) == 4


def test_a_slow_server_times_out(site, allow_private_fetch):
    site.pages["/slow"] = Page(body=b"late", delay=1.5)
    with pytest.raises(FetchError):
        safe_fetch(site.url("/slow"), timeout=0.3)


def test_a_server_dripping_its_body_is_cut_off_at_the_one_deadline(site, allow_private_fetch):
    # Each byte arrives well within the timeout, so only a deadline for the whole fetch stops it;
    # undisturbed, the body would take 20 s.
    site.pages["/drip"] = Page(body=b"x" * 200, trickle=0.1)

    with pytest.raises(FetchError, match="timed out after 0.5 s"):
        safe_fetch(site.url("/drip"), timeout=0.5)


def test_a_name_lookup_that_does_not_answer_is_cut_off_at_the_deadline():
    release, answered = threading.Event(), threading.Event()

    def silent_resolver(host, port):
        release.wait(30)
        answered.set()
        return ["93.184.215.14"]

    try:
        with pytest.raises(FetchError, match="timed out after 0.5 s"):
            safe_fetch("http://slow-dns.example.org/", resolver=silent_resolver, timeout=0.5)
        # The fetch gave up while the lookup was still waiting, not after it answered.
        assert not answered.is_set()
    finally:
        release.set()


def test_the_deadline_covers_every_redirect_hop_together(site, allow_private_fetch):
    # Each hop answers within the timeout; the three together do not.
    site.pages["/hop1"] = Page(status=302, headers={"Location": "/hop2"}, delay=0.4)
    site.pages["/hop2"] = Page(status=302, headers={"Location": "/hop3"}, delay=0.4)
    site.pages["/hop3"] = Page(body=b"arrived", delay=0.4)

    with pytest.raises(FetchError, match="timed out"):
        safe_fetch(site.url("/hop1"), timeout=1.0)
    assert safe_fetch(site.url("/hop1"), timeout=5).body == b"arrived"


def test_a_body_over_the_size_cap_is_cut_and_marked(site, allow_private_fetch):
    site.pages["/big"] = Page(body=b"x" * 300_000)
    response = safe_fetch(site.url("/big"), max_bytes=100_000)
    assert response.truncated and len(response.body) == 100_000


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.org/x", "http:///nohost", "gopher://x"]
)
def test_only_http_and_https_urls_are_fetched(url):
    with pytest.raises(FetchError):
        safe_fetch(url)


def test_host_throttle_spaces_requests_to_the_same_host_only():
    now, slept = [100.0], []

    def sleep(seconds):
        slept.append(round(seconds, 3))
        now[0] += seconds

    throttle = HostThrottle(2.0, clock=lambda: now[0], sleep=sleep)
    throttle.wait("https://a.example/1")
    throttle.wait("https://b.example/1")
    now[0] += 0.5
    throttle.wait("https://A.example/2")
    assert slept == [1.5]


def test_a_closed_port_is_a_fetch_error(allow_private_fetch):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    with pytest.raises(FetchError, match="cannot connect"):
        safe_fetch(f"http://127.0.0.1:{closed_port}/")


@pytest.fixture
def tls_site(tmp_path, site):
    """The local site behind TLS, with a self-signed certificate for the name "localhost"."""
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command to make a certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            key,
            "-out",
            cert,
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=DNS:localhost",
        ],
        check=True,
        capture_output=True,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    site.server.socket = context.wrap_socket(site.server.socket, server_side=True)
    return site, cert


def test_tls_is_verified_against_the_host_name_even_though_the_checked_address_is_dialled(
    tls_site, allow_private_fetch, monkeypatch
):
    site, cert = tls_site
    site.pages["/secure"] = Page(body=b"over tls")
    url = f"https://localhost:{site.port}/secure"
    with pytest.raises(FetchError, match="(?i)certificate"):
        safe_fetch(url)  # self-signed: not trusted by the default CA bundle

    monkeypatch.setattr("factcheck.http.certifi.where", lambda: str(cert))
    response = safe_fetch(url)
    assert (response.status, response.body) == (200, b"over tls")
    assert site.requests_to("/secure")[-1].headers["Host"] == f"localhost:{site.port}"
