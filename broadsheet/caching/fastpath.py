"""The page cache's fast path: repeat anonymous requests answered before Django runs.

A WSGI wrapper around Django's handler. For a request the page cache may answer
(broadsheet.caching.rules, the middleware's own rule), it looks in this process's memory for
the answer Django last gave to the same address; when that answer is of the current content
generation and not past its expiry, it is sent again at once: no HttpRequest is built, no
middleware or view runs. Anything else (a first request, a page of an older generation, a
cache that is down, a bypassing request) goes to Django unchanged.

Pages are learnt only from Django's own answers from the page cache (the middleware marks
them, and they say X-Cache: HIT), with the final status line and headers as Django sent them
after every middleware: the security headers, Content-Security-Policy, Cache-Control, Vary.
So nothing can differ from the Django path but the request id, which is made anew for every
request by the security app's own rule. A page's memory key holds every part of the request
that Django's answer depends on: the host headers (so a host ALLOWED_HOSTS refuses never has
an entry, and still gets Django's 400), the path, the query string and what decides the
scheme (HSTS, HTTPS redirects). A conditional request gets the 304 that Django gave for the
same page, once Django has given one.

The generation is checked on every request (generation.current(), a few microseconds with
the file cache), so a change made anywhere is seen by the very next request.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.http import HttpResponse

from broadsheet.caching import generation, rules
from broadsheet.security.requestid import HEADER as REQUEST_ID
from broadsheet.security.requestid import request_id_from

Headers = list[tuple[str, str]]
StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]

# Per process. Pages of one generation only; the oldest learnt is dropped first.
MEMORY_BYTES = 32 * 1024 * 1024
# What Django's answer to a cacheable request depends on, as the server gives it: the path
# (the script name and path info; SCRIPT_URL and REDIRECT_URL may change the script name),
# the host (the Host header, or the server's name and port; the forwarded ones if trusted),
# the query string and the scheme (plus the proxy header that may decide it, below).
KEY_FIELDS = (
    "PATH_INFO",
    "SCRIPT_NAME",
    "SCRIPT_URL",
    "REDIRECT_URL",
    "HTTP_HOST",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "SERVER_NAME",
    "SERVER_PORT",
    "QUERY_STRING",
    "wsgi.url_scheme",
)


@dataclass(slots=True)
class Answer:
    status: str
    headers: Headers
    body: bytes
    request_id_at: int  # index of the request-id header, -1 if none


@dataclass(slots=True)
class Page:
    generation: int
    etag: str
    expires: float
    path: str  # request.path, for the bypass rule (it is one per key)
    full: Answer | None = None
    not_modified: Answer | None = None
    size: int = 0


class PageCacheApp:
    def __init__(self, app: WSGIApp, memory_bytes: int = MEMORY_BYTES) -> None:
        self.app = app
        self.memory_bytes = memory_bytes
        self.pages: dict[tuple[Any, ...], Page] = {}
        self.generation: int | None = None
        self.size = 0
        self.lock = threading.Lock()
        self.settings: tuple[bool, str | None] | None = None
        _instances.add(self)

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        enabled, proxy_header = self.settings or self.read_settings()
        if not enabled:
            return whole(self.app(environ, start_response))
        key = (*map(environ.get, KEY_FIELDS), environ.get(proxy_header) if proxy_header else None)
        page = self.pages.get(key)
        path = page.path if page is not None else rules.request_path(environ)
        if not rules.is_shared(environ, path):
            return whole(self.app(environ, start_response))
        if page is not None:
            gen = generation.current()
            if gen is not None and gen == page.generation and time.time() < page.expires:
                answer = page.not_modified if rules.not_modified(environ, page.etag) else page.full
                if answer is not None:
                    return self.send(environ, start_response, answer)
            elif gen is not None and gen != self.generation:
                self.forget(gen)
        return self.learn(environ, start_response, key, path)

    def read_settings(self) -> tuple[bool, str | None]:
        proxy = settings.SECURE_PROXY_SSL_HEADER
        self.settings = (bool(settings.BROADSHEET_PAGE_CACHE), proxy[0] if proxy else None)
        return self.settings

    @staticmethod
    def send(
        environ: Mapping[str, Any], start_response: StartResponse, answer: Answer
    ) -> Iterable[bytes]:
        headers = answer.headers
        if answer.request_id_at >= 0:
            headers = headers.copy()
            headers[answer.request_id_at] = (
                REQUEST_ID,
                request_id_from(environ.get("HTTP_X_REQUEST_ID")),
            )
        start_response(answer.status, headers)
        # A HEAD answer has no body (Django leaves that to the server; so can we, but why send
        # the server bytes it must drop).
        return [] if environ.get("REQUEST_METHOD", "").upper() == "HEAD" else [answer.body]

    def learn(
        self,
        environ: dict[str, Any],
        start_response: StartResponse,
        key: tuple[Any, ...],
        path: str,
    ) -> Iterable[bytes]:
        sent: list[Any] = []

        def capture(status: str, headers: Headers, exc_info: Any = None) -> Any:
            sent[:] = [status, headers]
            return start_response(status, headers, exc_info)

        result = self.app(environ, capture)
        mark = environ.get(rules.HIT_MARK)
        if mark is None or not sent or ("X-Cache", "HIT") not in sent[1]:
            return whole(result)
        if environ.get("REQUEST_METHOD", "").upper() == "HEAD":
            return whole(result)  # learnt from GETs only: a layer below may have dropped the body
        try:
            body = b"".join(result)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()  # Django's request_finished: connections closed or kept as usual
        self.remember(key, path, mark, sent[0], sent[1], body)
        return [body]

    def remember(
        self,
        key: tuple[Any, ...],
        path: str,
        mark: tuple[int, str, float],
        status: str,
        headers: Headers,
        body: bytes,
    ) -> None:
        gen, etag, expires = mark
        at = next((i for i, (name, _) in enumerate(headers) if name == REQUEST_ID), -1)
        answer = Answer(status, list(headers), body, at)
        with self.lock:
            if gen != self.generation:
                self.forget(gen)
            page = self.pages.pop(key, None)
            if page is None or page.etag != etag:
                if page is not None:
                    self.size -= page.size
                page = Page(gen, etag, expires, path)
            if status.startswith("304"):
                page.not_modified = answer
            else:
                page.full = answer
            self.size -= page.size
            page.size = sum(
                len(a.body) + sum(len(k) + len(v) for k, v in a.headers)
                for a in (page.full, page.not_modified)
                if a is not None
            )
            self.size += page.size
            self.pages[key] = page
            while self.size > self.memory_bytes and self.pages:
                oldest = next(iter(self.pages))
                self.size -= self.pages.pop(oldest).size

    def forget(self, gen: int | None) -> None:
        """Drop every page: a new generation (or new settings) makes them all unreachable."""
        self.pages = {}
        self.size = 0
        self.generation = gen


_instances: weakref.WeakSet[PageCacheApp] = weakref.WeakSet()


def _settings_changed(**kwargs: Any) -> None:
    # Tests change settings (ALLOWED_HOSTS, the cache, HTTPS) under a running app; production
    # never does. Either way, answers learnt under other settings must not be sent.
    for app in list(_instances):
        app.settings = None
        app.forget(None)


setting_changed.connect(_settings_changed, dispatch_uid="broadsheet.caching.fastpath")


def whole(result: Iterable[bytes]) -> Iterable[bytes]:
    """Django's answer as one list of its bytes, when it is whole already (not streamed):
    what the server then sends in one piece. granian hands any other iterable to its I/O
    thread item by item, and the worker waits on it (measured: a third of a busy worker's
    time on a 35 kB feed). Closing it is Django's request_finished, as the server would."""
    if not isinstance(result, HttpResponse):
        return result
    try:
        return [result.content]
    finally:
        result.close()
