"""What makes cached pages stale: any saved or deleted row that readers can see."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from broadsheet.caching import generation
from broadsheet.caching.purge import request_purge

# Apps whose rows appear on public pages, feeds, sitemaps or the API.
PUBLIC_APPS = {"articles", "people", "images", "comments", "related", "feeds"}


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
    # Now, so this transaction's own later reads miss; and again after commit, so a page
    # rendered by another request in between from the old rows is never kept.
    generation.bump()
    # Once per transaction, however many rows it touches (Django forgets the callback on
    # rollback, so nothing is left pending).
    if not any(callback is after_commit for _, callback, _ in connection.run_on_commit):
        transaction.on_commit(after_commit)


def connect() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(on_change, dispatch_uid=f"broadsheet.caching.{id(signal)}")
