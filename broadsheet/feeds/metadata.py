"""What a page says about itself to machines: canonical URL, feed links, Open Graph,
Twitter cards and JSON-LD (NewsArticle, BreadcrumbList, WebSite with SearchAction).

Built from the template context the page already has, so it costs no query. A preview
(an unpublished article seen by staff) gets none of it, and a password-protected article
says no more than its card does: headline, author, dates.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.templatetags.static import static
from django.utils import timezone
from django.utils.encoding import iri_to_uri
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from broadsheet.articles.models import Article, Category, Kind, Tag
from broadsheet.people.models import Author

LOGO = "feeds/logo.png"
LOGO_SIZE = 512
_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def absolute(path: str) -> str:
    if path.startswith(("http://", "https://")):
        return iri_to_uri(path)
    return iri_to_uri(settings.SITE_URL + path)


def json_ld(data: dict[str, Any]) -> SafeString:
    """JSON for a <script> element: nothing in it can close the element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, indent=None).translate(_JSON_ESCAPES)
    return mark_safe(text)  # noqa: S308  (<, > and & are escaped above)


def iso(when: Any) -> str:
    """ISO 8601 in the site's time zone to the second, as pages' <time datetime> show it."""
    return timezone.localtime(when).replace(microsecond=0).isoformat() if when else ""


@dataclass
class Metadata:
    canonical: str = ""
    description: str = ""
    feeds: list[tuple[str, str, str]] = field(default_factory=list)  # (type, title, url)
    properties: list[tuple[str, str]] = field(default_factory=list)  # og:, article:
    names: list[tuple[str, str]] = field(default_factory=list)  # twitter:
    scripts: list[SafeString] = field(default_factory=list)


def _image(image: Any) -> tuple[str, int, int, str] | None:
    """The largest public rendition of an image: (absolute URL, width, height, alt)."""
    if image is None:
        return None
    if image.renditions:
        biggest = max(image.renditions, key=lambda r: r["width"])
        url = settings.MEDIA_URL + biggest["name"]
        return absolute(url), biggest["width"], biggest["height"], image.alt
    if image.source_url:
        return absolute(image.source_url), image.width, image.height, image.alt
    return None


def _site_feeds() -> list[tuple[str, str, str]]:
    site = settings.SITE_NAME
    return [
        ("application/rss+xml", _("%(site)s » Feed") % {"site": site}, absolute("/feed/")),
        (
            "application/rss+xml",
            _("%(site)s » Comments Feed") % {"site": site},
            absolute("/comments/feed/"),
        ),
    ]


def _publisher() -> dict[str, Any]:
    return {
        "@type": "Organization",
        "name": settings.SITE_NAME,
        "url": absolute("/"),
        "logo": {
            "@type": "ImageObject",
            "url": absolute(static(LOGO)),
            "width": LOGO_SIZE,
            "height": LOGO_SIZE,
        },
    }


def _breadcrumbs(trail: list[tuple[str, str]]) -> SafeString:
    return json_ld(
        {
            "@context": "https://schema.org",
            "@type": "BreadcrumbList",
            "itemListElement": [
                {"@type": "ListItem", "position": n, "name": name, "item": url}
                for n, (name, url) in enumerate(trail, start=1)
            ],
        }
    )


def _social(meta: Metadata, title: str, kind: str, image: Any) -> None:
    meta.properties[:0] = [
        ("og:site_name", settings.SITE_NAME),
        ("og:type", kind),
        ("og:title", title),
        ("og:description", meta.description),
        ("og:url", meta.canonical),
    ]
    meta.names += [
        ("twitter:card", "summary_large_image" if image else "summary"),
        ("twitter:title", title),
        ("twitter:description", meta.description),
    ]
    if image:
        url, width, height, alt = image
        meta.properties += [("og:image", url)]
        if width and height:
            meta.properties += [("og:image:width", str(width)), ("og:image:height", str(height))]
        if alt:
            meta.properties += [("og:image:alt", alt)]
        meta.names += [("twitter:image", url)]
        if alt:
            meta.names += [("twitter:image:alt", alt)]


