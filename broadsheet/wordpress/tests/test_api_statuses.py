"""/wp-json/wp/v2/statuses: strangers see only "publish", as in WordPress."""

from __future__ import annotations

import pytest
from django.test import Client

from broadsheet.wordpress.tests.api_support import API, as_user, error_code

pytestmark = pytest.mark.django_db


def test_it_shows_strangers_only_the_public_status(client: Client, contributor) -> None:
    assert list(client.get(f"{API}/statuses").json()) == ["publish"]
    assert client.get(f"{API}/statuses/publish").json()["public"] is True
    draft = client.get(f"{API}/statuses/draft")
    assert draft.status_code == 401 and error_code(draft) == "rest_cannot_read_status"
    seen = as_user(contributor).get(f"{API}/statuses").json()
    assert {"publish", "draft", "pending", "future", "private"} <= set(seen)
    missing = client.get(f"{API}/statuses/nope")
    assert missing.status_code == 404 and error_code(missing) == "rest_status_invalid"
