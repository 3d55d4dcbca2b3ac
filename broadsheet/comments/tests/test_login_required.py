"""The optional "users must be logged in to comment" setting, on the page and the API."""

from __future__ import annotations

import pytest
from django.test import Client

from broadsheet.articles.models import Article
from broadsheet.comments.models import Comment, DiscussionSettings
from broadsheet.comments.tests.helpers import post

pytestmark = pytest.mark.django_db


def require_login() -> None:
    conf = DiscussionSettings.load()
    conf.require_login = True
    conf.save()


def test_it_lets_anyone_comment_by_default(client: Client, article: Article) -> None:
    assert 'id="commentform"' in client.get(article.path).content.decode()


def test_it_asks_anonymous_readers_to_log_in(client: Client, article: Article) -> None:
    require_login()
    page = client.get(article.path).content.decode()
    assert "You must be logged in to post a comment." in page
    assert 'id="commentform"' not in page
    assert post(client, article).status_code == 401
    assert not Comment.objects.exists()


def test_it_answers_the_api_with_wordpress_error(client: Client, article: Article) -> None:
    require_login()
    response = client.post(
        "/wp-json/wp/v2/comments",
        {
            "post": article.pk,
            "author_name": "Ada",
            "author_email": "ada@example.com",
            "content": "Hello",
        },
        content_type="application/json",
    )
    assert response.status_code == 401
    assert response.json()["code"] == "rest_comment_login_required"
