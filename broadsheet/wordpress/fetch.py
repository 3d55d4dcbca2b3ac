"""Fetching an imported site's media files, safely (`import-wordpress --fetch-media`).

A WXR file names URLs chosen by whoever wrote it, so every fetch is checked as a server-side
request forgery would be: http and https only, every address the name resolves to must be a
public one (no private, loopback, link-local, multicast or reserved address), the connection
goes to the address that was checked (no second DNS answer in between), redirects are
followed by hand and checked again at each hop, and the body is capped in size and time.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.utils.translation import gettext as _

__all__ = ["FetchError", "Fetched", "fetch", "is_public_address"]

MAX_BYTES = 20 * 1024 * 1024
MAX_REDIRECTS = 5
TIMEOUT = 15.0

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class FetchError(Exception):
    """The file was not fetched; the message says why (shown in the import summary)."""


@dataclass
class Fetched:
    url: str
    content: bytes
    content_type: str


def is_public_address(address: Address) -> bool:
    """Only globally routable unicast addresses; an IPv4-mapped IPv6 address is judged
    by the IPv4 address inside it."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_global and not (
        address.is_multicast or address.is_loopback or address.is_link_local
    )


def _resolve(host: str, port: int) -> list[Address]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as e:
        raise FetchError(_("%(host)s cannot be resolved") % {"host": host}) from e
    return [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to an address already checked, whatever the host name resolves to now."""

    def __init__(self, host: str, address: str, port: int, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, address: str, port: int, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        # The certificate is checked against the host name, not the address.
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def fetch(
    url: str,
    *,
    max_bytes: int = MAX_BYTES,
    timeout: float = TIMEOUT,
    allow: Callable[[Address], bool] = is_public_address,
) -> Fetched:
    """GET `url` under the rules above, or raise FetchError. `allow` exists for tests."""
    for _hop in range(MAX_REDIRECTS + 1):
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https"):
            raise FetchError(_("only http and https addresses are fetched: %(url)s") % {"url": url})
        host = parts.hostname
        if not host:
            raise FetchError(_("the address has no host: %(url)s") % {"url": url})
        try:
            port = parts.port or (443 if scheme == "https" else 80)
        except ValueError as e:
            raise FetchError(_("the address has a bad port: %(url)s") % {"url": url}) from e
        addresses = _resolve(host, port)
        refused = [a for a in addresses if not allow(a)]
        if not addresses or refused:
            raise FetchError(
                _("%(host)s is not a public address (%(address)s): not fetched")
                % {"host": host, "address": refused[0] if refused else "-"}
            )
        cls = _PinnedHTTPSConnection if scheme == "https" else _PinnedHTTPConnection
        conn = cls(host, str(addresses[0]), port, timeout)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        try:
            conn.request("GET", target, headers={"User-Agent": "Broadsheet-importer"})
            response = conn.getresponse()
            if response.status in (301, 302, 303, 307, 308):
                location = response.getheader("Location")
                if not location:
                    raise FetchError(_("a redirect with no Location: %(url)s") % {"url": url})
                url = urljoin(url, location)
                continue
            if response.status != 200:
                raise FetchError(
                    _("the server answered %(status)d for %(url)s")
                    % {"status": response.status, "url": url}
                )
            length = response.getheader("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchError(_("the file is too large: %(url)s") % {"url": url})
            content = response.read(max_bytes + 1)
            if len(content) > max_bytes:
                raise FetchError(_("the file is too large: %(url)s") % {"url": url})
            return Fetched(url, content, response.getheader("Content-Type") or "")
        except (OSError, http.client.HTTPException) as e:
            raise FetchError(
                _("%(url)s could not be fetched: %(problem)s") % {"url": url, "problem": e}
            ) from e
        finally:
            conn.close()
    raise FetchError(_("too many redirects: %(url)s") % {"url": url})
