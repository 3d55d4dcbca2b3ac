"""The REST API's list counts (X-WP-Total) for anonymous readers: kept in the cache, never
stale after a change, per list, and not used for logged-in users."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from broadsheet.articles.actions import do_save_article, do_trash
from broadsheet.articles.models import Status
from broadsheet.articles.tests.factories import make_article, make_category
from broadsheet.comments.actions import do_approve, do_spam
from broadsheet.comments.models import Comment
from broadsheet.wordpress.tests.api_support import API, as_user

# Committed for real: the counts move on when a change commits, as in production.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def count_cache(settings) -> Iterator[None]:  # type: ignore[no-untyped-def]
    settings.BROADSHEET_COUNT_CACHE = True
    # The test cache outlives each test's rolled-back rows: start from an empty one.
    cache.clear()
    yield
    cache.clear()


def total(client: Client, route: str, **params: object) -> tuple[int, int]:
    """X-WP-Total of a list, and how many COUNT queries answering it took."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"{API}/{route}", params)
    assert response.status_code == 200, response.content
    counts = sum("COUNT(" in q["sql"].upper() for q in captured.captured_queries)
    return int(response["X-WP-Total"]), counts


def comment(article, status: str = Comment.Status.APPROVED) -> Comment:  # type: ignore[no-untyped-def]
    return Comment.objects.create(article=article, author_name="R", content="Hello", status=status)


def test_it_counts_a_list_once_until_something_changes(client: Client) -> None:
    make_article("One")
    assert total(client, "posts") == (1, 1)
    assert total(client, "posts") == (1, 0)
    assert total(client, "posts", page=1, per_page=5, order="asc") == (1, 0)


def test_it_is_never_stale_after_publishing_editing_or_trashing(client: Client) -> None:
    first = make_article("One")
    assert total(client, "posts")[0] == 1
    second = make_article("Two")
    assert total(client, "posts")[0] == 2
    second.status = Status.DRAFT
    do_save_article(second)
    assert total(client, "posts")[0] == 1
    do_trash(first)
    assert total(client, "posts")[0] == 0


def test_it_is_never_stale_after_moderating_comments(client: Client) -> None:
    article = make_article("One")
    comment(article)
    held = comment(article, Comment.Status.PENDING)
    assert total(client, "comments")[0] == 1
    do_approve(held)
    assert total(client, "comments")[0] == 2
    do_spam(held)
    assert total(client, "comments")[0] == 1


def test_it_keeps_its_counts_when_spam_arrives(client: Client) -> None:
    """A held comment changes no public count, so a spam flood does not empty the cache."""
    article = make_article("One")
    comment(article)
    assert total(client, "comments") == (1, 1)
    comment(article, Comment.Status.SPAM)
    assert total(client, "comments") == (1, 0)


def test_it_counts_each_filtered_list_on_its_own(client: Client) -> None:
    news = make_category("News")
    make_article("One", categories=[news])
    make_article("Two")
    assert total(client, "posts")[0] == 2
    assert total(client, "posts", categories=news.pk)[0] == 1
    assert total(client, "posts", search="Two")[0] == 1
    assert total(client, "posts", search="Nothing")[0] == 0


def test_it_counts_afresh_for_logged_in_users(editor) -> None:  # type: ignore[no-untyped-def]
    make_article("One")
    make_article("Draft", status=Status.DRAFT, published_at=None)
    client = as_user(editor)
    assert total(client, "posts", status="any") == (2, 1)
    assert total(client, "posts", status="any") == (2, 1)
    # An anonymous reader asking the same list never gets the editor's count.
    assert total(Client(), "posts", status="publish")[0] == 1


def test_it_counts_from_the_database_when_the_cache_is_down(client: Client) -> None:
    make_article("One")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    down = {
        "default": {
            "BACKEND": "broadsheet.caching.backends.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    with override_settings(CACHES=down):
        assert total(client, "posts") == (1, 1)
        make_article("Two")
        assert total(client, "posts") == (2, 1)
