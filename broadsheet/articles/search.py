"""Full-text search over public articles and pages (`/?s=query`).

One table, `articles_search`, holds what may be searched of each public item: an FTS5
virtual table on SQLite, a table with a weighted `tsvector` under a GIN index on
PostgreSQL. It lives outside Django's model state (made by migration 0002 with SQL that
depends on the database) and is written here, inside the transaction of
`actions.do_save_article` / `do_delete_article`, so it can never disagree with a
committed article.

What is indexed is already limited (drafts, pending, private and trashed items are not;
a password-protected one by its headline only, so its body cannot be probed word by
word), and every query is still joined with `Article.objects.published()`, so a
scheduled article turns up at its time and nothing hidden ever does.

Readers' queries are never handed to either engine's query syntax: they are cut into
words and "quoted phrases", and each term is passed as a quoted string, so quotes,
`NEAR(`, `*`, `AND`, SQL and any bytes at all are only ever text to look for.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from html import unescape
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.db import connections, router
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from broadsheet.articles.models import PUBLIC_STATUSES, Article

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

TABLE = "articles_search"  # named literally in the SQL below
# Private-use characters mark the matched words in the engines' output; they are removed
# from indexed text, so only the engine can put them there, and become <mark> after the
# text around them is escaped.
START, STOP = "\ue000", "\ue001"
MAX_QUERY_CHARS = 200
MAX_TERMS = 10
# A tsvector holds at most 1 MB; an article body is never near this in practice.
MAX_FIELD_CHARS = 200_000
_UNSTORABLE = re.compile("[\x00\ue000\ue001\ud800-\udfff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_TAG = re.compile(r"<[^>]*>")

# Site language -> PostgreSQL text-search configuration (stemming, stop words).
PG_CONFIGS = {
    "ar": "arabic",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "fi": "finnish",
    "fr": "french",
    "hu": "hungarian",
    "id": "indonesian",
    "it": "italian",
    "lt": "lithuanian",
    "nb": "norwegian",
    "nl": "dutch",
    "no": "norwegian",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sv": "swedish",
    "tr": "turkish",
}


def pg_config() -> str:
    return PG_CONFIGS.get(settings.LANGUAGE_CODE.split("-")[0].lower(), "simple")


def supported(using: str = "default") -> bool:
    return connections[using].vendor in ("sqlite", "postgresql")


# -- What is indexed ----------------------------------------------------------------------


@dataclass(frozen=True)
class Document:
    title: str
    standfirst: str
    body: str
    tags: str


def _text(value: str) -> str:
    return _UNSTORABLE.sub(" ", value)[:MAX_FIELD_CHARS]


def html_to_text(html: str) -> str:
    # Tags become spaces, so "</h2><p>" never glues two words into one.
    return " ".join(unescape(_TAG.sub(" ", html)).split())


def document_for(article: Any, tag_names: Iterable[str] | None = None) -> Document | None:
    """The searchable text of an article, or None when it must not be searchable.

    `tag_names` saves a query when the caller knows them (a bulk write)."""
    if article.status not in PUBLIC_STATUSES:
        return None
    if article.password:
        return Document(_text(article.title), "", "", "")
    if tag_names is None:
        tag_names = [t.name for t in article.tags.all()]
    return Document(
        title=_text(article.title),
        standfirst=_text(article.standfirst),
        body=_text(html_to_text(article.body_html)),
        tags=_text(" ".join(tag_names)),
    )


def index_article(article: Any, using: str | None = None) -> None:
    """Bring the index in step with one article (called by the article actions)."""
    using = using or router.db_for_write(Article)
    _write(using, [(article.pk, document_for(article))])


def index_new_articles(articles: Iterable[tuple[Any, Iterable[str]]]) -> None:
    """Index articles just created in bulk, given with their tag names."""
    using = router.db_for_write(Article)
    _write(using, [(a.pk, document_for(a, names)) for a, names in articles])


def remove_article(pk: int, using: str | None = None) -> None:
    using = using or router.db_for_write(Article)
    _write(using, [(pk, None)])


def _write(using: str, rows: Iterable[tuple[int, Document | None]]) -> None:
    connection = connections[using]
    if connection.vendor not in ("sqlite", "postgresql"):
        return
    with connection.cursor() as cursor:
        # Two statements for any number of rows (a bulk import indexes hundreds).
        rows = list(rows)
        if connection.vendor == "sqlite":
            cursor.executemany(
                "DELETE FROM articles_search WHERE rowid = %s", [[pk] for pk, _doc in rows]
            )
            cursor.executemany(
                "INSERT INTO articles_search (rowid, title, standfirst, body, tags) "
                "VALUES (%s, %s, %s, %s, %s)",
                [
                    [pk, doc.title, doc.standfirst, doc.body, doc.tags]
                    for pk, doc in rows
                    if doc is not None
                ],
            )
            return
        cursor.executemany(
            "DELETE FROM articles_search WHERE article_id = %s",
            [[pk] for pk, doc in rows if doc is None],
        )
        config = pg_config()
        cursor.executemany(
            "INSERT INTO articles_search "
            "(article_id, config, title, standfirst, body, tags, document) "
            "VALUES (%s, %s::regconfig, %s, %s, %s, %s, "
            "setweight(to_tsvector(%s::regconfig, %s), 'A') || "
            "setweight(to_tsvector(%s::regconfig, %s), 'B') || "
            "setweight(to_tsvector(%s::regconfig, %s), 'B') || "
            "setweight(to_tsvector(%s::regconfig, %s), 'C')) "
            "ON CONFLICT (article_id) DO UPDATE SET config = EXCLUDED.config, "
            "title = EXCLUDED.title, standfirst = EXCLUDED.standfirst, "
            "body = EXCLUDED.body, tags = EXCLUDED.tags, document = EXCLUDED.document",
            [
                [
                    pk,
                    config,
                    doc.title,
                    doc.standfirst,
                    doc.body,
                    doc.tags,
                    *(config, doc.title),
                    *(config, doc.standfirst),
                    *(config, doc.tags),
                    *(config, doc.body),
                ]
                for pk, doc in rows
                if doc is not None
            ],
        )


def rebuild(using: str = "default", article_model: Any = None) -> int:
    """Index every article afresh (after a bulk load, or a change of site language).

    `article_model` lets a migration pass its historical model. Returns how many items
    are searchable.
    """
    model = article_model or Article
    connection = connections[using]
    if connection.vendor not in ("sqlite", "postgresql"):
        return 0
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM articles_search")
    qs = (
        model._default_manager.using(using)
        .filter(status__in=[str(s) for s in PUBLIC_STATUSES])
        .prefetch_related("tags")
        .order_by("pk")
    )
    count = 0
    batch: list[tuple[int, Document | None]] = []
    for article in qs.iterator(chunk_size=500):
        batch.append((article.pk, document_for(article)))
        count += 1
        if len(batch) >= 500:
            _write(using, batch)
            batch = []
    _write(using, batch)
    return count


def _tags_changed(
    sender: Any, instance: Any, action: str, reverse: bool, pk_set: Any, **kw: Any
) -> None:
    # The admin saves tags after the article (form.save_m2m), so the index follows them here.
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        index_article(instance)
        return
    pks = pk_set if pk_set is not None else ()
    for article in Article.objects.filter(pk__in=pks).prefetch_related("tags"):
        index_article(article)


def _tag_saved(sender: Any, instance: Any, created: bool, **kw: Any) -> None:
    # A renamed tag changes the text of every article carrying it.
    if created:
        return
    articles = instance.articles.filter(status__in=[str(s) for s in PUBLIC_STATUSES])
    for article in articles.prefetch_related("tags").iterator(chunk_size=500):
        index_article(article)


def _article_deleted(sender: Any, instance: Any, using: str, **kw: Any) -> None:
    # Deletes that bypass do_delete_article (a queryset delete) must not leave text behind.
    remove_article(instance.pk, using)


def connect_signals() -> None:
    """Keep the index in step with changes made outside the article actions."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from broadsheet.articles.models import Tag

    m2m_changed.connect(_tags_changed, sender=Article.tags.through, dispatch_uid="search-tags")
    post_save.connect(_tag_saved, sender=Tag, dispatch_uid="search-tag-name")
    post_delete.connect(_article_deleted, sender=Article, dispatch_uid="search-delete")


