"""A streaming reader of WordPress export files (WXR 1.0, 1.1 and 1.2).

Pure: it reads a file and yields plain records, and never touches the database. Memory stays
bounded whatever the file's size: each top-level element (an author, a term, an item with its
comments) is turned into a record and then dropped from the tree.

Anything that is not a WXR file WordPress would accept is refused with `WXRError`, naming the
problem and the line: broken XML, a DOCTYPE (refused as WordPress does, against entity-expansion
attacks), no `<channel>`, a missing or unreadable `wp:wxr_version`, or a field that should be a
number or a date and is not. Nothing else escapes from the parser.

Namespaces are taken from the document: any `http(s)://wordpress.org/export/1.N/` URI is the
`wp:` namespace, whatever prefix it is bound to; elements in any other namespace are ignored,
so a file cannot smuggle fields in under a look-alike prefix.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import IO

from django.utils.translation import gettext as _
from lxml import etree

__all__ = [
    "SUPPORTED_VERSIONS",
    "WXRAuthor",
    "WXRComment",
    "WXRError",
    "WXRHeader",
    "WXRItem",
    "WXRTerm",
    "parse",
]

SUPPORTED_VERSIONS = ("1.0", "1.1", "1.2")

_WP_NS = re.compile(r"^https?://wordpress\.org/export/1\.[0-9]+/$")
_EXCERPT_NS = re.compile(r"^https?://wordpress\.org/export/1\.[0-9]+/excerpt/$")
_CONTENT_NS = re.compile(r"^https?://purl\.org/rss/1\.0/modules/content/$")
_DC_NS = re.compile(r"^https?://purl\.org/dc/elements/1\.1/$")
_VERSION = re.compile(r"^[0-9]+\.[0-9]+$")
_INT = re.compile(r"-?[0-9]{1,19}")
_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})[ T]([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?$")
# WordPress writes this for "no date yet" (drafts' GMT date, for one).
_ZERO_DATE = re.compile(r"^0000-00-00")
# Guards against a mutated file that declares absurd numbers (database ids are 64-bit).
_MAX_ID = 2**63 - 1


class WXRError(Exception):
    """The file is not a WXR file that can be imported; `line` says where, when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        self.message = message
        self.line = line
        super().__init__(self.__str__())

    def __str__(self) -> str:
        if self.line:
            return _("%(message)s (line %(line)d)") % {"message": self.message, "line": self.line}
        return self.message


@dataclass
class WXRHeader:
    version: str
    title: str = ""
    link: str = ""
    description: str = ""
    language: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""


@dataclass
class WXRAuthor:
    login: str
    id: int | None = None
    email: str = ""
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""
    line: int = 0


@dataclass
class WXRTerm:
    """A term declared in the header: `taxonomy` is "category", "post_tag" or any other."""

    taxonomy: str
    slug: str
    name: str = ""
    id: int | None = None
    parent: str = ""  # the parent's slug, as WordPress writes it
    description: str = ""
    meta: list[tuple[str, str]] = field(default_factory=list)
    line: int = 0


@dataclass
class WXRComment:
    id: int | None = None
    author: str = ""
    author_email: str = ""
    author_url: str = ""
    author_ip: str = ""
    date: datetime | None = None
    date_gmt: datetime | None = None
    content: str = ""
    approved: str = "1"
    type: str = ""
    parent: int = 0
    user_id: int = 0
    meta: list[tuple[str, str]] = field(default_factory=list)
    line: int = 0


@dataclass
class WXRItem:
    """A post, page, attachment or any other post type, with its terms, meta and comments."""

    post_type: str = ""
    id: int | None = None
    title: str = ""
    link: str = ""
    guid: str = ""
    creator: str = ""
    description: str = ""
    content: str = ""
    excerpt: str = ""
    date: datetime | None = None
    date_gmt: datetime | None = None
    modified: datetime | None = None
    modified_gmt: datetime | None = None
    comment_status: str = ""
    ping_status: str = ""
    slug: str = ""
    status: str = ""
    parent: int = 0
    menu_order: int = 0
    password: str = ""
    sticky: bool = False
    attachment_url: str = ""
    # (domain, nicename, name) for each <category domain=…> element.
    terms: list[tuple[str, str, str]] = field(default_factory=list)
    meta: list[tuple[str, str]] = field(default_factory=list)
    comments: list[WXRComment] = field(default_factory=list)
    line: int = 0

    def meta_value(self, key: str) -> str | None:
        for k, v in self.meta:
            if k == key:
                return v
        return None


