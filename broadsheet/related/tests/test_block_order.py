"""The block's order from stored links: pins in the editor's order, then the computed ones
by rank, newest first on a tie; an article pinned and computed alike is shown once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from broadsheet.articles.models import Article
from broadsheet.articles.tests.factories import make_article
from broadsheet.related.models import RelatedArticle
from broadsheet.related.tests.conftest import shown

pytestmark = pytest.mark.django_db


def articles(n: int) -> list[Article]:
    now = timezone.now()
    return [make_article(f"Story {i}", published_at=now - timedelta(days=i + 1)) for i in range(n)]


def link(article: Article, related: Article, rank: int, pinned: bool = False) -> None:
    RelatedArticle.objects.create(article=article, related=related, rank=rank, pinned=pinned)


def test_it_shows_an_article_pinned_and_computed_once_where_its_pin_puts_it() -> None:
    main, a, b, c, d, e = articles(6)
    for rank, other in enumerate([a, b, c, d, e]):
        link(main, other, rank)
    link(main, d, 0, pinned=True)
    link(main, b, 1, pinned=True)
    # Pins first (d, b), then the computed ones without them, still four in all.
    assert shown(main) == [d.pk, b.pk, a.pk, c.pk]


def test_it_puts_the_newer_article_first_on_equal_ranks() -> None:
    main, newer, older = articles(3)
    link(main, older, 0)
    link(main, newer, 0)
    assert shown(main) == [newer.pk, older.pk]
