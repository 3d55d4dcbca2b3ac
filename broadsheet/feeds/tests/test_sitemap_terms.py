"""Term sitemaps: a category's lastmod is its newest public article's, descendants'
included (the archive's rule), and the index and term chunks take the same queries
whatever the number of terms."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.db.models import F
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from broadsheet.articles.models import Article, Status
from broadsheet.articles.tests.factories import make_article, make_category
from broadsheet.feeds.tests.helpers import get, sitemap_locs

pytestmark = pytest.mark.django_db
S = settings.SITE_URL


def stamp(article) -> str:  # type: ignore[no-untyped-def]
    return max(article.updated_at, article.published_at).replace(microsecond=0).isoformat()


def test_it_dates_each_category_by_its_newest_article_descendants_included(
    client: Client,
) -> None:
    now = timezone.now()
    world = make_category("World")
    europe = make_category("Europe", parent=world)
    paris = make_category("Paris", parent=europe)
    asia = make_category("Asia", parent=world)
    make_category("Empty")
    old = make_article("Old", categories=[world], published_at=now - timedelta(days=9))
    middle = make_article("Middle", categories=[asia], published_at=now - timedelta(days=5))
    newest = make_article("Newest", categories=[paris], published_at=now - timedelta(days=1))
    # Nothing hidden counts: a newer draft, a newer protected article.
    make_article("Draft", categories=[europe], status=Status.DRAFT, published_at=now)
    make_article("Locked", categories=[asia], password="x", published_at=now)
    # Saved when they went out, so each one's lastmod is its own publish time.
    Article.objects.update(updated_at=F("published_at"))
    old, middle, newest = (Article.objects.get(pk=a.pk) for a in (old, middle, newest))
    urls = dict(sitemap_locs(get(client, "/sitemap-categories-1.xml")))
    assert urls == {
        f"{S}/category/world/": stamp(newest),
        f"{S}/category/world/europe/": stamp(newest),
        f"{S}/category/world/europe/paris/": stamp(newest),
        f"{S}/category/world/asia/": stamp(middle),
    }
    assert stamp(old) < stamp(middle)
    index = dict(sitemap_locs(get(client, "/sitemap.xml")))
    assert index[f"{S}/sitemap-categories-1.xml"] == stamp(newest)


def test_it_runs_the_same_queries_for_three_terms_or_thirty(
    client: Client, django_assert_num_queries
) -> None:
    def add(n: int, start: int) -> None:
        for i in range(start, start + n):
            parent = make_category(f"Section {i}")
            child = make_category(f"Desk {i}", parent=parent)
            make_article(f"Story {i}", categories=[child], tags=[f"Topic {i}"])

    add(3, 0)
    urls = ("/sitemap.xml", "/sitemap-categories-1.xml", "/sitemap-tags-1.xml")
    counts = {}
    for url in urls:
        with CaptureQueriesContext(connection) as captured:
            get(client, url)
        counts[url] = len(captured.captured_queries)
    add(27, 3)
    for url in urls:
        with django_assert_num_queries(counts[url]):
            found = get(client, url).count("<loc>")
        # The index names chunks, not terms; each term chunk now lists 30 or more.
        assert found >= (30 if "-1.xml" in url else 1), url
