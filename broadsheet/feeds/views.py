"""Feeds with conditional GET, the article comment feeds, sitemaps and robots.txt."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseRedirect,
    StreamingHttpResponse,
)
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from broadsheet.articles.models import Article, LegacyPath
from broadsheet.feeds import feeds, sitemaps


def conditional(feed: Callable[..., HttpResponse]) -> Callable[..., HttpResponseBase]:
    """Answer a feed with ETag and Last-Modified, and 304 when the reader has it already.

    The feed is built first (its queries are few and fixed) so the ETag covers exactly
    the bytes sent: an edit, an unpublish or a new comment always changes it.
    """

    @require_safe
    def view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = feed(request, *args, **kwargs)
        etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
        response["ETag"] = etag
        last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
        return get_conditional_response(
            request, etag=etag, last_modified=last_modified, response=response
        )

    return view


site_rss = conditional(feeds.ArticleFeed())
site_atom = conditional(feeds.AtomArticleFeed())
category_rss = conditional(feeds.CategoryFeed())
category_atom = conditional(feeds.AtomCategoryFeed())
tag_rss = conditional(feeds.TagFeed())
tag_atom = conditional(feeds.AtomTagFeed())
author_rss = conditional(feeds.AuthorFeed())
author_atom = conditional(feeds.AtomAuthorFeed())
comments_rss = conditional(feeds.CommentFeed())
comments_atom = conditional(feeds.AtomCommentFeed())
_article_comments = {
    "feed/": conditional(feeds.ArticleCommentFeed()),
    "feed/atom/": conditional(feeds.AtomArticleCommentFeed()),
}


@require_safe
def article_comments(request: HttpRequest, path: str, suffix: str) -> HttpResponseBase:
    """`<article URL>feed/`: the comments of the public article or page living at `path`."""
    path = f"/{path}"
    qs = Article.objects.published()
    article = qs.filter(path=path).first() or qs.filter(original_path=path).first()
    if article is None:
        # An old URL of the article: its feed moved with it.
        old = LegacyPath.objects.filter(path=path).select_related("article").first()
        if old is not None and qs.filter(pk=old.article_id).exists():
            return HttpResponseRedirect(old.article.get_absolute_url() + suffix, status=301)
        raise Http404(_("Nothing lives at this address."))
    if article.get_absolute_url() != path:
        return HttpResponseRedirect(article.get_absolute_url() + suffix, status=301)
    return _article_comments[suffix](request, article=article)


@require_safe
def sitemap_index(request: HttpRequest) -> HttpResponse:
    return HttpResponse(sitemaps.render_index(), content_type="application/xml; charset=utf-8")


@require_safe
def sitemap_section(
    request: HttpRequest, section: str, number: str | None = None
) -> HttpResponseBase:
    """One chunk of a section, streamed so 50,000 URLs never sit in memory at once."""
    chunk = sitemaps.chunk(section, int(number) if number else None)
    if chunk is None:
        raise Http404(_("No such sitemap."))
    return StreamingHttpResponse(chunk, content_type="application/xml; charset=utf-8")


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        # Search result pages are an endless space of near-duplicates.
        "Disallow: /?s=",
        "Disallow: /*?s=",
        "",
        f"Sitemap: {settings.SITE_URL}/sitemap.xml",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
