"""Fetching media (`--fetch-media`): only public http(s) addresses, checked at every hop.

No test here leaves this machine: the refusals happen before any connection, and the one
server started is on 127.0.0.1, to prove loopback is refused.
"""

from __future__ import annotations

import http.server
import ipaddress
import threading
from collections.abc import Iterator

import pytest

from broadsheet.wordpress.fetch import FetchError, fetch, is_public_address


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "http://169.254.169.254/latest/meta-data/")
            self.end_headers()
        elif self.path == "/big":
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"x" * 5000)
        else:
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def local_server() -> Iterator[str]:
    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def loopback_only(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return str(address) == "127.0.0.1"


def test_it_refuses_a_loopback_server(local_server: str) -> None:
    with pytest.raises(FetchError, match="not a public address"):
        fetch(f"{local_server}/photo.jpg")
    port = local_server.rsplit(":", 1)[1]
    with pytest.raises(FetchError, match="not a public address"):
        fetch(f"http://localhost:{port}/photo.jpg")


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.1/a.jpg",
        "http://192.168.1.10/a.jpg",
        "http://172.16.0.5/a.jpg",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/a.jpg",
        "http://[fe80::1]/a.jpg",
        "http://[::ffff:127.0.0.1]/a.jpg",
        "http://0.0.0.0/a.jpg",
        "http://224.0.0.1/a.jpg",
    ],
)
def test_it_refuses_private_link_local_and_reserved_addresses(url: str) -> None:
    with pytest.raises(FetchError, match="not a public address"):
        fetch(url)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/a.jpg", "gopher://x/"])
def test_it_fetches_only_http_and_https(url: str) -> None:
    with pytest.raises(FetchError, match="only http and https"):
        fetch(url)


def test_it_checks_every_redirect_again(local_server: str) -> None:
    # Even with the first hop allowed, the redirect to the metadata address is refused.
    with pytest.raises(FetchError, match=r"169\.254\.169\.254"):
        fetch(f"{local_server}/redirect", allow=loopback_only)


def test_it_caps_the_size(local_server: str) -> None:
    with pytest.raises(FetchError, match="too large"):
        fetch(f"{local_server}/big", max_bytes=1000, allow=loopback_only)
    assert fetch(f"{local_server}/small", allow=loopback_only).content == b"ok"


def test_it_judges_addresses_as_public_or_not() -> None:
    assert is_public_address(ipaddress.ip_address("93.184.216.34"))
    assert is_public_address(ipaddress.ip_address("2606:2800:220:1::1"))
    for private in ("127.0.0.1", "10.1.2.3", "100.64.0.1", "::1", "fc00::1", "::ffff:10.0.0.1"):
        assert not is_public_address(ipaddress.ip_address(private))
