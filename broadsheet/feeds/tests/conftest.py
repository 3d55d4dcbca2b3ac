"""A small site with one of everything a feed can follow."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from broadsheet.articles.models import Article, Category
from broadsheet.articles.tests.factories import make_article, make_author, make_category
from broadsheet.comments.models import Comment
from broadsheet.feeds.tests.helpers import FEED_KINDS
from broadsheet.people.models import Author


@dataclass
class Site:
    author: Author
    category: Category
    article: Article

    def url(self, kind: str) -> str:
        return FEED_KINDS[kind].format(author=self.author.slug, article=self.article.path)


def approve(article: Article, name: str, email: str, content: str) -> Comment:
    return Comment.objects.create(
        article=article,
        author_name=name,
        author_email=email,
        content=content,
        status=Comment.Status.APPROVED,
    )


@pytest.fixture
def site(db: None) -> Site:
    author = make_author("Ada Reporter", email="ada.reporter@example.com")
    news = make_category("News")
    article = make_article(
        "Budget day",
        author=author,
        categories=[news],
        tags=["Budget"],
        body="## What changed?\n\n- Spending rises by $289 million\n",
    )
    approve(article, "Carol Reader", "carol.secret@example.org", "A fair summary.")
    return Site(author, news, article)
