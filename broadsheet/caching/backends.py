"""Django's RedisCache, made to degrade instead of fail while Redis is away."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any, ClassVar

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

log = logging.getLogger(__name__)


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's client builds a new redis.Redis for every operation, and redis-py's
    constructor (some 170 response callbacks into a case-insensitive dict) costs more CPU
    than the round trip to Redis: the page cache's generation check, made on every request,
    spent most of its time there. A redis.Redis is safe to share between threads (each
    command takes a connection from the pool), so one per pool is kept."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    """Every operation that cannot reach Redis acts as a miss (reads) or a no-op (writes).

    The site then serves from the database, slower but without a 500; redis-py reconnects
    by itself on a later call, so recovery needs no restart. After a failure, calls are
    skipped for a second so that each request does not wait for a connect timeout.
    """

    _down_until = 0.0
    _failed = False
    # Run before the first call that reaches Redis again after calls failed (or were skipped):
    # writes made meanwhile were lost, and a lost generation bump would leave pages from
    # before a change in the cache when Redis comes back with its data (a network cut, not a
    # restart). broadsheet.caching.generation registers its bump here.
    after_outage: ClassVar[list[Callable[[], None]]] = []

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    def _guard(self, default: Any, method: str, *args: Any, **kwargs: Any) -> Any:
        if time.monotonic() < self._down_until:
            return default
        if self._failed:
            self._failed = False
            for hook in self.after_outage:
                hook()  # through this cache again: a failure there sets _failed once more
            if self._failed:
                return default
        try:
            return getattr(super(), method)(*args, **kwargs)
        except (RedisError, OSError) as e:
            self._failed = True
            self._down_until = time.monotonic() + 1.0
            log.warning("Redis unavailable, serving without cache: %s", e)
            return default

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        return self._guard(default, "get", key, default, version)

    def get_many(self, keys: Any, version: int | None = None) -> Any:
        return self._guard({}, "get_many", keys, version)

    def set(self, *args: Any, **kwargs: Any) -> None:
        self._guard(None, "set", *args, **kwargs)

    def add(self, *args: Any, **kwargs: Any) -> bool:
        return self._guard(False, "add", *args, **kwargs)

    def set_many(self, *args: Any, **kwargs: Any) -> list[Any]:
        return self._guard([], "set_many", *args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> bool:
        return self._guard(False, "delete", *args, **kwargs)

    def touch(self, *args: Any, **kwargs: Any) -> bool:
        return self._guard(False, "touch", *args, **kwargs)

    def incr(self, *args: Any, **kwargs: Any) -> int:
        return self._guard(0, "incr", *args, **kwargs)

    def has_key(self, *args: Any, **kwargs: Any) -> bool:
        return self._guard(False, "has_key", *args, **kwargs)

    def clear(self) -> None:
        self._guard(None, "clear")

    def ping(self) -> bool:
        """True when Redis answers now (for /healthz), ignoring the back-off."""
        try:
            return bool(self._cache.get_client(write=False).ping())
        except (RedisError, OSError):
            return False
