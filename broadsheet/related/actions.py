"""Writing related lists: all of them (a rebuild), or those one change touches (an update).

Which articles take part is decided by THE visibility rule: lists are kept for
`Article.objects.published().posts()`, and only those without a password may appear in
anyone's list (a protected article's text never reaches another page, not even as a
reason for ranking). The page applies the rule again when it reads, so an article that
stops being public disappears at once, before its update has run.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice

import numpy as np
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Min, QuerySet
from scipy import sparse

from broadsheet.articles.models import Article, Category
from broadsheet.related import store
from broadsheet.related.models import RelatedArticle
from broadsheet.related.scoring import Document, Layered, Neighbours, Params, build, html_text

log = logging.getLogger(__name__)

# progress(phase, done, total)
Progress = Callable[[str, int, int], None]
# How many of the best-scoring owners an update considers adding a changed article to.
MAX_GAINERS = 1000
WRITE_BATCH = 5000


def params() -> Params:
    """The engine's settings: the measured defaults, overridden by `RELATED_POSTS`."""
    return Params(**getattr(settings, "RELATED_POSTS", {}))


def owners() -> QuerySet[Article]:
    """The articles that have a related list: what an anonymous reader may open."""
    return Article.objects.published().posts()


def _terms(article_ids: Iterable[int] | None = None) -> dict[int, list[str]]:
    """Category and tag keys per article; a category also counts as its ancestors."""
    parents = dict(Category.objects.values_list("pk", "parent_id"))
    cats = Article.categories.through.objects.all()
    tags = Article.tags.through.objects.all()
    if article_ids is not None:
        ids = list(article_ids)
        cats, tags = cats.filter(article_id__in=ids), tags.filter(article_id__in=ids)
    out: dict[int, list[str]] = defaultdict(list)
    for article_id, category_id in cats.values_list("article_id", "category_id"):
        seen: set[int] = set()
        while category_id is not None and category_id not in seen:
            seen.add(category_id)
            out[article_id].append(f"c{category_id}")
            category_id = parents.get(category_id)
    for article_id, tag_id in tags.values_list("article_id", "tag_id"):
        out[article_id].append(f"t{tag_id}")
    return out


def _documents(qs: QuerySet[Article], terms: dict[int, list[str]]) -> Iterator[Document]:
    rows = qs.order_by("pk").values_list("pk", "title", "standfirst", "body_html")
    for pk, title, standfirst, body_html in rows.iterator(chunk_size=2000):
        yield Document(pk, title, standfirst, html_text(body_html), tuple(terms.get(pk, ())))


def _pins(owner_ids: Iterable[int] | None = None) -> dict[int, set[int]]:
    qs = RelatedArticle.objects.filter(pinned=True)
    if owner_ids is not None:
        qs = qs.filter(article_id__in=list(owner_ids))
    out: dict[int, set[int]] = defaultdict(set)
    for owner, related in qs.values_list("article_id", "related_id"):
        out[owner].add(related)
    return out


def _link_rows(
    lists: dict[int, Neighbours], existing: set[int]
) -> Iterator[tuple[int, int, bool, int, float]]:
    for owner, found in lists.items():
        for rank, (related, score) in enumerate(r for r in found if r[0] in existing):
            yield owner, related, False, rank, score


def _delete_computed(qs: QuerySet[RelatedArticle]) -> None:
    """Delete computed rows in one statement, without a signal per row.

    A plain `delete()` fetches every row to send its signals (800,000 of them after a
    full rebuild); bulk_create sends none either, so pages are told once, below.
    """
    qs.filter(pinned=False)._raw_delete(qs.db)


def _pages_changed() -> None:
    """Tell the page cache, once per write, that related blocks changed."""
    try:
        from broadsheet.caching.invalidation import on_change
    except ImportError:  # pragma: no cover - a build without the page cache
        return
    on_change(RelatedArticle)


