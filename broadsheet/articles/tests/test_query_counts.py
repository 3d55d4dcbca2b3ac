"""No reading page's query count grows with its content (1 vs 50 articles, tags, authors)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client

from broadsheet.articles.actions import do_save_article
from broadsheet.articles.models import Article, Category, Tag
from broadsheet.articles.tests.factories import make_author, make_category, make_image
from broadsheet.people.models import Author

START = datetime(2024, 5, 1, 8, 0, tzinfo=UTC)
BODY = "## A question?\n\n- A point with 12 figures\n\n![A chart](image:{image})\n"


class Site:
    """One article, author, tag and category; `grow` takes each to 50 (and more)."""

    def __init__(self) -> None:
        self.image = make_image("A chart", caption="Figures for May")
        self.parent = make_category("World")
        self.category = make_category("Europe", parent=self.parent)
        self.tags = [Tag.objects.create(name="Tag 0", slug="tag-0")]
        self.author = make_author("Ada", slug="ada", bio="Writes.", photo=make_image("Ada"))
        self.article = self.add(self.author, 0)
        self.page = do_save_article(
            Article(
                kind="page",
                title="About",
                body="About us.",
                status="publish",
                published_at=START,
                author=self.author,
            )
        )
        self.n = 1

    def add(self, author: Author, i: int, categories: list[Category] | None = None) -> Article:
        article = Article(
            title=f"Story {i}",
            standfirst="A line.",
            body=BODY.format(image=self.image.pk),
            status="publish",
            published_at=START + timedelta(minutes=i),
            author=author,
            featured_image=self.image,
        )
        return do_save_article(article, categories=categories or [self.category], tags=self.tags)

    def grow(self) -> None:
        self.tags += [Tag.objects.create(name=f"Tag {i}", slug=f"tag-{i}") for i in range(1, 50)]
        categories = [self.category] + [
            make_category(f"Region {i}", parent=self.parent) for i in range(1, 50)
        ]
        do_save_article(self.article, categories=categories, tags=self.tags)
        for i in range(1, 50):
            # 49 more authors on the home page, 49 more articles in Ada's archive.
            self.add(make_author(f"Writer {i}", photo=self.image), 2 * i)
            self.add(self.author, 2 * i + 1, categories=categories)
            do_save_article(
                Article(
                    kind="page",
                    title=f"Page {i}",
                    status="publish",
                    published_at=START,
                    author=self.author,
                    parent=self.page,
                )
            )
        self.n = 50
        assert Article.objects.posts().count() == 99


URLS: dict[str, Callable[[Site], str]] = {
    "home": lambda s: "/",
    "home page 2": lambda s: "/page/2/" if s.n > 1 else "/",
    "article": lambda s: s.article.path,
    "author": lambda s: "/author/ada/",
    "category": lambda s: "/category/world/",
    "child category": lambda s: "/category/world/europe/",
    "tag": lambda s: "/tag/tag-0/",
    "year": lambda s: "/2024/",
    "month": lambda s: "/2024/05/",
    "page": lambda s: "/about/",
}

# Every page: the two menus (top-level pages, top-level categories). Every listing: the
# page of articles (authors joined; no count, see lib/paging.py), their categories and
# their comment counts. Archives: the term or author first. The article: itself (author
# and photo joined), its categories, its tags, the discussion settings and its comments.
EXPECTED = {
    "home": 5,
    "home page 2": 5,
    "article": 8,  # with the related-posts block: always one query
    "author": 6,
    "category": 6,
    "child category": 6,
    "tag": 6,
    "year": 5,
    "month": 5,
    "page": 3,
}


@pytest.mark.django_db
def test_it_runs_the_same_queries_whatever_the_content(
    client: Client,
    django_assert_num_queries,  # type: ignore[no-untyped-def]
) -> None:
    # One site for every page, grown once: building 50 of everything is the slow part.
    site = Site()
    small = {}
    for name, url in URLS.items():
        with django_assert_num_queries(EXPECTED[name]):
            small[name] = client.get(url(site))
        assert small[name].status_code == 200, name

    site.grow()
    for name, url in URLS.items():
        with django_assert_num_queries(EXPECTED[name]):
            large = client.get(url(site))
        assert large.status_code == 200, name
        # The larger site really shows more on the page measured.
        marker = {"article": 'rel="tag"', "page": "<h1>"}.get(name, '<article class="card">')
        before = small[name].content.decode().count(marker)
        assert large.content.decode().count(marker) > before or name == "page", name
