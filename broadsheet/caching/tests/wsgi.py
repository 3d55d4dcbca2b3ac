"""Requests through the page cache's WSGI fast path, for tests.

FastPathClient is Django's test client with its handler put behind a real PageCacheApp: a
request the fast path answers never reaches Django (response.fast_path is True), any other
goes on to Django exactly as the plain test client's would. call_wsgi() drives a WSGI
application as a server does, for byte-level comparisons.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.handlers.wsgi import WSGIRequest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.http import HttpResponse
from django.http.response import ResponseHeaders
from django.test import Client
from django.test.client import ClientHandler

from broadsheet.caching.fastpath import PageCacheApp


class DjangoAsWSGI:
    """Django's test handler as a WSGI application, keeping each response object so the
    test client gets it back with its test-only attributes (cookies, templates, context)."""

    def __init__(self, handler: ClientHandler) -> None:
        self.handler = handler
        self.last: HttpResponse | None = None

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        response = self.handler(environ)  # already closed, as the test handler does
        self.last = response
        headers = [
            *response.items(),
            *(("Set-Cookie", c.output(header="")) for c in response.cookies.values()),
        ]
        start_response(f"{response.status_code} {response.reason_phrase}", headers)
        return response.streaming_content if response.streaming else [response.content]


class FastPathHandler:
    def __init__(self, handler: ClientHandler, **options: Any) -> None:
        self.django = DjangoAsWSGI(handler)
        self.app = PageCacheApp(self.django, **options)

    def __call__(self, environ: dict[str, Any]) -> HttpResponse:
        self.django.last = None
        sent: list[tuple[str, list[tuple[str, str]]]] = []
        result = self.app(
            environ, lambda status, headers, exc_info=None: sent.append((status, headers))
        )
        if self.django.last is not None:
            response = self.django.last
            response.fast_path = False  # type: ignore[attr-defined]
            return response
        status, headers = sent[0]
        code, reason = status.split(" ", 1)
        response = HttpResponse(b"".join(result), status=int(code), reason=reason)
        response.headers = ResponseHeaders({})
        for name, value in headers:
            response.headers[name] = value
        response.wsgi_request = WSGIRequest(environ)  # type: ignore[attr-defined]
        response.fast_path = True  # type: ignore[attr-defined]
        response.raw_headers = headers  # type: ignore[attr-defined]
        return response


class FastPathClient(Client):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.handler = FastPathHandler(self.handler)  # type: ignore[assignment]


def call_wsgi(app: Any, environ: dict[str, Any]) -> tuple[str, list[tuple[str, str]], bytes]:
    """One request to a WSGI application, as a server makes it: (status, headers, body).

    Django's request signals stay, but not the connection check on them: inside a test's
    transaction it would close the connection the test is using."""
    sent: list[tuple[str, list[tuple[str, str]]]] = []
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        result = app(environ, lambda status, headers, exc_info=None: sent.append((status, headers)))
        try:
            body = b"".join(result)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return sent[-1][0], sent[-1][1], body
