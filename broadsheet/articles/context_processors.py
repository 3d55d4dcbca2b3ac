from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from broadsheet.articles.models import Article, Category


def site(request: HttpRequest) -> dict[str, Any]:
    """Site-wide values for every template; the menus load only if a template uses them."""
    return {
        "site_name": settings.SITE_NAME,
        "site_description": settings.SITE_DESCRIPTION,
        "menu_pages": SimpleLazyObject(
            lambda: list(
                Article.objects.published()
                .pages()
                .filter(parent=None)
                .only("title", "path", "original_path")
                .order_by("menu_order", "title")
            )
        ),
        "menu_categories": SimpleLazyObject(
            lambda: list(Category.objects.filter(parent=None).only("name", "path"))
        ),
    }
