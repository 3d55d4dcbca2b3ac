"""Redis as the cache (REDIS_URL): used when up, survived when down."""

from __future__ import annotations

import os
import socket

import pytest
from django.core.cache import caches
from django.test import Client, override_settings

from broadsheet.articles.tests.factories import make_article

pytestmark = pytest.mark.django_db


def redis_cache(url: str) -> dict[str, dict[str, object]]:
    return {
        "default": {
            "BACKEND": "broadsheet.caching.backends.ResilientRedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens once the socket is closed


def test_it_keeps_serving_when_redis_is_down(client: Client) -> None:
    make_article("Still here")
    url = f"redis://127.0.0.1:{closed_port()}/0"
    with override_settings(CACHES=redis_cache(url), BROADSHEET_PAGE_CACHE=True):
        for _ in range(3):
            response = client.get("/")
            assert response.status_code == 200
            assert "Still here" in response.content.decode()
        health = client.get("/healthz")
        assert health.status_code == 200
        assert health.json() == {"database": "ok", "cache": "down"}


def test_it_caches_pages_in_redis(client: Client) -> None:
    url = "redis://127.0.0.1:6379/15"
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        if os.environ.get("CI"):
            pytest.fail("Redis is not reachable at 127.0.0.1:6379 in CI")
        pytest.skip("Redis is not reachable at 127.0.0.1:6379")
    make_article("From Redis")
    with override_settings(CACHES=redis_cache(url), BROADSHEET_PAGE_CACHE=True):
        caches["default"].clear()
        assert client.get("/")["X-Cache"] == "MISS"
        assert client.get("/")["X-Cache"] == "HIT"
        assert client.get("/healthz").json() == {"database": "ok", "cache": "ok"}
        make_article("Newer from Redis")
        response = client.get("/")
        assert response["X-Cache"] == "MISS" and "Newer from Redis" in response.content.decode()
        caches["default"].clear()
