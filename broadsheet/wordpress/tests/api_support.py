"""Helpers for the REST API tests: clients that speak as a user through an Application
Password (HTTP Basic), as WordPress tools do."""

from __future__ import annotations

import base64
from typing import Any

from django.contrib.auth.models import User
from django.test import Client

from broadsheet.wordpress.models import ApplicationPassword

API = "/wp-json/wp/v2"


def basic(username: str, password: str) -> str:
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return f"Basic {token}"


def as_user(user: User, **extra: Any) -> Client:
    """A client authenticated with a fresh application password of `user`."""
    _item, plain = ApplicationPassword.objects.issue(
        user, f"tests {ApplicationPassword.objects.count()}"
    )
    return Client(HTTP_AUTHORIZATION=basic(user.get_username(), plain), **extra)


def error_code(response: Any) -> str:
    return response.json()["code"]
