"""Every URL pattern, given garbage, answers without a server error.

The patterns are read from Django's resolver (so routes added later are walked too), their
path parameters filled with real ids and with nonsense, and each is sent GET, POST, PUT,
PATCH and DELETE requests carrying wrong types, huge numbers, missing fields, invalid
UTF-8 in the query and the body, and JSON nested 10,000 deep — as an anonymous reader, as a
logged-in editor (session for the admin, an Application Password for the API), and, for the
admin pages only an administrator reaches, as an administrator.
"""

from __future__ import annotations

import base64
import json
import logging
import re
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from broadsheet.articles.tests.factories import make_article, make_category, make_image
from broadsheet.comments.models import Comment
from broadsheet.wordpress.models import ApplicationPassword

HUGE = "9" * 30  # past every integer column (SQLite and PostgreSQL alike)
DEEP_JSON = "[" * 10_000 + "]" * 10_000
GARBAGE_QUERY = (
    f"page=-1&per_page={HUGE}&offset=-5&p={HUGE}&page_id=abc&s=%ff%fe%00&id=abc"
    f"&include[]=x&include=1,abc&orderby=%3Cscript%3E&order=sideways&_fields=a,,b.c"
    f"&context=edit&_embed=1&replytocom={HUGE}&unapproved=1&moderation-hash=zz&o=-1.x"
    f"&q=%ff&all=&_changelist_filters=%ff&status=bogus&after=yesterday&before=1e999"
    f"&categories={HUGE}&author=-1&parent=x&post={HUGE}&search=%00&type=nope"
)
INVALID_UTF8_QUERY = "s=%C3%28&page=%ff&q=%ed%a0%80&_fields=%80"
INVALID_UTF8_FORM = (
    b"comment=%ff%fe&author=\xff\xfe&email=not-an-email&url=javascript:alert(1)"
    b"&comment_post_ID=" + HUGE.encode() + b"&comment_parent=-1&title=\xc3\x28"
    b"&username=%00&password=x&wp-comment-cookies-consent=maybe&post_password=\xff"
)
WRONG_TYPES = {
    "title": 123,
    "content": {"raw": None, "rendered": [1, 2]},
    "status": ["publish"],
    "date": "yesterday",
    "date_gmt": 1e308,
    "author": "abc",
    "categories": "1,2",
    "tags": [HUGE, -1, "x"],
    "post": int(HUGE),
    "parent": -1,
    "id": 1.5,
    "slug": "\x00" * 10,
    "password": {"x": 1},
    "featured_media": "x",
    "meta": [[[]]],
    "author_email": 42,
    "author_ip": "999.1.1.1",
    "alt_text": None,
}


@dataclass(frozen=True)
class Variant:
    name: str
    send: Callable[[Client, str], Any]


def _form_garbage() -> dict[str, Any]:
    return {
        "title": "x" * 100_000,
        "status": "bogus",
        "published_at_0": "not a date",
        "published_at_1": "25:61",
        "categories": ["abc", HUGE],
        "tags": "\x00",
        "author": HUGE,
        "id": "-1",
        "page": "1e9",
        "comment_post_ID": "1",
        "comment": "",
        "email": "@",
        "image": SimpleUploadedFile("x.png", b"GIF89a<script>alert(1)</script>", "image/png"),
        "file": SimpleUploadedFile("x.jpg", b"\xff\xd8\xff" + b"\x00" * 64, "image/jpeg"),
    }


VARIANTS = [
    Variant("GET garbage query", lambda c, p: c.generic("GET", f"{p}?{GARBAGE_QUERY}")),
    Variant("GET invalid UTF-8 query", lambda c, p: c.generic("GET", f"{p}?{INVALID_UTF8_QUERY}")),
    Variant(
        "POST invalid UTF-8 form",
        lambda c, p: c.generic(
            "POST", p, INVALID_UTF8_FORM, content_type="application/x-www-form-urlencoded"
        ),
    ),
    Variant("POST multipart wrong types", lambda c, p: c.post(p, _form_garbage())),
    Variant(
        "POST JSON 10,000 deep",
        lambda c, p: c.generic("POST", p, DEEP_JSON, content_type="application/json"),
    ),
    Variant(
        "POST empty JSON (missing fields)",
        lambda c, p: c.generic("POST", p, "", content_type="application/json"),
    ),
    Variant(
        "PUT JSON wrong types",
        lambda c, p: c.generic("PUT", p, json.dumps(WRONG_TYPES), content_type="application/json"),
    ),
    Variant(
        "PATCH invalid UTF-8 JSON",
        lambda c, p: c.generic(
            "PATCH",
            p,
            b'{"title": "\xff\xfe", "status": "\xc3\x28"}',
            content_type="application/json",
        ),
    ),
    Variant(
        "DELETE with garbage",
        lambda c, p: c.generic(
            "DELETE", f"{p}?force=maybe&reassign={HUGE}", b"\xff" * 10, content_type="text/plain"
        ),
    ),
]


