from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.http import HttpRequest

from broadsheet.articles.models import PUBLIC_STATUSES, Article, Category
from broadsheet.lib.sitewide import memoised


@dataclass(frozen=True, slots=True)
class MenuItem:
    url: str
    name: str


def site(request: HttpRequest) -> dict[str, Any]:
    """Site-wide values for every template; the menu is read only if a template uses it."""
    return {
        "site_name": settings.SITE_NAME,
        "site_description": settings.SITE_DESCRIPTION,
        # A function: templates call it when they show the menu, and only then.
        "site_menu": site_menu,
    }


def site_menu() -> list[MenuItem]:
    """The masthead's menu: top-level categories, then top-level pages in menu order."""
    return memoised("site-menu", _read_menu)


def _read_menu() -> tuple[list[MenuItem], datetime | None]:
    categories = Category.objects.filter(parent=None).only("name", "path")
    # Published pages and scheduled ones in one query; the model's own form of the
    # visibility rule (is_public) tells them apart, and the next scheduled one says when
    # the menu changes with no change to tell anyone.
    pages = (
        Article.objects.pages()
        .filter(parent=None, status__in=PUBLIC_STATUSES, published_at__isnull=False)
        .only("title", "path", "original_path", "status", "published_at")
        .order_by("menu_order", "title")
    )
    items = [MenuItem(c.get_absolute_url(), c.name) for c in categories]
    due: datetime | None = None
    for page in pages:
        if page.is_public:
            items.append(MenuItem(page.get_absolute_url(), page.title))
        elif due is None or page.published_at < due:  # type: ignore[operator]
            due = page.published_at
    return items, due
