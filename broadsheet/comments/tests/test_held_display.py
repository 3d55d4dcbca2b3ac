"""A held comment is shown only to staff and to its writer: on the signed link they are sent
back to after posting, and later when they ticked "save my details". Pages made for one
reader are marked private, so the shared cache never keeps them."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from broadsheet.articles.models import Article
from broadsheet.comments.models import Comment
from broadsheet.comments.tests.helpers import make_comment, post

pytestmark = pytest.mark.django_db
NOTICE = "Your comment is awaiting moderation."


def test_it_shows_the_writer_their_held_comment_on_the_signed_link(
    client: Client, article: Article
) -> None:
    response = post(client, article, comment="Held words.")
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    target = response["Location"]
    assert f"unapproved={comment.pk}" in target and "moderation-hash=" in target
    assert target.endswith(f"#comment-{comment.pk}")
    page = client.get(target)
    assert NOTICE in page.content.decode() and "Held words." in page.content.decode()
    assert "private" in page["Cache-Control"] and "no-store" in page["Cache-Control"]


def test_it_shows_nobody_else_the_held_comment(client: Client, article: Article) -> None:
    post(client, article, comment="Held words.")
    comment = Comment.objects.get()
    for url in (
        article.path,
        f"{article.path}?unapproved={comment.pk}",
        f"{article.path}?unapproved={comment.pk}&moderation-hash=0123456789abcdef",
        f"{article.path}?unapproved={comment.pk + 1}&moderation-hash={comment.moderation_hash()}",
    ):
        assert "Held words." not in Client().get(url).content.decode(), url


def test_it_shows_staff_every_held_comment(client: Client, article: Article, editor) -> None:  # type: ignore[no-untyped-def]
    make_comment(article, content="Held words.", status=Comment.Status.PENDING)
    make_comment(article, content="Spam words.", status=Comment.Status.SPAM)
    client.force_login(editor)
    page = client.get(article.path).content.decode()
    assert "Held words." in page and "This comment is awaiting moderation." in page
    assert "Spam words." not in page


def test_it_shows_the_writer_their_held_comments_by_the_saved_details(
    client: Client, article: Article
) -> None:
    post(client, article, comment="Held words.", **{"wp-comment-cookies-consent": "yes"})
    page = client.get(article.path)
    assert "Held words." in page.content.decode() and NOTICE in page.content.decode()
    assert "private" in page["Cache-Control"]
    assert "Cookie" in page["Vary"]


def test_it_does_not_show_them_without_the_box_ticked(client: Client, article: Article) -> None:
    post(client, article, comment="Held words.")
    assert "Held words." not in client.get(article.path).content.decode()


@override_settings(BROADSHEET_PAGE_CACHE=True)
def test_it_never_lets_the_shared_cache_keep_a_held_comment(
    client: Client, article: Article
) -> None:
    target = post(client, article, comment="Held words.")["Location"]
    assert "Held words." in client.get(target).content.decode()
    # Anyone else, at the plain address or even at the writer's own link without its hash.
    assert "Held words." not in Client().get(article.path).content.decode()
    assert "Held words." not in Client().get(target.split("&")[0]).content.decode()


def test_it_stops_marking_the_comment_once_approved(client: Client, article: Article) -> None:
    from broadsheet.comments.actions import do_approve

    target = post(client, article, comment="Held words.")["Location"]
    do_approve(Comment.objects.get())
    page = client.get(target).content.decode()
    assert "Held words." in page and NOTICE not in page
