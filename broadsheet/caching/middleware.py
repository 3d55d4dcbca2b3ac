"""The full-page cache for anonymous readers, and HTTP caching headers for CDNs and browsers.

Early in the middleware list: a hit is answered before sessions, CSRF or URL resolution run.
A page is stored as (status, headers, body, ETag, Last-Modified, expiry time) under a key made
of the content generation, the host and the full path. In front of Django, the WSGI fast path
(broadsheet.caching.fastpath) answers repeat requests for such pages from process memory.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from email.utils import formatdate

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control, patch_vary_headers

from broadsheet.caching import generation, rules

log = logging.getLogger(__name__)

MAX_AGE = 3600
CACHEABLE_STATUS = (200, 301, 404, 410)


def page_key(request: HttpRequest, gen: int) -> str:
    raw = f"{request.get_host()}|{request.get_full_path()}"
    return f"broadsheet:page:{gen}:{hashlib.sha256(raw.encode()).hexdigest()}"


def http_date(gen: int) -> str:
    return formatdate(gen / 1_000_000, usegmt=True)


class PageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not settings.BROADSHEET_PAGE_CACHE or not rules.is_shared(request.META, request.path):
            response = self.get_response(request)
            if rules.is_personal(request.META) or request.method not in rules.CACHEABLE_METHODS:
                patch_cache_control(response, private=True)
            return response

        gen = generation.current()
        if gen is None:  # the cache is down: serve from the database
            return self.get_response(request)
        key = page_key(request, gen)
        stored = cache.get(key)
        if stored is not None and len(stored) == 6:
            # Tells the WSGI fast path (broadsheet.caching.fastpath) that this answer may be
            # learnt, and for which generation and how long.
            request.META[rules.HIT_MARK] = (gen, stored[3], stored[5])
            return self.answer(request, *stored, hit=True)

        response = self.get_response(request)
        if self.storable(response):
            headers = [
                (k, v) for k, v in response.items() if k.lower() not in ("set-cookie", "vary")
            ]
            etag = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
            expires = time.time() + MAX_AGE
            stored = (
                response.status_code,
                headers,
                response.content,
                etag,
                http_date(gen),
                expires,
            )
            cache.set(key, stored, timeout=MAX_AGE)
            return self.answer(request, *stored, hit=False)
        return response

    @staticmethod
    def storable(response: HttpResponse) -> bool:
        return (
            response.status_code in CACHEABLE_STATUS
            and not response.streaming
            and not response.cookies
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
        )

    @staticmethod
    def answer(
        request: HttpRequest,
        status: int,
        headers: list[tuple[str, str]],
        content: bytes,
        etag: str,
        last_modified: str,
        expires: float,
        hit: bool,
    ) -> HttpResponse:
        if rules.not_modified(request.META, etag):
            response: HttpResponse = HttpResponseNotModified()
        else:
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
        response["ETag"] = etag
        response["Last-Modified"] = last_modified
        response["X-Cache"] = "HIT" if hit else "MISS"
        if "Cache-Control" not in response:
            # Short for browsers and CDNs: a purge reaches them only through the hook.
            response["Cache-Control"] = (
                f"public, max-age={settings.BROADSHEET_HTTP_MAX_AGE}, "
                "stale-while-revalidate=600, stale-if-error=86400"
            )
        patch_vary_headers(response, ["Cookie", "Authorization"])
        return response