# --- filling in the patterns ----------------------------------------------------------------


def walk(patterns: list[Any], prefix: str = "") -> Iterator[str]:
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern)


def _named_groups(route: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, name) of each regex named group, nested parentheses and all."""
    for m in re.finditer(r"\(\?P<([^>]+)>", route):
        depth, i = 0, m.start()
        while i < len(route):
            if route[i] == "\\":
                i += 2
                continue
            if route[i] == "(":
                depth += 1
            elif route[i] == ")":
                depth -= 1
                if depth == 0:
                    yield m.start(), i + 1, m.group(1)
                    break
            i += 1


def candidates(name: str, conv: str | None, route: str, ids: dict[str, str]) -> list[str]:
    """Values for one path parameter: a real one first, then nonsense."""
    real_id = next((v for k, v in ids.items() if k in route), "1")
    if name == "year":
        return ["2024", "0000", "9999"]
    if name in ("month", "day"):
        return ["01", "00", "99"]
    if name in ("page", "number"):
        return ["2", HUGE, "0"]
    if conv == "int" or name in ("id", "pk", "object_id", "content_type_id"):
        # A real id, and one kind of nonsense (a different one from route to route, which
        # keeps the request count down while every kind is still sent somewhere).
        nonsense = [HUGE, "0"] if conv == "int" else [HUGE, "abc", "%ff%fe", "-1"]
        return [real_id, nonsense[sum(map(ord, route)) % len(nonsense)]]
    if name == "app_label":
        m = re.search(r"\(\?P<app_label>([a-z_]+)", route)
        return [m.group(1) if m else "articles"]
    if name == "verb":
        return ["approve", "bogus"]
    if name == "section":
        return ["posts", "zzz"]
    if name == "suffix":
        return ["feed/", "feed/atom/"]
    if name == "path":
        return ["news/", "a/b/c/", "%ff/"] if "feed" in route else ["news", "a/b/c", "%e2%80%ae"]
    if name == "name":
        return ["x.jpg", "../../secret-key.txt", "%00"]
    if name == "url":
        return ["nowhere/", "%ff"]
    if name in ("type", "status", "taxonomy"):
        return {
            "type": ["post", "bogus"],
            "status": ["publish", "x"],
            "taxonomy": ["category", "x"],
        }[name]
    nonsense = ["x" * 300, "%ff%fe", "%e2%80%ae", "%00"]
    return [ids.get("slug", "sample"), nonsense[sum(map(ord, route)) % len(nonsense)]]


def fill(route: str, ids: dict[str, str]) -> list[str]:
    """A few concrete paths for one pattern: the i-th takes each parameter's i-th value."""
    slots: list[tuple[int, int, list[str]]] = []
    for m in re.finditer(r"<(?:([^>:]+):)?([^>]+)>", route):
        if route[max(0, m.start() - 3) : m.start()] == "(?P":
            continue
        slots.append((m.start(), m.end(), candidates(m.group(2), m.group(1), route, ids)))
    for start, end, name in _named_groups(route):
        slots.append((start, end, candidates(name, None, route, ids)))
    slots.sort()
    count = max([len(values) for *_, values in slots], default=1)
    paths = []
    for i in range(count):
        out, last = [], 0
        for start, end, values in slots:
            out.append(route[last:start])
            out.append(values[i % len(values)])
            last = end
        out.append(route[last:])
        path = "".join(out)
        # What is left of the regex syntax: anchors, lookaheads, wildcards.
        path = re.sub(r"\(\?!.*?\)", "", path)
        path = path.replace("^", "").replace("$", "").replace("\\", "")
        path = path.replace(".+", "x").replace(".*", "x")
        paths.append("/" + path)
    return paths


def all_paths(ids: dict[str, str]) -> list[str]:
    seen: dict[str, None] = {}
    for route in walk(get_resolver().url_patterns):
        for path in fill(route, ids):
            seen.setdefault(path, None)
    # A few paths no pattern names, for the catch-all and the legacy table.
    for extra in ("/%ff/", "/a/" * 200, "/wp-json/wp/v2/nothing", "/?p=" + HUGE, "/\x00/"):
        seen.setdefault(extra, None)
    return list(seen)


# --- the test ------------------------------------------------------------------------------


