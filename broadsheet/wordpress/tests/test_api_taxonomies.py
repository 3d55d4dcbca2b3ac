"""/wp-json/wp/v2/taxonomies."""

from __future__ import annotations

import pytest
from django.test import Client

from broadsheet.wordpress.tests.api_support import API, error_code

pytestmark = pytest.mark.django_db


def test_it_lists_categories_and_tags(client: Client) -> None:
    data = client.get(f"{API}/taxonomies").json()
    assert set(data) == {"category", "post_tag"}
    assert (
        data["category"]["hierarchical"] is True and data["category"]["rest_base"] == "categories"
    )
    assert data["post_tag"]["rest_base"] == "tags"
    assert client.get(f"{API}/taxonomies", {"type": "page"}).json() == {}
    assert client.get(f"{API}/taxonomies/post_tag").json()["name"] == "Tags"
    missing = client.get(f"{API}/taxonomies/genre")
    assert missing.status_code == 404 and error_code(missing) == "rest_taxonomy_invalid"
