"""Loading a WordPress export into Broadsheet, through the actions layer.

Two passes over the file, both streaming (wxr.parse):
1. validate: the whole file is read and checked before anything is written; a bad file is
   refused (WXRError) with nothing stored. This pass also gathers the small things the second
   needs up front: the header's terms, the authors, which page is whose parent.
2. write: records are saved in batched transactions (readers and commenters are never
   blocked for long) through do_save_article / do_save_category / do_save_tag /
   do_save_image; comments are written in bulk (see _save_comments). Should anything fail
   midway, what this run created is removed again before the error is raised.

Re-importing is safe: every object is keyed by (site, WordPress id) in ImportedObject, with a
digest of its record, so an unchanged record is left alone and a changed one is updated in
place. WordPress post ids become the articles' primary keys when those are free (so the REST
API's ids and /?p=N match the old site's), and comment ids likewise.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import ipaddress
import json
import logging
import pickle
import posixpath
import re
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO, Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.db import connection, transaction
from django.db.models import Q
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.translation import gettext as _

from broadsheet.articles.actions import (
    bulk_writes,
    do_create_articles,
    do_save_article,
    do_save_category,
    do_save_tag,
    prepare_article,
    tell_page_cache,
)
from broadsheet.articles.models import Article, Category, Kind, LegacyPath, Status, Tag
from broadsheet.comments.actions import do_import_comments
from broadsheet.comments.models import Comment
from broadsheet.images.actions import do_save_image
from broadsheet.images.models import Image
from broadsheet.lib.bulk import insert_objects, insert_values
from broadsheet.lib.markdown import ImageRef
from broadsheet.lib.slugs import make_slug, unique_slug
from broadsheet.people.models import Author
from broadsheet.wordpress import content as wpcontent
from broadsheet.wordpress.models import ImportedObject, ImportedSite, ImportRun
from broadsheet.wordpress.wxr import (
    WXRAuthor,
    WXRComment,
    WXRError,
    WXRHeader,
    WXRItem,
    WXRTerm,
    parse,
)

log = logging.getLogger(__name__)

__all__ = ["DatabaseResolver", "ImportSummary", "import_wxr", "resolver_for_render"]

# Bump when the loader maps records differently, so a re-import refreshes everything.
LOADER_VERSION = "1"
BATCH = 100
FALLBACK_LOGIN = "wordpress"

STATUSES = {
    "publish": Status.PUBLISHED,
    "draft": Status.DRAFT,
    "pending": Status.PENDING,
    "private": Status.PRIVATE,
    "future": Status.SCHEDULED,
    "trash": Status.TRASH,
}
COMMENT_STATUSES = {
    "1": Comment.Status.APPROVED,
    "approve": Comment.Status.APPROVED,
    "approved": Comment.Status.APPROVED,
    "0": Comment.Status.PENDING,
    "hold": Comment.Status.PENDING,
    "spam": Comment.Status.SPAM,
    "trash": Comment.Status.TRASH,
    "post-trashed": Comment.Status.TRASH,
}
COMMENT_TYPES = {
    "": Comment.Type.COMMENT,
    "comment": Comment.Type.COMMENT,
    "pingback": Comment.Type.PINGBACK,
    "trackback": Comment.Type.TRACKBACK,
}
TAXONOMIES = {"category": "category", "post_tag": "tag", "tag": "tag"}
RECORD_FIELDS = [
    "site",
    "kind",
    "wp_id",
    "object_id",
    "digest",
    "meta",
    "extra",
    "wp_parent",
    "created_by",
]
# What an import writes of a comment it already has (the WordPress record changed).
COMMENT_FIELDS = [
    "article",
    "parent",
    "author_name",
    "author_email",
    "author_url",
    "author_ip",
    "content",
    "user",
    "status",
    "type",
    "created_at",
]

_url_ok = URLValidator(schemes=["http", "https"])


# --- the summary -----------------------------------------------------------------------------


@dataclass
class ImportSummary:
    """What an import did (or, with dry_run, would do); `render()` is what the CLI prints."""

    site: str = ""
    version: str = ""
    dry_run: bool = False
    found: Counter[str] = field(default_factory=Counter)
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    other_terms: Counter[str] = field(default_factory=Counter)
    shadowed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    media_kept: int = 0
    media_fetched: int = 0
    media_failed: int = 0

    def note(self, message: str) -> None:
        # Bounded, so a file with a million odd records cannot flood the summary.
        if len(self.notes) < 200:
            self.notes.append(message)
        elif len(self.notes) == 200:
            self.notes.append(_("… and more"))

    def render(self) -> str:
        def counts(counter: Counter[str]) -> str:
            return ", ".join(f"{n} {kind}" for kind, n in sorted(counter.items())) or "0"

        lines = [
            _("WordPress site: %(site)s (WXR %(version)s)")
            % {"site": self.site or "?", "version": self.version},
            _("Found: %(counts)s") % {"counts": counts(self.found)},
        ]
        if self.dry_run:
            lines.append(_("Dry run: nothing was written."))
            lines.append(_("Would create: %(counts)s") % {"counts": counts(self.created)})
            lines.append(
                _("Already imported (would update or leave): %(counts)s")
                % {"counts": counts(self.updated)}
            )
        else:
            lines.append(_("Imported: %(counts)s") % {"counts": counts(self.created)})
            lines.append(_("Updated: %(counts)s") % {"counts": counts(self.updated)})
            lines.append(_("Unchanged: %(counts)s") % {"counts": counts(self.unchanged)})
        if self.skipped:
            lines.append(_("Skipped:"))
            lines += [f"  {n} x {reason}" for reason, n in sorted(self.skipped.items())]
        if self.other_terms:
            lines.append(
                _("Terms of other taxonomies (counted, not imported): %(counts)s")
                % {"counts": counts(self.other_terms)}
            )
        if self.media_kept:
            lines.append(
                _("%(n)d media files were not fetched: their original URLs are kept.")
                % {"n": self.media_kept}
            )
        if self.media_fetched or self.media_failed:
            lines.append(
                _("Media fetched: %(ok)d, failed: %(failed)d")
                % {"ok": self.media_fetched, "failed": self.media_failed}
            )
        if self.shadowed:
            lines.append(_("Served at their native path, as a fixed route shadows their old one:"))
            lines += [f"  {line}" for line in self.shadowed]
        if self.notes:
            lines.append(_("Notes:"))
            lines += [f"  {line}" for line in self.notes]
        return "\n".join(lines)


# --- pass 1: validate ------------------------------------------------------------------------


@dataclass
class Plan:
    header: WXRHeader
    authors: dict[str, WXRAuthor] = field(default_factory=dict)
    terms: list[WXRTerm] = field(default_factory=list)
    items: int = 0
    found: Counter[str] = field(default_factory=Counter)
    post_ids: set[int] = field(default_factory=set)
    offsets: Counter[timedelta] = field(default_factory=Counter)
    # Sample dates (GMT) per offset, to compare with this site's time zone at those dates.
    offset_samples: dict[timedelta, datetime] = field(default_factory=dict)
    post_keys: list[str] = field(default_factory=list)
    attachment_keys: list[str] = field(default_factory=list)
    comment_keys: list[str] = field(default_factory=list)


def validate(path: str | Path, spool: IO[bytes] | None = None) -> Plan:
    """Read the whole file once; raise WXRError if it cannot be imported.

    With `spool`, the items read are also written there (pickled, one after another) for
    the write pass to read back instead of parsing the XML a second time, which took a
    quarter of a large import's time; reading them back takes a fifth of that.
    """
    plan: Plan | None = None
    for record in parse(path):
        if isinstance(record, WXRHeader):
            plan = Plan(header=record)
            continue
        assert plan is not None  # parse() yields the header first
        if isinstance(record, WXRAuthor):
            plan.authors.setdefault(record.login, record)
        elif isinstance(record, WXRTerm):
            plan.terms.append(record)
        elif isinstance(record, WXRItem):
            plan.items += 1
            if record.id is None:
                record.id = _id_without_post_id(record)
            kind = record.post_type or "?"
            plan.found[_found_key(kind)] += 1
            plan.found["comments"] += len(record.comments)
            if record.id is not None and kind in ("post", "page"):
                plan.post_ids.add(record.id)
                plan.post_keys.append(str(record.id))
            elif record.id is not None and kind == "attachment":
                plan.attachment_keys.append(str(record.id))
            plan.comment_keys += [str(c.id) for c in record.comments if c.id is not None]
            if spool is not None:
                pickle.dump(record, spool, protocol=pickle.HIGHEST_PROTOCOL)
            if record.date and record.date_gmt:
                offset = record.date - record.date_gmt
                plan.offsets[offset] += 1
                plan.offset_samples.setdefault(offset, record.date_gmt)
    if plan is None:  # pragma: no cover - parse() raises first
        raise WXRError(_("This is not a WordPress export file"))
    plan.found["authors"] = len(plan.authors)
    for term in plan.terms:
        plan.found[_found_key(TAXONOMIES.get(term.taxonomy, "other terms"))] += 1
    return plan


def _found_key(kind: str) -> str:
    return {
        "post": "posts",
        "page": "pages",
        "attachment": "attachments",
        "category": "categories",
        "tag": "tags",
    }.get(kind, kind)


def site_key(header: WXRHeader, fallback: str = "") -> str:
    """What identifies the old site across exports (see ImportedSite.key)."""
    for candidate in (header.base_blog_url, header.base_site_url, header.link):
        if candidate:
            return candidate.rstrip("/")
    return f"untitled:{header.title or fallback}"


def site_hosts(header: WXRHeader) -> list[str]:
    # base_site_url is left out when the blog has its own URL: on WordPress.com it is
    # wordpress.com itself, whose other pages are not this site's.
    urls = [header.base_blog_url, header.link]
    if not header.base_blog_url:
        urls.append(header.base_site_url)
    hosts: list[str] = []
    for url in urls:
        host = (urlsplit(url).hostname or "") if url else ""
        if not host:
            continue
        # Links may name an internationalised host in either form (🚀-science.com or xn--…).
        forms = {host}
        try:
            forms.add(host.encode("idna").decode("ascii"))
            forms.add(host.encode("ascii").decode("idna"))
        except UnicodeError:
            pass
        hosts += sorted(f for f in forms if f not in hosts)
    return hosts


# --- rendering context -----------------------------------------------------------------------


def _image_ref(image: Image) -> ImageRef:
    from broadsheet.articles.rendering import image_ref

    return image_ref(image)


class DatabaseResolver:
    """What content.render_wordpress needs, read from the import records."""

    def __init__(
        self,
        hosts: Sequence[str],
        site: ImportedSite | None = None,
        wp_id: int | None = None,
        media: dict[str, str] | None = None,
    ) -> None:
        self.hosts = list(hosts)
        self.site = site
        self.wp_id = wp_id
        self.media = media

    def site_hosts(self) -> Sequence[str]:
        return self.hosts

    def _attachments(self, **filters: Any) -> Any:
        qs = ImportedObject.objects.filter(kind="attachment", **filters)
        return qs.filter(site=self.site) if self.site else qs

    def images(self, wp_ids: Sequence[int]) -> list[ImageRef]:
        rows = self._attachments(wp_id__in=[str(i) for i in wp_ids])
        pk_by_wp = {int(r.wp_id): r.object_id for r in rows}
        images = Image.objects.in_bulk(pk_by_wp.values())
        return [
            _image_ref(images[pk_by_wp[i]])
            for i in wp_ids
            if i in pk_by_wp and pk_by_wp[i] in images
        ]

    def attached_images(self) -> list[ImageRef]:
        if self.wp_id is None:
            return []
        rows = self._attachments(wp_parent=self.wp_id).order_by("object_id")
        images = Image.objects.in_bulk([r.object_id for r in rows])
        return [_image_ref(images[r.object_id]) for r in rows if r.object_id in images]

    def media_url(self, url: str) -> str | None:
        if self.media is not None and url in self.media:
            return self.media[url]
        # WordPress links sized copies ("photo-300x200.jpg"); they all map to the original.
        base = re.sub(r"-[0-9]+x[0-9]+(\.[A-Za-z0-9]+)$", r"\1", url)
        image = Image.objects.filter(source_url__in={url, base}).exclude(renditions=[]).first()
        return image.src if image else None


def resolver_for_render() -> wpcontent.Resolver:
    """The resolver for an HTML body rendered outside an import (an edit, say)."""
    active = wpcontent.current_resolver.get()
    if active is not None:
        return active
    hosts: list[str] = []
    for site_hosts_ in ImportedSite.objects.values_list("hosts", flat=True):
        hosts += [h for h in site_hosts_ if h not in hosts]
    return DatabaseResolver(hosts)


# --- helpers ---------------------------------------------------------------------------------


@functools.cache
def _digest_fields(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind) if f.name not in ("line", "comments"))


def _digest(record: Any) -> str:
    """What a record says (its line in the file and an item's comments aside), hashed.

    Read field by field rather than with dataclasses.asdict, which deep-copies every value
    and took more time than anything else per comment; the records hold only plain values
    and lists of tuples, so the JSON (and the digest) is the same.
    """
    data = {name: getattr(record, name) for name in _digest_fields(type(record))}
    blob = json.dumps([LOADER_VERSION, data], default=str, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()


def _chunks(values: Sequence[Any], size: int = 2000) -> Iterable[Sequence[Any]]:
    # IN (...) lists stay under the databases' limits on query parameters.
    for start in range(0, len(values), size):
        yield values[start : start + size]


@functools.lru_cache(maxsize=8192)
def _ip(text: str) -> str | None:
    """An address as stored (IPv6 compressed), or None; cached, as readers comment often."""
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def _clip(text: str, n: int) -> str:
    return text[:n]


def _aware(
    gmt: datetime | None, local: datetime | None, offset: timedelta | None
) -> datetime | None:
    """GMT is the true time; without it, the local time less the file's usual offset."""
    if gmt is not None:
        return gmt.replace(tzinfo=UTC)
    if local is not None:
        if offset is not None:
            return (local - offset).replace(tzinfo=UTC)
        return timezone.make_aware(local)
    return None


def _path_from_link(link: str, collapse: bool = True) -> str:
    """The item's path on the old site, percent-decoded; "" for ?p=N links."""
    if not link:
        return ""
    try:
        parts = urlsplit(link)
    except ValueError:
        return ""
    if parts.query or not parts.path or parts.path == "/":
        return ""
    path = unquote(parts.path)
    if not path.startswith("/"):
        path = "/" + path
    if collapse:
        # "//greek/…" (a doubled slash from the old permalink settings) is "/greek/…".
        path = re.sub(r"/{2,}", "/", path)
    if len(path) > 1000 or "\x00" in path:
        return ""
    return path


def _id_without_post_id(item: WXRItem) -> int | None:
    """Hand-made files may leave out <wp:post_id>: the id is then read from the ?p=N link,
    as WordPress would have made it; failing that, a stable negative key from the guid
    (never used as a primary key nor as /?p=N)."""
    for url in (item.link, item.guid):
        match = re.search(r"[?&](?:p|page_id|attachment_id)=([0-9]{1,18})(?:&|$)", url)
        if match:
            return int(match.group(1))
    identity = item.guid or item.link
    if not identity:
        return None
    return -int(hashlib.sha256(identity.encode()).hexdigest()[:15], 16)


def is_shadowed(path: str) -> bool:
    """True when a fixed route (not the article/page lookup) answers at `path`."""
    if path.startswith((settings.STATIC_URL, settings.MEDIA_URL, "/wp-json/", "/admin/")):
        return True
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return match.url_name not in ("article", "page")


def _reset_sequences(*models: type) -> None:
    """Explicit primary keys (WordPress ids) leave PostgreSQL's sequences behind."""
    statements = connection.ops.sequence_reset_sql(_NoStyle(), list(models))
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


class _NoStyle:
    def __getattr__(self, name: str) -> Callable[[str], str]:
        return lambda text: text


# --- pass 2: write ---------------------------------------------------------------------------


@dataclass
class Snapshot:
    """Taken paths and ids among those a batch may claim (Loader._snapshot)."""

    paths: set[str]
    taken: dict[str, defaultdict[str, set[int]]] = field(
        default_factory=lambda: {"path": defaultdict(set), "original_path": defaultdict(set)}
    )
    ids: set[int] = field(default_factory=set)
    pks: set[int] = field(default_factory=set)


class Loader:
    def __init__(
        self,
        path: str | Path,
        plan: Plan,
        summary: ImportSummary,
        *,
        fetch_media: bool,
        run: ImportRun,
        progress: Callable[[int, int], None] | None,
        fetcher: Callable[[str], Any] | None,
        spool: IO[bytes] | None = None,
    ) -> None:
        self.path = path
        self.spool = spool
        self.plan = plan
        self.summary = summary
        self.fetch_media = fetch_media
        self.run = run
        self.progress = progress
        self.fetcher = fetcher
        header = plan.header
        self.site, _created = ImportedSite.objects.get_or_create(
            key=site_key(header, Path(str(path)).name)[:500],
            defaults={"first_imported_at": timezone.now()},
        )
        self.site.base_site_url = _clip(header.base_site_url, 500)
        self.site.base_blog_url = _clip(header.base_blog_url, 500)
        self.site.title = _clip(header.title, 500)
        self.site.hosts = site_hosts(header)
        self.site.last_imported_at = timezone.now()
        self.site.save()
        run.site = self.site
        run.save(update_fields=["site"])
        self.offset = plan.offsets.most_common(1)[0][0] if plan.offsets else None
        self.known: dict[tuple[str, str], ImportedObject] = {
            (o.kind, o.wp_id): o
            for o in ImportedObject.objects.filter(site=self.site).exclude(kind="comment")
        }
        self.authors: dict[str, Author] = {}
        # WordPress user id -> login here, so comments by the site's own writers keep theirs.
        self.users: dict[int, int | None] = {}
        self.categories: dict[str, Category] = {}
        self.tags: dict[str, Tag] = {}
        self.article_ids: dict[int, int] = {}
        self.image_ids: dict[int, int] = {}
        self.deferred: list[WXRItem] = []
        self.attachment_pages: list[tuple[str, int]] = []
        self.featured: list[tuple[int, int]] = []
        self.rerender: set[int] = set()
        self.explicit_pks = False
        self.done = 0
        # Written together at the next flush (see _flush): new posts, the comments and old
        # paths of every item, and the bookkeeping rows.
        self.pending_articles: list[tuple[Article, list[Category], list[Tag]]] = []
        self.pending_pks: set[int] = set()
        self.pending_paths: set[str] = set()
        self.pending_originals: set[str] = set()
        self.pending_comments: list[tuple[WXRItem, Article]] = []
        self.pending_legacy: list[tuple[str, Article]] = []
        self.new_records: list[ImportedObject] = []
        self.changed_records: list[ImportedObject] = []
        self.snapshot: Snapshot | None = None
        self.had_comments = ImportedObject.objects.filter(site=self.site, kind="comment").exists()
        self.comment_ids: set[int] = set()  # the WordPress ids of comments seen so far

    # -- bookkeeping

    def _record(
        self,
        kind: str,
        wp_id: str,
        object_id: int,
        digest: str = "",
        *,
        meta: Iterable[tuple[str, str]] = (),
        extra: dict[str, Any] | None = None,
        wp_parent: int = 0,
        existing: ImportedObject | None = None,
    ) -> ImportedObject:
        key = (kind, wp_id)
        obj = existing or self.known.get(key)
        fields = {
            "object_id": object_id,
            "digest": digest,
            "meta": [list(m) for m in meta],
            "extra": extra or {},
            "wp_parent": wp_parent,
        }
        # Written in bulk at the next flush; a row still waiting there is just amended.
        # Attachments' rows are written at once: the posts after them (galleries) look
        # them up while rendering.
        if obj is None:
            obj = ImportedObject(
                site=self.site, kind=kind, wp_id=wp_id, created_by=self.run, **fields
            )
            if kind == "attachment":
                obj.save()
            else:
                self.new_records.append(obj)
            if kind != "comment":  # comments are looked up per batch, not kept in memory
                self.known[key] = obj
        else:
            for name, value in fields.items():
                setattr(obj, name, value)
            if obj.pk is not None:
                self.changed_records.append(obj)
        return obj

    def _flush_records(self) -> None:
        ImportedObject.objects.bulk_create(self.new_records, batch_size=1000)
        ImportedObject.objects.bulk_update(
            self.changed_records,
            ["object_id", "digest", "meta", "extra", "wp_parent"],
            batch_size=500,
        )
        self.new_records, self.changed_records = [], []

    def _count(self, outcome: str, kind: str) -> None:
        getattr(self.summary, outcome)[kind] += 1

    # -- authors and terms

    def author(self, login: str) -> Author:
        login = login or FALLBACK_LOGIN
        if login in self.authors:
            return self.authors[login]
        record = self.plan.authors.get(login) or WXRAuthor(login=login)
        known = self.known.get(("author", login))
        author = Author.objects.filter(pk=known.object_id).first() if known else None
        digest = _digest(record)
        if author is not None and known and known.digest == digest:
            self._count("unchanged", "authors")
        else:
            outcome = "updated" if author else "created"
            extra: dict[str, Any] = dict(known.extra) if known else {}
            if author is None:
                author, user_created = self._new_author(record)
                extra["user_created"] = user_created
                extra["wp_id"] = record.id
            else:
                self._fill_author(author, record)
                author.save()
            self._record("author", login, author.pk, digest, extra=extra)
            self._count(outcome, "authors")
        self.authors[login] = author
        if record.id:
            self.users[record.id] = author.user_id
        return author

    def _fill_author(self, author: Author, record: WXRAuthor) -> None:
        author.display_name = _clip(record.display_name or record.login, 250)
        author.email = _clip(record.email, 254)
        author.first_name = _clip(record.first_name, 150)
        author.last_name = _clip(record.last_name, 150)

    def _new_author(self, record: WXRAuthor) -> tuple[Author, bool]:
        """The author for a login: an existing account of that name is used, as WordPress's
        importer maps authors to existing users; otherwise one is made, unable to log in
        until someone sets a password."""
        user_model = get_user_model()
        username = _clip(record.login, 150)
        user = user_model.objects.filter(username=username).first()
        user_created = False
        if user is None:
            user = user_model(
                username=username,
                email=_clip(record.email, 254),
                first_name=_clip(record.first_name, 150),
                last_name=_clip(record.last_name, 150),
                is_active=True,
            )
            user.set_unusable_password()
            user.save()
            user_created = True
        author = Author.objects.filter(user=user).first()
        if author is None:
            author = Author(user=user)
            self._fill_author(author, record)
            author.slug = unique_slug(
                make_slug(record.login) or "author",
                lambda s: Author.objects.filter(slug=s).exists(),
            )
            author.save()
        return author, user_created

    def load_terms(self) -> None:
        categories = [t for t in self.plan.terms if t.taxonomy == "category"]
        for term in self.plan.terms:
            kind = TAXONOMIES.get(term.taxonomy)
            if kind == "tag":
                self.tag(unquote(term.slug), term.name, term)
            elif kind is None:
                self.summary.other_terms[term.taxonomy] += 1
        # Parents first, whatever the file's order; a missing parent leaves a top-level one.
        pending = {unquote(t.slug): t for t in categories}
        while pending:
            ready = [
                slug
                for slug, t in pending.items()
                if not t.parent or unquote(t.parent) not in pending or unquote(t.parent) == slug
            ]
            if not ready:
                ready = list(pending)[:1]
                self.summary.note(
                    _("Categories in a parent loop were placed at the top: %(slug)s")
                    % {"slug": ready[0]}
                )
            for slug in ready:
                term = pending.pop(slug)
                self.category(slug, term.name, term)

    def category(self, slug: str, name: str, term: WXRTerm | None = None) -> Category | None:
        slug = _clip(slug or make_slug(name), 200)
        if not slug:
            return None
        if slug in self.categories and term is None:
            return self.categories[slug]
        record = term or WXRTerm(taxonomy="category", slug=slug, name=name)
        known = self.known.get(("category", slug))
        category = Category.objects.filter(pk=known.object_id).first() if known else None
        digest = _digest(record)
        if category is not None and known and known.digest == digest:
            self._count("unchanged", "categories")
        else:
            outcome = "updated" if category else "created"
            if category is None:
                # An existing category of that slug is shared, as WordPress's term_exists.
                category = Category.objects.filter(slug=slug).first() or Category(slug=slug)
            category.name = _clip(record.name or slug, 200)
            category.description = record.description
            parent_slug = unquote(record.parent)[:200] if record.parent else ""
            parent = (
                self.categories.get(parent_slug)
                or Category.objects.filter(slug=parent_slug).first()
                if parent_slug and parent_slug != slug
                else None
            )
            category.parent = parent
            try:
                do_save_category(category)
            except ValidationError as e:
                category.parent = None
                do_save_category(category)
                self.summary.note(f"{slug}: {'; '.join(e.messages)}")
            self._record(
                "category", slug, category.pk, digest, meta=record.meta, extra={"id": record.id}
            )
            self._count(outcome, "categories")
        self.categories[slug] = category
        return category

    def tag(self, slug: str, name: str, term: WXRTerm | None = None) -> Tag | None:
        slug = _clip(slug or make_slug(name), 200)
        if not slug:
            return None
        if slug in self.tags and term is None:
            return self.tags[slug]
        record = term or WXRTerm(taxonomy="post_tag", slug=slug, name=name)
        known = self.known.get(("tag", slug))
        tag = Tag.objects.filter(pk=known.object_id).first() if known else None
        digest = _digest(record)
        if tag is not None and known and known.digest == digest:
            self._count("unchanged", "tags")
        else:
            outcome = "updated" if tag else "created"
            if tag is None:
                tag = Tag.objects.filter(slug=slug).first() or Tag(slug=slug)
            tag.name = _clip(record.name or slug, 200)
            tag.description = record.description
            do_save_tag(tag)
            self._record("tag", slug, tag.pk, digest, meta=record.meta, extra={"id": record.id})
            self._count(outcome, "tags")
        self.tags[slug] = tag
        return tag

    # -- items

    def item(self, item: WXRItem) -> None:
        kind = item.post_type
        if item.id is None:
            item.id = _id_without_post_id(item)
        if item.id is None:
            self.summary.skipped[_("item without a post id")] += 1
        elif kind in ("post", "page"):
            self.article(item)
        elif kind == "attachment":
            self.attachment(item)
        else:
            self.summary.skipped[
                _("post type %(type)s is not imported") % {"type": kind or "?"}
            ] += 1

    def _terms_of(self, item: WXRItem) -> tuple[list[Category], list[Tag], list[list[str]]]:
        categories: list[Category] = []
        tags: list[Tag] = []
        others: list[list[str]] = []
        for domain, nicename, name in item.terms:
            kind = TAXONOMIES.get(domain)
            slug = unquote(nicename) if nicename else make_slug(name)
            if kind == "category":
                category = self.category(slug, name)
                if category and category not in categories:
                    categories.append(category)
            elif kind == "tag":
                tag = self.tag(slug, name)
                if tag and tag not in tags:
                    tags.append(tag)
            else:
                others.append([domain, nicename, name])
        return categories, tags, others

    def article(self, item: WXRItem, final: bool = False) -> None:
        assert item.id is not None
        status = STATUSES.get(item.status)
        if status is None:
            self.summary.skipped[
                _("%(type)s with status %(status)s")
                % {"type": item.post_type, "status": item.status or "?"}
            ] += 1
            return
        kind = Kind.PAGE if item.post_type == "page" else Kind.POST
        found = _found_key(item.post_type)
        parent_id = None
        if kind == Kind.PAGE and item.parent:
            parent_id = self.article_ids.get(item.parent)
            if parent_id is None and item.parent in self.plan.post_ids and not final:
                self.deferred.append(item)  # its parent comes later in the file
                return
            if parent_id is None:
                self.summary.note(
                    _("Page %(id)d: its parent %(parent)d is not in the file")
                    % {"id": item.id, "parent": item.parent}
                )
        key = str(item.id)
        known = self.known.get(("post", key))
        if known is not None and known.object_id in self.pending_pks:
            self._flush()  # the same id twice in a file: the first must be written
        article = Article.objects.filter(pk=known.object_id).first() if known else None
        digest = _digest(item)
        if article is not None and known and known.digest == digest:
            self.article_ids[item.id] = article.pk
            self._count("unchanged", found)
            self._comments(item, article)
            return
        outcome = "updated" if article else "created"
        # New posts whose WordPress id is free are written in bulk at the next flush; the
        # rest (pages, which may hang under a post, and updates) one by one, after it.
        bulk = False
        if article is None:
            article = Article()
            if item.id > 0 and not self._pk_taken(item.id):
                article.pk = item.id
                self.explicit_pks = True
                bulk = kind == Kind.POST
            elif self.explicit_pks and connection.vendor != "sqlite":
                self._flush()
                _reset_sequences(Article)
        if not bulk:
            self._flush()
        categories, tags, others = self._terms_of(item)
        article.kind = kind
        # Broadsheet needs a headline; WordPress allows none (the raw one is kept for export).
        article.title = _clip(item.title, 500) if item.title.strip() else _("(no title)")
        article.slug = _clip(unquote(item.slug), 200)
        article.standfirst = item.excerpt
        article.body = item.content
        article.body_format = "html"
        article.author = self.author(item.creator)
        article.status = status
        article.password = _clip(item.password, 255)
        when = _aware(item.date_gmt, item.date, self.offset)
        floating = item.date_gmt is None and status in (Status.DRAFT, Status.PENDING)
        article.published_at = None if floating else when
        article.created_at = when or timezone.now()
        article.comments_open = item.comment_status != "closed"
        article.sticky = item.sticky
        article.menu_order = item.menu_order
        article.parent_id = parent_id
        thumbnail = item.meta_value("_thumbnail_id")
        if thumbnail and thumbnail.strip().isdigit():
            image_pk = self.image_ids.get(int(thumbnail))
            if image_pk:
                article.featured_image_id = image_pk
            else:
                self.featured.append((item.id, int(thumbnail)))
        self._place(article, item)
        token = wpcontent.current_resolver.set(
            DatabaseResolver(self.site.hosts, self.site, item.id)
        )
        try:
            if bulk:
                # The path is unique: _place checked it against the database and this
                # batch's other new posts.
                prepare_article(article, keep_slug=True, check_unique=False)
            else:
                do_save_article(article, categories=categories, tags=tags, keep_slug=True)
        except ValidationError as e:
            self.summary.skipped[_("invalid %(type)s") % {"type": item.post_type}] += 1
            self.summary.note(f"{item.post_type} {item.id}: {'; '.join(e.messages)}")
            return
        finally:
            wpcontent.current_resolver.reset(token)
        if bulk:
            self.pending_articles.append((article, categories, tags))
            self.pending_pks.add(article.pk)
            if article.path:
                self.pending_paths.add(article.path)
            if article.original_path:
                self.pending_originals.add(article.original_path)
        self.article_ids[item.id] = article.pk
        if "[gallery" in item.content:
            self.rerender.add(article.pk)
        self._legacy_paths(item, article)
        extra = {
            "guid": item.guid,
            "link": item.link,
            "ping_status": item.ping_status,
            "post_type": item.post_type,
        }
        if others:
            extra["terms"] = others
        if not item.title.strip():
            extra["title"] = item.title
            extra["shown_title"] = article.title
        self._record(
            "post", key, article.pk, digest, meta=item.meta, extra=extra, wp_parent=item.parent
        )
        self._count(outcome, found)
        self._comments(item, article)

    def _place(self, article: Article, item: WXRItem) -> None:
        """Choose the item's original path (200) and keep its native path free of clashes."""
        path = _path_from_link(item.link)
        if path and is_shadowed(path):
            native = article.native_path()
            self.summary.shadowed.append(f"{path} → {native or '-'} ({item.title[:60]})")
            path = ""
        if path:
            clash = self._used(path, "path", article.pk) or self._used(
                path, "original_path", article.pk
            )
            if clash:
                self.summary.note(
                    _(
                        "%(path)s is already taken by another article: "
                        "item %(id)s is served at its native path"
                    )
                    % {"path": path, "id": item.id}
                )
                path = ""
        article.original_path = path
        # Keep the slug WordPress gave (the URL depends on it) unless the native path it
        # makes is someone else's; only then does the slug get a suffix.
        if article.slug:
            base = article.slug

            def taken(slug: str) -> bool:
                article.slug = slug
                native = article.native_path()
                return self._used(native, "path", article.pk) or (
                    native != path and self._used(native, "original_path", article.pk)
                )

            if taken(base):
                article.slug = unique_slug(base, taken)
                self.summary.note(
                    _("Slug %(old)s of item %(id)s was taken here: now %(new)s")
                    % {"old": base, "id": item.id, "new": article.slug}
                )
            else:
                article.slug = base

    def _snapshot(self, batch: list[WXRItem]) -> None:
        """Read at once which of the paths and ids this batch's new posts may claim are
        taken, instead of asking for each post (see _used). Valid until the next flush:
        writing one article at a time then changes the database under it."""
        paths: set[str] = set()
        ids = [item.id for item in batch if item.id and item.id > 0]
        for item in batch:
            if item.post_type != "post":
                continue
            paths.add(_path_from_link(item.link))
            when = _aware(item.date_gmt, item.date, self.offset)
            slug = _clip(unquote(item.slug), 200)
            if when and slug:
                paths.add(f"/{timezone.localtime(when):%Y/%m/%d}/{slug}/")
        paths.discard("")
        snapshot = Snapshot(paths=paths)
        for chunk in _chunks(sorted(paths)):
            rows = Article.objects.filter(Q(path__in=chunk) | Q(original_path__in=chunk))
            for pk, path, original in rows.values_list("pk", "path", "original_path"):
                snapshot.taken["path"][path].add(pk)
                snapshot.taken["original_path"][original].add(pk)
        for chunk in _chunks(ids):
            snapshot.pks.update(Article.objects.filter(pk__in=chunk).values_list("pk", flat=True))
        snapshot.ids = set(ids)
        self.snapshot = snapshot

    def _used(self, value: str, field: str, pk: int | None) -> bool:
        """Whether an article other than `pk` has `value` as its `field` (path or
        original_path), written or waiting to be."""
        pending = self.pending_paths if field == "path" else self.pending_originals
        if value in pending:
            return True
        snapshot = self.snapshot
        if snapshot is not None and value in snapshot.paths:
            return bool(snapshot.taken[field].get(value, set()) - {pk})
        return Article.objects.exclude(pk=pk).filter(**{field: value}).exists()

    def _pk_taken(self, pk: int) -> bool:
        if pk in self.pending_pks:
            return True
        snapshot = self.snapshot
        if snapshot is not None and pk in snapshot.ids:
            return pk in snapshot.pks
        return Article.objects.filter(pk=pk).exists()

    def _legacy(self, path: str, article: Article) -> None:
        """An old path of `article` to redirect from (written at the next flush)."""
        self.pending_legacy.append((path, article))

    def _flush_legacy(self) -> None:
        """Old paths become redirects. One already redirecting elsewhere moves when it
        pointed at another of this site's items (the later item wins, as when a file's
        items are read in order) or at nothing; an item never redirects from where an
        article lives."""
        wanted: dict[str, Article] = {}
        for path, article in self.pending_legacy:
            if path and len(path) <= 1000 and path not in (article.path, article.original_path):
                wanted[path] = article
        self.pending_legacy = []
        if not wanted:
            return
        paths = list(wanted)
        live: set[str] = set()
        existing: dict[str, LegacyPath] = {}
        for chunk in _chunks(paths):
            live.update(Article.objects.filter(path__in=chunk).values_list("path", flat=True))
            existing.update((lp.path, lp) for lp in LegacyPath.objects.filter(path__in=chunk))
        elsewhere = {lp.article_id for lp in existing.values()}
        for path, lp in existing.items():
            if lp.article_id == wanted[path].pk:
                elsewhere.discard(lp.article_id)
        ours: set[int] = set()
        present: set[int] = set()
        for chunk in _chunks(list(elsewhere)):
            ours.update(
                ImportedObject.objects.filter(
                    site=self.site, kind="post", object_id__in=chunk
                ).values_list("object_id", flat=True)
            )
            present.update(Article.objects.filter(pk__in=chunk).values_list("pk", flat=True))
        new: list[LegacyPath] = []
        moved: list[LegacyPath] = []
        for path, article in wanted.items():
            if path in live:
                continue
            lp = existing.get(path)
            if lp is None:
                new.append(LegacyPath(path=path, article=article))
            elif lp.article_id != article.pk and (
                lp.article_id in ours or lp.article_id not in present
            ):
                lp.article = article
                moved.append(lp)
        insert_objects(LegacyPath, new)
        LegacyPath.objects.bulk_update(moved, ["article"], batch_size=500)
        if new or moved:
            tell_page_cache(LegacyPath)

    def _legacy_paths(self, item: WXRItem, article: Article) -> None:
        assert item.id is not None
        if item.id > 0:
            self._legacy(f"/?p={item.id}", article)
        if item.post_type == "page" and item.id > 0:
            self._legacy(f"/?page_id={item.id}", article)
        for old in (_path_from_link(item.guid), _path_from_link(item.link, collapse=False)):
            if old:
                self._legacy(old, article)
        if article.original_path:
            pages = len(wpcontent.NEXTPAGE.findall(item.content)) + 1
            for n in range(2, min(pages, 100) + 1):
                self._legacy(f"{article.original_path}{n}/", article)

    def attachment(self, item: WXRItem) -> None:
        assert item.id is not None
        key = str(item.id)
        known = self.known.get(("attachment", key))
        image = Image.objects.filter(pk=known.object_id).first() if known else None
        digest = _digest(item)
        if item.parent:
            link_path = _path_from_link(item.link)
            if link_path:
                self.attachment_pages.append((link_path, item.parent))
        if image is not None and known and known.digest == digest:
            self.image_ids[item.id] = image.pk
            self._count("unchanged", "attachments")
            if not image.renditions:
                self.summary.media_kept += 1
            return
        outcome = "updated" if image else "created"
        image = image or Image()
        url = item.attachment_url or item.guid
        try:
            _url_ok(url)
        except ValidationError:
            url = ""
        alt = (item.meta_value("_wp_attachment_image_alt") or "").strip()
        filename = posixpath.basename(urlsplit(url).path) if url else ""
        image.alt = _clip(alt or item.title or filename or _("Image"), 500)
        image.caption = _clip(item.excerpt, 1000)
        image.source_url = _clip(url, 2000) if len(url) <= 2000 else ""
        upload = None
        if self.fetch_media and url and not image.renditions:
            upload = self._fetch(url, filename)
        try:
            do_save_image(image, upload)
        except ValidationError as e:
            if upload is None:
                self.summary.skipped[_("invalid attachment")] += 1
                self.summary.note(f"attachment {item.id}: {'; '.join(e.messages)}")
                return
            self.summary.media_failed += 1
            self.summary.media_fetched -= 1
            self.summary.note(f"{url}: {'; '.join(e.messages)}")
            do_save_image(image, None)
        if not image.renditions:
            self.summary.media_kept += 1
        self.image_ids[item.id] = image.pk
        extra = {"guid": item.guid, "link": item.link, "title": item.title, "content": item.content}
        self._record(
            "attachment", key, image.pk, digest, meta=item.meta, extra=extra, wp_parent=item.parent
        )
        self._count(outcome, "attachments")

    def _fetch(self, url: str, filename: str) -> ContentFile[bytes] | None:
        from broadsheet.wordpress.fetch import FetchError, fetch

        try:
            fetched = (self.fetcher or fetch)(url)
        except FetchError as e:
            self.summary.media_failed += 1
            self.summary.note(str(e))
            return None
        self.summary.media_fetched += 1
        return ContentFile(fetched.content, name=filename or "upload")

    # -- comments

    def _comments(self, item: WXRItem, article: Article) -> None:
        """The item's comments are written with the rest of the batch (_flush_comments)."""
        if item.comments:
            self.pending_comments.append((item, article))

    def _flush_comments(self) -> None:
        """Comments in bulk, through comments.actions.do_import_comments: keyed by
        WordPress comment id, threaded by parent id within their item.

        Ids are chosen before writing (the WordPress id when it is free), so nearly every
        reply's parent is known and the rows go in at once; only replies to a comment whose
        id was taken get their parent in a second step.
        """
        pending, self.pending_comments = self.pending_comments, []
        if not pending:
            return
        # Only comments this site may already have are looked up: on a first import,
        # those whose id came earlier in this same file.
        keys = [
            str(c.id)
            for item, _a in pending
            for c in item.comments
            if c.id is not None and (self.had_comments or c.id in self.comment_ids)
        ]
        self.comment_ids.update(c.id for item, _a in pending for c in item.comments if c.id)
        known: dict[str, ImportedObject] = {}
        for chunk in _chunks(keys):
            rows = ImportedObject.objects.filter(site=self.site, kind="comment", wp_id__in=chunk)
            known.update((o.wp_id, o) for o in rows)
        existing: dict[int, Comment] = {}
        for chunk in _chunks([o.object_id for o in known.values()]):
            existing.update(Comment.objects.in_bulk(chunk))
        wanted = [c.id for item, _a in pending for c in item.comments if c.id and c.id > 0]
        taken: set[int] = set()
        for chunk in _chunks(wanted):
            taken.update(Comment.objects.filter(pk__in=chunk).values_list("pk", flat=True))

        new: list[tuple[WXRComment, Comment, str, int]] = []
        changed: list[tuple[WXRComment, Comment, str, int]] = []
        late_parents: list[tuple[Comment, Comment]] = []  # (reply, parent without an id yet)
        fresh: dict[int, int] = {}  # WordPress id -> place in `new`, for an id met twice
        for item, article in pending:
            by_wp: dict[int, Comment] = {}
            written: list[tuple[WXRComment, Comment]] = []
            for record in item.comments:
                if record.id is None:
                    self.summary.skipped[_("comment without an id")] += 1
                    continue
                digest = _digest(record)
                row = known.get(str(record.id))
                comment = existing.get(row.object_id) if row else None
                if comment is None and record.id in fresh:
                    # The same comment id twice in one file: the later one wins, as it
                    # would over an earlier import.
                    _first, comment, first_digest, _i = new[fresh[record.id]]
                    if first_digest == digest:
                        by_wp[record.id] = comment
                        self._count("unchanged", "comments")
                        continue
                    new[fresh[record.id]] = (record, comment, digest, item.id or 0)
                    self._count("updated", "comments")
                elif comment is not None and row is not None and row.digest == digest:
                    by_wp[record.id] = comment
                    self._count("unchanged", "comments")
                    continue
                elif comment is None:
                    pk = None
                    if record.id > 0 and record.id not in taken:
                        pk = record.id
                        taken.add(record.id)
                    comment = Comment(id=pk, **self._comment_fields(record, article))
                    fresh[record.id] = len(new)
                    new.append((record, comment, digest, item.id or 0))
                    by_wp[record.id] = comment
                    written.append((record, comment))
                    continue
                else:
                    changed.append((record, comment, digest, item.id or 0))
                self._fill_comment(comment, record, article)
                by_wp[record.id] = comment
                written.append((record, comment))
            # Threading, within the item.
            for record, comment in written:
                parent = by_wp.get(record.parent) if record.parent else None
                if record.parent and parent is None:
                    self.summary.note(
                        _("Comment %(id)s: its parent %(parent)s is not in the file")
                        % {"id": record.id, "parent": record.parent}
                    )
                if parent is None or parent is comment:
                    comment.parent_id = None
                elif parent.pk is None:
                    comment.parent_id = None
                    late_parents.append((comment, parent))
                else:
                    comment.parent_id = parent.pk
        do_import_comments(
            [c for _r, c, _d, _i in new], [c for _r, c, _d, _i in changed], COMMENT_FIELDS
        )
        if late_parents:
            for comment, parent in late_parents:
                comment.parent_id = parent.pk
            do_import_comments([], [c for c, _p in late_parents], ["parent"])
        rows: list[tuple[Any, ...]] = []
        for record, comment, digest, wp_parent in new + changed:
            extra: dict[str, Any] = {"user_id": record.user_id, "date": str(record.date or "")}
            if COMMENT_TYPES.get(record.type) is None:
                extra["type"] = record.type
            if COMMENT_STATUSES.get(record.approved) is None:
                extra["approved"] = record.approved
            row = known.get(str(record.id))
            if row is not None:
                self._record(
                    "comment", str(record.id), comment.pk, digest,
                    meta=record.meta, extra=extra, wp_parent=wp_parent, existing=row,
                )  # fmt: skip
                continue
            meta = [list(m) for m in record.meta]
            rows.append(
                (self.site.pk, "comment", str(record.id), comment.pk, digest, meta, extra,
                 wp_parent, self.run.pk)
            )  # fmt: skip
        # The bookkeeping of new comments, as plain rows: a large import has as many of
        # them as comments, and they are never looked at again during the run.
        insert_values(ImportedObject, RECORD_FIELDS, rows)
        if new:
            self.summary.created["comments"] += len(new)
        if changed:
            self.summary.updated["comments"] += len(changed)
        if self.explicit_pks is False and any(c.pk == r.id for r, c, _d, _i in new):
            self.explicit_pks = True

    def _comment_fields(self, record: WXRComment, article: Article) -> dict[str, Any]:
        """A comment's fields from its record (ids, not objects: set through the model's
        descriptors, 100,000 related objects cost seconds)."""
        return {
            "article_id": article.pk,
            "author_name": _clip(record.author, 245),
            "author_email": _clip(record.author_email, 100),
            "author_url": _clip(record.author_url, 200),
            "author_ip": _ip(record.author_ip),
            "content": record.content,  # do_import_comments renders it
            "user_id": self.users.get(record.user_id) if record.user_id else None,
            "status": COMMENT_STATUSES.get(record.approved.strip().lower(), Comment.Status.PENDING),
            "type": COMMENT_TYPES.get(record.type.strip().lower(), Comment.Type.COMMENT),
            "created_at": _aware(record.date_gmt, record.date, self.offset) or article.created_at,
        }

    def _fill_comment(self, comment: Comment, record: WXRComment, article: Article) -> None:
        for name, value in self._comment_fields(record, article).items():
            setattr(comment, name, value)

    # -- the run

    def tick(self) -> None:
        self.done += 1
        if self.progress and (self.done % 25 == 0 or self.done == self.plan.items):
            self.progress(self.done, self.plan.items)

    def _flush(self) -> None:
        """Write what waits: new posts, then comments, bookkeeping and old paths (which
        look up the bookkeeping). Called at the end of each batch's transaction, and
        before anything that must see the waiting rows in the database."""
        self.snapshot = None
        if self.pending_articles:
            do_create_articles(self.pending_articles)
            self.pending_articles = []
            self.pending_pks.clear()
            self.pending_paths.clear()
            self.pending_originals.clear()
        self._flush_comments()
        self._flush_records()
        self._flush_legacy()

    def load(self) -> None:
        with transaction.atomic():
            for login in self.plan.authors:
                self.author(login)
            self.load_terms()
            self._flush()
        batch: list[WXRItem] = []
        for record in self._items():
            batch.append(record)
            if len(batch) >= BATCH:
                self._write(batch)
                batch = []
        self._write(batch)
        self.finish()

    def _items(self) -> Iterator[WXRItem]:
        """The file's items, from the validation pass's spool when there is one."""
        if self.spool is None:
            yield from (r for r in parse(self.path) if isinstance(r, WXRItem))
            return
        self.spool.seek(0)
        while True:
            try:
                # Safe to unpickle: written by validate() in this process, to a file
                # no other process can open (unnamed, in the data folder).
                yield pickle.load(self.spool)  # noqa: S301
            except EOFError:
                return

    def _write(self, batch: list[WXRItem]) -> None:
        if not batch:
            return
        with transaction.atomic():
            self._snapshot(batch)
            for item in batch:
                self.item(item)
                self.tick()
            self._flush()
        ImportRun.objects.filter(pk=self.run.pk).update(done=self.done, total=self.plan.items)

    def finish(self) -> None:
        with transaction.atomic():
            # Pages whose parents came later in the file, parents first.
            while self.deferred:
                progress = False
                for item in list(self.deferred):
                    if item.parent in self.article_ids or item.parent not in self.plan.post_ids:
                        self.deferred.remove(item)
                        self.article(item, final=True)
                        progress = True
                if not progress:
                    item = self.deferred.pop(0)
                    self.article(item, final=True)
            for path, parent in self.attachment_pages:
                article_pk = self.article_ids.get(parent)
                if article_pk:
                    article = Article.objects.filter(pk=article_pk).first()
                    if article:
                        self._legacy(path, article)
            for wp_id, thumbnail in self.featured:
                image_pk = self.image_ids.get(thumbnail)
                article_pk = self.article_ids.get(wp_id)
                if image_pk and article_pk:
                    Article.objects.filter(pk=article_pk).update(featured_image_id=image_pk)
            self._flush()
            self._rerender()
            self._flush()
            if connection.vendor != "sqlite":
                _reset_sequences(Article, Comment, Image)

    def _rerender(self) -> None:
        """Galleries name attachments that may come after their post in the file."""
        wp_by_pk = {pk: wp for wp, pk in self.article_ids.items()}
        if self.summary.media_fetched:
            uploads = Article.objects.filter(
                pk__in=list(self.article_ids.values()), body__contains="/wp-content/"
            ).values_list("pk", flat=True)
            self.rerender.update(uploads)
        for article in Article.objects.filter(pk__in=self.rerender):
            token = wpcontent.current_resolver.set(
                DatabaseResolver(self.site.hosts, self.site, wp_by_pk.get(article.pk))
            )
            try:
                do_save_article(article, keep_slug=True)
            finally:
                wpcontent.current_resolver.reset(token)

    def undo(self) -> None:
        """Remove what this run created (a run that failed midway)."""
        rows = ImportedObject.objects.filter(created_by=self.run)
        by_kind: dict[str, list[int]] = defaultdict(list)
        extras: dict[int, dict[str, Any]] = {}
        for kind, object_id, extra in rows.values_list("kind", "object_id", "extra"):
            by_kind[kind].append(object_id)
            if kind == "author":
                extras[object_id] = extra
        Comment.objects.filter(pk__in=by_kind["comment"]).delete()
        Article.objects.filter(pk__in=by_kind["post"]).delete()
        Image.objects.filter(pk__in=by_kind["attachment"]).delete()
        Tag.objects.filter(pk__in=by_kind["tag"]).delete()
        categories = Category.objects.filter(pk__in=by_kind["category"]).order_by("-path")
        for category in categories:
            if not category.articles.exists() and not category.children.exists():
                category.delete()
        for author in Author.objects.filter(pk__in=by_kind["author"]).select_related("user"):
            if author.articles.exists():
                continue
            user, created_user = author.user, extras.get(author.pk, {}).get("user_created")
            author.delete()
            if user is not None and created_user:
                user.delete()
        rows.delete()


def _timezone_note(plan: Plan) -> str | None:
    """Say so when the old site's clock differs from this one's (the URLs' dates differ)."""
    if not plan.offsets:
        return None
    offset, _n = plan.offsets.most_common(1)[0]
    sample = plan.offset_samples[offset].replace(tzinfo=UTC)
    here = timezone.localtime(sample).utcoffset() or timedelta(0)
    if here == offset:
        return None

    def fmt(delta: timedelta) -> str:
        minutes = int(delta.total_seconds() // 60)
        sign = "+" if minutes >= 0 else "-"
        return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"

    return _(
        "The old site's time zone (%(old)s) differs from this site's (%(new)s): articles "
        "keep their old URLs, but dates shown and new URLs use this site's time zone "
        "(BROADSHEET_TIMEZONE)."
    ) % {"old": fmt(offset), "new": fmt(here)}


def import_wxr(
    path: str | Path,
    *,
    dry_run: bool = False,
    fetch_media: bool = False,
    progress: Callable[[int, int], None] | None = None,
    fetcher: Callable[[str], Any] | None = None,
    run: ImportRun | None = None,
) -> ImportSummary:
    """Validate and import a WXR file; see the module docstring. Raises WXRError for a
    file that cannot be imported, with nothing written. `run` is the ImportRun to report
    progress and the outcome on (one is made when not given)."""
    with contextlib.ExitStack() as stack:
        spool = None
        if not dry_run:
            spool = stack.enter_context(
                tempfile.TemporaryFile(dir=settings.DATA_DIR, prefix="wxr-spool-")
            )
        return _import(
            path, spool, dry_run=dry_run, fetch_media=fetch_media, progress=progress,
            fetcher=fetcher, run=run,
        )  # fmt: skip


def _import(
    path: str | Path,
    spool: IO[bytes] | None,
    *,
    dry_run: bool,
    fetch_media: bool,
    progress: Callable[[int, int], None] | None,
    fetcher: Callable[[str], Any] | None,
    run: ImportRun | None,
) -> ImportSummary:
    plan = validate(path, spool)
    header = plan.header
    summary = ImportSummary(
        site=site_key(header, Path(str(path)).name),
        version=header.version,
        dry_run=dry_run,
        found=Counter({k: v for k, v in plan.found.items() if v}),
    )
    if header.version not in ("1.0", "1.1", "1.2"):
        summary.note(
            _("WXR %(version)s is newer than this importer knows (1.2): check the result.")
            % {"version": header.version}
        )
    note = _timezone_note(plan)
    if note:
        summary.note(note)
    if dry_run:
        _dry_run(plan, summary, Path(str(path)).name)
        return summary
    if run is None:
        run = ImportRun.objects.create(file_name=Path(str(path)).name[:500], total=plan.items)
    else:
        run.total = plan.items
        run.save(update_fields=["total"])
    # The page cache and related lists hear of the whole import once, when it ends.
    with bulk_writes():
        loader = Loader(
            path, plan, summary, fetch_media=fetch_media, run=run, progress=progress,
            fetcher=fetcher, spool=spool,
        )  # fmt: skip
        try:
            loader.load()
        except BaseException as e:
            log.exception("WordPress import failed; removing what it wrote")
            with transaction.atomic():
                loader.undo()
            ImportRun.objects.filter(pk=run.pk).update(
                state=ImportRun.State.FAILED,
                finished_at=timezone.now(),
                summary=_(
                    "The import stopped after %(done)d of %(total)d items, and what it "
                    "had written was removed. The error: %(error)s"
                )
                % {"done": loader.done, "total": plan.items, "error": repr(e)[:1000]},
            )
            raise
    ImportRun.objects.filter(pk=run.pk).update(
        state=ImportRun.State.DONE,
        finished_at=timezone.now(),
        done=plan.items,
        summary=summary.render(),
    )
    return summary


def _dry_run(plan: Plan, summary: ImportSummary, file_name: str) -> None:
    """Count what would be created and what is already here, reading only."""
    site = ImportedSite.objects.filter(key=site_key(plan.header, file_name)[:500]).first()
    known: dict[str, set[str]] = defaultdict(set)
    if site is not None:
        for kind, wp_id in ImportedObject.objects.filter(site=site).values_list("kind", "wp_id"):
            known[kind].add(wp_id)
    groups = {
        "posts and pages": ("post", plan.post_keys),
        "attachments": ("attachment", plan.attachment_keys),
        "comments": ("comment", plan.comment_keys),
        "authors": ("author", list(plan.authors)),
        "categories": (
            "category",
            [unquote(t.slug) for t in plan.terms if t.taxonomy == "category"],
        ),
        "tags": (
            "tag",
            [unquote(t.slug) for t in plan.terms if TAXONOMIES.get(t.taxonomy) == "tag"],
        ),
    }
    for label, (kind, keys) in groups.items():
        here = sum(1 for k in keys if k in known[kind])
        if len(keys) - here:
            summary.created[label] = len(keys) - here
        if here:
            summary.updated[label] = here
    for term in plan.terms:
        if term.taxonomy not in TAXONOMIES:
            summary.other_terms[term.taxonomy] += 1