# -- Reading a query ----------------------------------------------------------------------


def _is_word_char(ch: str) -> bool:
    # Letters, digits and combining marks (so Devanagari or Thai words stay whole).
    return unicodedata.category(ch)[0] in "LNM"


def _words(text: str) -> list[str]:
    out: list[str] = []
    current: list[str] = []
    for ch in text:
        if _is_word_char(ch):
            current.append(ch)
        elif current:
            out.append("".join(current))
            current = []
    if current:
        out.append("".join(current))
    return out


def parse_query(raw: str) -> list[str]:
    """Terms to look for: each a word, or several words for a "quoted phrase".

    Only letters, digits and marks survive, so a term can be quoted for either engine
    without any escaping at all.
    """
    raw = unicodedata.normalize("NFC", _CONTROL.sub(" ", raw[: MAX_QUERY_CHARS * 2]))
    terms: list[str] = []
    for phrase, bare in re.findall(r'"([^"]*)"?|([^\s"]+)', raw[:MAX_QUERY_CHARS]):
        pieces = [_words(phrase)] if phrase else [[w] for w in _words(bare)]
        for words in pieces:
            term = " ".join(words)
            if term and term not in terms:
                terms.append(term)
    return terms[:MAX_TERMS]


def display_query(raw: str) -> str:
    """The query as typed, shortened and cleaned of what cannot go into a page."""
    return _CONTROL.sub("", raw[:MAX_QUERY_CHARS]).strip()


