"""Every write to articles, pages and terms that others notice goes through here."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from broadsheet.articles import search
from broadsheet.articles.models import Article, Category, Kind, LegacyPath, Status, Tag
from broadsheet.articles.rendering import render_body
from broadsheet.articles.signals import article_changed, articles_changed
from broadsheet.lib.bulk import insert_objects, insert_values
from broadsheet.lib.slugs import make_slug, unique_slug

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

log = logging.getLogger(__name__)


@dataclass
class _Bulk:
    article_ids: set[int] = field(default_factory=set)
    old_paths: list[str] = field(default_factory=list)


_bulk: ContextVar[_Bulk | None] = ContextVar("broadsheet_bulk_writes", default=None)


@contextmanager
def bulk_writes() -> Iterator[None]:
    """Many writes told to the rest of the site once, at the end (the WordPress import).

    Inside, `do_save_article` sends no `article_changed` per article (so no related-posts
    update is queued for each) and the page cache is not invalidated per row. On leaving,
    also after an error (what was committed stays, or was removed again), `articles_changed`
    is sent once with every article saved, and the page cache starts one new generation.
    The writes inside commit in their own transactions; a context variable scopes this to
    the code running it, so other requests and threads are unaffected. Nested calls join
    the outermost one.
    """
    if _bulk.get() is not None:
        yield
        return
    from broadsheet.caching.invalidation import held

    state = _Bulk()
    token = _bulk.set(state)
    try:
        with held():
            yield
    finally:
        _bulk.reset(token)
        if state.article_ids:
            ids, paths = sorted(state.article_ids), state.old_paths
            transaction.on_commit(
                lambda: articles_changed.send(Article, article_ids=ids, old_paths=paths)
            )


def _announce(article: Article, old_paths: list[str], pk: int) -> None:
    """Tell listeners after commit; inside bulk_writes, note it for the one message at the end.

    `pk` is passed apart because a deleted article has none any more."""
    state = _bulk.get()
    if state is not None:
        state.article_ids.add(pk)
        state.old_paths += old_paths
        return
    transaction.on_commit(
        lambda: article_changed.send(Article, article=article, old_paths=old_paths)
    )


def _settle_status(article: Article) -> None:
    """WordPress's rules for the publish time: a published article dated in the future is
    scheduled, a scheduled one dated in the past is published, publishing stamps 'now'."""
    now = timezone.now()
    if article.status in (Status.PUBLISHED, Status.SCHEDULED, Status.PRIVATE):
        if article.published_at is None:
            article.published_at = now
        if article.status == Status.PUBLISHED and article.published_at > now:
            article.status = Status.SCHEDULED
        elif article.status == Status.SCHEDULED and article.published_at <= now:
            article.status = Status.PUBLISHED


def _path_taken(article: Article, path: str) -> bool:
    if not path:
        return False
    others = Article.objects.exclude(pk=article.pk)
    return others.filter(Q(path=path) | Q(original_path=path)).exists()


def _choose_slug(article: Article, keep_slug: bool) -> None:
    if not article.slug and not keep_slug:
        article.slug = make_slug(article.title)[:200]
    if keep_slug or not article.slug:
        article.path = article.native_path()
        return
    base = article.slug

    def taken(slug: str) -> bool:
        article.slug = slug
        return _path_taken(article, article.native_path())

    article.slug = unique_slug(base, taken)
    article.path = article.native_path()


def prepare_article(
    article: Article, *, keep_slug: bool = False, check_unique: bool = True
) -> None:
    """Everything do_save_article works out before writing: the status for the publish
    time, the rendered body, the slug and path, then validation (ValidationError).

    `check_unique=False` leaves the unique path to the caller and the database: the
    importer checks paths itself and writes in bulk (do_create_articles).
    """
    _settle_status(article)
    article.body_html, article.word_count = render_body(article.body, article.body_format)
    article.updated_at = timezone.now()
    _choose_slug(article, keep_slug)
    article.full_clean(
        exclude=["author", "parent", "featured_image", "slug"],
        validate_unique=check_unique,
        validate_constraints=check_unique,
    )


@transaction.atomic
def do_create_articles(new: Sequence[tuple[Article, Sequence[Category], Sequence[Tag]]]) -> None:
    """Create many new articles with their categories and tags in a few statements.

    For the importer, where one do_save_article per article (a dozen queries each) is most
    of the time a large import takes. Each article must have been through
    prepare_article and have no row yet; the outcome is do_save_article's for a new
    article: search index, no redirect left at its path, its schedule, listeners told.
    """
    if not new:
        return
    articles = [article for article, _c, _t in new]
    if all(a.pk is not None for a in articles):
        insert_objects(Article, articles)
    else:
        Article.objects.bulk_create(articles)
    insert_values(
        Article.categories.through,
        ["article", "category"],
        [(a.pk, c.pk) for a, categories, _t in new for c in dict.fromkeys(categories)],
    )
    insert_values(
        Article.tags.through,
        ["article", "tag"],
        [(a.pk, t.pk) for a, _c, tags in new for t in dict.fromkeys(tags)],
    )
    search.index_new_articles((a, [t.name for t in tags]) for a, _c, tags in new)
    LegacyPath.objects.filter(path__in=[a.path for a in articles if a.path]).delete()
    for article in articles:
        if article.status == Status.SCHEDULED:
            _schedule(article)
        _announce(article, [], article.pk)
    tell_page_cache(Article)


def tell_page_cache(model: type) -> None:
    """Bulk inserts send no post_save: tell the page cache once (see caching.invalidation)."""
    try:
        from broadsheet.caching.invalidation import on_change
    except ImportError:  # pragma: no cover - a build without the page cache
        return
    on_change(model)


@transaction.atomic
def do_save_article(
    article: Article,
    *,
    categories: Iterable[Category] | None = None,
    tags: Iterable[Tag] | None = None,
    keep_slug: bool = False,
) -> Article:
    """Create or update an article or page, keeping its URLs, rendering and schedule.

    Old URLs of a public item (an earlier slug or date) become 301 redirects. A scheduled
    item gets a background task that runs `do_publish` at its time. `keep_slug` is for the
    importer, which must keep WordPress's slug (even an empty one) exactly.
    """
    old_paths: list[str] = []
    previous = Article.objects.filter(pk=article.pk).first() if article.pk else None
    prepare_article(article, keep_slug=keep_slug)
    article.save()
    if categories is not None:
        article.categories.set(categories)
    if tags is not None:
        article.tags.set(tags)
    # In the same transaction, so search never disagrees with what was committed.
    search.index_article(article)

    # An item never redirects away from where it now lives.
    LegacyPath.objects.filter(path=article.path).delete()
    if previous and previous.path and previous.path != article.path and previous.is_public:
        LegacyPath.objects.update_or_create(path=previous.path, defaults={"article": article})
        old_paths.append(previous.path)
        if article.kind == Kind.PAGE:
            _move_child_pages(article)

    if article.status == Status.SCHEDULED:
        _schedule(article)
    _announce(article, old_paths, article.pk)
    return article


def _move_child_pages(page: Article) -> None:
    for child in Article.objects.pages().filter(parent=page):
        do_save_article(child, keep_slug=True)


def _schedule(article: Article) -> None:
    from broadsheet.articles.tasks import publish_scheduled

    published_at = article.published_at
    pk = article.pk
    # Enqueued after commit so the worker never sees a task for a row it cannot read yet.
    transaction.on_commit(
        lambda: publish_scheduled.using(run_after=published_at).enqueue(
            pk, published_at.isoformat()
        )
    )


@transaction.atomic
def do_publish(article: Article) -> Article:
    """Publish now (or at the article's time, if that is still to come)."""
    article.status = Status.PUBLISHED
    return do_save_article(article)


@transaction.atomic
def do_trash(article: Article) -> Article:
    article.status = Status.TRASH
    return do_save_article(article)


@transaction.atomic
def do_delete_article(article: Article) -> None:
    old_paths = [article.get_absolute_url()]
    search.remove_article(article.pk)
    pk = article.pk
    article.delete()
    _announce(article, old_paths, pk)


@transaction.atomic
def do_save_category(category: Category) -> Category:
    """Save a category and keep its own and its descendants' paths in step."""
    if not category.slug:
        category.slug = unique_slug(
            make_slug(category.name),
            lambda s: Category.objects.exclude(pk=category.pk).filter(slug=s).exists(),
        )
    ancestor = category.parent
    while ancestor is not None:
        if ancestor.pk == category.pk:
            raise ValidationError({"parent": _("A category cannot be inside itself.")})
        ancestor = ancestor.parent
    category.path = f"{category.parent.path}/{category.slug}" if category.parent else category.slug
    category.save()
    for child in category.children.all():
        do_save_category(child)
    return category


@transaction.atomic
def do_save_tag(tag: Tag) -> Tag:
    if not tag.slug:
        tag.slug = unique_slug(
            make_slug(tag.name), lambda s: Tag.objects.exclude(pk=tag.pk).filter(slug=s).exists()
        )
    tag.save()
    return tag


def tags_by_name(names: Iterable[str]) -> list[Tag]:
    """The tags with these names, created when missing (as WordPress's tag box does)."""
    out = []
    for name in names:
        name = name.strip()
        if not name:
            continue
        tag = Tag.objects.filter(name__iexact=name).first()
        out.append(tag or do_save_tag(Tag(name=name)))
    return out
