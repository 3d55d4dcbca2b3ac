"""Listings show each article's count of public comments, linking to them."""

from __future__ import annotations

import pytest
from django.test import Client

from broadsheet.articles.models import Article
from broadsheet.comments.models import Comment
from broadsheet.comments.tests.helpers import make_comment

pytestmark = pytest.mark.django_db


def test_it_shows_the_count_of_public_comments(client: Client, article: Article) -> None:
    make_comment(article)
    make_comment(article)
    make_comment(article, status=Comment.Status.PENDING)
    make_comment(article, status=Comment.Status.SPAM)
    home = client.get("/").content.decode()
    assert f'<a class="comment-count" href="{article.path}#comments">2 comments</a>' in home


def test_it_shows_one_in_the_singular_and_none_at_zero(client: Client, article: Article) -> None:
    assert "comment-count" not in client.get("/").content.decode()
    make_comment(article)
    assert ">1 comment</a>" in client.get("/").content.decode()
