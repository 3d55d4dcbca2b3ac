"""What long public lists cost to work out, kept in the cache until their content changes:
their lengths (the REST API's `X-WP-Total`) and their page milestones (see lib/paging.py).

Counting the public comments of a large site means joining a million comments to their
articles, and finding where page 5,000 of an archive starts means walking 50,000 entries of
an index; neither is worth doing again for every reader while nothing changed. Anonymous
readers all see the same lists, so what is worked out for one is kept in Django's cache
under a version per app ("articles": articles, pages, terms and their links; "comments"),
which every saved or deleted row of that app moves on when its transaction commits (as
the page cache's generation does, but also with the page cache off: these are not pages).
Held and spam comments arriving change no public list, so a spam flood moves nothing on.

Nothing is kept or used by a connection whose open transaction has changed a counted app
(it alone sees its own rows), nor when the cache cannot be read. Everything kept is at most
`TIMEOUT` old, as a guard against a change that sends no signal (an UPDATE of many rows).
The test settings switch this off (BROADSHEET_LIST_CACHE): a test's rows are rolled back,
never committed, so they would leave values behind; the tests of this module commit.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save

from broadsheet.caching.invalidation import is_unseen_new_comment

APPS = ("articles", "comments")
TIMEOUT = 300
log = logging.getLogger(__name__)
T = TypeVar("T")


def _version_key(app: str) -> str:
    return f"broadsheet:lists-version:{app}"


class _Bump:
    """Moves one app's version on; one instance per app, so a transaction's pending bump
    can be recognised among its on_commit callbacks."""

    def __init__(self, app: str) -> None:
        self.app = app

    def __call__(self) -> None:
        try:
            cache.set(_version_key(self.app), time.time_ns(), timeout=None)
        except Exception:
            # What was kept then lives out its TIMEOUT; nothing else can be done from here.
            log.warning("list cache unavailable: lists may be stale for a while", exc_info=True)


_BUMPS = {app: _Bump(app) for app in APPS}


def _pending(apps: Iterable[str]) -> bool:
    """Whether this connection's open transaction changed any of `apps`."""
    wanted = {_BUMPS[app] for app in apps}
    return any(callback in wanted for _, callback, _ in connection.run_on_commit)


def _version(app: str) -> int | None:
    key = _version_key(app)
    value = cache.get(key)
    if value is None:
        value = time.time_ns()
        if not cache.add(key, value, timeout=None):
            value = cache.get(key)
    return value


def remember(
    scope: str,
    params: Iterable[tuple[str, str]],
    apps: Iterable[str],
    compute: Callable[[], T],
    usable: Callable[[T], bool] | None = None,
) -> T:
    """`compute()`, or what it gave last time for the same list while `apps` are unchanged.

    `scope` and `params` must name the list completely (route and every query parameter
    that filters it): the key is made from them, not from the SQL, whose parameters carry
    the current time and so never repeat. `usable` may refuse a kept value (one the clock
    has overtaken)."""
    apps = tuple(apps)
    if not getattr(settings, "BROADSHEET_LIST_CACHE", True) or _pending(apps):
        return compute()
    try:
        versions = [_version(app) for app in apps]
    except Exception:  # an unusable cache costs speed, never the answer
        log.warning("list cache unavailable", exc_info=True)
        return compute()
    if None in versions:
        return compute()
    digest = hashlib.sha256(repr(sorted(params)).encode()).hexdigest()[:32]
    key = f"broadsheet:list:{scope}:{'.'.join(map(str, versions))}:{digest}"
    try:
        found = cache.get(key)
    except Exception:
        found = None
    if found is not None and (usable is None or usable(found)):
        return found
    value = compute()
    try:
        cache.set(key, value, timeout=TIMEOUT)
    except Exception:
        log.warning("list cache unavailable", exc_info=True)
    return value


def cached_count(
    qs: QuerySet[Any], scope: str, params: Iterable[tuple[str, str]], apps: Iterable[str] = APPS
) -> int:
    """`qs.count()`, kept until `apps` change (see `remember`)."""
    return remember(f"count:{scope}", params, apps, qs.count)


def on_change(sender: type, **kwargs: Any) -> None:
    app = sender._meta.app_label
    if app not in _BUMPS or is_unseen_new_comment(sender, kwargs):
        return
    # Once per transaction however many rows it writes (an import writes thousands), when
    # it commits: until then other connections still see the old rows, so what is kept
    # holds for them, and this one works its lists out afresh (see `remember`). Outside a
    # transaction the write is committed already, and on_commit runs at once.
    bump = _BUMPS[app]
    if not any(callback is bump for _, callback, _ in connection.run_on_commit):
        transaction.on_commit(bump)


def connect() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(on_change, dispatch_uid=f"broadsheet.caching.lists.{id(signal)}")
