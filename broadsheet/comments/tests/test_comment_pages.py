"""More than 50 top-level comments are paginated at <article URL>comment-page-N/; a link
to #comment-ID always lands on the page holding it."""

from __future__ import annotations

import pytest
from django.test import Client

from broadsheet.articles.models import Article
from broadsheet.comments.models import Comment
from broadsheet.comments.tests.helpers import make_comment, post

pytestmark = pytest.mark.django_db


@pytest.fixture
def threads(article: Article) -> list[Comment]:
    tops = [make_comment(article, content=f"Top {i}.") for i in range(120)]
    make_comment(article, content="A late reply to the first.", parent=tops[0])
    return tops


def test_it_shows_the_first_50_threads_on_the_article(
    client: Client, article: Article, threads: list[Comment]
) -> None:
    page = client.get(article.path).content.decode()
    assert "Top 0." in page and "Top 49." in page and "Top 50." not in page
    assert "A late reply to the first." in page
    assert f'href="{article.path}comment-page-2/#comments"' in page
    assert "121 comments on" in page


def test_it_serves_comment_pages(client: Client, article: Article, threads: list[Comment]) -> None:
    two = client.get(f"{article.path}comment-page-2/")
    assert two.status_code == 200
    body = two.content.decode()
    assert "Top 50." in body and "Top 99." in body and "Top 49." not in body
    assert f'href="{article.path}#comments"' in body
    assert f'href="{article.path}comment-page-3/#comments"' in body
    three = client.get(f"{article.path}comment-page-3/").content.decode()
    assert "Top 119." in three and "Newer comments" not in three


def test_it_redirects_page_one_and_refuses_pages_past_the_end(
    client: Client, article: Article, threads: list[Comment]
) -> None:
    one = client.get(f"{article.path}comment-page-1/")
    assert one.status_code == 301 and one["Location"] == article.path
    assert client.get(f"{article.path}comment-page-4/").status_code == 404
    assert client.get(f"{article.path}comment-page-0/").status_code == 404


def test_it_links_each_comment_to_its_page(
    client: Client, article: Article, threads: list[Comment]
) -> None:
    late_reply = Comment.objects.get(content="A late reply to the first.")
    assert late_reply.get_absolute_url() == f"{article.path}#comment-{late_reply.pk}"
    assert (
        threads[75].get_absolute_url() == f"{article.path}comment-page-2/#comment-{threads[75].pk}"
    )
    for comment in (threads[75], threads[119], late_reply):
        url, _hash, anchor = comment.get_absolute_url().partition("#")
        assert f'id="{anchor}"' in client.get(url).content.decode()


def test_it_sends_a_new_comment_to_the_last_page(
    client: Client, article: Article, threads: list[Comment]
) -> None:
    make_comment(article, author_name="Grace Hopper", author_email="grace@example.org")
    response = post(client, article, comment="Newest.")
    comment = Comment.objects.get(content="Newest.")
    assert response["Location"] == f"{article.path}comment-page-3/#comment-{comment.pk}"


def test_it_has_no_comment_pages_for_pages(client: Client, article: Article) -> None:
    from broadsheet.articles.tests.factories import make_article

    about = make_article("About", kind="page", author=article.author)
    assert client.get(f"{about.path}comment-page-2/").status_code == 404
