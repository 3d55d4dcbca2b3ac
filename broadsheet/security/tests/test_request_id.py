"""Every response carries a request id; an error is logged with it and the 500 page shows it,
so a reader's report can be matched to the traceback."""

from __future__ import annotations

import io
import logging
import re
import uuid
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.test import Client

from broadsheet.security.requestid import RequestIdFilter


@pytest.fixture
def log() -> Iterator[io.StringIO]:
    """django.request's records, formatted as the production settings format them."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(logging.Formatter(settings.LOGGING["formatters"]["plain"]["format"]))
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    yield stream
    logger.removeHandler(handler)


def test_it_gives_every_response_a_request_id(client: Client, db: None) -> None:
    first = client.get("/")["X-Request-ID"]
    second = client.get("/")["X-Request-ID"]
    assert first != second
    assert uuid.UUID(first)


def test_it_keeps_a_well_formed_id_from_the_proxy(client: Client, db: None) -> None:
    assert client.get("/", HTTP_X_REQUEST_ID="abc-123-def-456")["X-Request-ID"] == "abc-123-def-456"


@pytest.mark.parametrize(
    "bad", ["short", "x" * 200, "evil\nINFO forged line", "a b c d e f g h", ""]
)
def test_it_replaces_a_malformed_one(client: Client, db: None, bad: str) -> None:
    rid = client.get("/", HTTP_X_REQUEST_ID=bad)["X-Request-ID"]
    assert rid != bad and uuid.UUID(rid)


@pytest.mark.urls("broadsheet.security.tests.urls_boom")
def test_it_logs_an_error_with_the_id_shown_on_the_500_page(db: None, log: io.StringIO) -> None:
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    rid = response["X-Request-ID"]
    page = response.content.decode()
    assert "Something went wrong" in page
    assert f"<code>{rid}</code>" in page
    logged = log.getvalue()
    assert re.search(rf"ERROR \[{rid}\] django.request: Internal Server Error: /boom/", logged)
    assert "RuntimeError: something broke" in logged


@pytest.mark.urls("broadsheet.security.tests.urls_boom")
def test_it_uses_the_proxys_id_on_the_500_page(db: None) -> None:
    client = Client(raise_request_exception=False)
    response = client.get("/boom/", HTTP_X_REQUEST_ID="req-7f3a9c2e41")
    assert "req-7f3a9c2e41" in response.content.decode()
