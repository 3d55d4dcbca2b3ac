from __future__ import annotations

from django import template

from broadsheet.articles.models import Article
from broadsheet.related.queries import related_articles as _related_articles

register = template.Library()


@register.simple_tag
def related_articles(article: Article) -> list[Article]:
    """`{% related_articles article as related %}`: the block's articles, one query."""
    if article is None or getattr(article, "kind", None) != "post":
        return []
    return _related_articles(article)
