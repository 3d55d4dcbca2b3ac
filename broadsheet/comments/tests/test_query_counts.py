"""The article page's query count does not grow with its comments (1 vs 200, threaded and
on two pages), nor a listing's with the comment counts it shows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from broadsheet.articles.models import Article
from broadsheet.articles.tests.factories import make_article
from broadsheet.comments.models import Comment
from broadsheet.comments.tests.helpers import make_comment

pytestmark = pytest.mark.django_db


def grow(article: Article, n: int) -> None:
    tops: list[Comment] = []
    while Comment.objects.filter(article=article).count() < n:
        i = len(tops)
        if i % 3 == 2 and tops:
            parent = tops[-1]
            for _depth in range(4):  # a thread five deep
                parent = make_comment(article, parent=parent)
        tops.append(make_comment(article))
    make_comment(article, status=Comment.Status.PENDING)
    make_comment(article, status=Comment.Status.SPAM)


def test_it_reads_the_article_page_in_a_fixed_number_of_queries(
    client: Client,
    article: Article,
    django_assert_num_queries,  # type: ignore[no-untyped-def]
) -> None:
    make_comment(article)
    with CaptureQueriesContext(connection) as small:
        client.get(article.path)
    grow(article, 200)
    for url in (article.path, f"{article.path}comment-page-2/"):
        with django_assert_num_queries(len(small.captured_queries)):
            response = client.get(url)
        assert response.status_code == 200
    assert response.content.decode().count('class="comment depth-') > 10


def test_it_reads_the_article_page_for_staff_in_a_fixed_number_of_queries(
    client: Client,
    article: Article,
    editor,
    django_assert_num_queries,  # type: ignore[no-untyped-def]
) -> None:
    client.force_login(editor)
    make_comment(article)
    client.get(article.path)  # the session's first load
    with CaptureQueriesContext(connection) as small:
        client.get(article.path)
    grow(article, 200)
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(article.path)


def test_it_counts_comments_on_a_listing_in_one_query(
    client: Client,
    article: Article,
    django_assert_num_queries,  # type: ignore[no-untyped-def]
) -> None:
    with django_assert_num_queries(5):
        client.get("/")
    for i in range(9):
        other = make_article(f"Other {i}", author=article.author)
        for _ in range(i):
            make_comment(other)
    with django_assert_num_queries(5):
        page = client.get("/").content.decode()
    assert "8 comments" in page
