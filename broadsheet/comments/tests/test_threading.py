"""Replies thread to depth 5, oldest first; a reply below depth 5 attaches at depth 5.
"Reply" works without JavaScript (?replytocom=ID)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from broadsheet.articles.models import Article
from broadsheet.comments.models import Comment
from broadsheet.comments.tests.helpers import make_comment, post

pytestmark = pytest.mark.django_db


def chain(article: Article, depth: int) -> list[Comment]:
    comments = [make_comment(article)]
    for _ in range(depth - 1):
        comments.append(make_comment(article, parent=comments[-1]))
    return comments


def test_it_nests_replies_oldest_first(client: Client, article: Article) -> None:
    first = make_comment(article, content="First")
    second = make_comment(article, content="Second")
    reply = make_comment(article, content="Reply to first", parent=first)
    page = client.get(article.path).content.decode()
    order = [page.index(t) for t in ("First", "Reply to first", "Second")]
    assert order == sorted(order)
    li = page[page.index(f'id="comment-{first.pk}"') : page.index(f'id="comment-{second.pk}"')]
    assert '<ol class="children">' in li and f'id="comment-{reply.pk}"' in li
    assert f'id="comment-{reply.pk}" class="comment depth-2' in page


def test_it_attaches_a_reply_below_depth_5_at_depth_5(client: Client, article: Article) -> None:
    comments = chain(article, 5)
    make_comment(article, author_name="Grace Hopper", author_email="grace@example.org")
    response = post(client, article, comment="Deeper", comment_parent=str(comments[-1].pk))
    assert response.status_code == 303
    reply = Comment.objects.get(content="Deeper")
    assert reply.parent == comments[3]  # a sibling of the depth-5 comment
    page = client.get(article.path).content.decode()
    assert f'id="comment-{reply.pk}" class="comment depth-5' in page


def test_it_shows_deeper_imported_threads_at_depth_5(client: Client, article: Article) -> None:
    comments = chain(article, 8)
    page = client.get(article.path).content.decode()
    assert f'id="comment-{comments[-1].pk}" class="comment depth-5' in page
    assert "depth-6" not in page


def test_it_replies_without_javascript(client: Client, article: Article) -> None:
    parent = make_comment(article, author_name="Ada")
    page = client.get(article.path).content.decode()
    link = re.search(rf'href="([^"]+replytocom={parent.pk}#respond)"', page)
    assert link is not None
    response = client.get(link.group(1).replace("&amp;", "&"))
    assert response["X-Robots-Tag"] == "noindex, follow"
    form_page = response.content.decode()
    assert "Leave a Reply to Ada" in form_page
    assert f'name="comment_parent" id="comment_parent" value="{parent.pk}"' in form_page
    assert 'id="cancel-comment-reply-link" href' in form_page


def test_it_refuses_to_reply_to_a_comment_readers_cannot_see(
    client: Client, article: Article
) -> None:
    held = make_comment(article, status=Comment.Status.PENDING)
    other = make_comment(article.__class__.objects.exclude(pk=article.pk).first() or article)
    assert post(client, article, comment_parent=str(held.pk)).status_code == 400
    if other.article_id != article.pk:
        assert post(client, article, comment_parent=str(other.pk)).status_code == 400


def test_it_keeps_replies_of_a_trashed_comment_visible(client: Client, article: Article) -> None:
    from broadsheet.comments.actions import do_trash

    parent = make_comment(article, content="Gone")
    reply = make_comment(article, content="Still here", parent=parent)
    do_trash(parent)
    page = client.get(article.path).content.decode()
    assert "Gone" not in page
    assert f'id="comment-{reply.pk}" class="comment depth-1' in page
