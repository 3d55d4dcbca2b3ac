"""Which requests the page cache may answer, and when a cached answer is "not modified".

One rule for both places that answer from the cache: the middleware
(broadsheet.caching.middleware, inside Django) and the WSGI fast path
(broadsheet.caching.fastpath, before Django). Both read the WSGI environ (a Django request's
META is that same dict), so neither restates the other.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import SuspiciousOperation
from django.core.handlers.wsgi import get_bytes_from_wsgi, get_path_info, get_script_name
from django.http import QueryDict
from django.http.cookie import parse_cookie
from django.utils.http import parse_etags

# Requests carrying any of these are someone's own: never answered from, nor stored in,
# the shared cache (DESIGN.md). Matched as cookie-name prefixes.
PERSONAL_COOKIES = ("sessionid", "broadsheet-postpass", "comment_author")
NEVER_CACHED = ("/admin/", "/healthz", "/postpass/", "/wp-comments-post.php")
CACHEABLE_METHODS = ("GET", "HEAD")

# Set in the environ by the middleware when it answers from the cache: (generation, ETag,
# expiry time). The fast path learns a page only from such an answer.
HIT_MARK = "broadsheet.page_cache.hit"


def request_path(environ: Mapping[str, Any]) -> str:
    """The path as Django's WSGIRequest makes request.path (script name, then path info)."""
    path_info = get_path_info(environ) or "/"
    return "{}/{}".format(get_script_name(environ).rstrip("/"), path_info.replace("/", "", 1))


def is_personal(meta: Mapping[str, Any]) -> bool:
    if "HTTP_AUTHORIZATION" in meta:
        return True
    cookies = meta.get("HTTP_COOKIE")
    return bool(cookies) and any(
        name.startswith(PERSONAL_COOKIES) for name in parse_cookie(cookies)
    )


def is_searching(meta: Mapping[str, Any]) -> bool:
    """Search results (?s=) are not cached: arbitrary queries would flood the cache.

    Raises SuspiciousOperation for too many query fields, as request.GET would."""
    query = get_bytes_from_wsgi(meta, "QUERY_STRING", "")
    return bool(query) and "s" in QueryDict(query)


def is_shared(meta: Mapping[str, Any], path: str) -> bool:
    """Whether this request may be answered from (and its response stored in) the cache."""
    if meta.get("REQUEST_METHOD", "").upper() not in CACHEABLE_METHODS:
        return False
    if path.startswith(NEVER_CACHED):
        return False
    try:
        if is_searching(meta):
            return False
    except SuspiciousOperation:
        # Too many query fields: not ours to answer; the view's own handling says 400.
        return False
    return not is_personal(meta)


def not_modified(meta: Mapping[str, Any], etag: str) -> bool:
    """If-None-Match names the page's ETag (weak comparison, as RFC 9110 asks for GET/HEAD),
    or is "*" (any current representation)."""
    header = meta.get("HTTP_IF_NONE_MATCH")
    if not header:
        return False
    tags = parse_etags(header)
    if tags == ["*"]:
        return True
    strong = etag.removeprefix("W/")
    return any(tag.removeprefix("W/") == strong for tag in tags)
