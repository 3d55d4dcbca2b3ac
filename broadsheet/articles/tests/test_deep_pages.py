"""Listing pages far down an archive: the same articles plain OFFSET would show, ties on
the publish time included, in the same queries as page 1 and with no row read whole
just to be skipped."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.db.models import QuerySet
from django.test import Client
from django.test.utils import CaptureQueriesContext

from broadsheet.articles.models import Article, Status, Tag
from broadsheet.articles.tests.factories import make_article, make_author, make_category

PER_PAGE = 3
MILESTONE = 4
START = datetime(2024, 1, 20, 9, 0, tzinfo=UTC)
HREF = re.compile(r'href="([^"]+)"')
# The id subquery (Django names its table U0, V0, W0… by nesting; PostgreSQL's takes it
# as an array, see lib/paging.py).
SKIPPED_BY_ID = re.compile(r'(?: IN |= ANY\(ARRAY)\(SELECT [A-Z]\d+\."id" AS "pk" FROM ')

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def small_pages(settings) -> None:  # type: ignore[no-untyped-def]
    settings.ARTICLES_PER_PAGE = PER_PAGE
    # A milestone every 4 rows: pages start before, on and after one, inside runs of ties.
    settings.LISTING_MILESTONE_ROWS = MILESTONE


class Archive:
    """26 public articles over two months, in runs of four sharing one publish time (so
    ties straddle page boundaries), split between two authors, a parent and a child
    category and a tag; plus a draft and a not-yet-due scheduled one, which no page shows."""

    def __init__(self) -> None:
        self.world = make_category("World")
        self.europe = make_category("Europe", parent=self.world)
        self.ada, self.bo = make_author("Ada", slug="ada"), make_author("Bo", slug="bo")
        for i in range(26):
            make_article(
                f"Story {i}",
                # Runs of four at one instant, a day apart, across January and February.
                published_at=START + timedelta(days=i // 4 * 3),
                author=self.ada if i % 3 else self.bo,
                categories=[self.europe if i % 2 else self.world],
                tags=["Rates"] if i % 5 else [],
            )
        make_article("A draft", status=Status.DRAFT, published_at=None, author=self.ada)
        make_article(
            "Tomorrow",
            status=Status.SCHEDULED,
            published_at=datetime(2999, 1, 1, tzinfo=UTC),
            author=self.ada,
            categories=[self.world],
        )
        self.tag = Tag.objects.get(slug="rates")

    def lists(self, user: User | None = None) -> dict[str, tuple[str, QuerySet[Article]]]:
        """Each archive's base URL and what it lists (to `user`), as the plain query would
        find it."""
        posts = Article.objects.visible_to(user).posts()
        in_world = Article.categories.through.objects.filter(
            category__in=[self.world, self.europe]
        ).values("article_id")
        return {
            "home": ("/", posts),
            "category": ("/category/world/", posts.filter(pk__in=in_world)),
            "child category": ("/category/world/europe/", posts.filter(categories=self.europe)),
            "tag": ("/tag/rates/", posts.filter(tags=self.tag)),
            "author": ("/author/ada/", posts.filter(author=self.ada)),
            "year": ("/2024/", posts.filter(published_at__year=2024)),
            "month": ("/2024/02/", posts.filter(published_at__year=2024, published_at__month=2)),
        }


def shown(html: str, paths: set[str]) -> list[str]:
    """The article paths a listing page links to, in page order."""
    return list(dict.fromkeys(h for h in HREF.findall(html) if h in paths))


def page_url(base: str, n: int) -> str:
    return base if n == 1 else f"{base}page/{n}/"


@pytest.mark.parametrize("logged_in", [False, True], ids=["reader", "editor"])
def test_it_shows_what_offset_would_on_every_page_of_every_archive(
    client: Client, editor: User, logged_in: bool
) -> None:
    """Readers' pages are prepared statements; a logged-in editor's, who also sees private
    articles, are built by the ORM: both are what OFFSET gives."""
    site = Archive()
    user = None
    if logged_in:
        user = editor
        client.force_login(editor)
        for i in range(3):
            make_article(
                f"Private {i}",
                status=Status.PRIVATE,
                published_at=START + timedelta(days=3 * i, hours=1),
                author=site.ada,
                categories=[site.europe],
                tags=["Rates"],
            )
    paths = set(Article.objects.values_list("path", flat=True))
    for name, (base, qs) in site.lists(user).items():
        expected = list(qs.order_by("-published_at", "-id").values_list("path", flat=True))
        assert len(expected) > 2 * PER_PAGE, name  # several pages, so deep ones exist
        pages = -(-len(expected) // PER_PAGE)
        for n in range(1, pages + 1):
            response = client.get(page_url(base, n))
            assert response.status_code == 200, (name, n)
            offset = (n - 1) * PER_PAGE
            assert shown(response.content.decode(), paths) == expected[offset : offset + PER_PAGE]
            html = response.content.decode()
            assert ('rel="next"' in html) == (n < pages), (name, n)
            assert ('rel="prev"' in html) == (n > 1), (name, n)
        assert client.get(page_url(base, pages + 1)).status_code == 404, name


def test_it_answers_404_for_page_numbers_no_archive_has(client: Client) -> None:
    Archive()
    for url in ("/page/0/", "/page/99999999999999999999/", "/category/world/page/0/"):
        assert client.get(url).status_code == 404, url
    assert client.get("/category/world/page/10000000000000/").status_code == 404


def test_it_runs_the_same_queries_on_a_deep_page_as_on_the_first(client: Client) -> None:
    """Plus, inside a test's transaction, where nothing is kept, the two queries that find
    the list's milestones and when the next scheduled article comes due (in production
    they are kept: caching/tests/test_list_cache.py)."""
    site = Archive()
    for name, (base, qs) in site.lists().items():
        last = -(-qs.count() // PER_PAGE)
        counts = {}
        for n in (1, 2, last):
            with CaptureQueriesContext(connection) as captured:
                assert client.get(page_url(base, n)).status_code == 200
            sql = [q["sql"] for q in captured.captured_queries]
            counts[n] = len(sql)
            # No COUNT(*) over the archive: the page needs only newer/older links.
            assert not any("COUNT(" in s.upper() and "comments_comment" not in s for s in sql)
            # Rows are skipped only inside the subquery that selects nothing but their ids.
            for skipping in (s for s in sql if "OFFSET" in s.upper()):
                inner = SKIPPED_BY_ID.search(skipping)
                assert inner is not None, skipping
                assert skipping.upper().index("OFFSET") > inner.start(), skipping
            milestones = [s for s in sql if "ROW_NUMBER()" in s.upper()]
            assert len(milestones) == (1 if (n - 1) * PER_PAGE >= MILESTONE else 0), (name, n)
        assert counts[1] == counts[2] == counts[last] - 2, (name, counts)


def test_it_keeps_a_deep_page_to_its_query_count_however_big_the_archive(
    client: Client, django_assert_num_queries
) -> None:
    site = Archive()
    # The page 1 figures of test_query_counts: menus (2), the articles, their categories,
    # their comment counts; archives look up their term or author first. Page 3 starts
    # past a milestone: two queries more for the milestones (see above).
    expected = {"home": 7, "year": 7, "month": 7}
    for name, (base, _qs) in site.lists().items():
        with django_assert_num_queries(expected.get(name, 8)):
            assert client.get(page_url(base, 3)).status_code == 200
    for i in range(12):
        make_article(f"More {i}", author=site.ada, categories=[site.world], tags=["Rates"])
    for name, (base, _qs) in site.lists().items():
        with django_assert_num_queries(expected.get(name, 8)):
            assert client.get(page_url(base, 3)).status_code == 200


def test_it_lists_a_category_by_the_archive_rule_on_deep_pages_too(client: Client) -> None:
    """A child category's article is in its parent's archive, on whichever page it falls."""
    site = Archive()
    child_only = make_category("Elsewhere")
    oldest = make_article(
        "Oldest of all", published_at=START - timedelta(days=400), categories=[site.europe]
    )
    make_article("Not in world", published_at=START - timedelta(days=500), categories=[child_only])
    count = (
        Article.objects.published()
        .filter(categories__in=[site.world, site.europe])
        .distinct()
        .count()
    )
    last = -(-count // PER_PAGE)
    html = client.get(f"/category/world/page/{last}/").content.decode()
    assert oldest.path in html and "Not in world" not in html
