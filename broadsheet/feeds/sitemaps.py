"""Sitemaps: an index at /sitemap.xml naming chunks of at most SITEMAP_CHUNK_SIZE URLs.

A chunk is a range of primary keys (chunk N holds rows with (N-1)*size <= id < N*size),
so it has at most `size` URLs however rows come and go, is found through the primary-key
index without OFFSET, and a row stays in the same chunk for life. Chunks are streamed from
a database cursor, so memory stays flat whatever their size. Everything listed goes
through the visibility rule; password-protected articles are left out (their pages hold
nothing to index but a password form), as WordPress leaves them out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any
from xml.sax.saxutils import escape

from django.conf import settings
from django.db.models import (
    BigIntegerField,
    CharField,
    DateTimeField,
    ExpressionWrapper,
    F,
    Func,
    Max,
    Q,
    QuerySet,
)
from django.db.models.functions import Greatest
from django.urls import reverse
from django.utils.encoding import iri_to_uri

from broadsheet.articles.models import Article, Category, Kind, published_q

SECTIONS = ("posts", "pages", "categories", "tags", "authors")
XMLNS = "http://www.sitemaps.org/schemas/sitemap/0.9"
BATCH = 500


def chunk_size() -> int:
    # 50,000 URLs is the sitemaps.org limit for one file.
    return int(getattr(settings, "SITEMAP_CHUNK_SIZE", 50_000))


def public_articles() -> QuerySet[Article]:
    return Article.objects.published().filter(password="")


def _lastmod(prefix: str = "") -> Greatest:
    # A scheduled article was last saved before it went out; it changed when it appeared.
    return Greatest(f"{prefix}updated_at", f"{prefix}published_at", output_field=DateTimeField())


def _bucket(field: str) -> ExpressionWrapper:
    return ExpressionWrapper(F(field) / chunk_size(), output_field=BigIntegerField())


def _in_chunk(field: str, number: int) -> Q:
    size = chunk_size()
    return Q(**{f"{field}__gte": (number - 1) * size, f"{field}__lt": number * size})


_PG_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS"+00:00"'


class W3CTime(Func):
    """A time as a sitemap's W3C datetime text ("2024-05-01T08:00:00+00:00"), made by the
    database: turning 50,000 database times into Python datetimes and formatting them back
    took over a third of a posts chunk's time."""

    output_field = CharField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        sql, params = compiler.compile(self.source_expressions[0])
        return f"to_char({sql} AT TIME ZONE 'UTC', %s)", [*params, _PG_FORMAT]

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        # Stored as UTC text ("2024-05-01 08:00:00.123456"), which strftime reads. The
        # format goes as a parameter: a literal % would trip Django's query logging.
        sql, params = compiler.compile(self.source_expressions[0])
        return f"strftime(%s, {sql})", ["%Y-%m-%dT%H:%M:%S+00:00", *params]


def _w3c(when: datetime | str | None) -> str:
    if when is None or isinstance(when, str):
        return when or ""
    return when.astimezone(UTC).replace(microsecond=0).isoformat()


# Characters that iri_to_uri and XML escaping both leave alone: such a path needs neither.
_PLAIN_PATH = re.compile(r"[A-Za-z0-9/._~-]*\Z")


def absolute(path: str) -> str:
    return escape(iri_to_uri(settings.SITE_URL + path))


# Per-section queries. Each returns {bucket: lastmod} for the index and, for one chunk,
# (path, lastmod) rows in key order.


def _public_links(through: type[Any]) -> QuerySet[Any]:
    """Links (article to term) of public articles, joined rather than subqueried: one hash
    join over the link table, where `article__in=` made the planner probe per term."""
    return through.objects.filter(
        published_q("article__"), article__password="", article__kind=Kind.POST
    )


def _term_lastmods(through: type[Any], column: str) -> dict[int, datetime]:
    """{term id: newest change among its public articles}, in one grouped query."""
    rows = (
        _public_links(through)
        .values(column)
        .annotate(lastmod=Max(_lastmod("article__")))
        .order_by()
        .values_list(column, "lastmod")
    )
    return dict(rows)


def _category_lastmods() -> dict[int, tuple[str, datetime]]:
    """{category id: (path, lastmod)} for the categories with public articles, their
    descendants' included (the archive's rule): each category's own newest article in one
    grouped query, folded up the paths here. A site has few categories, and the correlated
    subquery per category this replaces scanned the links once for each (7 s at 100,000
    articles)."""
    public = published_q("articles__") & Q(articles__password="", articles__kind=Kind.POST)
    rows = (
        Category.objects.order_by()
        .values_list("id", "path")
        .annotate(own=Max(_lastmod("articles__"), filter=public))
    )
    paths: dict[int, str] = {}
    own: dict[int, datetime] = {}
    for pk, path, lastmod in rows:
        paths[pk] = path
        if lastmod is not None:
            own[pk] = lastmod
    by_path = {path: pk for pk, path in paths.items()}
    out: dict[int, datetime] = {}
    for pk, lastmod in own.items():
        parts = paths[pk].split("/")
        # The category itself and each ancestor ("a", "a/b" for "a/b/c").
        for depth in range(1, len(parts) + 1):
            ancestor = by_path.get("/".join(parts[:depth]))
            if ancestor is not None and (ancestor not in out or lastmod > out[ancestor]):
                out[ancestor] = lastmod
    return {pk: (paths[pk], lastmod) for pk, lastmod in out.items()}


