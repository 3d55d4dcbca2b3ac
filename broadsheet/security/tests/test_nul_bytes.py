"""NUL bytes in an address are refused with 400 on every database (PostgreSQL rejects them)."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url", ["/%00/", "/author/a%00b/", "/?p=1%00", "/wp-json/wp/v2/posts?search=%00"]
)
def test_it_refuses_a_nul_byte_in_the_address(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 400
    assert b"NUL" in response.content


def test_it_refuses_an_overlong_or_nul_user_name_cleanly(client: Client) -> None:
    for name in ("x" * 5000, "ed\x00itor"):
        response = client.post("/admin/login/", {"username": name, "password": "guess"})
        assert response.status_code in (200, 429)
