"""Redis as the cache (REDIS_URL): used when up, survived when down."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator

import pytest
import redis
from django.core.cache import caches
from django.test import Client, override_settings

from broadsheet.articles.tests.factories import make_article
from broadsheet.caching.tests.wsgi import FastPathClient

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


@pytest.fixture
def own_redis() -> Iterator[subprocess.Popen[bytes]]:
    """A redis-server of this test's own, on a free port (its settings are changed)."""
    binary = shutil.which("redis-server")
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("redis-server is not installed in CI")
        pytest.skip("redis-server is not installed")
    port = closed_port()
    proc = subprocess.Popen(  # noqa: S603
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    proc.port = port  # type: ignore[attr-defined]
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.05)
    yield proc
    proc.terminate()
    proc.wait(10)


def test_it_never_serves_pages_from_before_a_change_made_while_redis_was_away(
    own_redis: subprocess.Popen[bytes],
) -> None:
    url = f"redis://127.0.0.1:{own_redis.port}/0"  # type: ignore[attr-defined]
    admin = redis.Redis.from_url(url)
    make_article("Before the outage")
    with override_settings(CACHES=redis_cache(url), BROADSHEET_PAGE_CACHE=True):
        client = FastPathClient()
        for _ in range(3):
            client.get("/")
        assert client.get("/").fast_path  # type: ignore[attr-defined]
        # Redis refuses every write but keeps its data and answers reads (out of memory;
        # like a network cut that heals): the change's generation bump is lost.
        admin.config_set("maxmemory-policy", "noeviction")
        admin.config_set("maxmemory", "1")
        try:
            make_article("Published during the outage")
            response = client.get("/")
            assert "Published during the outage" in response.content.decode()
            time.sleep(1.2)  # past the back-off: reads work again, writes still fail
            response = client.get("/")
            assert "Published during the outage" in response.content.decode()
        finally:
            admin.config_set("maxmemory", "0")
        time.sleep(1.2)
        response = client.get("/")
        assert response["X-Cache"] == "MISS"
        assert "Published during the outage" in response.content.decode()
