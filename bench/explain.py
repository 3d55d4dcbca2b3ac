"""Capture the SQL each public page runs and print PostgreSQL's plan for every query.

    DATABASE_URL=postgres://…/broadsheet_scale BROADSHEET_DATA=/tmp/x \\
        .venv/bin/python bench/explain.py [--analyze] [--only home,deep] [--slow MS]

Each URL is requested in-process (Django's test client, page cache off, as an anonymous
reader); the queries it ran are then explained one by one, with ANALYZE and BUFFERS when
asked (they run the query). Used to design the indexes in docs/performance.md; it changes
nothing in the database.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "broadsheet.settings")
os.environ["BROADSHEET_PAGE_CACHE"] = "off"


def pick_urls() -> dict[str, str]:
    """URLs of each page type on the generated site (the busiest article, a big category)."""
    from django.db.models import Count

    from broadsheet.articles.models import Article, Category, Tag
    from broadsheet.comments.models import Comment
    from broadsheet.people.models import Author

    busiest = (
        Comment.objects.filter(status="approved")
        .values("article_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    article = Article.objects.get(pk=busiest["article_id"]) if busiest else None
    category = Category.objects.filter(parent__isnull=False).order_by("id").first()
    parent = Category.objects.filter(parent__isnull=True).order_by("id").first()
    tag = Tag.objects.annotate(n=Count("articles")).order_by("-n").first()
    author = Author.objects.annotate(n=Count("articles")).order_by("-n").first()
    newest = Article.objects.published().posts().order_by("-published_at").first()
    year = newest.published_at.year if newest else 2024
    urls = {
        "article": article.get_absolute_url() if article else "/",
        "home": "/",
        "home-deep": "/page/5000/",
        "category": category.get_absolute_url() if category else "/",
        "category-parent": parent.get_absolute_url() if parent else "/",
        "category-deep": f"{parent.get_absolute_url()}page/1000/" if parent else "/",
        "tag": tag.get_absolute_url() if tag else "/",
        "tag-deep": f"{tag.get_absolute_url()}page/100/" if tag else "/",
        "author": author.get_absolute_url() if author else "/",
        "author-deep": f"{author.get_absolute_url()}page/40/" if author else "/",
        "year": f"/{year}/",
        "month-deep": f"/{year}/01/page/20/",
        "feed": "/feed/",
        "category-feed": f"{parent.get_absolute_url()}feed/" if parent else "/feed/",
        "comments-feed": "/comments/feed/",
        "api-posts": "/wp-json/wp/v2/posts",
        "api-posts-deep": "/wp-json/wp/v2/posts?page=5000",
        "api-comments": "/wp-json/wp/v2/comments",
        "api-comments-deep": "/wp-json/wp/v2/comments?page=5000",
        "sitemap-index": "/sitemap.xml",
        "sitemap-posts-1": "/sitemap-posts-1.xml",
    }
    return urls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--analyze", action="store_true", help="EXPLAIN (ANALYZE, BUFFERS)")
    parser.add_argument("--only", default="", help="comma-separated page names")
    parser.add_argument("--slow", type=float, default=0.0, help="only plans slower than MS")
    parser.add_argument(
        "--no-list-cache",
        action="store_true",
        help="work out counts and milestones on every request (to see their plans)",
    )
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.ALLOWED_HOSTS = ["*"]
    if args.no_list_cache:
        settings.BROADSHEET_LIST_CACHE = False
    # Rendered without collectstatic: plain static URLs instead of the manifest's.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    if connection.vendor != "postgresql":
        sys.exit("bench/explain.py needs DATABASE_URL pointing at PostgreSQL")
    urls = pick_urls()
    only = {name for name in args.only.split(",") if name}
    client = Client()
    for name, url in urls.items():
        if only and name not in only:
            continue
        warm = client.get(url)  # warm: templates, caches, the buffer pool
        if getattr(warm, "streaming", False):
            # Read to the end, so its server-side cursor is done before the next request.
            b"".join(warm.streaming_content)
        warm.close()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            if getattr(response, "streaming", False):
                b"".join(response.streaming_content)
            response.close()
            elapsed = (time.perf_counter() - started) * 1000
        queries = captured.captured_queries
        print(f"\n=== {name}  {url}  -> {response.status_code}, {len(queries)} queries, ", end="")
        print(f"{elapsed:.1f} ms in-process")
        for i, q in enumerate(queries, 1):
            sql = q["sql"]
            if sql.startswith("DECLARE "):
                # A server-side cursor (a streamed sitemap): explain the query it runs.
                sql = sql.split(" CURSOR WITH HOLD FOR ", 1)[-1].split(" CURSOR FOR ", 1)[-1]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            option = "(ANALYZE, BUFFERS)" if args.analyze else ""
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN {option} {sql}")
                plan = [row[0] for row in cursor.fetchall()]
            took = next(
                (float(line.split(":")[1].split()[0]) for line in plan if "Execution Time" in line),
                float(q["time"]) * 1000,
            )
            if took < args.slow:
                continue
            print(f"\n-- [{i}] {took:.2f} ms  {sql[:600]}")
            print("\n".join(plan))


if __name__ == "__main__":
    main()
