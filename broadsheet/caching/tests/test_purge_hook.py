"""The CDN purge hook: off by default; when set, a change makes the worker POST to it."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from broadsheet.articles.actions import do_save_article, tags_by_name
from broadsheet.articles.models import Article
from broadsheet.articles.tests.factories import make_article, make_author

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def cdn() -> Iterator[tuple[str, list[dict[str, str]]]]:
    received: list[dict[str, str]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers["Content-Length"])
            received.append(json.loads(self.rfile.read(length)))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/purge", received
    server.shutdown()


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--queue-name", "*")


def test_it_sends_nothing_by_default() -> None:
    make_article("Story")
    assert not DBTaskResult.objects.filter(task_path__endswith="purge_cdn").exists()


def test_it_tells_the_cdn_to_purge_after_a_change(cdn: tuple[str, list[dict[str, str]]]) -> None:
    url, received = cdn
    with override_settings(
        BROADSHEET_PURGE_URL=url, SITE_URL="https://news.example", BROADSHEET_PAGE_CACHE=True
    ):
        make_article("Story")
        run_worker()
    assert received and received[0] == {"purge": "all", "site": "https://news.example"}


def test_it_queues_one_purge_per_change(cdn: tuple[str, list[dict[str, str]]]) -> None:
    url, _received = cdn
    author = make_author()
    tags = tags_by_name(["one", "two"])
    with override_settings(BROADSHEET_PURGE_URL=url, BROADSHEET_PAGE_CACHE=True):
        # One transaction touching many rows (article, tag links, legacy paths): one purge.
        do_save_article(Article(title="Story", author=author, status="publish"), tags=tags)
        assert DBTaskResult.objects.filter(task_path__endswith="purge_cdn").count() == 1