Record = WXRHeader | WXRAuthor | WXRTerm | WXRItem


@lru_cache(maxsize=4096)
def _kind(tag: object) -> tuple[str, str] | None:
    """("wp" | "excerpt" | "content" | "dc" | "" | "other", local name); None for comments.

    Cached: a file names a few dozen tags a million times (bounded, for odd files)."""
    if not isinstance(tag, str):
        return None
    if tag.startswith("{"):
        uri, _sep, local = tag[1:].partition("}")
        if _WP_NS.match(uri):
            return "wp", local
        if _EXCERPT_NS.match(uri):
            return "excerpt", local
        if _CONTENT_NS.match(uri):
            return "content", local
        if _DC_NS.match(uri):
            return "dc", local
        return "other", local
    return "", tag


def _text(el: etree._Element) -> str:
    if not len(el):  # the usual case, and several times quicker
        return el.text or ""
    # itertext joins CDATA sections and text around stray child elements alike.
    return "".join(el.itertext())


def _id_text(el: etree._Element) -> str:
    # Identifiers are trimmed (WordPress trims them too: see authors-multiline.xml).
    return _text(el).strip()


def _int(el: etree._Element, *, allow_empty: bool = True) -> int | None:
    raw = _id_text(el)
    if raw == "" and allow_empty:
        return None
    if not _INT.fullmatch(raw) or not -_MAX_ID <= int(raw) <= _MAX_ID:
        raise WXRError(
            _("<%(tag)s> should be a whole number, not %(value)r")
            % {"tag": _name(el), "value": raw[:40]},
            el.sourceline,
        )
    return int(raw)


def _date(el: etree._Element) -> datetime | None:
    raw = _id_text(el)
    if raw == "" or _ZERO_DATE.match(raw):
        return None
    match = _DATE.match(raw)
    try:
        if match is None:
            raise ValueError(raw)
        return datetime(*(int(g or 0) for g in match.groups()))
    except ValueError as e:
        raise WXRError(
            _("<%(tag)s> should be a date like 2024-01-31 12:00:00, not %(value)r")
            % {"tag": _name(el), "value": raw[:40]},
            el.sourceline,
        ) from e


def _name(el: etree._Element) -> str:
    kind = _kind(el.tag)
    if kind is None:
        return "?"
    prefix = {"wp": "wp:", "excerpt": "excerpt:", "content": "content:", "dc": "dc:"}
    return prefix.get(kind[0], "") + kind[1]


def _meta(el: etree._Element) -> tuple[str, str] | None:
    key = value = None
    for child in el:
        kind = _kind(child.tag)
        if kind == ("wp", "meta_key"):
            key = _id_text(child)
        elif kind == ("wp", "meta_value"):
            value = _text(child)
    return None if key is None else (key, value or "")


def _author(el: etree._Element) -> WXRAuthor:
    author = WXRAuthor(login="", line=el.sourceline or 0)
    for child in el:
        kind = _kind(child.tag)
        if kind is None or kind[0] != "wp":
            continue
        name = kind[1]
        if name == "author_id":
            author.id = _int(child)
        elif name == "author_login":
            author.login = _id_text(child)
        elif name == "author_email":
            author.email = _id_text(child)
        elif name == "author_display_name":
            author.display_name = _id_text(child)
        elif name == "author_first_name":
            author.first_name = _id_text(child)
        elif name == "author_last_name":
            author.last_name = _id_text(child)
    if not author.login:
        raise WXRError(_("An author has no <wp:author_login>"), el.sourceline)
    return author


_TERM_FIELDS = {
    "category": {
        "category_nicename": "slug",
        "cat_name": "name",
        "category_parent": "parent",
        "category_description": "description",
    },
    "tag": {"tag_slug": "slug", "tag_name": "name", "tag_description": "description"},
    "term": {
        "term_taxonomy": "taxonomy",
        "term_slug": "slug",
        "term_name": "name",
        "term_parent": "parent",
        "term_description": "description",
    },
}


