"""The REST API's list counts (X-WP-Total) for anonymous readers: kept in the cache, never
stale after a change, per list, and not used for logged-in users."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from broadsheet.articles.actions import do_save_article, do_trash
from broadsheet.articles.models import Article, Status
from broadsheet.articles.tests.factories import make_article, make_category
from broadsheet.comments.actions import do_approve, do_spam
from broadsheet.comments.models import Comment
from broadsheet.wordpress.tests.api_support import API, as_user

# Committed for real: the counts move on when a change commits, as in production.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def count_cache(settings) -> Iterator[None]:  # type: ignore[no-untyped-def]
    settings.BROADSHEET_LIST_CACHE = True
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


# Page milestones (lib/paging.py): kept like the counts, for the public article lists.

PER_PAGE, EVERY = 3, 4


def listed(client: Client, url: str) -> tuple[list[str], int]:
    """The article paths a listing page links to, and the queries it took."""
    paths = set(Article.objects.values_list("path", flat=True))
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    hrefs = re.findall(r'href="([^"]+)"', response.content.decode())
    return list(dict.fromkeys(h for h in hrefs if h in paths)), len(captured.captured_queries)


def page_one_queries(client: Client) -> int:
    """Page 1's queries once the site-wide rows (menus) are kept, as on any busy site."""
    listed(client, "/")
    return listed(client, "/")[1]


def by_offset(page: int) -> list[str]:
    qs = Article.objects.published().posts().order_by("-published_at", "-id")
    start = (page - 1) * PER_PAGE
    return list(qs.values_list("path", flat=True)[start : start + PER_PAGE])


@pytest.fixture
def archive(settings) -> None:  # type: ignore[no-untyped-def]
    settings.ARTICLES_PER_PAGE = PER_PAGE
    settings.LISTING_MILESTONE_ROWS = EVERY
    start = timezone.now() - timedelta(days=30)
    for i in range(20):
        # Pairs share a publish time, so milestones fall inside ties.
        make_article(f"Story {i}", published_at=start + timedelta(hours=i // 2))


def test_it_keeps_milestones_so_a_deep_page_costs_what_page_one_does(
    client: Client, archive: None
) -> None:
    first = page_one_queries(client)
    shown, computing = listed(client, "/page/5/")
    assert shown == by_offset(5) and computing == first + 2
    shown, kept = listed(client, "/page/5/")
    assert shown == by_offset(5) and kept == first
    # Other pages of the same list use the same milestones.
    assert listed(client, "/page/6/") == (by_offset(6), first)


def test_it_moves_deep_pages_on_when_an_article_is_published_or_removed(
    client: Client, archive: None
) -> None:
    before = listed(client, "/page/5/")[0]
    newest = make_article("Breaking")
    after = listed(client, "/page/5/")[0]
    assert after == by_offset(5) != before
    do_trash(newest)
    assert listed(client, "/page/5/")[0] == by_offset(5) == before


def test_it_keeps_milestones_when_only_comments_change(client: Client, archive: None) -> None:
    first = page_one_queries(client)
    listed(client, "/page/5/")
    do_approve(comment(Article.objects.first(), Comment.Status.PENDING))
    assert listed(client, "/page/5/") == (by_offset(5), first)


def test_it_moves_deep_pages_on_when_a_scheduled_article_comes_due(
    client: Client, archive: None
) -> None:
    due = timezone.now() + timedelta(hours=1)
    make_article("Scheduled", status=Status.SCHEDULED, published_at=due)
    before = listed(client, "/page/5/")[0]
    assert before == by_offset(5)
    # No write happens when its time comes (the worker may be late): the clock alone.
    later = due + timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        after = listed(client, "/page/5/")[0]
        assert after == by_offset(5) != before


def test_it_keeps_api_milestones_per_filter(client: Client, archive: None) -> None:
    news = make_category("News")
    for i in range(10):
        make_article(f"News {i}", categories=[news])
    for params in ({}, {"categories": news.pk}):
        expected = list(
            Article.objects.published()
            .posts()
            .filter(**({"categories": news} if params else {}))
            .order_by("-published_at", "-id")
            .values_list("id", flat=True)[6:9]
        )
        for _ in range(2):
            response = client.get(f"{API}/posts", {**params, "per_page": 3, "page": 3})
            assert [item["id"] for item in response.json()] == expected
