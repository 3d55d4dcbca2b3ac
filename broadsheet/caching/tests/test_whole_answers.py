"""What the WSGI application hands the server: a page Django made whole is one list of
bytes (granian sends it in one piece; any other iterable item by item, with the worker
waiting), already closed; a streamed answer stays a stream."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from broadsheet.articles.tests.factories import make_article
from broadsheet.caching.fastpath import PageCacheApp

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def finished() -> Iterator[list[int]]:
    seen: list[int] = []

    def count(**kwargs: Any) -> None:
        seen.append(1)

    request_finished.connect(count)
    yield seen
    request_finished.disconnect(count)


def call(path: str, **headers: str) -> tuple[str, Any]:
    sent: list[str] = []
    environ = RequestFactory().get(path, headers=headers or None).environ
    result = PageCacheApp(WSGIHandler())(environ, lambda status, h, *a: sent.append(status))
    return sent[0], result


@pytest.mark.parametrize("cached", [False, True])
def test_it_hands_over_whole_pages_as_one_piece(finished: list[int], cached: bool) -> None:
    story = make_article("A story")
    with override_settings(BROADSHEET_PAGE_CACHE=cached):
        for path, headers in (
            (story.path, {}),
            ("/", {"cookie": "sessionid=abc"}),  # a personal request: past the page cache
            ("/no/such/page/", {}),
            ("/wp-json/wp/v2/posts", {}),
        ):
            _status, result = call(path, **headers)
            assert isinstance(result, list) and len(result) == 1, (path, type(result))
            assert isinstance(result[0], bytes) and result[0]
            assert not isinstance(result, HttpResponse)
    # Each closed, as the server would have closed it: Django's request_finished ran.
    assert len(finished) == 4


def test_it_leaves_streamed_answers_streaming(finished: list[int]) -> None:
    make_article("A story")
    status, result = call("/sitemap-posts-1.xml")
    assert status.startswith("200") and not isinstance(result, list)
    assert b"<urlset" in b"".join(result)
    result.close()
    assert len(finished) == 1
