"""Small helpers for the feed, sitemap and metadata tests."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import feedparser
from django.test import Client

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

# Every feed URL shape the site answers, with a placeholder for the article's path.
FEED_KINDS = {
    "site rss": "/feed/",
    "site atom": "/feed/atom/",
    "category rss": "/category/news/feed/",
    "category atom": "/category/news/feed/atom/",
    "tag rss": "/tag/budget/feed/",
    "tag atom": "/tag/budget/feed/atom/",
    "author rss": "/author/{author}/feed/",
    "author atom": "/author/{author}/feed/atom/",
    "comments rss": "/comments/feed/",
    "comments atom": "/comments/feed/atom/",
    "article comments rss": "{article}feed/",
    "article comments atom": "{article}feed/atom/",
}


def body(response: Any) -> str:
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    return raw.decode()


def get(client: Client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return body(response)


def parse_feed(client: Client, url: str) -> Any:
    """Fetch a feed and parse it with feedparser, which must find nothing wrong."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, (url, parsed.get("bozo_exception"))
    return parsed


def sitemap_locs(xml: str) -> list[tuple[str, str | None]]:
    root = ET.fromstring(xml)  # noqa: S314  (our own output)
    out = []
    for node in root:
        loc = node.find(f"{SM}loc")
        lastmod = node.find(f"{SM}lastmod")
        assert loc is not None and loc.text
        out.append((loc.text, lastmod.text if lastmod is not None else None))
    return out
