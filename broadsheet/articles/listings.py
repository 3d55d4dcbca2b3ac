"""The public article lists (home and the archives): their pages, prepared for anonymous
readers; the cards' categories and comment counts; where each list's milestones are kept
(also for the API's posts) and when the clock makes them wrong (see lib/paging.py)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from functools import cache
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Count, DateTimeField, Field, IntegerField, Min, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from broadsheet.articles.models import PUBLIC_STATUSES, Article, published_q
from broadsheet.caching import lists
from broadsheet.comments.models import Comment
from broadsheet.lib.paging import ListPage, Milestones, PreparedList, Seek, window
from broadsheet.lib.prepared import Param, Prepared

MAX_PAGE = 10**9
# What narrows the public posts to one list; `value(name, field)` is each value it uses.
Narrow = Callable[[QuerySet[Article], Callable[[str, Field], Any]], QuerySet[Article]]


def next_due() -> datetime | None:
    """When the next scheduled article comes due and joins the lists, moving every row
    below it down by one."""
    found = (
        Article.objects.posts()
        .filter(status__in=PUBLIC_STATUSES, published_at__gt=timezone.now())
        .aggregate(next=Min("published_at"))
    )
    return found["next"]


def seek(name: str, params: Iterable[tuple[str, str]] = ()) -> Seek:
    """Milestones for the public list `name` (its URL, or the API route) with `params` (the
    filters it was asked with), kept until an article, term or link changes (comments
    change no article list)."""
    params = list(params)

    def remember(compute: Callable[[], Milestones]) -> Milestones:
        return lists.remember(
            f"milestones:{name}", params, ("articles",), compute, Milestones.usable
        )

    return Seek(
        ("published_at", "id"),
        every=int(getattr(settings, "LISTING_MILESTONE_ROWS", 100)),
        remember=remember,
        expires=next_due,
    )


def public_posts(value: Callable[[str, Field], Any]) -> QuerySet[Article]:
    """The visibility rule for anonymous readers, on posts, newest first, at the time
    `value("now", field)`: prepared statements' `Article.objects.published().posts()`."""
    posts = Article.objects.filter(published_q(now=value("now", DateTimeField()))).posts()
    return posts.order_by("-published_at", "-id")


def _card_rows(rows: QuerySet[Article]) -> QuerySet[Article]:
    """What a card shows of the article itself (its categories and comment count come from
    `furnish_cards`)."""
    return rows.select_related("author", "featured_image").defer("body", "body_html")


class ArticleList:
    """One kind of public list (home, an author's, a category's…), newest first.

    Anonymous readers, nearly all of them, get prepared statements (the visibility rule
    for anonymous readers, `published_q`, narrowed by `narrow`); a logged-in reader's list
    may hold private articles and is built by the ORM each time."""

    def __init__(self, narrow: Narrow) -> None:
        self.narrow = narrow
        self.prepared = PreparedList(self._public, furnish=_card_rows)

    def _public(self, value: Callable[[str, Field], Any]) -> QuerySet[Article]:
        return self.narrow(public_posts(value), value).order_by("-published_at", "-id")

    def page(
        self, user: User | AnonymousUser, values: dict[str, Any], number: int, name: str
    ) -> ListPage[Article]:
        """Page `number` of the list called `name` (its URL): no COUNT(*) (the page shows
        only newer/older links), and about the same cost on page 5,000 as on page 1."""
        # /page/0/ is not the first page under another name: it 404s like any page past the
        # end. So does a number whose offset no database integer holds.
        if not 1 <= number <= MAX_PAGE:
            raise Http404(_("No such page."))
        per_page = settings.ARTICLES_PER_PAGE
        start = (number - 1) * per_page
        stop = start + per_page + 1  # one more: is there an older page?
        if user.is_authenticated:
            qs = Article.objects.visible_to(user).posts()
            qs = self.narrow(qs, lambda name, _: values[name]).order_by("-published_at", "-id")
            rows = window(qs, start, stop, _card_rows)
        else:
            rows = self.prepared.window({**values, "now": timezone.now()}, start, stop, seek(name))
        if number > 1 and not rows:
            raise Http404(_("No such page."))
        return ListPage(number, rows[:per_page], len(rows) > per_page)


def _ids(n: int) -> list[Param]:
    return [Param(f"a{i}", IntegerField()) for i in range(n)]


@cache
def _categories_of(n: int) -> Prepared[Any]:
    links = Article.categories.through.objects.filter(article__id__in=_ids(n))
    return Prepared(lambda: links.select_related("category").order_by("category__path"))


@cache
def _tags_of(n: int) -> Prepared[Any]:
    links = Article.tags.through.objects.filter(article__id__in=_ids(n))
    return Prepared(lambda: links.select_related("tag").order_by("tag__name", "tag__id"))


def attach_terms(articles: Sequence[Article]) -> None:
    """What `prefetch_related("categories", "tags")` does, in two prepared queries."""
    values = attach_categories(articles)
    tags = defaultdict(list)
    if articles:
        for link in _tags_of(len(articles))(**values):
            tags[link.article_id].append(link.tag)
    for a in articles:
        # Where prefetch_related leaves them, so `article.tags.all()` reads them.
        kept = a.__dict__.setdefault("_prefetched_objects_cache", {})
        for name, found in (("categories", a.card_categories), ("tags", tags[a.pk])):  # type: ignore[attr-defined]
            qs = getattr(a, name).all()
            qs._result_cache, qs._prefetch_done = found, True
            kept[name] = qs


@cache
def _comment_counts(n: int) -> Prepared[Any]:
    return Prepared(
        lambda: (
            Comment.objects.public(now=Param("now", DateTimeField()))
            .filter(article__id__in=_ids(n))
            .order_by()
            .values_list("article_id")
            .annotate(n=Count("id"))
            .values_list("article_id", "n")
        )
    )


def attach_categories(articles: Sequence[Article]) -> dict[str, Any]:
    """Set each article's `card_categories`, in one prepared query; returns the ids bound."""
    values: dict[str, Any] = {f"a{i}": a.pk for i, a in enumerate(articles)}
    categories = defaultdict(list)
    if articles:
        for link in _categories_of(len(articles))(**values):
            categories[link.article_id].append(link.category)
    for a in articles:
        a.card_categories = categories[a.pk]  # type: ignore[attr-defined]
    return values


def furnish_cards(articles: Sequence[Article]) -> None:
    """Set each card's `card_categories` and `comment_count` (public comments), in two
    prepared queries whatever the page holds."""
    values = attach_categories(articles)
    if not articles:
        return
    counts = dict(_comment_counts(len(articles)).rows(**values, now=timezone.now()))
    for a in articles:
        a.comment_count = counts.get(a.pk, 0)  # type: ignore[attr-defined]


@cache
def _latest(n: int) -> Prepared[Article]:
    return Prepared(
        lambda: (
            Article.objects.filter(published_q(now=Param("now", DateTimeField())))
            .posts()
            .select_related("author")
            .order_by("-published_at", "-id")[:n]
        )
    )


def latest_posts(n: int) -> list[Article]:
    """The newest `n` public posts, whole (the site's feed), by a prepared statement."""
    return _latest(n)(now=timezone.now())