def _term(el: etree._Element, element: str) -> WXRTerm:
    taxonomy = {"category": "category", "tag": "post_tag", "term": ""}[element]
    term = WXRTerm(taxonomy=taxonomy, slug="", line=el.sourceline or 0)
    fields = _TERM_FIELDS[element]
    for child in el:
        kind = _kind(child.tag)
        if kind is None or kind[0] != "wp":
            continue
        name = kind[1]
        if name == "term_id":
            term.id = _int(child)
        elif name == "termmeta":
            meta = _meta(child)
            if meta:
                term.meta.append(meta)
        elif name in fields:
            attr = fields[name]
            value = _text(child) if attr in ("name", "description") else _id_text(child)
            setattr(term, attr, value)
    if not term.taxonomy:
        raise WXRError(_("A term has no <wp:term_taxonomy>"), el.sourceline)
    if not term.slug:
        raise WXRError(_("A term has no slug"), el.sourceline)
    return term


_COMMENT_TEXT = {
    "comment_author": "author",
    "comment_author_email": "author_email",
    "comment_author_url": "author_url",
    "comment_author_IP": "author_ip",
    "comment_approved": "approved",
    "comment_type": "type",
}


def _comment(el: etree._Element) -> WXRComment:
    comment = WXRComment(line=el.sourceline or 0)
    for child in el:
        kind = _kind(child.tag)
        if kind is None or kind[0] != "wp":
            continue
        name = kind[1]
        if name == "comment_id":
            comment.id = _int(child)
        elif name == "comment_parent":
            comment.parent = _int(child) or 0
        elif name == "comment_user_id":
            comment.user_id = _int(child) or 0
        elif name == "comment_date":
            comment.date = _date(child)
        elif name == "comment_date_gmt":
            comment.date_gmt = _date(child)
        elif name == "comment_content":
            comment.content = _text(child)
        elif name == "comment_author":
            comment.author = _text(child)
        elif name in _COMMENT_TEXT:
            setattr(comment, _COMMENT_TEXT[name], _id_text(child))
        elif name == "commentmeta":
            meta = _meta(child)
            if meta:
                comment.meta.append(meta)
    return comment


_ITEM_TEXT = {
    "comment_status": "comment_status",
    "ping_status": "ping_status",
    "post_name": "slug",
    "status": "status",
    "post_type": "post_type",
    "attachment_url": "attachment_url",
}
_ITEM_DATES = {
    "post_date": "date",
    "post_date_gmt": "date_gmt",
    "post_modified": "modified",
    "post_modified_gmt": "modified_gmt",
}


def _item(el: etree._Element) -> WXRItem:
    item = WXRItem(line=el.sourceline or 0)
    seen: set[tuple[str, str]] = set()
    for child in el:
        kind = _kind(child.tag)
        if kind is None:
            continue
        # The first of a repeated single-valued field wins, as in WordPress's parser.
        if kind in seen and kind[1] not in ("postmeta", "comment", "category"):
            continue
        seen.add(kind)
        ns, name = kind
        if ns == "":
            if name == "title":
                item.title = _text(child)
            elif name == "link":
                item.link = _id_text(child)
            elif name == "guid":
                item.guid = _id_text(child)
            elif name == "description":
                item.description = _text(child)
            elif name == "category":
                domain = child.get("domain", "category")
                nicename = (child.get("nicename") or "").strip()
                item.terms.append((domain, nicename, _text(child)))
        elif ns == "content" and name == "encoded":
            item.content = _text(child)
        elif ns == "excerpt" and name == "encoded":
            item.excerpt = _text(child)
        elif ns == "dc" and name == "creator":
            item.creator = _id_text(child)
        elif ns == "wp":
            if name == "post_id":
                item.id = _int(child)
            elif name == "post_parent":
                item.parent = _int(child) or 0
            elif name == "menu_order":
                item.menu_order = _int(child) or 0
            elif name == "is_sticky":
                item.sticky = bool(_int(child))
            elif name == "post_password":
                item.password = _text(child)
            elif name in _ITEM_TEXT:
                setattr(item, _ITEM_TEXT[name], _id_text(child))
            elif name in _ITEM_DATES:
                setattr(item, _ITEM_DATES[name], _date(child))
            elif name == "author" and not item.creator:
                # Some hand-made files name the author here instead of in dc:creator.
                item.creator = _id_text(child)
            elif name == "postmeta":
                meta = _meta(child)
                if meta:
                    item.meta.append(meta)
            elif name == "comment":
                item.comments.append(_comment(child))
    return item


