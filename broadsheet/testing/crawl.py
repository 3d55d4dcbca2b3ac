"""Crawl the public site as an anonymous reader, for tests that must see every output.

Follows every same-site link (href and src) from the start pages, `/sitemap.xml` and the
sitemaps and feeds it names, once each, through the real URL map and middleware.
"""

from __future__ import annotations

import re
from collections import deque
from html import unescape
from urllib.parse import urljoin, urlsplit

from django.test import Client

LINK = re.compile(r"""(?:href|src)=["']([^"']+)["']|<loc>([^<]+)</loc>""")
SKIP_PREFIXES = ("/admin/", "/static/", "/media/")
# Pages answered with 200 whose body is not worth fetching again under another query string.
MAX_PAGES = 5000


def same_site_path(url: str, base: str) -> str | None:
    parts = urlsplit(urljoin(base, unescape(url)))
    if parts.scheme not in ("http", "https", "") or parts.netloc not in (
        "",
        "testserver",
        "127.0.0.1:8000",
        "localhost",
    ):
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return None if path.startswith(SKIP_PREFIXES) else path


def crawl(
    client: Client | None = None, start: tuple[str, ...] = ("/", "/sitemap.xml")
) -> dict[str, str]:
    """Return {path: body} for every page reachable from `start`; non-200 answers are kept
    out except redirects, which are followed."""
    client = client or Client()
    seen: set[str] = set()
    bodies: dict[str, str] = {}
    queue = deque(start)
    while queue and len(seen) < MAX_PAGES:
        path = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code in (301, 302, 303, 307, 308):
            target = same_site_path(response["Location"], path)
            if target:
                queue.append(target)
            continue
        if response.status_code != 200:
            continue
        # Sitemap chunks are streamed; media (a FileResponse) is never crawled.
        raw = b"".join(response.streaming_content) if response.streaming else response.content
        body = raw.decode("utf-8", errors="replace")
        bodies[path] = body
        for href, loc in LINK.findall(body):
            target = same_site_path(href or loc, path)
            if target and target not in seen:
                queue.append(target)
    return bodies
