"""How Broadsheet's rows look through the WordPress REST API.

One function per resource builds the full WordPress object; `present()` then keeps what the
request's `context` allows and what its `_fields` asks for. Nothing here queries the
database: the routes fetch everything a page needs up front (select/prefetch), so a list's
query count never grows with its length.
"""

from __future__ import annotations

import base64
import html
import math
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.conf import settings
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.translation import gettext as _

from broadsheet.articles.models import Article, Category, Kind, Status, Tag
from broadsheet.caching.lists import cached_count
from broadsheet.images.models import Image
from broadsheet.people.models import Author
from broadsheet.people.roles import role_of
from broadsheet.wordpress.api.errors import WPError, invalid_param
from broadsheet.wordpress.api.params import CollectionQuery, CommonQuery

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django.http import HttpRequest

    from broadsheet.comments.models import Comment

VIEW, EDIT, EMBED = "view", "edit", "embed"
V = frozenset({VIEW, EDIT})
VE = frozenset({VIEW, EDIT, EMBED})
E = frozenset({EDIT})

NAMESPACE = "wp/v2"
AVATAR_SIZES = ("24", "48", "96")

# Which fields each context shows, as WordPress's item schemas say.
POST_FIELDS: dict[str, frozenset[str]] = {
    "id": VE, "date": VE, "date_gmt": V, "guid": V, "modified": V, "modified_gmt": V,
    "password": E, "slug": VE, "status": V, "type": VE, "link": VE, "title": VE,
    "content": V, "excerpt": VE, "author": VE, "featured_media": VE, "comment_status": V,
    "ping_status": V, "sticky": V, "template": V, "format": V, "meta": V,
    "categories": V, "tags": V, "parent": VE, "menu_order": V,
    "permalink_template": E, "generated_slug": E,
}  # fmt: skip
COMMENT_FIELDS: dict[str, frozenset[str]] = {
    "id": VE, "post": V, "parent": VE, "author": VE, "author_email": E, "author_ip": E,
    "author_name": VE, "author_url": VE, "author_user_agent": E, "date": VE, "date_gmt": V,
    "content": VE, "link": VE, "status": V, "type": VE, "author_avatar_urls": VE, "meta": V,
}  # fmt: skip
TERM_FIELDS: dict[str, frozenset[str]] = {
    "id": VE, "count": V, "description": V, "link": VE, "name": VE, "slug": VE,
    "taxonomy": VE, "parent": V, "meta": V,
}  # fmt: skip
USER_FIELDS: dict[str, frozenset[str]] = {
    "id": VE, "username": E, "name": VE, "first_name": E, "last_name": E, "email": E,
    "url": VE, "description": VE, "link": VE, "locale": E, "nickname": E, "slug": VE,
    "registered_date": E, "roles": E, "capabilities": E, "extra_capabilities": E,
    "avatar_urls": VE, "meta": V,
}  # fmt: skip
MEDIA_FIELDS: dict[str, frozenset[str]] = {
    "id": VE, "date": VE, "date_gmt": V, "guid": V, "modified": V, "modified_gmt": V,
    "slug": VE, "status": V, "type": VE, "link": VE, "title": VE, "author": VE,
    "featured_media": V, "comment_status": V, "ping_status": V, "template": V, "meta": V,
    "description": V, "caption": VE, "alt_text": VE, "media_type": VE, "mime_type": VE,
    "media_details": VE, "post": V, "source_url": VE,
}  # fmt: skip


class Ctx:
    """What shaping one request's answer needs: who asks, in which context, which fields
    and embeds, and the absolute base of the API's own links."""

    def __init__(self, request: HttpRequest, query: CommonQuery) -> None:
        self.request = request
        self.user = request.user
        self.context = query.context
        self.fields = [f for f in query.fields if f]
        self.api_root = request.build_absolute_uri("/wp-json/")
        self.site = settings.SITE_URL.rstrip("/")
        self.embed = self._embed_param(query.embed)
        if self.fields and "_embedded" not in self.fields:
            # WordPress skips embedding when _fields leaves _embedded out.
            self.embed = frozenset()

    @staticmethod
    def _embed_param(value: str | None) -> frozenset[str] | None:
        """None: embed nothing; empty set: embed everything; else these relations."""
        if value is None:
            return None
        if value.strip().lower() in ("", "1", "true"):
            return frozenset()
        return frozenset(part.strip() for part in value.split(",") if part.strip())

    def embeds(self, rel: str) -> bool:
        return self.embed is not None and (not self.embed or rel in self.embed)

    @property
    def embedding(self) -> bool:
        return self.embed is not None and (not self.fields or "_embedded" in self.fields)

    def rest(self, route: str, **params: Any) -> str:
        url = f"{self.api_root}{NAMESPACE}/{route}" if route else self.api_root
        return f"{url}?{urlencode(params)}" if params else url

    def public(self, path: str) -> str:
        return f"{self.site}{path}" if path.startswith("/") else path


