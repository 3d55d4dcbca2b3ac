"""Scheduled articles: a task at the publish time, run by the real database worker.

Readers see a scheduled article from its time on whatever the worker does (see
test_visibility); the task makes the status, and everything listening to a publish, catch up.
These tests use real transactions because the task is enqueued once the save commits.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from broadsheet.articles.actions import do_save_article
from broadsheet.articles.models import Article, Status
from broadsheet.articles.signals import article_changed
from broadsheet.articles.tests.factories import make_article

pytestmark = pytest.mark.django_db(transaction=True)


def schedule(at: datetime, **fields: Any) -> Article:
    article = make_article("Scheduled story", published_at=at, **fields)
    assert article.status == Status.SCHEDULED
    return article


@contextmanager
def clock_at(when: datetime) -> Iterator[None]:
    """Move the clock everyone reads (the worker's queue, the visibility rule, actions)."""
    with mock.patch("django.utils.timezone.now", return_value=when):
        yield


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0")


def tasks() -> list[DBTaskResult]:
    return list(
        DBTaskResult.objects.filter(task_path__endswith="publish_scheduled").order_by("run_after")
    )


def test_it_enqueues_a_task_at_the_publish_time() -> None:
    due = timezone.now() + timedelta(hours=1)
    article = schedule(due)
    [task] = tasks()
    assert task.task_path == "broadsheet.articles.tasks.publish_scheduled"
    assert task.run_after == due
    assert task.args_kwargs["args"] == [article.pk, due.isoformat()]
    assert task.status == "READY"


def test_it_enqueues_nothing_for_an_article_published_now() -> None:
    make_article("Published story")
    make_article("Draft story", status=Status.DRAFT, published_at=None)
    assert tasks() == []


def test_it_does_not_publish_before_the_time() -> None:
    article = schedule(timezone.now() + timedelta(hours=1))
    run_worker()
    article.refresh_from_db()
    assert article.status == Status.SCHEDULED
    assert tasks()[0].status == "READY"


def test_it_publishes_when_due() -> None:
    due = timezone.now() + timedelta(hours=1)
    article = schedule(due)
    heard: list[Article] = []

    def listener(sender: type, article: Article, **kwargs: Any) -> None:
        heard.append(article)

    article_changed.connect(listener)
    try:
        with clock_at(due + timedelta(minutes=1)):
            run_worker()
    finally:
        article_changed.disconnect(listener)

    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert article.published_at == due
    [task] = tasks()
    assert task.status == "SUCCESSFUL"
    assert task.return_value is True
    # Whatever reacts to a publish (caches, feeds, related lists) heard about it.
    assert [a.pk for a in heard] == [article.pk]


def test_it_leaves_a_rescheduled_articles_old_task_idle() -> None:
    first = timezone.now() + timedelta(hours=1)
    later = first + timedelta(days=1)
    article = schedule(first)
    article.published_at = later
    do_save_article(article)
    assert [t.run_after for t in tasks()] == [first, later]

    with clock_at(first + timedelta(minutes=1)):
        run_worker()
    article.refresh_from_db()
    assert article.status == Status.SCHEDULED
    old, new = tasks()
    assert (old.status, old.return_value) == ("SUCCESSFUL", False)
    assert new.status == "READY"

    with clock_at(later + timedelta(minutes=1)):
        run_worker()
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert article.published_at == later
    assert tasks()[1].return_value is True


def test_it_does_not_publish_an_article_taken_back_to_draft() -> None:
    due = timezone.now() + timedelta(hours=1)
    article = schedule(due)
    article.status = Status.DRAFT
    do_save_article(article)
    with clock_at(due + timedelta(minutes=1)):
        run_worker()
    article.refresh_from_db()
    assert article.status == Status.DRAFT