_HEADER_FIELDS = {
    ("", "title"): "title",
    ("", "link"): "link",
    ("", "description"): "description",
    ("", "language"): "language",
    ("wp", "base_site_url"): "base_site_url",
    ("wp", "base_blog_url"): "base_blog_url",
}
_RECORDS = {
    ("wp", "author"),
    ("wp", "category"),
    ("wp", "tag"),
    ("wp", "term"),
    ("", "item"),
}


def parse(source: str | Path | IO[bytes]) -> Iterator[Record]:
    """Yield a WXRHeader first, then each author, term and item in file order.

    Raises WXRError for anything that makes the file unimportable, at the point where the
    problem is met: a caller that must not write half a file reads the whole stream once
    first (load.py does).
    """
    if isinstance(source, Path):
        source = str(source)
    context = etree.iterparse(
        source,
        events=("start", "end"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        recover=False,
    )
    depth = 0
    header: dict[str, str] = {}
    version: str | None = None
    version_line = 0
    header_sent = False
    channel: etree._Element | None = None
    finished = False  # the root element was closed: the document was read to its end

    def make_header(line: int | None) -> WXRHeader:
        if version is None:
            raise WXRError(
                _("This is not a WordPress export file: it has no <wp:wxr_version>"), line
            )
        if not _VERSION.match(version):
            raise WXRError(
                _("This WordPress export file has an unreadable version: %(version)r")
                % {"version": version[:40]},
                version_line,
            )
        if version.split(".")[0] != "1":
            raise WXRError(
                _("WXR version %(version)s is not supported (1.0 to 1.2 are)")
                % {"version": version},
                version_line,
            )
        return WXRHeader(version=version, **header)

    try:
        for event, el in context:
            if event == "start":
                depth += 1
                if depth == 1:
                    if el.getroottree().docinfo.doctype:
                        raise WXRError(
                            _("The file has a DOCTYPE, which WordPress export files never have"),
                            el.sourceline,
                        )
                    if _kind(el.tag) != ("", "rss"):
                        raise WXRError(
                            _(
                                "This is not a WordPress export file: "
                                "its root is <%(tag)s>, not <rss>"
                            )
                            % {"tag": _name(el)},
                            el.sourceline,
                        )
                elif depth == 2:
                    if _kind(el.tag) == ("", "channel"):
                        if channel is not None:
                            raise WXRError(_("The file has more than one <channel>"), el.sourceline)
                        channel = el
                elif (
                    depth == 3
                    and el.getparent() is channel
                    and _kind(el.tag) in _RECORDS
                    and not header_sent
                ):
                    header_sent = True
                    yield make_header(el.sourceline)
                continue

            # event == "end"
            depth -= 1
            if depth == 2 and el.getparent() is channel and channel is not None:
                kind = _kind(el.tag)
                if kind == ("wp", "wxr_version"):
                    if version is None:
                        version, version_line = _id_text(el), el.sourceline or 0
                elif kind in _HEADER_FIELDS:
                    header.setdefault(
                        _HEADER_FIELDS[kind],
                        _id_text(el) if kind != ("", "description") else _text(el),
                    )
                elif kind == ("wp", "author"):
                    yield _author(el)
                elif kind in (("wp", "category"), ("wp", "tag"), ("wp", "term")):
                    yield _term(el, kind[1])
                elif kind == ("", "item"):
                    yield _item(el)
                # Drop what has been read, so memory stays flat over a large file.
                el.clear()
                channel.remove(el)
            elif depth == 0:
                finished = True
            elif depth == 1 and el is channel and not header_sent:
                header_sent = True
                yield make_header(el.sourceline)
    except etree.XMLSyntaxError as e:
        # libxml2 calls a namespace URI that is an IRI (non-ASCII) an error, raised only once
        # the document was read to its end; it is well-formed, and WordPress accepts it.
        if not (finished and e.code == etree.ErrorTypes.WAR_NS_URI):
            message = e.msg or str(e)
            # libxml2 appends the position; the line is reported separately.
            message = re.sub(r"(, line [0-9]+, column [0-9]+)?( \(.*line [0-9]+\))?$", "", message)
            raise WXRError(
                _("The file is not well-formed XML: %(problem)s") % {"problem": message},
                e.lineno,
            ) from e
    except (OSError, UnicodeError) as e:
        raise WXRError(_("The file cannot be read: %(problem)s") % {"problem": e}) from e
    if channel is None:
        raise WXRError(_("This is not a WordPress export file: it has no <channel>"))