def for_article(ctx: Any, article: Article) -> Metadata:
    meta = Metadata(feeds=_site_feeds())
    url = article.get_absolute_url()
    meta.canonical = absolute(url)
    protected = article.is_protected
    # The same words as the page's <meta name="description">.
    meta.description = article.title if protected else (article.standfirst or article.title)
    image = None if protected else _image(article.featured_image)
    is_post = article.kind == Kind.POST
    _social(meta, article.title, "article" if is_post else "website", image)
    author_url = absolute(article.author.get_absolute_url())
    modified = max(article.updated_at, article.published_at or article.updated_at)
    categories: list[Category] = list(ctx.get("categories") or [])
    tags: list[Tag] = list(ctx.get("tags") or []) if not protected else []
    if is_post:
        meta.properties += [
            ("article:published_time", iso(article.published_at)),
            ("article:modified_time", iso(modified)),
            ("article:author", author_url),
        ]
        meta.properties += [("article:section", c.name) for c in categories[:1]]
        meta.properties += [("article:tag", t.name) for t in tags]
        if not protected:
            meta.feeds.append(
                (
                    "application/rss+xml",
                    _("%(site)s » %(title)s Comments Feed")
                    % {"site": settings.SITE_NAME, "title": article.title},
                    absolute(url + "feed/"),
                )
            )
        news: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": Truncator(article.title).chars(110),
            "description": meta.description,
            "datePublished": iso(article.published_at),
            "dateModified": iso(modified),
            "author": [{"@type": "Person", "name": article.author.display_name, "url": author_url}],
            "publisher": _publisher(),
            "mainEntityOfPage": {"@type": "WebPage", "@id": meta.canonical},
            "url": meta.canonical,
        }
        if image:
            news["image"] = [image[0]]
        if categories:
            news["articleSection"] = categories[0].name
        if tags:
            news["keywords"] = [t.name for t in tags]
        if not protected and article.word_count:
            news["wordCount"] = article.word_count
        meta.scripts.append(json_ld(news))
    trail = [(settings.SITE_NAME, absolute("/"))]
    if categories:
        trail.append((categories[0].name, absolute(categories[0].get_absolute_url())))
    trail.append((article.title, meta.canonical))
    meta.scripts.append(_breadcrumbs(trail))
    return meta


def for_listing(ctx: Any) -> Metadata:
    meta = Metadata(feeds=_site_feeds())
    request = ctx.get("request")
    meta.canonical = absolute(request.path if request is not None else "/")
    term = ctx.get("term")
    author = ctx.get("author")
    # The same words as listing.html's <meta name="description">.
    if term is not None and term.description:
        meta.description = term.description
    elif isinstance(author, Author) and author.bio:
        meta.description = Truncator(author.bio).words(40, truncate=" …")
    else:
        meta.description = settings.SITE_DESCRIPTION
    title = ctx.get("heading") or settings.SITE_NAME
    image = None
    feed_path = ""
    if isinstance(term, (Category, Tag)):
        feed_path = term.get_absolute_url() + "feed/"
    elif isinstance(author, Author):
        feed_path = author.get_absolute_url() + "feed/"
        image = _image(author.photo)
    if feed_path:
        meta.feeds.append(
            (
                "application/rss+xml",
                _("%(site)s » %(name)s Feed") % {"site": settings.SITE_NAME, "name": title},
                absolute(feed_path),
            )
        )
    _social(meta, title, "profile" if isinstance(author, Author) else "website", image)
    page_obj = ctx.get("page_obj")
    if ctx.get("is_home") and getattr(page_obj, "number", 1) == 1:
        meta.scripts.append(
            json_ld(
                {
                    "@context": "https://schema.org",
                    "@type": "WebSite",
                    "name": settings.SITE_NAME,
                    "description": settings.SITE_DESCRIPTION,
                    "url": absolute("/"),
                    "publisher": _publisher(),
                    "potentialAction": {
                        "@type": "SearchAction",
                        "target": {
                            "@type": "EntryPoint",
                            "urlTemplate": absolute("/") + "?s={search_term_string}",
                        },
                        "query-input": "required name=search_term_string",
                    },
                }
            )
        )
    return meta


def for_context(ctx: Any) -> Metadata:
    """Metadata for whatever page this context renders."""
    if ctx.get("preview"):
        return Metadata()
    article = ctx.get("article")
    if isinstance(article, Article):
        return for_article(ctx, article)
    if ctx.get("page_obj") is not None and not ctx.get("is_search"):
        return for_listing(ctx)
    # Search results, error pages: the site's feeds, and nothing to index.
    return Metadata(feeds=_site_feeds())
