"""/wp-json/wp/v2/types."""

from __future__ import annotations

import pytest
from django.test import Client

from broadsheet.wordpress.tests.api_support import API, as_user, error_code

pytestmark = pytest.mark.django_db


def test_it_lists_post_types(client: Client) -> None:
    data = client.get(f"{API}/types").json()
    assert set(data) == {"post", "page", "attachment"}
    assert data["post"]["rest_base"] == "posts" and data["post"]["taxonomies"] == [
        "category",
        "post_tag",
    ]
    assert data["page"]["hierarchical"] is True
    assert client.get(f"{API}/types/page").json()["slug"] == "page"


def test_it_answers_unknown_types_and_guards_the_edit_context(client: Client, editor) -> None:
    missing = client.get(f"{API}/types/product")
    assert missing.status_code == 404 and error_code(missing) == "rest_type_invalid"
    assert error_code(client.get(f"{API}/types", {"context": "edit"})) == "rest_cannot_view"
    assert "supports" in as_user(editor).get(f"{API}/types/post", {"context": "edit"}).json()