# -- Running it ---------------------------------------------------------------------------


@dataclass
class Hit:
    article: Article
    title_html: SafeString
    standfirst_html: SafeString
    excerpt_html: SafeString


def marked(text: str | None) -> SafeString:
    """Escape an engine's output and turn its match markers into <mark>."""
    html = escape(text or "")
    html = html.replace(START, "<mark>").replace(STOP, "</mark>")
    # A marker cut off by a snippet boundary must not leave a <mark> open.
    if html.count("<mark>") != html.count("</mark>"):
        html = html.replace("<mark>", "").replace("</mark>", "")
    return mark_safe(html)  # noqa: S308  (escaped above; only our own tags added)


class Results:
    """Ranked matches among the public articles, sliced lazily for a Paginator."""

    def __init__(self, terms: Sequence[str], using: str = "default") -> None:
        self.terms = list(terms)
        self.using = using
        self.vendor = connections[using].vendor
        self._count: int | None = None

    def _public(self) -> tuple[str, tuple[Any, ...]]:
        """The ids the visibility rule shows, as SQL Django compiled (values kept apart as
        parameters), to stand for PUBLIC_IDS in the queries below."""
        qs = Article.objects.using(self.using).published().values("pk")
        sql, params = qs.query.get_compiler(using=self.using).as_sql()
        return sql, tuple(params)

    def _fts_match(self) -> str:
        return " AND ".join(f'"{term}"' for term in self.terms)

    def _pg_query(self) -> str:
        return " ".join(f'"{term}"' for term in self.terms)

    def count(self) -> int:
        if self._count is None:
            self._count = self._run_count() if self.terms else 0
        return self._count

    def __len__(self) -> int:
        return self.count()

    def _run_count(self) -> int:
        public, params = self._public()
        if self.vendor == "sqlite":
            sql = (
                "SELECT count(*) FROM articles_search "
                "WHERE articles_search MATCH %s AND rowid IN (PUBLIC_IDS)"
            )
            args: list[Any] = [self._fts_match(), *params]
        elif self.vendor == "postgresql":
            sql = (
                "SELECT count(*) FROM articles_search s WHERE s.document @@ "
                "websearch_to_tsquery(%s::regconfig, %s) AND s.article_id IN (PUBLIC_IDS)"
            )
            args = [pg_config(), self._pg_query(), *params]
        else:
            return self._fallback().count()
        with connections[self.using].cursor() as cursor:
            cursor.execute(sql.replace("PUBLIC_IDS", public), args)
            return int(cursor.fetchone()[0])

    def __getitem__(self, index: slice) -> list[Hit]:
        if not isinstance(index, slice):
            raise TypeError("Results are read by page.")
        start = index.start or 0
        stop = index.stop if index.stop is not None else start + settings.ARTICLES_PER_PAGE
        if not self.terms or stop <= start:
            return []
        return self._page(start, stop - start)

    def _page(self, offset: int, limit: int) -> list[Hit]:
        public, params = self._public()
        if self.vendor == "sqlite":
            sql = (
                "SELECT rowid, highlight(articles_search, 0, %s, %s), "
                "highlight(articles_search, 1, %s, %s), "
                "snippet(articles_search, 2, %s, %s, %s, 24) FROM articles_search "
                "WHERE articles_search MATCH %s AND rowid IN (PUBLIC_IDS) "
                # Title matches weigh most, then tags, standfirst, body.
                "ORDER BY bm25(articles_search, 10.0, 3.0, 1.0, 5.0), rowid DESC "
                "LIMIT %s OFFSET %s"
            )
            args: list[Any] = [
                *(START, STOP) * 3,
                "…",
                self._fts_match(),
                *params,
                limit,
                offset,
            ]
        elif self.vendor == "postgresql":
            whole = f"StartSel={START}, StopSel={STOP}, HighlightAll=true"
            fragments = (
                f"StartSel={START}, StopSel={STOP}, MaxWords=30, MinWords=12, "
                f'MaxFragments=2, FragmentDelimiter=" … "'
            )
            sql = (
                "SELECT s.article_id, ts_headline(s.config, s.title, q, %s), "
                "ts_headline(s.config, s.standfirst, q, %s), "
                "ts_headline(s.config, s.body, q, %s) "
                "FROM articles_search s, websearch_to_tsquery(%s::regconfig, %s) q "
                "WHERE s.document @@ q AND s.article_id IN (PUBLIC_IDS) "
                "ORDER BY ts_rank_cd(s.document, q) DESC, s.article_id DESC "
                "LIMIT %s OFFSET %s"
            )
            args = [whole, whole, fragments, pg_config(), self._pg_query(), *params, limit, offset]
        else:
            found = self._fallback()[offset : offset + limit]
            return [Hit(a, marked(a.title), marked(a.standfirst), marked("")) for a in found]
        with connections[self.using].cursor() as cursor:
            cursor.execute(sql.replace("PUBLIC_IDS", public), args)
            rows = cursor.fetchall()
        articles = (
            Article.objects.using(self.using)
            .published()
            .filter(pk__in=[row[0] for row in rows])
            .select_related("author")
            .prefetch_related("categories")
            .defer("body", "body_html")
            .in_bulk()
        )
        return [
            Hit(articles[pk], marked(title), marked(standfirst), marked(excerpt))
            for pk, title, standfirst, excerpt in rows
            if pk in articles
        ]

    def _fallback(self) -> Any:
        """Other databases: a plain substring search, unranked but correct."""
        qs = Article.objects.using(self.using).published()
        for term in self.terms:
            qs = qs.filter(Q(title__icontains=term) | Q(standfirst__icontains=term, password=""))
        return (
            qs.select_related("author")
            .prefetch_related("categories")
            .order_by("-published_at", "-id")
        )


# -- The page -----------------------------------------------------------------------------


def search(request: HttpRequest, page: int | None = None) -> HttpResponse:
    """`/?s=query` and `/page/N/?s=query`: ten ranked results a page, matches marked."""
    raw = request.GET.get("s", "")
    query = display_query(raw)
    terms = parse_query(raw)
    paginator = Paginator(
        Results(terms, router.db_for_read(Article)),
        settings.ARTICLES_PER_PAGE,
        allow_empty_first_page=True,
    )
    try:
        page_obj = paginator.page(1 if page is None else page)
    except EmptyPage as e:
        raise Http404(_("No such page.")) from e

    def page_url(n: int) -> str:
        qs = urlencode({"s": query})
        return f"/?{qs}" if n == 1 else f"/page/{n}/?{qs}"

    ctx = {
        "query": query,
        "terms": terms,
        "page_obj": page_obj,
        "hits": page_obj.object_list,
        "newer_url": page_url(page_obj.number - 1) if page_obj.has_previous() else None,
        "older_url": page_url(page_obj.number + 1) if page_obj.has_next() else None,
        "is_search": True,
    }
    return render(request, "articles/search.html", ctx)