def can(user: Any, perm: str) -> bool:
    return bool(user.is_authenticated and user.has_perm(perm))


def wp_date(value: datetime | None) -> str | None:
    """WordPress's `date`: the site's local time without an offset."""
    if value is None:
        return None
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M:%S")


def wp_date_gmt(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")


def text(value: str) -> str:
    """Plain text from something a client may have sent as HTML."""
    return html.unescape(strip_tags(value)).strip()


_URL_ATTR = re.compile(r'(\s(?:src|href|poster)=")/(?!/)')
_SRCSET = re.compile(r'(\ssrcset=")([^"]*)(")')


def absolute_html(body: str, site: str) -> str:
    """Site-relative links and images made absolute: API clients live on other origins."""
    body = _URL_ATTR.sub(lambda m: f"{m.group(1)}{site}/", body)

    def fix_srcset(m: re.Match[str]) -> str:
        parts = []
        for candidate in m.group(2).split(","):
            candidate = candidate.strip()
            if candidate.startswith("/") and not candidate.startswith("//"):
                candidate = site + candidate
            parts.append(candidate)
        return f"{m.group(1)}{', '.join(parts)}{m.group(3)}"

    return _SRCSET.sub(fix_srcset, body)


def paragraph(value: str) -> str:
    return f"<p>{escape(value)}</p>\n" if value else ""


def excerpt_from(body_html: str, words: int = 55) -> str:
    plain = text(body_html).split()
    if not plain:
        return ""
    more = " [&hellip;]" if len(plain) > words else ""
    return f"<p>{escape(' '.join(plain[:words]))}{more}</p>\n"


def present(
    data: dict[str, Any], table: dict[str, frozenset[str]], ctx: Ctx, context: str
) -> dict[str, Any]:
    """Keep the fields `context` shows, then those `_fields` asks for."""
    out = {k: v for k, v in data.items() if k.startswith("_") or context in table.get(k, VE)}
    if context != EDIT:
        for value in out.values():
            if isinstance(value, dict):
                value.pop("raw", None)
    if not ctx.fields:
        return out
    return pick_fields(out, ctx.fields)


def pick_fields(data: dict[str, Any], fields: Iterable[str]) -> dict[str, Any]:
    """WordPress's `_fields`, nested paths (`title.rendered`) included."""
    out: dict[str, Any] = {}
    for path in fields:
        parts = path.split(".")
        source: Any = data
        target = out
        for i, part in enumerate(parts):
            if not isinstance(source, dict) or part not in source:
                break
            if i == len(parts) - 1:
                target[part] = source[part]
            else:
                source = source[part]
                existing = target.get(part)
                if not isinstance(existing, dict):
                    existing = target[part] = {}
                target = existing
    return out


def links(**rels: list[dict[str, Any]] | None) -> dict[str, list[dict[str, Any]]]:
    """`wp_term` becomes `wp:term`, as WordPress names its relations."""
    return {k.replace("wp_", "wp:").replace("_", "-"): v for k, v in rels.items() if v}


CURIES = [{"name": "wp", "href": "https://api.w.org/{rel}", "templated": True}]


# Posts and pages ---------------------------------------------------------------------------


def display_status(article: Article) -> str:
    # A scheduled article whose time has come is published, whether or not the worker has
    # flipped its status yet (the visibility rule compares with the clock too).
    return Status.PUBLISHED if article.is_public else article.status


def rest_base(kind: str) -> str:
    return "pages" if kind == Kind.PAGE else "posts"


def article_link(ctx: Ctx, article: Article) -> str:
    if article.is_public and article.get_absolute_url():
        return ctx.public(article.get_absolute_url())
    param = "page_id" if article.kind == Kind.PAGE else "p"
    return f"{ctx.site}/?{param}={article.pk}"


def article_data(
    ctx: Ctx,
    article: Article,
    *,
    editable: bool,
    unlocked: bool,
    comments: Sequence[Comment] | None = None,
    nested: bool = False,
) -> dict[str, Any]:
    """A post or page as WordPress shows it; `editable` adds the raw fields of context=edit.

    `unlocked`: a password-protected item's text is shown only to those who gave the
    password or may edit it; everyone else gets `protected: true` and empty text.
    `nested`: embedded in another item's `_embedded`, in the embed context, embedding nothing.
    """
    if nested:
        context = EMBED
    elif ctx.context == EDIT and editable:
        context = EDIT
    else:
        context = EMBED if ctx.context == EMBED else VIEW
    base = rest_base(article.kind)
    show_text = not article.password or unlocked
    body = absolute_html(article.body_html, ctx.site) if show_text else ""
    excerpt = ""
    if show_text:
        excerpt = paragraph(article.standfirst) or excerpt_from(article.body_html)
    date = article.published_at or article.created_at
    data: dict[str, Any] = {
        "id": article.pk,
        "date": wp_date(date),
        "date_gmt": wp_date_gmt(article.published_at),
        "guid": {"rendered": f"{ctx.site}/?p={article.pk}", "raw": f"{ctx.site}/?p={article.pk}"},
        "modified": wp_date(article.updated_at),
        "modified_gmt": wp_date_gmt(article.updated_at),
        "slug": article.slug,
        "status": display_status(article),
        "type": article.kind,
        "link": article_link(ctx, article),
        "title": {"rendered": escape(article.title), "raw": article.title},
        "content": {
            "rendered": body,
            "protected": bool(article.password),
            "raw": article.body,
            "block_version": 0,
        },
        "excerpt": {
            "rendered": excerpt,
            "protected": bool(article.password),
            "raw": article.standfirst,
        },
        "author": article.author_id,
        "featured_media": article.featured_image_id or 0,
        "comment_status": "open" if article.comments_open else "closed",
        "ping_status": "closed",
        "template": "",
        "meta": {},
    }
    if editable:
        data["password"] = article.password
        data["permalink_template"] = ctx.site + article.native_path().replace(
            f"/{article.slug}/", "/%postname%/" if article.kind == Kind.POST else "/%pagename%/"
        )
        data["generated_slug"] = article.slug
    else:
        for key in ("title", "content", "excerpt", "guid"):
            data[key].pop("raw", None)
        data["content"].pop("block_version", None)
    if article.kind == Kind.PAGE:
        data["parent"] = article.parent_id or 0
        data["menu_order"] = article.menu_order
    else:
        data["sticky"] = article.sticky
        data["format"] = "standard"
        if context != EMBED:
            data["categories"] = [c.pk for c in article.categories.all()]
            data["tags"] = [t.pk for t in article.tags.all()]

    data["_links"] = links(
        self=[{"href": ctx.rest(f"{base}/{article.pk}")}],
        collection=[{"href": ctx.rest(base)}],
        about=[{"href": ctx.rest(f"types/{article.kind}")}],
        author=[{"embeddable": True, "href": ctx.rest(f"users/{article.author_id}")}],
        replies=[{"embeddable": True, "href": ctx.rest("comments", post=article.pk)}],
        up=[{"embeddable": True, "href": ctx.rest(f"pages/{article.parent_id}")}]
        if article.kind == Kind.PAGE and article.parent_id
        else None,
        wp_featuredmedia=[
            {"embeddable": True, "href": ctx.rest(f"media/{article.featured_image_id}")}
        ]
        if article.featured_image_id
        else None,
        wp_attachment=[{"href": ctx.rest("media", parent=article.pk)}],
        wp_term=[
            {
                "taxonomy": "category",
                "embeddable": True,
                "href": ctx.rest("categories", post=article.pk),
            },
            {"taxonomy": "post_tag", "embeddable": True, "href": ctx.rest("tags", post=article.pk)},
        ]
        if article.kind == Kind.POST
        else None,
        curies=CURIES,
    )
    out = present(data, POST_FIELDS, ctx, context)
    if ctx.embedding and not nested:
        embedded = article_embeds(ctx, article, comments)
        if embedded:
            out["_embedded"] = embedded
    if ctx.fields and "_links" not in ctx.fields:
        out.pop("_links", None)
    return out


def article_embeds(
    ctx: Ctx, article: Article, comments: Sequence[Comment] | None
) -> dict[str, Any]:
    embedded: dict[str, Any] = {}
    if ctx.embeds("author"):
        embedded["author"] = [user_data(ctx, article.author, EMBED)]
    if ctx.embeds("wp:featuredmedia") and article.featured_image_id:
        embedded["wp:featuredmedia"] = [media_data(ctx, article.featured_image, EMBED)]
    if ctx.embeds("wp:term") and article.kind == Kind.POST:
        embedded["wp:term"] = [
            [term_data(ctx, c, "category", EMBED) for c in article.categories.all()],
            [term_data(ctx, t, "post_tag", EMBED) for t in article.tags.all()],
        ]
    if ctx.embeds("up") and article.kind == Kind.PAGE and article.parent_id:
        parent = article.parent
        if parent is not None and parent.is_public:
            embedded["up"] = [
                article_data(ctx, parent, editable=False, unlocked=False, nested=True)
            ]
    if ctx.embeds("replies") and comments is not None:
        embedded["replies"] = [[comment_data(ctx, c, EMBED) for c in comments]]
    return embedded


# Users (Broadsheet's authors: the bylines WordPress's users are) ----------------------------


def avatar_urls(ctx: Ctx, author: Author) -> dict[str, str]:
    image = author.photo
    if image is None or not image.renditions:
        return identicon_urls(author.email or author.slug)
    url = ctx.public(image.thumbnail_url())
    return dict.fromkeys(AVATAR_SIZES, url)


def user_data(ctx: Ctx, author: Author, context: str) -> dict[str, Any]:
    user = author.user
    data: dict[str, Any] = {
        "id": author.pk,
        "name": author.display_name,
        "url": "",
        "description": author.bio,
        "link": ctx.public(author.get_absolute_url()),
        "slug": author.slug,
        "avatar_urls": avatar_urls(ctx, author),
        "meta": {},
        "_links": links(
            self=[{"href": ctx.rest(f"users/{author.pk}")}],
            collection=[{"href": ctx.rest("users")}],
        ),
    }
    if context == EDIT:
        role = role_of(user) if user is not None else None
        data.update(
            username=user.get_username() if user is not None else "",
            first_name=author.first_name or (user.first_name if user else ""),
            last_name=author.last_name or (user.last_name if user else ""),
            email=author.email or (user.email if user else ""),
            nickname=author.display_name,
            locale=settings.LANGUAGE_CODE.replace("-", "_"),
            registered_date=f"{wp_date_gmt(user.date_joined)}+00:00" if user else None,
            roles=[role.lower()] if role else [],
            capabilities={},
            extra_capabilities={},
        )
    out = present(data, USER_FIELDS, ctx, context)
    if ctx.fields and "_links" not in ctx.fields:
        out.pop("_links", None)
    return out


# Terms --------------------------------------------------------------------------------------


def term_data(
    ctx: Ctx, term: Category | Tag, taxonomy: str, context: str, count: int | None = None
) -> dict[str, Any]:
    base = "categories" if taxonomy == "category" else "tags"
    parent_id = getattr(term, "parent_id", None)
    data: dict[str, Any] = {
        "id": term.pk,
        "count": count if count is not None else getattr(term, "public_count", 0),
        "description": term.description,
        "link": ctx.public(term.get_absolute_url()),
        "name": term.name,
        "slug": term.slug,
        "taxonomy": taxonomy,
        "meta": {},
        "_links": links(
            self=[{"href": ctx.rest(f"{base}/{term.pk}")}],
            collection=[{"href": ctx.rest(base)}],
            about=[{"href": ctx.rest(f"taxonomies/{taxonomy}")}],
            up=[{"embeddable": True, "href": ctx.rest(f"categories/{parent_id}")}]
            if parent_id
            else None,
            wp_post_type=[{"href": ctx.rest("posts", **{base: term.pk})}],
            curies=CURIES,
        ),
    }
    if taxonomy == "category":
        data["parent"] = parent_id or 0
    out = present(data, TERM_FIELDS, ctx, context)
    if ctx.fields and "_links" not in ctx.fields:
        out.pop("_links", None)
    return out


# Media --------------------------------------------------------------------------------------


def _mime(name: str) -> str:
    return "image/webp" if name.endswith(".webp") else "image/jpeg"


def media_data(ctx: Ctx, image: Image, context: str) -> dict[str, Any]:
    """An image as a WordPress attachment. Only the EXIF-free renditions are ever linked:
    the uploaded original stays private."""
    renditions = list(image.renditions)
    largest = renditions[-1] if renditions else None
    source = ctx.public(settings.MEDIA_URL + largest["name"]) if largest else image.source_url
    names = ("thumbnail", "medium", "large", "full")
    sizes = {}
    for i, r in enumerate(renditions):
        label = "full" if r is largest else names[min(i, len(names) - 2)]
        sizes[label] = {
            "file": r["name"].rsplit("/", 1)[-1],
            "width": r["width"],
            "height": r["height"],
            "mime_type": _mime(r["name"]),
            "source_url": ctx.public(settings.MEDIA_URL + r["name"]),
        }
    uploader = getattr(image, "uploader_author_id", None)
    data: dict[str, Any] = {
        "id": image.pk,
        "date": wp_date(image.created_at),
        "date_gmt": wp_date_gmt(image.created_at),
        "guid": {"rendered": source, "raw": source},
        "modified": wp_date(image.created_at),
        "modified_gmt": wp_date_gmt(image.created_at),
        "slug": image.key,
        "status": "inherit",
        "type": "attachment",
        "link": source,
        "title": {"rendered": escape(image.alt), "raw": image.alt},
        "author": uploader or 0,
        "featured_media": 0,
        "comment_status": "closed",
        "ping_status": "closed",
        "template": "",
        "meta": {},
        "description": {"rendered": paragraph(image.credit), "raw": image.credit},
        "caption": {"rendered": paragraph(image.caption), "raw": image.caption},
        "alt_text": image.alt,
        "media_type": "image",
        "mime_type": _mime(largest["name"]) if largest else "image/jpeg",
        "media_details": {
            "width": image.width,
            "height": image.height,
            "file": largest["name"] if largest else "",
            "sizes": sizes,
            "image_meta": {},
        },
        "post": None,
        "source_url": source,
        "_links": links(
            self=[{"href": ctx.rest(f"media/{image.pk}")}],
            collection=[{"href": ctx.rest("media")}],
            about=[{"href": ctx.rest("types/attachment")}],
            author=[{"embeddable": True, "href": ctx.rest(f"users/{uploader}")}]
            if uploader
            else None,
        ),
    }
    out = present(data, MEDIA_FIELDS, ctx, context)
    if ctx.fields and "_links" not in ctx.fields:
        out.pop("_links", None)
    return out


# Comments -----------------------------------------------------------------------------------


def comment_status(comment: Comment) -> str:
    return {"approved": "approved", "pending": "hold"}.get(comment.status, comment.status)


def comment_html(comment: Comment) -> str:
    # Rendered and sanitised by the comments app when the comment was saved.
    return comment.content_html


def identicon_urls(identity: str) -> dict[str, str]:
    """Avatars drawn on the site (the comments' identicons) as data: URLs: no third party
    is ever asked, and no hash of an email appears anywhere."""
    from broadsheet.comments.avatars import identicon_svg

    svg = str(identicon_svg(identity))
    url = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    return dict.fromkeys(AVATAR_SIZES, url)


def _comment_author_id(comment: Comment) -> int:
    user = comment.user if comment.user_id else None
    author = getattr(user, "author", None) if user is not None else None
    return author.pk if author is not None else 0


def comment_data(ctx: Ctx, comment: Comment, context: str) -> dict[str, Any]:
    article = comment.article
    link = ctx.public(f"{article.get_absolute_url()}#comment-{comment.pk}")
    data: dict[str, Any] = {
        "id": comment.pk,
        "post": comment.article_id,
        "parent": comment.parent_id or 0,
        "author": _comment_author_id(comment),
        "author_name": comment.author_name,
        "author_url": comment.author_url,
        "author_email": comment.author_email,
        "author_ip": comment.author_ip or "",
        "author_user_agent": comment.user_agent,
        "date": wp_date(comment.created_at),
        "date_gmt": wp_date_gmt(comment.created_at),
        "content": {"rendered": comment_html(comment), "raw": comment.content},
        "link": link,
        "status": comment_status(comment),
        "type": comment.type,
        "author_avatar_urls": identicon_urls(comment.author_email or comment.author_name),
        "meta": {},
        "_links": links(
            self=[{"href": ctx.rest(f"comments/{comment.pk}")}],
            collection=[{"href": ctx.rest("comments")}],
            up=[
                {
                    "embeddable": True,
                    "post_type": article.kind,
                    "href": ctx.rest(f"{rest_base(article.kind)}/{comment.article_id}"),
                }
            ],
            in_reply_to=[{"embeddable": True, "href": ctx.rest(f"comments/{comment.parent_id}")}]
            if comment.parent_id
            else None,
            children=None,
        ),
    }
    out = present(data, COMMENT_FIELDS, ctx, context)
    if ctx.fields and "_links" not in ctx.fields:
        out.pop("_links", None)
    return out


# Collections --------------------------------------------------------------------------------


def page_window(query: CollectionQuery, total: int, error_code: str) -> tuple[int, int, int]:
    """(start, stop, total_pages) of the requested page; a page past the end is a 400, as
    WordPress answers, so no huge OFFSET ever reaches the database."""
    pages = math.ceil(total / query.per_page) if total else 0
    if total and query.page > pages:
        raise WPError(
            error_code,
            _("The page number requested is larger than the number of pages available."),
            400,
        )
    start = query.offset if query.offset is not None else (query.page - 1) * query.per_page
    start = min(start, total)
    return start, min(start + query.per_page, total), pages


# Query parameters that pick a page of a list or shape its items, never which items it holds.
_NOT_FILTERS = frozenset(
    {"page", "per_page", "offset", "order", "orderby", "_embed", "_fields", "context", "_jsonp"}
)


def list_total(request: HttpRequest, qs: QuerySet[Any], scope: str, apps: tuple[str, ...]) -> int:
    """The length of a list (X-WP-Total). For anonymous readers, who all see the same
    lists, it is kept until the content of `apps` changes (caching/lists.py): counting a
    million public comments on every request would cost more than the rest of the answer."""
    if request.user.is_authenticated:
        return qs.count()
    return cached_count(qs, f"api:{scope}", list_filters(request), apps)


def list_filters(request: HttpRequest) -> list[tuple[str, str]]:
    """The query parameters that choose which items a list holds (not which page)."""
    return [
        (key, value)
        for key, values in request.GET.lists()
        if key.removesuffix("[]") not in _NOT_FILTERS
        for value in values
    ]


def collection_headers(ctx: Ctx, query: CollectionQuery, total: int, pages: int) -> dict[str, str]:
    headers = {"X-WP-Total": str(total), "X-WP-TotalPages": str(pages)}
    request = ctx.request
    params = [(k, v) for k, vs in request.GET.lists() for v in vs if k not in ("page", "page[]")]
    base = request.build_absolute_uri(request.path)

    def url(n: int) -> str:
        return f"{base}?{urlencode([*params, ('page', n)])}"

    link = []
    if query.page > 1:
        link.append(f'<{url(min(query.page - 1, max(pages, 1)))}>; rel="prev"')
    if query.page < pages:
        link.append(f'<{url(query.page + 1)}>; rel="next"')
    if link:
        headers["Link"] = ", ".join(link)
    return headers


def check_orderby_include(orderby: str, include: list[int]) -> None:
    if orderby == "include" and not include:
        raise WPError(
            "rest_orderby_include_missing_include",
            _("You need to define an include parameter to order by include."),
            400,
        )


def require_search_for_relevance(orderby: str, search: str | None) -> None:
    if orderby == "relevance" and not search:
        raise WPError(
            "rest_no_search_term_defined",
            _("You need to define a search term to order by relevance."),
            400,
        )


def bad_param(name: str, message: str) -> WPError:
    return invalid_param({name: message})
