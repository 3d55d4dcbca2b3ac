"""The same form submitted twice at once is stored exactly once."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import Client

from broadsheet.articles.models import Article
from broadsheet.comments import actions
from broadsheet.comments.models import Comment
from broadsheet.comments.tests.helpers import post


@pytest.mark.django_db
def test_it_stores_the_twin_of_a_race_once(
    client: Client, article: Article, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both requests pass the duplicate check before either stores (the race's worst case):
    the unique index on the fingerprint still refuses the second, with a 409."""
    monkeypatch.setattr(actions, "_check_limits", lambda comment, conf: None)
    assert post(client, article, comment="Twice.").status_code == 303
    response = post(client, article, comment="Twice.")
    assert response.status_code == 409
    assert Comment.objects.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite's in-memory test database cannot run two writers at once",
)
def test_it_stores_two_simultaneous_submissions_once(article: Article) -> None:
    barrier = threading.Barrier(2)
    statuses: list[int] = []

    def submit() -> None:
        client = Client()
        barrier.wait()
        statuses.append(post(client, article, comment="At the same moment.").status_code)
        connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == [303, 409]
    assert Comment.objects.count() == 1
