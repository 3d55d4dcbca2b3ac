"""Reading a related block: one query, through the visibility rule."""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.db.models import DateTimeField, IntegerField, QuerySet
from django.utils import timezone

from broadsheet.articles.models import Article, Kind, published_q
from broadsheet.lib.prepared import Param, Prepared
from broadsheet.related.models import RelatedArticle

SHOWN = 4


def related_articles(article: Article, limit: int | None = None) -> list[Article]:
    """Up to `limit` articles for `article`'s block, pins first, in one query.

    Goes through the visibility rule (`published_q`, as `Article.objects.published()`), so
    whatever it hides now is never shown, whatever the stored lists still say;
    password-protected articles and the article itself never appear.

    The links are read in the block's order (pins in the editor's order, then computed
    ones by similarity; newest first on a tie) with their articles joined, and an article
    both pinned and computed is shown once, where its pin puts it. Reading links rather
    than articles keeps the query a plain indexed join: building the SQL of a correlated
    subquery for the order cost the page more than running it.
    """
    if article.pk is None:
        return []
    limit = limit or getattr(settings, "RELATED_POSTS_SHOWN", SHOWN)
    shown: list[Article] = []
    seen: set[int] = set()
    for link in _links(limit)(article=article.pk, now=timezone.now()):
        if link.related_id not in seen:
            seen.add(link.related_id)
            shown.append(link.related)
            if len(shown) == limit:
                break
    return shown


def _links_query(limit: int) -> QuerySet[RelatedArticle]:
    """The block's links in order. An article has at most two (a pin and a computed one: a
    unique constraint), so twice `limit` rows hold `limit` different articles if any do."""
    article = Param("article", IntegerField())
    return (
        RelatedArticle.objects.filter(
            published_q("related__", now=Param("now", DateTimeField())),
            article_id=article,
            related__kind=Kind.POST,
            related__password="",
        )
        .exclude(related_id=article)
        .select_related("related__featured_image")
        .only(
            "related__title",
            "related__path",
            "related__original_path",
            "related__published_at",
            "related__password",
            "related__featured_image__renditions",
            "related__featured_image__source_url",
            "related__featured_image__width",
            "related__featured_image__height",
        )
        .order_by("-pinned", "rank", "-related__published_at", "-related_id")[: 2 * limit]
    )


@lru_cache(maxsize=16)
def _links(limit: int) -> Prepared[RelatedArticle]:
    """The query for blocks of `limit`, its SQL built once per process (lib.prepared)."""
    return Prepared(lambda: _links_query(limit))
