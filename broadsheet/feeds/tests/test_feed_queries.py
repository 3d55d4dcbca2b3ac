"""Feeds and sitemaps cost the same number of queries with 1 item or 50."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from broadsheet.articles.tests.factories import make_article, make_author
from broadsheet.feeds.tests.conftest import Site, approve
from broadsheet.feeds.tests.helpers import FEED_KINDS, body

SITEMAPS = [
    "/sitemap.xml",
    "/sitemap-home.xml",
    "/sitemap-posts-1.xml",
    "/sitemap-categories-1.xml",
    "/sitemap-tags-1.xml",
    "/sitemap-authors-1.xml",
]


def grow(site: Site, n: int) -> None:
    """n more articles, each by its own author, in the site's category, with its own tag
    and the shared one, and a comment on the site's article."""
    for i in range(n):
        article = make_article(
            f"More {i}",
            author=make_author(),
            categories=[site.category],
            tags=["Budget", f"topic {i}"],
        )
        approve(article, f"Reader {i}", f"r{i}@example.com", "Noted.")
        approve(site.article, f"Fan {i}", f"f{i}@example.com", "Agreed.")


def count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        assert response.status_code == 200, url
        body(response)  # streamed sitemaps query as they are read
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", [*FEED_KINDS, *SITEMAPS])
def test_it_costs_the_same_queries_with_50_items(
    client: Client,
    site: Site,
    url: str,
    django_assert_num_queries: Callable[..., Any],
) -> None:
    path = site.url(url) if url in FEED_KINDS else url
    small = count(client, path)
    grow(site, 49)
    with django_assert_num_queries(small):
        response = client.get(path)
        body(response)
    assert small <= 5, (path, small)
