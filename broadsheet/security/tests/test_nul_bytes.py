"""NUL bytes in an address's path get the 404 page on every database (PostgreSQL rejects
them in text), and user names with them or too long for the lockout records fail cleanly."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/%00/", "/author/a%00b/", "/2024/01/02/a%00/", "/x%00y"])
def test_it_answers_a_nul_byte_in_the_path_with_the_404_page(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    assert b"Sorry, we could not find that page" in response.content


def test_it_refuses_an_overlong_or_nul_user_name_cleanly(client: Client) -> None:
    for name in ("x" * 5000, "ed\x00itor"):
        response = client.post("/admin/login/", {"username": name, "password": "guess"})
        assert response.status_code in (200, 429)