@pytest.fixture
def site(editor: User) -> dict[str, str]:
    """One of each thing a URL can point at."""
    category = make_category("News")
    article = make_article("Harbour dues rise", categories=[category], tags=["ports"])
    page = make_article("About us", kind="page")
    image = make_image()
    comment = Comment.objects.create(
        article=article,
        author_name="Ann",
        author_email="ann@example.net",
        author_ip="203.0.113.9",
        content="A first comment.",
        status=Comment.Status.APPROVED,
    )
    ids = {
        "posts": str(article.pk),
        "pages": str(page.pk),
        "categories": str(category.pk),
        "tags": str(article.tags.first().pk),
        "comments": str(comment.pk),
        "media": str(image.pk),
        "users": str(editor.pk),
        "slug": article.slug if hasattr(article, "slug") else "harbour-dues-rise",
    }
    for model in apps.get_models():
        first = model._default_manager.order_by("pk").values_list("pk", flat=True).first()
        if first is not None:
            ids[f"admin/{model._meta.app_label}/{model._meta.model_name}/"] = str(first)
    return ids


def fuzz(client: Client, paths: list[str], relogin: Callable[[], None] | None) -> list[str]:
    failures = []
    known = set(paths)
    for path in paths:
        # "/x" and "/x/" are one view (the API answers both, never redirecting): the full set
        # of garbage goes to one of them, a garbage query to the other.
        twin = path[:-1] if path.endswith("/") else f"{path}/"
        variants = VARIANTS[:1] if path.endswith("/") and twin in known else VARIANTS
        if path.startswith("/admin/"):
            # Django's admin treats PUT, PATCH and DELETE as it does GET: sending them adds
            # time, not coverage.
            variants = [v for v in variants if v.name.split()[0] in ("GET", "POST")]
        for variant in variants:
            try:
                response = variant.send(client, path)
                if response.status_code >= 500:
                    failures.append(f"{variant.name} {path!r}: {response.status_code}")
            except Exception as e:
                where = traceback.extract_tb(e.__traceback__)[-1]
                failures.append(
                    f"{variant.name} {path[:120]!r}: {type(e).__name__}: {str(e)[:160]} "
                    f"({where.filename.split('site-packages/')[-1]}:{where.lineno})"
                )
            if relogin is not None and not client.cookies.get(settings.SESSION_COOKIE_NAME):
                relogin()  # a POST to /admin/logout/ ended the session
            elif relogin is not None and not client.cookies[settings.SESSION_COOKIE_NAME].value:
                relogin()
    return failures


def test_it_walks_every_pattern(site: dict[str, str]) -> None:
    paths = all_paths(site)
    routes = list(walk(get_resolver().url_patterns))
    assert len(routes) > 150
    assert any(p.startswith("/wp-json/wp/v2/posts/") for p in paths)
    assert any(p.startswith("/admin/articles/article/") for p in paths)
    assert "/wp-comments-post.php" in paths
    assert not any("(?P" in p or "<" in p for p in paths)


@pytest.fixture(autouse=True)
def quiet_logs() -> Iterator[None]:
    # Thousands of expected 4xx warnings would only slow the run down; failures are
    # collected from the exceptions themselves.
    logging.disable(logging.CRITICAL)
    yield
    logging.disable(logging.NOTSET)


def test_it_never_answers_5xx_to_an_anonymous_reader(site: dict[str, str]) -> None:
    failures = fuzz(Client(), all_paths(site), relogin=None)
    assert failures == [], "\n".join(failures)


def logged_in(user: User) -> tuple[Client, Callable[[], None]]:
    """A client with `user`'s session (the admin) and an Application Password (the API)."""
    _item, password = ApplicationPassword.objects.issue(user, "fuzz")
    token = base64.b64encode(f"{user.get_username()}:{password}".encode()).decode()
    client = Client(HTTP_AUTHORIZATION=f"Basic {token}")

    def relogin() -> None:
        client.force_login(user)

    relogin()
    return client, relogin


def test_it_never_answers_5xx_to_a_logged_in_editor(editor: User, site: dict[str, str]) -> None:
    client, relogin = logged_in(editor)
    failures = fuzz(client, all_paths(site), relogin=relogin)
    assert failures == [], "\n".join(failures)


def test_it_never_answers_5xx_in_the_admin_to_an_administrator(
    administrator: User, site: dict[str, str]
) -> None:
    # The admin pages only an administrator reaches (people, users, roles, tasks, logins).
    client, relogin = logged_in(administrator)
    paths = [p for p in all_paths(site) if p.startswith("/admin/")]
    failures = fuzz(client, paths, relogin=relogin)
    assert failures == [], "\n".join(failures)
