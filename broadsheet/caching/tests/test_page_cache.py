"""The page cache: hits, bypass rules, and no stale page after any kind of change.

Every test runs twice: with Django's test client (the middleware alone), and through the WSGI
fast path in front of Django (broadsheet.caching.fastpath), where pages are first warmed
until the fast path itself answers them, so a stale page it kept would show.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.test import Client, override_settings

from broadsheet.articles.actions import do_save_article, do_save_category, do_save_tag, do_trash
from broadsheet.articles.models import Article, Status
from broadsheet.articles.tests.factories import make_article, make_category
from broadsheet.caching.tests.wsgi import FastPathClient

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache() -> Iterator[None]:
    cache.clear()
    with override_settings(BROADSHEET_PAGE_CACHE=True):
        yield
    cache.clear()


@pytest.fixture(params=["middleware", "fast path"])
def client(request: pytest.FixtureRequest) -> Client:
    return FastPathClient() if request.param == "fast path" else Client()


def fetch(client: Client, path: str, **headers: str) -> tuple[str, str]:
    """("MISS" | "HIT" | "FAST", body): FAST when the fast path answered before Django."""
    response = client.get(path, headers=headers)
    state = "FAST" if getattr(response, "fast_path", False) else response.get("X-Cache", "")
    return state, response.content.decode()


def warm(client: Client, path: str) -> str:
    """Request the page until the nearest cache layer answers it; return its body."""
    fastest = "FAST" if isinstance(client, FastPathClient) else "HIT"
    for _ in range(3):
        state, body = fetch(client, path)
        if state == fastest:
            return body
    raise AssertionError(f"{path} never came from the cache ({fastest})")


def test_it_answers_the_second_request_from_the_cache(client: Client) -> None:
    make_article("Cached story")
    first = client.get("/")
    second = client.get("/")
    assert first["X-Cache"] == "MISS" and second["X-Cache"] == "HIT"
    assert first.content == second.content
    if isinstance(client, FastPathClient):
        third = client.get("/")
        assert third.fast_path and third.content == second.content  # type: ignore[attr-defined]
        second = third
    assert (
        "public" in second["Cache-Control"] and "stale-while-revalidate" in second["Cache-Control"]
    )
    assert second["ETag"] and second["Last-Modified"]


def test_it_answers_304_when_the_page_is_unchanged(client: Client) -> None:
    make_article("Cached story")
    warm(client, "/")
    etag = client.get("/")["ETag"]
    for _ in range(3):  # through Django, then from the fast path's memory
        response = client.get("/", headers={"If-None-Match": etag})
        assert response.status_code == 304
        assert response.content == b""
    make_article("A newer story")
    assert client.get("/", headers={"If-None-Match": etag}).status_code == 200


@pytest.mark.parametrize(
    "cookie",
    ["sessionid", "broadsheet-postpass", "comment_author_3f2a", "comment_author_email_3f2a"],
)
def test_it_bypasses_the_cache_for_personal_cookies(client: Client, cookie: str) -> None:
    make_article("Cached story")
    warm(client, "/")
    client.cookies[cookie] = "x"
    response = client.get("/")
    assert "X-Cache" not in response
    assert "private" in response["Cache-Control"]


def test_it_bypasses_the_cache_for_credentials_posts_and_search(client: Client) -> None:
    make_article("Cached story")
    warm(client, "/")
    assert "X-Cache" not in client.get("/", headers={"Authorization": "Basic eDp5"})
    for _ in range(3):
        assert "X-Cache" not in client.get("/?s=story")
    assert "X-Cache" not in client.post("/postpass/", {"article": "1", "password": "x"})


def test_it_never_caches_for_logged_in_staff(client: Client, editor) -> None:
    client.force_login(editor)
    response = client.get("/")
    assert "X-Cache" not in response and "private" in response["Cache-Control"]


def test_it_is_switched_off_by_the_setting(client: Client) -> None:
    warm(client, "/")
    with override_settings(BROADSHEET_PAGE_CACHE=False):
        assert "X-Cache" not in client.get("/")


def test_it_shows_a_new_article_at_once(client: Client) -> None:
    make_article("First story")
    warm(client, "/")
    make_article("Breaking story")
    state, body = fetch(client, "/")
    assert state == "MISS" and "Breaking story" in body


def test_it_shows_an_edit_at_once_on_every_page(client: Client) -> None:
    category = make_category("Economy")
    article = make_article("Old headline", categories=[category], tags=["budget"])
    pages = [
        "/",
        article.path,
        "/category/economy/",
        "/tag/budget/",
        article.author.get_absolute_url(),
    ]
    for path in pages:
        assert "Old headline" in warm(client, path)
    article.title = "New headline"
    do_save_article(article)
    for path in pages:
        state, body = fetch(client, path)
        assert state == "MISS" and "New headline" in body and "Old headline" not in body


def test_it_hides_an_unpublished_or_deleted_article_at_once(client: Client) -> None:
    keep = make_article("Staying story")
    gone = make_article("Pulled story")
    trashed = make_article("Binned story")
    for path in ("/", gone.path, trashed.path, keep.path):
        warm(client, path)
    gone.status = Status.DRAFT
    do_save_article(gone)
    do_trash(trashed)
    assert client.get(gone.path).status_code == 404
    assert client.get(trashed.path).status_code == 404
    body = fetch(client, "/")[1]
    assert "Pulled story" not in body and "Binned story" not in body and "Staying story" in body
    Article.objects.get(pk=keep.pk).delete()
    assert client.get(keep.path).status_code == 404


def test_it_shows_renamed_authors_categories_and_tags_at_once(client: Client) -> None:
    category = make_category("Economy")
    article = make_article("Story", categories=[category], tags=["budget"])
    warm(client, article.path)
    author = article.author
    author.display_name = "Renamed Writer"
    author.save()
    assert "Renamed Writer" in fetch(client, article.path)[1]
    warm(client, article.path)
    category.name = "Money"
    do_save_category(category)
    assert "Money" in fetch(client, article.path)[1]
    warm(client, article.path)
    tag = article.tags.get()
    tag.name = "Spending plans"
    do_save_tag(tag)
    assert "Spending plans" in fetch(client, article.path)[1]


def test_it_refreshes_pages_when_a_comment_changes(client: Client) -> None:
    from broadsheet.comments.models import Comment

    article = make_article("Story")
    warm(client, article.path)
    Comment.objects.create(article=article, author_name="Ada", content="Hi", status="approved")
    assert fetch(client, article.path)[0] == "MISS"


def test_it_keeps_pages_when_a_held_comment_arrives(client: Client) -> None:
    from broadsheet.comments.models import Comment

    article = make_article("Story")
    warm(client, article.path)
    comment = Comment.objects.create(article=article, author_name="Spammer", content="Buy")
    assert fetch(client, article.path)[0] in ("HIT", "FAST")
    comment.status = "approved"
    comment.save()
    assert fetch(client, article.path)[0] == "MISS"


def test_it_leaves_a_flood_of_query_fields_to_django(client: Client) -> None:
    query = "&".join(f"f{i}=1" for i in range(1200))
    assert client.get(f"/?{query}").status_code == 400
