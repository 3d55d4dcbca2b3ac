"""The client's IP address, the one rule every per-IP limit uses (logins, comments, load).

X-Forwarded-For is believed only when the connection comes from an address listed in
BROADSHEET_TRUSTED_PROXIES (settings.TRUSTED_PROXIES: addresses or networks such as
"10.0.0.0/8"); from anyone else it is ignored, because any client can send it.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(spec: tuple[str, ...]) -> tuple[IPNetwork, ...]:
    nets = []
    for item in spec:
        try:
            nets.append(ipaddress.ip_network(item.strip(), strict=False))
        except ValueError:
            continue  # a typo in the setting must not take logins or comments down
    return tuple(nets)


def parse_ip(value: str) -> IPAddress | None:
    try:
        ip = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    # "::ffff:10.0.0.1" is the IPv4 client of a dual-stack socket: compare and store it as such.
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    return ip


def is_trusted_proxy(address: str) -> bool:
    ip = parse_ip(address)
    return ip is not None and any(ip in net for net in _networks(tuple(settings.TRUSTED_PROXIES)))


def client_ip(request: HttpRequest) -> str | None:
    """The socket's address; behind trusted proxies, the last X-Forwarded-For hop that is not
    one of them (hops further left are whatever the client chose to send).

    None when no valid address is known (a malformed header from a trusted proxy stops the
    walk at the last good hop rather than inventing one).
    """
    remote = request.META.get("REMOTE_ADDR", "") or ""
    if is_trusted_proxy(remote):
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        for hop in reversed([h for h in hops if h]):
            if parse_ip(hop) is None:
                break
            remote = hop
            if not is_trusted_proxy(hop):
                break
    ip = parse_ip(remote)
    return str(ip) if ip is not None else None
