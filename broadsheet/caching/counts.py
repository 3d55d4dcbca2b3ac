"""Counts of long public lists, kept in the cache until the content they count changes.

The REST API must say how long a list is (`X-WP-Total`), and counting the public comments
of a large site means joining a million comments to their articles on every request, which
no index makes cheap. Anonymous readers all see the same lists, so their counts are kept
in Django's cache under a version that every saved or deleted article, term or comment
moves on (as the page cache's generation does, but also with the page cache off: the count
is not a page). A count is at most `TIMEOUT` old in any case, as a guard against a change
that sends no signal.

Only anonymous requests use it: what a logged-in user may list depends on who they are.
The test settings switch it off (BROADSHEET_COUNT_CACHE): a test's rows are rolled back,
never committed, so they would leave counts behind; the tests of this module commit.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save

from broadsheet.caching.invalidation import is_unseen_new_comment

VERSION_KEY = "broadsheet:counts-version"
TIMEOUT = 300
# What the counted lists are made of: articles and their terms, comments.
COUNTED_APPS = {"articles", "comments"}
log = logging.getLogger(__name__)


def _version() -> int | None:
    value = cache.get(VERSION_KEY)
    if value is None:
        value = time.time_ns()
        if not cache.add(VERSION_KEY, value, timeout=None):
            value = cache.get(VERSION_KEY)
    return value


def cached_count(qs: QuerySet[Any], scope: str, params: Iterable[tuple[str, str]]) -> int:
    """`qs.count()`, from the cache when the same list was counted since the last change.

    `scope` and `params` must name the list completely (route and every query parameter
    that filters it): the key is made from them, not from the SQL, whose parameters carry
    the current time and so never repeat.
    """
    if not getattr(settings, "BROADSHEET_COUNT_CACHE", True) or _uncommitted_changes():
        return qs.count()
    try:
        version = _version()
    except Exception:  # an unusable cache costs speed, never the answer
        log.warning("count cache unavailable", exc_info=True)
        version = None
    if version is None:
        return qs.count()
    digest = hashlib.sha256(repr(sorted(params)).encode()).hexdigest()[:32]
    key = f"broadsheet:count:{version}:{scope}:{digest}"
    try:
        found = cache.get(key)
    except Exception:
        found = None
    if found is not None:
        return int(found)
    total = qs.count()
    try:
        cache.set(key, total, timeout=TIMEOUT)
    except Exception:
        log.warning("count cache unavailable", exc_info=True)
    return total


def bump() -> None:
    """Make every cached count unreachable (they expire on their own)."""
    try:
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)
    except Exception:
        # The old counts then live out their TIMEOUT; nothing else can be done from here.
        log.warning("count cache unavailable: counts may be stale for a while", exc_info=True)


def _bump_after_commit() -> None:
    bump()


def _uncommitted_changes() -> bool:
    """Whether this connection's open transaction changed what the counts count."""
    return any(callback is _bump_after_commit for _, callback, _ in connection.run_on_commit)


def on_change(sender: type, **kwargs: Any) -> None:
    if sender._meta.app_label not in COUNTED_APPS or is_unseen_new_comment(sender, kwargs):
        return
    # Once per transaction however many rows it writes (an import writes thousands), when
    # it commits: until then other connections still see the old rows, so the old counts
    # hold for them, and this one counts afresh (see cached_count). Outside a transaction
    # the write is committed already, and on_commit runs at once.
    if not _uncommitted_changes():
        transaction.on_commit(_bump_after_commit)


def connect() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(on_change, dispatch_uid=f"broadsheet.caching.counts.{id(signal)}")
