"""Every route, every method, given garbage (wrong types, huge numbers, NUL bytes, broken
and 10,000-deep JSON, invalid UTF-8), answers with a 4xx in WordPress's shape, never a 500."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from broadsheet.articles.tests.factories import make_article, make_category, make_image
from broadsheet.comments.models import Comment
from broadsheet.wordpress.api.meta import ROUTES
from broadsheet.wordpress.tests.api_support import as_user

pytestmark = pytest.mark.django_db

QUERIES = [
    "page=-1&per_page=1e9",
    "per_page=99999999999999999999999999",
    "include=1,x,99999999999999999999999&exclude[]=%00",
    "search=%00&slug=%FF%FE&after=2024-13-45&before=yesterday",
    "status=draft,any,bogus&orderby=include&order=sideways",
    "context=edit&_fields=a.b.c.d.e&_embed=wp:term,%00",
    "author=-5&categories=1.5&tags=true&sticky=maybe&parent=a&offset=-1",
    "post=99999999999999999999&force=perhaps&password=%00&type=%FF",
    "hide_empty=2&roles=%00&has_published_posts=x&media_type=video&subtype=???",
]
BODIES = [
    b'{"title": ',
    b"\xff\xfe\x00",
    b"[" * 10_000 + b"]" * 10_000,
    b'{"a":' * 10_000 + b"1" + b"}" * 10_000,
    json.dumps({"title": {"raw": {"raw": [1, {"x": None}]}}, "post": "abc", "status": 7}).encode(),
    json.dumps({"id": 10**40, "parent": -1, "author": 1e308, "categories": [10**30]}).encode(),
    json.dumps(
        {"name": "\x00", "content": "x" * 70_000, "author_email": "@", "date": "nope"}
    ).encode(),
    # Lone surrogates are legal JSON escapes but no database can store them.
    b'{"title": "\\ud800x", "name": "\\udfff", "content": "\\udb20", "post": 1,'
    b' "author_name": "\\ud800", "author_email": "a@example.com", "\\ud82b": 1}',
    json.dumps([{"title": "x"}]).encode(),
    json.dumps("string").encode(),
    json.dumps(None).encode(),
]


def _paths() -> list[str]:
    out = []
    for route in ROUTES:
        path = "/wp-json" + route
        for pattern, value in (
            ("(?P<id>[\\d]+)", "ID"),
            ("(?P<type>[\\w-]+)", "post"),
            ("(?P<status>[\\w-]+)", "draft"),
            ("(?P<taxonomy>[\\w-]+)", "category"),
        ):
            path = path.replace(pattern, value)
        out.append(path)
    return out


@pytest.fixture
def world(editor) -> dict[str, int]:
    article = make_article(categories=[make_category("News")], tags=["t"])
    comment = Comment.objects.create(
        article=article, author_name="R", author_email="r@example.com", content="x",
        status=Comment.Status.APPROVED,
    )  # fmt: skip
    return {"article": article.pk, "comment": comment.pk, "image": make_image().pk}


def _fill(path: str, world: dict[str, int]) -> str:
    key = "comment" if "/comments/" in path else "image" if "/media/" in path else "article"
    return path.replace("ID", str(world[key]))


def _check(response, what: str) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code < 500, f"{what}: {response.status_code} {response.content[:300]!r}"
    if response.status_code >= 400:
        body = response.json()
        assert {"code", "message", "data"} <= set(body), what
        assert body["data"]["status"] == response.status_code, what


@pytest.mark.parametrize("who", ["anonymous", "editor"])
def test_it_never_answers_garbage_with_a_server_error(who: str, editor, world) -> None:
    client = Client() if who == "anonymous" else as_user(editor)
    for template in _paths():
        path = _fill(template, world)
        for query in QUERIES:
            _check(client.get(f"{path}?{query}"), f"GET {path}?{query}")
        for body in BODIES:
            response = client.post(path, body, content_type="application/json")
            _check(response, f"POST {path} {body[:40]!r}")
        form = client.post(path, {"title": "\x00", "categories": "x", "content": "y" * 10})
        _check(form, f"form POST {path}")
        _check(client.put(path, BODIES[4], content_type="application/json"), f"PUT {path}")
        _check(client.delete(f"{path}?{QUERIES[7]}"), f"DELETE {path}")
        huge = template.replace("ID", "99999999999999999999")
        _check(client.get(huge), f"GET {huge}")


def test_it_refuses_bodies_over_the_upload_limit(editor, settings) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = as_user(editor).post(
        "/wp-json/wp/v2/posts", json.dumps({"title": "x" * 5000}), content_type="application/json"
    )
    assert 400 <= response.status_code < 500
