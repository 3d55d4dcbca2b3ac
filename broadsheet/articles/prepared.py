"""The article page's own queries, prepared (broadsheet.lib.prepared): Django builds their
SQL once per process instead of on every request. Each is the queryset it replaces, with
placeholders where the values change; the visibility rule is the same `published_q`."""

from __future__ import annotations

from django.db.models import CharField, DateTimeField, IntegerField
from django.utils import timezone

from broadsheet.articles.models import Article, Category, Tag, published_q
from broadsheet.lib.prepared import Param, Prepared

NOW = Param("now", DateTimeField())
ARTICLE_ID = Param("article", IntegerField())

# What an anonymous reader may open at a path (paths are unique: no ORDER BY).
_published_at_path = Prepared(
    lambda: (
        Article.objects.filter(published_q(now=NOW), path=Param("path", CharField()))
        .select_related("author__photo", "featured_image")
        .order_by()[:1]
    )
)
# An article's categories and tags, in their own order (as `article.categories.all()`).
_categories = Prepared(lambda: Category.objects.filter(articles__id=ARTICLE_ID))
_tags = Prepared(lambda: Tag.objects.filter(articles__id=ARTICLE_ID))


def published_at_path(path: str) -> Article | None:
    found = _published_at_path(path=path, now=timezone.now())
    return found[0] if found else None


def categories_of(article: Article) -> list[Category]:
    return _categories(article=article.pk)


def tags_of(article: Article) -> list[Tag]:
    return _tags(article=article.pk)
