"""Reading a related block: one query, through the visibility rule."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Case, F, IntegerField, OuterRef, Subquery, Value, When

from broadsheet.articles.models import Article
from broadsheet.related.models import RelatedArticle

SHOWN = 4
# Pins sort before every computed entry.
_COMPUTED_AFTER = 10_000


def related_articles(article: Article, limit: int | None = None) -> list[Article]:
    """Up to `limit` articles for `article`'s block, pins first, in one query.

    Goes through `Article.objects.published()`, so whatever the visibility rule hides
    now is never shown, whatever the stored lists still say; password-protected articles
    and the article itself never appear.
    """
    if article.pk is None:
        return []
    limit = limit or getattr(settings, "RELATED_POSTS_SHOWN", SHOWN)
    links = RelatedArticle.objects.filter(article_id=article.pk)
    position = (
        links.filter(related_id=OuterRef("pk"))
        .annotate(
            key=Case(
                When(pinned=True, then=F("rank")),
                default=F("rank") + Value(_COMPUTED_AFTER),
                output_field=IntegerField(),
            )
        )
        .order_by("key")
        .values("key")[:1]
    )
    qs = (
        Article.objects.published()
        .posts()
        .filter(password="", pk__in=links.values("related_id"))
        .exclude(pk=article.pk)
        .select_related("featured_image")
        .only(
            "title",
            "path",
            "original_path",
            "published_at",
            "password",
            "featured_image__renditions",
            "featured_image__source_url",
            "featured_image__width",
            "featured_image__height",
        )
        .annotate(position=Subquery(position))
        .order_by("position", "-published_at", "-pk")
    )
    return list(qs[:limit])
