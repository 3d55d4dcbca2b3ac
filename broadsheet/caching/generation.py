"""The site's content generation: one number that changes whenever anything readers see does.

Page-cache keys include it, so a change makes every cached page unreachable at once (a
versioned key scheme: nothing is purged one by one, and nothing stale can be missed).
"""

from __future__ import annotations

import logging
import time

from django.core.cache import cache

KEY = "broadsheet:generation"
log = logging.getLogger(__name__)


def current() -> int | None:
    """The generation, starting one if there is none; None when the cache is unusable."""
    value = cache.get(KEY)
    if value is None:
        value = time.time_ns() // 1000
        # add(), so two processes starting a generation at once agree on one.
        if not cache.add(KEY, value, timeout=None):
            value = cache.get(KEY)
    return value


def bump() -> None:
    """Start a new generation (microseconds since the epoch, so it doubles as a
    Last-Modified time and always moves forward)."""
    cache.set(KEY, time.time_ns() // 1000, timeout=None)
