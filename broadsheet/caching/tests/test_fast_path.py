"""The page cache's WSGI fast path: the same answer as Django's, without running Django."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_started
from django.test import RequestFactory, override_settings

from broadsheet.articles.actions import do_save_article
from broadsheet.articles.tests.factories import make_article
from broadsheet.caching import fastpath, generation
from broadsheet.caching.fastpath import PageCacheApp
from broadsheet.caching.tests.wsgi import FastPathClient, call_wsgi

pytestmark = pytest.mark.django_db

Answer = tuple[str, list[tuple[str, str]], bytes]


@pytest.fixture(autouse=True)
def page_cache() -> Iterator[None]:
    cache.clear()
    with override_settings(BROADSHEET_PAGE_CACHE=True):
        yield
    cache.clear()


@pytest.fixture
def app() -> PageCacheApp:
    """What `broadsheet serve` runs: Django's own WSGI handler behind the fast path."""
    return PageCacheApp(WSGIHandler())


@pytest.fixture
def django_runs() -> Iterator[list[int]]:
    """How many requests reached Django."""
    seen: list[int] = []

    def count(**kwargs: Any) -> None:
        seen.append(1)

    request_started.connect(count)
    yield seen
    request_started.disconnect(count)


def environ(path: str, method: str = "GET", **headers: str) -> dict[str, Any]:
    factory = RequestFactory()
    return factory.generic(method, path, headers=headers or None).environ


def get(app: PageCacheApp, path: str, method: str = "GET", **headers: str) -> Answer:
    return call_wsgi(app, environ(path, method, **headers))


def header(answer: Answer, name: str) -> str | None:
    return next((v for k, v in answer[1] if k.lower() == name.lower()), None)


def without_request_id(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(k, v) for k, v in headers if k != "X-Request-ID"]


def test_it_answers_with_the_bytes_and_headers_django_sent(
    app: PageCacheApp, django_runs: list[int]
) -> None:
    article = make_article("Cached story")
    miss = get(app, article.path)
    hit = get(app, article.path)  # Django, from the page cache: the fast path learns it
    assert header(miss, "X-Cache") == "MISS" and header(hit, "X-Cache") == "HIT"
    assert len(django_runs) == 2
    fast = get(app, article.path)
    again = get(app, article.path)
    assert len(django_runs) == 2  # neither reached Django
    for answer in (fast, again):
        assert answer[0] == hit[0] == "200 OK"
        assert answer[2] == hit[2] and b"Cached story" in answer[2]
        # Every header, in Django's order: security headers, CSP, Cache-Control, Vary, ETag.
        assert without_request_id(answer[1]) == without_request_id(hit[1])
    names = {k for k, _ in fast[1]}
    assert {
        "Content-Security-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cache-Control",
        "ETag",
        "Last-Modified",
        "Vary",
        "Content-Length",
    } <= names


def test_it_gives_every_answer_its_own_request_id(app: PageCacheApp) -> None:
    path = make_article("Story").path
    hit_id = [header(get(app, path), "X-Request-ID") for _ in range(2)][-1]
    first, second = (header(get(app, path), "X-Request-ID") for _ in range(2))
    assert first and second and len({hit_id, first, second}) == 3
    echoed = get(app, path, **{"X-Request-ID": "proxy-id-0001"})
    assert header(echoed, "X-Request-ID") == "proxy-id-0001"
    assert header(get(app, path, **{"X-Request-ID": "bad\nid"}), "X-Request-ID") != "bad\nid"


def test_it_sends_the_headers_django_sends_over_https() -> None:
    path = make_article("Story").path
    with override_settings(
        SECURE_HSTS_SECONDS=31_536_000,
        SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"),
    ):
        app = PageCacheApp(WSGIHandler())  # Django's middleware read settings when loaded
        https = {"X-Forwarded-Proto": "https"}
        hit = [get(app, path, **https) for _ in range(2)][-1]
        fast = get(app, path, **https)
        assert header(fast, "Strict-Transport-Security") == "max-age=31536000"
        assert without_request_id(fast[1]) == without_request_id(hit[1])
        # The same address over plain HTTP is another answer (no HSTS), learnt on its own.
        plain = [get(app, path) for _ in range(3)]
        assert all(header(a, "Strict-Transport-Security") is None for a in plain)
        assert without_request_id(plain[2][1]) == without_request_id(plain[1][1])
        assert plain[2][2] == plain[1][2]


def test_it_answers_304_and_head_as_django_does(app: PageCacheApp, django_runs: list[int]) -> None:
    path = make_article("Story").path
    full = [get(app, path) for _ in range(3)][-1]
    etag = header(full, "ETag")
    assert etag
    not_modified = [get(app, path, **{"If-None-Match": etag}) for _ in range(3)]
    assert len(django_runs) == 3  # the first 304 came from Django, the next from memory
    for answer in not_modified:
        assert answer[0] == "304 Not Modified" and answer[2] == b""
        assert header(answer, "ETag") == etag
    assert without_request_id(not_modified[2][1]) == without_request_id(not_modified[0][1])
    assert get(app, path, **{"If-None-Match": f"W/{etag}"})[0].startswith("304")
    assert get(app, path, **{"If-None-Match": '"other"'})[0] == "200 OK"
    head = get(app, path, method="HEAD")
    assert head[0] == "200 OK" and head[2] == b""
    assert header(head, "Content-Length") == header(full, "Content-Length")
    assert len(django_runs) == 3


