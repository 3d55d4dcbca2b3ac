"""Emails go out in the background (django-tasks), never in the reader's request: to the
article's author for a published comment, to moderators for a held one."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django_tasks_db.models import DBTaskResult

from broadsheet.articles.models import Article
from broadsheet.comments.actions import do_approve
from broadsheet.comments.models import Comment, DiscussionSettings
from broadsheet.comments.tasks import notify_comment
from broadsheet.comments.tests.helpers import make_comment, post

pytestmark = pytest.mark.django_db


def run_queued_tasks() -> int:
    """What `broadsheet worker` does, for the tasks queued so far."""
    n = 0
    for result in DBTaskResult.objects.ready():
        result.task.call(*result.args_kwargs["args"], **result.args_kwargs["kwargs"])
        result.delete()
        n += 1
    return n


def test_it_queues_the_moderators_email_and_sends_none_in_the_request(
    client: Client,
    article: Article,
    editor,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        post(client, article, comment="Please hold me.")
    assert mail.outbox == []
    assert run_queued_tasks() == 1
    [message] = mail.outbox
    assert message.to == ["editor@example.com"]
    assert "Please moderate" in message.subject and article.title in message.subject
    assert "Please hold me." in message.body
    assert "first comment" in message.body  # why it was held
    assert f"/admin/comments/comment/{Comment.objects.get().pk}/change/" in message.body


def test_it_tells_the_author_when_a_comment_is_published(
    client: Client,
    article: Article,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    make_comment(article, author_name="Grace Hopper", author_email="grace@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        post(client, article, comment="Published at once.")
    run_queued_tasks()
    [message] = mail.outbox
    assert message.to == ["ada@newsroom.example"]
    assert "Published at once." in message.body


def test_it_tells_the_author_when_a_held_comment_is_approved(
    article: Article,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    held = make_comment(article, status=Comment.Status.PENDING)
    with django_capture_on_commit_callbacks(execute=True):
        do_approve(held)
    run_queued_tasks()
    assert [m.to for m in mail.outbox] == [["ada@newsroom.example"]]


def test_it_sends_nothing_for_spam_or_when_switched_off(
    client: Client,
    article: Article,
    editor,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        post(client, article, comment_hp="robot")
    DiscussionSettings(notify_moderators=False).save()
    with django_capture_on_commit_callbacks(execute=True):
        post(client, article, comment="Held quietly.", ip="10.9.9.9", email="q@example.org")
    assert run_queued_tasks() == 0
    assert mail.outbox == []


def test_it_sends_nothing_for_a_comment_gone_by_the_time_the_worker_runs(
    article: Article,
) -> None:
    pk = make_comment(article, status=Comment.Status.PENDING).pk
    Comment.objects.filter(pk=pk).delete()
    assert notify_comment.call(pk, "held") == 0