def _bulk_insert(rows: Iterator[tuple[int, int, bool, int, float]]) -> None:
    """Insert computed rows with executemany, in batches.

    Not bulk_create: building 800,000 model instances and their SQL took longer than the
    whole scoring did; a prepared INSERT run over plain tuples takes seconds.
    """
    meta = RelatedArticle._meta
    quote = connection.ops.quote_name
    columns = ["article", "related", "pinned", "rank", "score"]
    names = ", ".join(quote(meta.get_field(c).column) for c in columns)
    marks = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {quote(meta.db_table)} ({names}) VALUES ({marks})"  # noqa: S608
    with connection.cursor() as cursor:
        while batch := list(islice(rows, WRITE_BATCH)):
            cursor.executemany(sql, batch)


def do_rebuild_related(
    *, progress: Progress | None = None, threads: int = 2, settings_: Params | None = None
) -> int:
    """Refit vocabulary, weights and topics on every public article and rewrite every
    computed list (pins stay). Returns how many articles have a list.

    Runs under the index lock, so updates queued meanwhile apply after it, on top. Only
    the final write is a transaction: on SQLite a transaction holds the write lock, and
    editors must be able to save while the scoring runs.
    """
    with store.locked():
        try:
            return _rebuild(progress, threads, settings_ or params())
        except BaseException:
            store.forget()
            raise


def _rebuild(progress: Progress | None, threads: int, p: Params) -> int:
    def report(phase: str, done: int, total: int) -> None:
        if progress:
            progress(phase, done, total)

    public = owners()
    candidates = public.filter(password="")
    count = candidates.count()
    report("reading", 0, count)
    terms = _terms()
    protected = list(_documents(public.exclude(password=""), terms))
    index = build(_documents(candidates, terms), p, count=count, queries_only=protected)
    total = len(index)
    done = 0

    def step(n: int) -> None:
        nonlocal done
        done += n
        report("scoring", done, total)

    report("scoring", 0, total)
    ids = index.ids.tolist()
    lists = index.neighbours(ids, index.x, index.z, skip=_pins(), threads=threads, progress=step)
    report("saving", 0, total)
    # Anything deleted while scoring ran must not be written as a link.
    with transaction.atomic():
        existing = set(Article.objects.values_list("pk", flat=True))
        _delete_computed(RelatedArticle.objects.all())
        _bulk_insert(_link_rows(dict(zip(ids, lists, strict=True)), existing))
        _pages_changed()
    store.save_full(index)
    report("saving", total, total)
    return total


def do_update_related(article_ids: Sequence[int], refill: Sequence[int] = ()) -> int:
    """Bring every list up to date after the given articles changed (or were deleted).

    Recomputes the changed articles' own lists, adds them to the lists they now score
    high enough for, takes them out of lists they no longer belong in and refills those.
    `refill` names lists that lost an entry the database no longer shows (a deleted
    article's). Uses the vocabulary and weights of the last rebuild; with no rebuild yet,
    runs one. Returns how many lists were written.
    """
    # The index lock first, then the transaction, in that order everywhere: on SQLite the
    # transaction is the database's write lock, and the opposite order could deadlock.
    with store.locked():
        try:
            stored = store.load()
            if stored is None:
                return _rebuild(None, 1, params())
            with transaction.atomic():
                written = _update(stored, set(article_ids), set(refill))
            store.save_changes(stored)
        except BaseException:
            store.forget()
            raise
        return written


