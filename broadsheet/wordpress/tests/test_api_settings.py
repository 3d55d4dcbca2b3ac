"""/wp-json/wp/v2/settings: administrators only; the values come from the environment."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from broadsheet.conftest import make_user
from broadsheet.people.roles import ADMINISTRATOR
from broadsheet.wordpress.tests.api_support import API, as_user, error_code

pytestmark = pytest.mark.django_db


def test_it_shows_settings_to_administrators_only(client: Client, editor) -> None:
    assert client.get(f"{API}/settings").status_code == 401
    refused = as_user(editor).get(f"{API}/settings")
    assert refused.status_code == 403 and error_code(refused) == "rest_forbidden"
    admin = as_user(make_user("admin", ADMINISTRATOR))
    data = admin.get(f"{API}/settings").json()
    assert data["title"] == "Broadsheet" and data["posts_per_page"] == 10
    assert data["timezone"] == "UTC"
    same = admin.post(
        f"{API}/settings", json.dumps({"title": "Broadsheet"}), content_type="application/json"
    )
    assert same.status_code == 200
    changed = admin.post(
        f"{API}/settings", json.dumps({"title": "New"}), content_type="application/json"
    )
    assert changed.status_code == 400 and "title" in changed.json()["data"]["params"]
