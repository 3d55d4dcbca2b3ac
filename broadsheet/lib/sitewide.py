"""Small site-wide things that every page shows (the menus, the discussion settings), read
once per process and read again only when they may have changed.

Every page read them in three queries, a large part of a page's server time for rows that
change a few times a year. Each process keeps what it read together with the version it
read it under. The version is a number in Django's cache that every saved or deleted row
of a watched model moves on, at once and again after its transaction commits, so every
process sees a change on its next request. The version is read before the rows, so a
process that raced a change keeps the rows under the older version and reads them again.

Nothing is kept when it cannot be trusted, and the rows are then read as before: inside a
transaction (what it read may still be rolled back, as every test's rows are), or while
the cache cannot be read. What the clock alone changes (a scheduled page joining the menu
at its time) comes with its own expiry, and anything is read again after `MAX_AGE` in any
case, as a guard against a change that sends no signal (an UPDATE of many rows, raw SQL).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils import timezone

KEY = "broadsheet:sitewide-version"
MAX_AGE = 300  # seconds
log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class _Kept:
    version: int
    stale_at: float  # time.monotonic() after which it is read again (MAX_AGE)
    expires: datetime | None  # when the clock alone makes it wrong
    value: Any

    def usable(self, version: int) -> bool:
        return (
            self.version == version
            and time.monotonic() < self.stale_at
            and (self.expires is None or timezone.now() < self.expires)
        )


_kept: dict[str, _Kept] = {}
_watched: set[type[Model]] = set()


def memoised(name: str, load: Callable[[], tuple[T, datetime | None]]) -> T:
    """`load()`'s value, kept in this process while the version stays the same.

    `load` returns the value and the time it stops being right by itself (or None)."""
    if connection.in_atomic_block:
        return load()[0]
    version = _version()
    if version is None:
        _kept.clear()
        return load()[0]
    kept = _kept.get(name)
    if kept is not None and kept.usable(version):
        return kept.value
    stale_at = time.monotonic() + MAX_AGE
    value, expires = load()
    _kept[name] = _Kept(version, stale_at, expires, value)
    return value


def _version() -> int | None:
    try:
        value = cache.get(KEY)
        if value is None:
            # add(), so processes starting a version at once agree on one.
            cache.add(KEY, time.time_ns(), timeout=None)
            value = cache.get(KEY)
    except Exception:  # an unusable cache costs speed, never a stale menu
        log.warning("site-wide version unreadable; reading from the database", exc_info=True)
        return None
    return value if isinstance(value, int) else None


def changed() -> None:
    """Something kept may have changed: a new version now, and again after commit (a
    process reading the old rows between the two then keeps them under the first one)."""
    _bump()
    if not any(callback is _bump for _, callback, _ in connection.run_on_commit):
        transaction.on_commit(_bump)


def _bump() -> None:
    _kept.clear()
    try:
        cache.set(KEY, time.time_ns(), timeout=None)
    except Exception:  # MAX_AGE still bounds how long other processes keep the old rows
        log.warning("site-wide version not moved on", exc_info=True)


def _on_change(sender: type[Model], **kwargs: Any) -> None:
    if sender._meta.concrete_model in _watched:
        changed()


def _on_migrate(**kwargs: Any) -> None:
    changed()


def watch(*models: type[Model]) -> None:
    """Every saved or deleted row of `models` (and of their proxies) moves the version on,
    and so does a migration or a flush (which empties tables without a signal per row)."""
    _watched.update(m._meta.concrete_model for m in models)
    for signal in (post_save, post_delete):
        signal.connect(_on_change, dispatch_uid=f"broadsheet.sitewide.{id(signal)}")
    post_migrate.connect(_on_migrate, dispatch_uid="broadsheet.sitewide.migrate")