def buckets(section: str) -> dict[int, datetime]:
    if section in ("posts", "pages"):
        qs = public_articles().filter(kind=section[:-1])
        rows = (
            qs.annotate(bucket=_bucket("id"))
            .values("bucket")
            .annotate(lastmod=Max(_lastmod()))
            .order_by("bucket")
            .values_list("bucket", "lastmod")
        )
        return dict(rows)
    if section in ("tags", "categories"):
        # Folded here rather than grouped in SQL by bucket: the terms' own lastmods come
        # from one grouped query, and a site has far fewer terms than articles.
        if section == "tags":
            found = _term_lastmods(Article.tags.through, "tag_id")
        else:
            found = {pk: lastmod for pk, (_path, lastmod) in _category_lastmods().items()}
        out: dict[int, datetime] = {}
        size = chunk_size()
        for pk, lastmod in found.items():
            bucket = pk // size
            if bucket not in out or lastmod > out[bucket]:
                out[bucket] = lastmod
        return out
    if section == "authors":
        rows = (
            public_articles()
            .posts()
            .annotate(bucket=_bucket("author_id"))
            .values("bucket")
            .annotate(lastmod=Max(_lastmod()))
            .order_by("bucket")
            .values_list("bucket", "lastmod")
        )
        return dict(rows)
    raise ValueError(section)


def rows(section: str, number: int) -> Iterator[tuple[str, datetime | str | None]]:
    """(path, lastmod) of every URL in chunk `number` of `section`."""
    if section in ("posts", "pages"):
        qs = (
            public_articles()
            .filter(_in_chunk("id", number), kind=section[:-1])
            .annotate(lastmod=W3CTime(_lastmod()))
            .order_by("id")
            .values_list("path", "original_path", "lastmod")
        )
        for path, original, lastmod in qs.iterator(chunk_size=2000):
            yield original or path, lastmod
    elif section == "tags":
        qs = (
            _public_links(Article.tags.through)
            .filter(_in_chunk("tag_id", number))
            .values("tag_id", "tag__slug")
            .annotate(lastmod=Max(_lastmod("article__")))
            .order_by("tag_id")
            .values_list("tag__slug", "lastmod")
        )
        for slug, lastmod in qs.iterator(chunk_size=2000):
            yield reverse("tag", args=[slug]), lastmod
    elif section == "authors":
        qs = (
            public_articles()
            .posts()
            .filter(_in_chunk("author_id", number))
            .values("author_id", "author__slug")
            .annotate(lastmod=Max(_lastmod()))
            .order_by("author_id")
            .values_list("author__slug", "lastmod")
        )
        for slug, lastmod in qs.iterator(chunk_size=2000):
            yield reverse("author", args=[slug]), lastmod
    elif section == "categories":
        size = chunk_size()
        found = _category_lastmods()
        for pk in sorted(pk for pk in found if (number - 1) * size <= pk < number * size):
            path, lastmod = found[pk]
            yield reverse("category", args=[path]), lastmod
    else:
        raise ValueError(section)


def _url(path: str, lastmod: datetime | str | None, site: str) -> str:
    when = f"<lastmod>{_w3c(lastmod)}</lastmod>" if lastmod else ""
    loc = site + path if _PLAIN_PATH.match(path) else absolute(path)
    return f"<url><loc>{loc}</loc>{when}</url>\n"


def _stream(
    first: tuple[str, datetime | str | None], rest: Iterable[tuple[str, Any]]
) -> Iterator[str]:
    yield f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{XMLNS}">\n'
    site = absolute("")
    batch = [_url(*first, site)]
    for path, lastmod in rest:
        batch.append(_url(path, lastmod, site))
        if len(batch) >= BATCH:
            yield "".join(batch)
            batch = []
    yield "".join(batch) + "</urlset>\n"


def chunk(section: str, number: int | None) -> Iterator[str] | None:
    """The XML of one sitemap, as an iterator of strings; None when it does not exist."""
    if section == "home":
        if number is not None:
            return None
        newest = buckets_newest()
        return _stream(("/", newest), ())
    if section not in SECTIONS or number is None or number < 1:
        return None
    found = rows(section, number)
    # The first row is read now, so an empty chunk is a 404 rather than an empty file.
    first = next(found, None)
    if first is None:
        return None
    return _stream(first, found)


def buckets_newest() -> datetime | None:
    return public_articles().posts().aggregate(m=Max(_lastmod()))["m"]


def render_index() -> str:
    """The sitemap index: the home page's sitemap, then every non-empty chunk."""
    entries: list[tuple[str, datetime | None]] = []
    sections = {section: buckets(section) for section in SECTIONS}
    entries.append(("/sitemap-home.xml", max(sections["posts"].values(), default=None)))
    for section, found in sections.items():
        for bucket, lastmod in sorted(found.items()):
            entries.append((f"/sitemap-{section}-{bucket + 1}.xml", lastmod))
    parts = [f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{XMLNS}">\n']
    for path, lastmod in entries:
        when = f"<lastmod>{_w3c(lastmod)}</lastmod>" if lastmod else ""
        parts.append(f"<sitemap><loc>{absolute(path)}</loc>{when}</sitemap>\n")
    parts.append("</sitemapindex>\n")
    return "".join(parts)
