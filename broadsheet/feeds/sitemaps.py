"""Sitemaps: an index at /sitemap.xml naming chunks of at most SITEMAP_CHUNK_SIZE URLs.

A chunk is a range of primary keys (chunk N holds rows with (N-1)*size <= id < N*size),
so it has at most `size` URLs however rows come and go, is found through the primary-key
index without OFFSET, and a row stays in the same chunk for life. Chunks are streamed from
a database cursor, so memory stays flat whatever their size. Everything listed goes
through the visibility rule; password-protected articles are left out (their pages hold
nothing to index but a password form), as WordPress leaves them out.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any
from xml.sax.saxutils import escape

from django.conf import settings
from django.db.models import (
    BigIntegerField,
    DateTimeField,
    ExpressionWrapper,
    F,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Concat, Greatest
from django.urls import reverse
from django.utils.encoding import iri_to_uri

from broadsheet.articles.models import Article, Category

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


def _w3c(when: datetime | None) -> str:
    if when is None:
        return ""
    return when.astimezone(UTC).replace(microsecond=0).isoformat()


def absolute(path: str) -> str:
    return escape(iri_to_uri(settings.SITE_URL + path))


# Per-section queries. Each returns {bucket: lastmod} for the index and, for one chunk,
# (path, lastmod) rows in key order.


def _category_lastmods() -> QuerySet[Category]:
    """Categories with the newest change among their public articles, children's
    included (the archive's rule); categories with none are left out."""
    links = Article.categories.through.objects.filter(article__in=public_articles().posts())
    newest = (
        links.filter(
            Q(category__path=OuterRef("path"))
            | Q(category__path__startswith=Concat(OuterRef("path"), Value("/")))
        )
        .annotate(lastmod=_lastmod("article__"))
        .order_by("-lastmod")
        .values("lastmod")[:1]
    )
    return Category.objects.annotate(lastmod=Subquery(newest, output_field=DateTimeField())).filter(
        lastmod__isnull=False
    )


def _tag_links() -> QuerySet[Any]:
    return Article.tags.through.objects.filter(article__in=public_articles().posts())


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
    if section == "tags":
        rows = (
            _tag_links()
            .annotate(bucket=_bucket("tag_id"))
            .values("bucket")
            .annotate(lastmod=Max(_lastmod("article__")))
            .order_by("bucket")
            .values_list("bucket", "lastmod")
        )
        return dict(rows)
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
    if section == "categories":
        # Folded here rather than grouped in SQL: the lastmod is a correlated subquery,
        # and a site has few categories.
        out: dict[int, datetime] = {}
        size = chunk_size()
        for pk, lastmod in _category_lastmods().values_list("pk", "lastmod").iterator():
            bucket = pk // size
            if bucket not in out or lastmod > out[bucket]:
                out[bucket] = lastmod
        return out
    raise ValueError(section)


def rows(section: str, number: int) -> Iterator[tuple[str, datetime | None]]:
    """(path, lastmod) of every URL in chunk `number` of `section`."""
    if section in ("posts", "pages"):
        qs = (
            public_articles()
            .filter(_in_chunk("id", number), kind=section[:-1])
            .annotate(lastmod=_lastmod())
            .order_by("id")
            .values_list("path", "original_path", "lastmod")
        )
        for path, original, lastmod in qs.iterator(chunk_size=2000):
            yield original or path, lastmod
    elif section == "tags":
        qs = (
            _tag_links()
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
        qs = (
            _category_lastmods()
            .filter(_in_chunk("id", number))
            .order_by("id")
            .values_list("path", "lastmod")
        )
        for path, lastmod in qs.iterator(chunk_size=2000):
            yield reverse("category", args=[path]), lastmod
    else:
        raise ValueError(section)


def _url(path: str, lastmod: datetime | None) -> str:
    when = f"<lastmod>{_w3c(lastmod)}</lastmod>" if lastmod else ""
    return f"<url><loc>{absolute(path)}</loc>{when}</url>\n"


def _stream(first: tuple[str, datetime | None], rest: Iterable[tuple[str, Any]]) -> Iterator[str]:
    yield f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{XMLNS}">\n'
    batch = [_url(*first)]
    for row in rest:
        batch.append(_url(*row))
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