def _update(stored: store.Stored, changed: set[int], refill: set[int]) -> int:
    model = stored.base.model
    p = model.params
    docs = list(_documents(owners().filter(pk__in=changed), _terms(changed)))
    protected = set(
        owners().filter(pk__in=changed).exclude(password="").values_list("pk", flat=True)
    )
    for article_id in changed:
        stored.change(article_id, None)
    if docs:
        x, z = model.embed(docs)
        for r, doc in enumerate(docs):
            row_z = None if z is None else z[r : r + 1]
            stored.change(doc.id, (x[r], row_z, doc.id not in protected))
    index = stored.index
    live_ids = {d.id for d in docs}
    gains = _gainers(index, [d.id for d in docs if d.id not in protected], p)

    containing = set(
        RelatedArticle.objects.filter(related_id__in=changed, pinned=False).values_list(
            "article_id", flat=True
        )
    )
    touched = (_really_gaining(gains, p) | containing | refill) - changed
    current: dict[int, Neighbours] = defaultdict(list)
    pins: dict[int, set[int]] = defaultdict(set)
    links = RelatedArticle.objects.filter(article_id__in=touched | live_ids)
    for owner, related, score, pinned in links.order_by("rank").values_list(
        "article_id", "related_id", "score", "pinned"
    ):
        (pins[owner].add(related) if pinned else current[owner].append((related, score)))

    new_lists: dict[int, Neighbours] = {}
    recompute = set(live_ids)
    for owner in touched:
        if not index.has(owner):
            continue  # not public (any more): its list is never shown
        before = current.get(owner, [])
        kept = [pair for pair in before if pair[0] not in changed]
        lost = len(kept) < len(before)
        kept += [(c, s) for c, s in gains.get(owner, {}).items() if c not in pins[owner]]
        kept = sorted(kept, key=lambda pair: (-pair[1], pair[0]))[: p.k]
        if owner in refill or (lost and len(kept) < p.k):
            recompute.add(owner)
        elif kept != before:
            new_lists[owner] = kept

    if recompute:
        order = sorted(recompute)
        vectors = [index.vectors(i) for i in order]
        x = sparse.vstack([v[0] for v in vectors], format="csr", dtype=np.float32)
        zs = [v[1] for v in vectors]
        z = None if any(v is None for v in zs) else np.vstack(zs)
        skip = {i: pins[i] for i in order if pins.get(i)}
        new_lists.update(zip(order, index.neighbours(order, x, z, skip=skip), strict=True))

    mentioned = {r for found in new_lists.values() for r, _ in found}
    existing = set(Article.objects.filter(pk__in=mentioned).values_list("pk", flat=True))
    for gone in mentioned - existing:
        # Deleted without its update having run yet: out of the index too.
        stored.change(gone, None)
    stale_owners = (changed - live_ids) | set(new_lists)
    _delete_computed(RelatedArticle.objects.filter(article_id__in=stale_owners))
    _bulk_insert(_link_rows(new_lists, existing))
    if stale_owners:
        _pages_changed()
    return len(new_lists)


def _really_gaining(gains: dict[int, dict[int, float]], p: Params) -> set[int]:
    """The owners whose stored list is short, or weaker than a changed article's score.

    One grouped query instead of reading every candidate owner's whole list.
    """
    if not gains:
        return set()
    stats = {
        row["article_id"]: (row["n"], row["low"])
        for row in RelatedArticle.objects.filter(article_id__in=list(gains), pinned=False)
        .values("article_id")
        .annotate(n=Count("id"), low=Min("score"))
    }
    out = set()
    for owner, scores in gains.items():
        n, low = stats.get(owner, (0, 0.0))
        if n < p.k or max(scores.values()) > low:
            out.add(owner)
    return out


def _gainers(index: Layered, article_ids: list[int], p: Params) -> dict[int, dict[int, float]]:
    """For each list owner, the changed articles that now score high enough for its list."""
    out: dict[int, dict[int, float]] = defaultdict(dict)
    if not article_ids:
        return out
    ids = index.ids()
    live = index.live()
    for article_id in article_ids:
        vectors = index.vectors(article_id)
        if vectors is None:
            continue
        scores = index.scores_against(*vectors)
        scores[~live] = -np.inf
        scores[ids == article_id] = -np.inf
        hits = np.flatnonzero(scores >= p.threshold)
        if len(hits) > MAX_GAINERS:
            hits = hits[np.argpartition(-scores[hits], MAX_GAINERS - 1)[:MAX_GAINERS]]
        for r in hits.tolist():
            out[int(ids[r])][article_id] = round(float(scores[r]), 6)
    return out