@pytest.mark.parametrize(
    "headers",
    [
        {"Cookie": "sessionid=abc"},
        {"Cookie": "theme=dark; broadsheet-postpass=x"},
        {"Cookie": "comment_author_3f2a=Ada"},
        {"Authorization": "Basic eDp5"},
    ],
)
def test_it_leaves_personal_requests_to_django(
    app: PageCacheApp, django_runs: list[int], headers: dict[str, str]
) -> None:
    path = make_article("Story").path
    for _ in range(3):
        get(app, path)
    before = len(django_runs)
    answer = get(app, path, **headers)
    assert len(django_runs) == before + 1
    assert header(answer, "X-Cache") is None and "private" in (
        header(answer, "Cache-Control") or ""
    )


def test_it_answers_other_cookies_from_memory(app: PageCacheApp, django_runs: list[int]) -> None:
    path = make_article("Story").path
    for _ in range(2):
        get(app, path)
    answer = get(app, path, Cookie="theme=dark; csrftoken=abc")
    assert len(django_runs) == 2 and header(answer, "X-Cache") == "HIT"


def test_it_never_answers_posts_or_searches(app: PageCacheApp, django_runs: list[int]) -> None:
    make_article("Story")
    for _ in range(3):
        assert header(get(app, "/?s=story"), "X-Cache") is None
    assert len(django_runs) == 3
    for _ in range(3):
        get(app, "/")
    assert header(get(app, "/", method="POST"), "X-Cache") is None
    assert len(django_runs) == 3 + 2 + 1


def test_it_refuses_a_host_not_allowed(app: PageCacheApp) -> None:
    path = make_article("Story").path
    for _ in range(3):
        assert get(app, path)[0] == "200 OK"
    answer = call_wsgi(app, environ(path) | {"HTTP_HOST": "evil.example"})
    assert answer[0].startswith("400") and b"Story" not in answer[2]


def test_it_never_serves_a_page_older_than_a_change(app: PageCacheApp) -> None:
    article = make_article("Old headline")
    for _ in range(3):
        get(app, article.path)
    assert b"Old headline" in get(app, article.path)[2]
    article.title = "New headline"
    do_save_article(article)
    answer = get(app, article.path)
    assert header(answer, "X-Cache") == "MISS" and b"New headline" in answer[2]


def test_it_sees_a_generation_started_by_another_process_at_once(app: PageCacheApp) -> None:
    path = make_article("Story").path
    for _ in range(3):
        get(app, path)
    # Another process writes the generation (a new file in the cache folder); nothing here
    # is told, so only the check on each request can notice.
    cache.set(generation.KEY, generation.current() + 1, timeout=None)
    assert header(get(app, path), "X-Cache") == "MISS"


def test_it_forgets_pages_past_their_expiry(
    app: PageCacheApp, monkeypatch: pytest.MonkeyPatch, django_runs: list[int]
) -> None:
    path = make_article("Story").path
    for _ in range(3):
        get(app, path)
    assert len(django_runs) == 2
    later = fastpath.time.time() + 3601

    class Later:
        @staticmethod
        def time() -> float:
            return later

    monkeypatch.setattr(fastpath, "time", Later)
    get(app, path)
    assert len(django_runs) == 3


def test_it_keeps_its_memory_within_bounds(django_runs: list[int]) -> None:
    first, second = make_article("One").path, make_article("Two").path
    probe = PageCacheApp(WSGIHandler())
    for _ in range(2):
        get(probe, first)
    one_page = probe.size
    assert one_page > 0
    app = PageCacheApp(WSGIHandler(), memory_bytes=one_page * 3 // 2)
    for path in (first, first, second, second):  # each learnt on its second request
        get(app, path)
    assert app.size <= one_page * 3 // 2 and len(app.pages) == 1
    runs = len(django_runs)
    get(app, second)
    assert len(django_runs) == runs  # the newer page is kept
    get(app, first)
    assert len(django_runs) == runs + 1  # the older one was dropped


def test_it_is_off_with_the_page_cache(app: PageCacheApp, django_runs: list[int]) -> None:
    path = make_article("Story").path
    for _ in range(3):
        get(app, path)
    with override_settings(BROADSHEET_PAGE_CACHE=False):
        answer = get(app, path)
    assert header(answer, "X-Cache") is None and len(django_runs) == 3


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_it_keeps_serving_when_redis_is_down() -> None:
    make_article("Still here")
    caches = {
        "default": {
            "BACKEND": "broadsheet.caching.backends.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    with override_settings(CACHES=caches):
        client = FastPathClient()
        for _ in range(4):
            response = client.get("/")
            assert response.status_code == 200 and "Still here" in response.content.decode()
            assert not response.fast_path and "X-Cache" not in response  # type: ignore[attr-defined]


def test_the_served_application_has_the_fast_path() -> None:
    from broadsheet.wsgi import application

    assert isinstance(application, PageCacheApp)
