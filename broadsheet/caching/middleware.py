"""The full-page cache for anonymous readers, and HTTP caching headers for CDNs and browsers.

First in the middleware list: a hit is answered before sessions, CSRF or URL resolution run.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from email.utils import formatdate

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags

from broadsheet.caching import generation

log = logging.getLogger(__name__)

# Requests carrying any of these are someone's own: never answered from, nor stored in,
# the shared cache (DESIGN.md). Matched as cookie-name prefixes.
PERSONAL_COOKIES = ("sessionid", "broadsheet-postpass", "comment_author")
NEVER_CACHED = ("/admin/", "/healthz", "/postpass/", "/wp-comments-post.php")
MAX_AGE = 3600
CACHEABLE_STATUS = (200, 301, 404, 410)


def is_personal(request: HttpRequest) -> bool:
    if "HTTP_AUTHORIZATION" in request.META:
        return True
    return any(name.startswith(PERSONAL_COOKIES) for name in request.COOKIES)


def is_shared(request: HttpRequest) -> bool:
    """Whether this request may be answered from (and its response stored in) the cache."""
    if request.method not in ("GET", "HEAD") or request.path.startswith(NEVER_CACHED):
        return False
    try:
        # Search results are not cached: arbitrary queries would flood the cache.
        searching = "s" in request.GET
    except SuspiciousOperation:
        # Too many query fields: not ours to answer; the view's own handling says 400.
        return False
    return not searching and not is_personal(request)


def page_key(request: HttpRequest, gen: int) -> str:
    raw = f"{request.get_host()}|{request.get_full_path()}"
    return f"broadsheet:page:{gen}:{hashlib.sha256(raw.encode()).hexdigest()}"


def http_date(gen: int) -> str:
    return formatdate(gen / 1_000_000, usegmt=True)


class PageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not settings.BROADSHEET_PAGE_CACHE or not is_shared(request):
            response = self.get_response(request)
            if is_personal(request) or request.method not in ("GET", "HEAD"):
                patch_cache_control(response, private=True)
            return response

        gen = generation.current()
        if gen is None:  # the cache is down: serve from the database
            return self.get_response(request)
        key = page_key(request, gen)
        stored = cache.get(key)
        if stored is not None:
            return self.answer(request, *stored, hit=True)

        response = self.get_response(request)
        if self.storable(response):
            headers = [
                (k, v) for k, v in response.items() if k.lower() not in ("set-cookie", "vary")
            ]
            etag = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
            stored = (response.status_code, headers, response.content, etag, http_date(gen))
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
        hit: bool,
    ) -> HttpResponse:
        if etag in parse_etags(request.headers.get("If-None-Match", "")):
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
