"""WordPress's discussion defaults decide whether a new comment is published or held."""

from __future__ import annotations

import pytest
from django.test import Client

from broadsheet.articles.models import Article
from broadsheet.comments.actions import do_approve
from broadsheet.comments.models import Comment, DiscussionSettings
from broadsheet.comments.tests.helpers import age_comments, make_comment, post

pytestmark = pytest.mark.django_db
Status = Comment.Status


def latest() -> Comment:
    return Comment.objects.latest("id")


def test_it_holds_a_first_comment_and_publishes_once_one_is_approved(
    client: Client, article: Article
) -> None:
    post(client, article, comment="First.", ip="10.0.0.1")
    first = latest()
    assert first.status == Status.PENDING
    assert "first comment" in first.moderation_note
    do_approve(first)
    age_comments()
    post(client, article, comment="Second.", ip="10.0.0.1")
    assert latest().status == Status.APPROVED


def test_it_needs_the_same_name_and_email(client: Client, article: Article) -> None:
    make_comment(article, author_name="Grace Hopper", author_email="grace@example.org")
    post(client, article, author="Someone Else", email="grace@example.org")
    assert latest().status == Status.PENDING
    age_comments()
    post(client, article, author="Grace Hopper", email="other@example.org", ip="10.0.0.2")
    assert latest().status == Status.PENDING
    age_comments()
    post(client, article, author="Grace Hopper", email="GRACE@example.org", ip="10.0.0.3")
    assert latest().status == Status.APPROVED


def known(article: Article) -> None:
    make_comment(article, author_name="Grace Hopper", author_email="grace@example.org")


def test_it_holds_two_or_more_links(client: Client, article: Article) -> None:
    known(article)
    post(client, article, comment="One link https://a.example only")
    assert latest().status == Status.APPROVED
    age_comments()
    post(
        client,
        article,
        comment="https://a.example and <a href='https://b.example'>b</a>",
        ip="10.0.0.9",
    )
    assert latest().status == Status.PENDING
    assert "2 links" in latest().moderation_note


def test_it_holds_on_a_hold_word_in_any_field(client: Client, article: Article) -> None:
    known(article)
    DiscussionSettings(hold_words="casino\n  \n203.0.113.").save()
    post(client, article, comment="Visit my CASINO")
    assert latest().status == Status.PENDING
    age_comments()
    post(client, article, comment="Fine words", ip="203.0.113.7")
    assert latest().status == Status.PENDING
    assert "203.0.113." in latest().moderation_note


def test_it_sends_disallowed_words_to_spam(client: Client, article: Article) -> None:
    known(article)
    DiscussionSettings(disallowed_words="viagra").save()
    response = post(client, article, url="https://viagra.example")
    # The writer is answered as if held: a robot learns nothing.
    assert response.status_code == 303 and "unapproved=" in response["Location"]
    assert latest().status == Status.SPAM


def test_it_publishes_moderators_and_the_articles_author_at_once(
    client: Client,
    article: Article,
    editor,
    author,  # type: ignore[no-untyped-def]
) -> None:
    client.force_login(editor)
    post(client, article, comment="From the desk: https://a.example https://b.example")
    assert latest().status == Status.APPROVED
    age_comments()
    article.author = author.author
    article.save()
    client.force_login(author)
    post(client, article, comment="Thanks, the writer here.")
    assert latest().status == Status.APPROVED


def test_it_can_switch_off_the_previous_approval_rule(client: Client, article: Article) -> None:
    DiscussionSettings(require_previous_approval=False).save()
    post(client, article)
    assert latest().status == Status.APPROVED
