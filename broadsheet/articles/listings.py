"""Deep pages of the public article lists (home, archives, the API's posts): where each
list's milestones are kept and when the clock makes them wrong (see lib/paging.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from django.conf import settings
from django.db.models import Min
from django.utils import timezone

from broadsheet.articles.models import PUBLIC_STATUSES, Article
from broadsheet.caching import lists
from broadsheet.lib.paging import Milestones, Seek


def next_due() -> datetime | None:
    """When the next scheduled article comes due and joins the lists, moving every row
    below it down by one."""
    found = (
        Article.objects.posts()
        .filter(status__in=PUBLIC_STATUSES, published_at__gt=timezone.now())
        .aggregate(next=Min("published_at"))
    )
    return found["next"]


def seek(name: str, params: Iterable[tuple[str, str]] = ()) -> Seek:
    """Milestones for the public list `name` (its URL, or the API route) with `params` (the
    filters it was asked with), kept until an article, term or link changes (comments
    change no article list)."""
    params = list(params)

    def remember(compute: Callable[[], Milestones]) -> Milestones:
        return lists.remember(
            f"milestones:{name}", params, ("articles",), compute, Milestones.usable
        )

    return Seek(
        ("published_at", "id"),
        every=int(getattr(settings, "LISTING_MILESTONE_ROWS", 100)),
        remember=remember,
        expires=next_due,
    )
