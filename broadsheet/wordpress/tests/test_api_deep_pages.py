"""Deep pages of the REST API's lists: the items plain OFFSET would give (ties on the date
included), X-WP-Total right, and the same queries on page 1 as far down the list."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from broadsheet.articles.models import Article, Status, Tag
from broadsheet.articles.tests.factories import make_article, make_author, make_category
from broadsheet.comments.models import Comment
from broadsheet.wordpress.tests.api_support import API, as_user

pytestmark = pytest.mark.django_db

START = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def close_milestones(settings) -> None:  # type: ignore[no-untyped-def]
    # A milestone every 5 rows, so deep pages start from one, inside runs of ties.
    settings.LISTING_MILESTONE_ROWS = 5


def build() -> None:
    """17 public articles in runs of three sharing a publish time, a draft, a scheduled
    one not yet due and a password-protected one; comments in runs sharing a time too,
    some held, some on the protected article (which the public list leaves out)."""
    author = make_author()
    articles = [
        make_article(f"Story {i}", published_at=START + timedelta(hours=i // 3), author=author)
        for i in range(17)
    ]
    make_article("Draft", status=Status.DRAFT, published_at=None, author=author)
    make_article("Later", status=Status.SCHEDULED, published_at=datetime(2999, 1, 1, tzinfo=UTC))
    locked = make_article("Locked", password="sesame", published_at=START, author=author)
    for i in range(23):
        Comment.objects.create(
            article=articles[i % 5] if i % 7 else locked,
            author_name=f"Reader {i}",
            content=f"Comment {i}",
            status=Comment.Status.PENDING if i % 6 == 0 else Comment.Status.APPROVED,
            created_at=START + timedelta(minutes=i // 4),
        )


def pages_of(client: Client, route: str, per_page: int) -> tuple[list[int], int, list[int]]:
    """Every id of the list walked page by page, X-WP-Total, and each page's query count."""
    seen: list[int] = []
    counts = []
    page, total_pages, total = 1, 1, 0
    while page <= total_pages:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"{API}/{route}", {"per_page": per_page, "page": page})
        assert response.status_code == 200, response.content
        counts.append(len(captured.captured_queries))
        total = int(response["X-WP-Total"])
        total_pages = int(response["X-WP-TotalPages"])
        seen += [item["id"] for item in response.json()]
        page += 1
    return seen, total, counts


@pytest.mark.parametrize("per_page", [4, 5])
def test_it_pages_posts_as_offset_would(client: Client, per_page: int) -> None:
    """A page size that divides the milestone spacing (5) is served by prepared statements
    (see posts.list_articles); one that does not, by the ORM."""
    build()
    expected = list(
        Article.objects.published()
        .posts()
        .order_by("-published_at", "-id")
        .values_list("id", flat=True)
    )
    seen, total, counts = pages_of(client, "posts", per_page)
    assert seen == expected and total == len(expected) == 18
    # Pages starting past the first milestone also find the milestones (afresh inside a
    # test's transaction) and when the next scheduled article comes due.
    pages = -(-total // per_page)
    assert counts == [counts[0] + (2 if i * per_page >= 5 else 0) for i in range(pages)], counts
    # Oldest first as well: the same order reversed, ties by id ascending.
    response = client.get(f"{API}/posts", {"per_page": 4, "page": 5, "order": "asc"})
    assert [item["id"] for item in response.json()] == list(reversed(expected))[16:20]


def test_it_pages_comments_as_offset_would(client: Client) -> None:
    build()
    expected = list(
        Comment.objects.public().order_by("-created_at", "-id").values_list("id", flat=True)
    )
    seen, total, counts = pages_of(client, "comments", 3)
    assert seen == expected and total == len(expected)
    assert len(set(counts)) == 1, counts


def test_it_pages_what_an_editor_may_list_as_offset_would(editor) -> None:  # type: ignore[no-untyped-def]
    build()
    client = as_user(editor)
    response = client.get(f"{API}/posts", {"status": "any", "per_page": 5, "page": 2})
    assert response.status_code == 200
    everything = Article.objects.posts().exclude(status=Status.TRASH)
    assert int(response["X-WP-Total"]) == everything.count() == 20
    # Drafts have no date: WordPress sorts them by their creation time among the rest.
    by_date = sorted(everything, key=lambda a: (a.published_at or a.created_at, a.pk), reverse=True)
    assert [item["id"] for item in response.json()] == [a.pk for a in by_date[5:10]]


def test_it_refuses_a_page_past_the_end_without_reaching_for_it(client: Client) -> None:
    build()
    response = client.get(f"{API}/posts", {"page": 1000})
    assert response.status_code == 400
    assert response.json()["code"] == "rest_post_invalid_page_number"


def test_it_answers_the_same_from_prepared_statements_as_from_the_orm(client: Client) -> None:
    """`page` (prepared statements) and `offset` (the ORM) reach the same rows: every field
    of every item is the same, terms included."""
    build()
    world, europe = make_category("World"), make_category("Europe")
    for i, article in enumerate(Article.objects.order_by("id")):
        article.categories.set([world, europe][: i % 3])
        article.tags.set(
            [Tag.objects.get_or_create(name=f"Tag {n}", slug=f"tag-{n}")[0] for n in range(i % 4)]
        )
    prepared = client.get(f"{API}/posts", {"per_page": 5, "page": 2, "_embed": "author,wp:term"})
    orm = client.get(f"{API}/posts", {"per_page": 5, "offset": 5, "_embed": "author,wp:term"})
    assert prepared.status_code == orm.status_code == 200
    items = prepared.json()
    assert len(items) == 5 and any(item["tags"] for item in items)
    assert any(item["categories"] for item in items)
    assert items == orm.json()


def test_it_answers_the_same_comments_from_prepared_statements_as_from_the_orm(
    client: Client,
) -> None:
    """The first pages of the default comment list are prepared statements, `offset` the
    ORM: the same items, every field."""
    build()
    query = {"per_page": 4, "_embed": "up,author,in-reply-to"}
    prepared = client.get(f"{API}/comments", {**query, "page": 2})
    orm = client.get(f"{API}/comments", {**query, "offset": 4})
    assert prepared.status_code == orm.status_code == 200
    assert len(prepared.json()) == 4
    assert prepared.json() == orm.json()
