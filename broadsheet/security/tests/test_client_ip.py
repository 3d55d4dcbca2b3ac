"""The one rule for a client's address (logins, comments, the load script): X-Forwarded-For
counts only from a trusted proxy."""

from __future__ import annotations

import pytest
from django.test import RequestFactory, override_settings

from broadsheet.lib.clientip import client_ip


def request(remote: str, forwarded: str | None = None):  # type: ignore[no-untyped-def]
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_it_ignores_x_forwarded_for_from_an_untrusted_address() -> None:
    with override_settings(TRUSTED_PROXIES=[]):
        assert client_ip(request("203.0.113.9", "198.51.100.1")) == "203.0.113.9"
    with override_settings(TRUSTED_PROXIES=["10.0.0.1"]):
        assert client_ip(request("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (["127.0.0.1"], "198.51.100.1", "198.51.100.1"),
        (["127.0.0.0/8"], "198.51.100.1", "198.51.100.1"),
        # The client's own claim (left) is not believed; the hop our proxy saw is.
        (["127.0.0.1"], "6.6.6.6, 198.51.100.1", "198.51.100.1"),
        # A chain of trusted proxies is walked back to the first untrusted hop.
        (["127.0.0.1", "10.0.0.0/8"], "6.6.6.6, 198.51.100.1, 10.1.2.3", "198.51.100.1"),
        # Garbage stops the walk at the last good address.
        (["127.0.0.1"], "not-an-ip", "127.0.0.1"),
        (["127.0.0.1"], "", "127.0.0.1"),
        (["127.0.0.1"], "2001:db8::1", "2001:db8::1"),
        # A typo in the setting is skipped, not fatal.
        (["not a network", "127.0.0.1"], "198.51.100.1", "198.51.100.1"),
    ],
)
def test_it_believes_x_forwarded_for_from_a_trusted_proxy(
    proxies: list[str], forwarded: str, expected: str
) -> None:
    with override_settings(TRUSTED_PROXIES=proxies):
        assert client_ip(request("127.0.0.1", forwarded)) == expected


def test_it_answers_none_without_a_valid_address() -> None:
    assert client_ip(request("")) is None
    assert client_ip(request("garbage")) is None


def test_it_unwraps_ipv4_mapped_ipv6() -> None:
    assert client_ip(request("::ffff:203.0.113.9")) == "203.0.113.9"
