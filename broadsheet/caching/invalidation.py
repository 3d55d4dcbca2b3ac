"""What makes cached pages stale: any saved or deleted row that readers can see."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from broadsheet.caching import generation
from broadsheet.caching.purge import request_purge

# Apps whose rows appear on public pages, feeds, sitemaps or the API.
PUBLIC_APPS = {"articles", "people", "images", "comments", "related", "feeds"}

# Set while `held()` runs: how many changes were held back. A context variable, so only
# the code running the bulk write is held; other requests and threads invalidate as usual.
_held: ContextVar[list[int] | None] = ContextVar("broadsheet_cache_held", default=None)


def after_commit() -> None:
    generation.bump()
    request_purge()


def is_unseen_new_comment(sender: type, kwargs: dict[str, Any]) -> bool:
    """A new comment that is held or spam changes no public page; skipping it keeps a spam
    flood from emptying the cache. Any later status change of it still counts."""
    instance = kwargs.get("instance")
    return (
        sender._meta.label == "comments.Comment"
        and kwargs.get("created") is True
        and getattr(instance, "status", None) != "approved"
    )


def on_change(sender: type, **kwargs: Any) -> None:
    # With the page cache off nothing is stored, so nothing can go stale; `serve` starts a
    # new generation when it starts, in case the cache was switched on again meanwhile.
    if not settings.BROADSHEET_PAGE_CACHE:
        return
    if sender._meta.app_label not in PUBLIC_APPS and not getattr(sender, "affects_pages", False):
        return
    if is_unseen_new_comment(sender, kwargs):
        return
    held_back = _held.get()
    if held_back is not None:
        held_back[0] += 1
        return
    _changed()


def _changed() -> None:
    # Now, so this transaction's own later reads miss; and again after commit, so a page
    # rendered by another request in between from the old rows is never kept.
    generation.bump()
    # Once per transaction, however many rows it touches (Django forgets the callback on
    # rollback, so nothing is left pending).
    if not any(callback is after_commit for _, callback, _ in connection.run_on_commit):
        transaction.on_commit(after_commit)


@contextmanager
def held() -> Iterator[None]:
    """Hold back page-cache invalidation during a bulk write (an import), then start one
    new generation at the end if anything readers see changed.

    An import writes thousands of rows in many transactions; starting a generation (and
    queueing a CDN purge) for each would only empty the cache over and over while readers
    still see the old pages from before. Leaving after an error counts too: what was
    committed (or removed again) must not be served from older pages. Nested calls join
    the outermost one.
    """
    if _held.get() is not None:
        yield
        return
    held_back = [0]
    token = _held.set(held_back)
    try:
        yield
    finally:
        _held.reset(token)
        if held_back[0]:
            if connection.in_atomic_block:
                _changed()
            else:
                # Everything is committed already: one generation, one purge.
                after_commit()


def connect() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(on_change, dispatch_uid=f"broadsheet.caching.{id(signal)}")
