"""Comments open or closed per article, and optionally closed on old articles."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from broadsheet.articles.actions import do_save_article
from broadsheet.articles.models import Article
from broadsheet.articles.tests.factories import make_article
from broadsheet.comments.models import DiscussionSettings
from broadsheet.comments.tests.helpers import make_comment, post

pytestmark = pytest.mark.django_db


def test_it_hides_the_form_on_a_closed_article_but_keeps_its_comments(
    client: Client, article: Article
) -> None:
    make_comment(article, content="Said before closing.")
    article.comments_open = False
    do_save_article(article)
    page = client.get(article.path).content.decode()
    assert "Said before closing." in page
    assert "Comments are closed." in page
    assert 'id="commentform"' not in page and "comment-reply-link" not in page
    assert post(client, article).status_code == 403


def test_it_closes_old_articles_when_the_setting_is_on(client: Client) -> None:
    old = make_article("Old", published_at=timezone.now() - timedelta(days=15))
    fresh = make_article("Fresh", published_at=timezone.now() - timedelta(days=13))
    assert 'id="commentform"' in client.get(old.path).content.decode()  # off by default
    conf = DiscussionSettings.load()
    assert conf.close_after_days == 14
    conf.close_old_articles = True
    conf.save()
    assert 'id="commentform"' not in client.get(old.path).content.decode()
    assert post(client, old).status_code == 403
    assert 'id="commentform"' in client.get(fresh.path).content.decode()
    assert post(client, fresh).status_code == 303


def test_it_shows_no_comments_on_a_locked_article(client: Client, article: Article) -> None:
    make_comment(article, content="Behind the password.")
    article.password = "secret"
    do_save_article(article)
    page = client.get(article.path).content.decode()
    assert "Behind the password." not in page and 'id="commentform"' not in page
