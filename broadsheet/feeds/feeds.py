"""RSS 2.0 and Atom 1.0 feeds of articles and comments, on Django's syndication framework.

Every feed draws its items through the one visibility rule (`Article.objects.published()`,
`Comment.objects.public()`); a password-protected article appears by its title only.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import feedgenerator
from django.utils.html import escape, strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from broadsheet.articles import listings
from broadsheet.articles.models import Article, Category, Tag
from broadsheet.comments.models import Comment
from broadsheet.people.models import Author

# XML 1.0 has no place for these; Django's writer raises on them, so they are dropped.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Attributes in sanitised HTML that carry URLs; feed readers have no base URL to
# resolve a relative one against, and the W3C validator warns about them.
_URL_ATTR = re.compile(r'\b(href|src|cite)="(/(?!/)[^"]*)"')
_SRCSET_ATTR = re.compile(r'\bsrcset="([^"]*)"')
SUMMARY_WORDS = 55


def site_url(path: str = "/") -> str:
    """An absolute URL on the site's public address (BROADSHEET_URL)."""
    return settings.SITE_URL + path


def xml_text(value: str | None) -> str:
    return _NOT_XML.sub("", value or "")


def absolute_html(html: str) -> str:
    """Make the root-relative URLs of sanitised HTML absolute."""
    html = _URL_ATTR.sub(lambda m: f'{m[1]}="{site_url(m[2])}"', html)

    def srcset(m: re.Match[str]) -> str:
        parts = []
        for candidate in m[1].split(","):
            bits = candidate.strip().split(maxsplit=1)
            if bits and bits[0].startswith("/") and not bits[0].startswith("//"):
                bits[0] = site_url(bits[0])
            parts.append(" ".join(bits))
        return f'srcset="{", ".join(parts)}"'

    return _SRCSET_ATTR.sub(srcset, html)


def feed_items() -> int:
    return int(getattr(settings, "FEED_ITEMS", 10))


class RssWithContent(feedgenerator.Rss201rev2Feed):
    """RSS 2.0 with the whole body in `content:encoded`, as WordPress sends it."""

    def rss_attributes(self) -> dict[str, str]:
        return {
            **super().rss_attributes(),
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
            "xmlns:dc": "http://purl.org/dc/elements/1.1/",
        }

    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content:encoded", item["content_html"])


class AtomWithContent(feedgenerator.Atom1Feed):
    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content", item["content_html"], {"type": "html"})


class BroadsheetFeed(Feed):
    """Absolute links from SITE_URL (not the request's host), so the self link and ids
    are the same whoever asks; text cleaned of what XML cannot carry."""

    feed_type = RssWithContent
    path_suffix = "feed/"

    @property
    def language(self) -> str:  # type: ignore[override]
        # The site's language, not the one a reader's browser asked for: one feed for all.
        return settings.LANGUAGE_CODE

    def path(self, obj: Any) -> str:
        """The site path of the page this feed follows."""
        return "/"

    def link(self, obj: Any) -> str:
        return site_url(self.path(obj))

    def feed_url(self, obj: Any) -> str:
        return site_url(self.path(obj) + self.path_suffix)

    def title(self, obj: Any) -> str:
        return xml_text(settings.SITE_NAME)

    def description(self, obj: Any) -> str:
        # RSS requires a description; an empty one is a validation error.
        return xml_text(settings.SITE_DESCRIPTION) or xml_text(settings.SITE_NAME)

    def subtitle(self, obj: Any) -> str:
        return self.description(obj)

    def item_guid_is_permalink(self, item: Any) -> bool:
        return False


class ArticleFeed(BroadsheetFeed):
    """The newest public articles of the site, or of one category, tag or author."""

    def get_object(self, request: HttpRequest, **kwargs: Any) -> Any:
        return None

    def filter_items(self, qs: QuerySet[Article], obj: Any) -> QuerySet[Article]:
        return qs

    def items(self, obj: Any) -> list[Article]:
        if obj is None:
            # The whole site's feed, the one most read: a prepared statement.
            items = listings.latest_posts(feed_items())
        else:
            qs = self.filter_items(Article.objects.published().posts(), obj)
            items = list(
                qs.select_related("author").order_by("-published_at", "-id")[: feed_items()]
            )
        listings.attach_categories(items)
        return items

    def item_title(self, item: Article) -> str:
        if item.is_protected:
            return xml_text(_("Protected: %(title)s") % {"title": item.title})
        return xml_text(item.title)

    def item_link(self, item: Article) -> str:
        return site_url(item.get_absolute_url())

    def item_guid(self, item: Article) -> str:
        # WordPress's own guid shape: it never changes when the slug or date does.
        return site_url(f"/?p={item.pk}")

    def item_description(self, item: Article) -> str:
        if item.is_protected:
            return escape(_("This article is protected by a password."))
        summary = item.standfirst or Truncator(" ".join(strip_tags(item.body_html).split())).words(
            SUMMARY_WORDS
        )
        # The description is HTML: plain text goes in escaped, so "<" stays "<".
        return xml_text(escape(summary))

    def item_extra_kwargs(self, item: Article) -> dict[str, Any]:
        if item.is_protected or not getattr(settings, "FEED_FULL_CONTENT", True):
            return {}
        return {"content_html": xml_text(absolute_html(item.body_html))}

    def item_author_name(self, item: Article) -> str:
        return xml_text(item.author.display_name)

    def item_author_link(self, item: Article) -> str:
        return site_url(item.author.get_absolute_url())

    def item_pubdate(self, item: Article) -> datetime:
        return item.published_at.replace(microsecond=0)  # type: ignore[union-attr]

    def item_updateddate(self, item: Article) -> datetime:
        return max(item.updated_at, item.published_at).replace(microsecond=0)  # type: ignore[type-var]

    def item_categories(self, item: Article) -> list[str]:
        return [xml_text(c.name) for c in item.card_categories]  # type: ignore[attr-defined]

    def item_comments(self, item: Article) -> str:
        return site_url(item.get_absolute_url() + "#comments")


class AtomArticleFeed(ArticleFeed):
    feed_type = AtomWithContent
    path_suffix = "feed/atom/"


class CategoryFeed(ArticleFeed):
    def get_object(self, request: HttpRequest, path: str) -> Category:  # type: ignore[override]
        return get_object_or_404(Category, path=path)

    def path(self, obj: Category) -> str:
        return obj.get_absolute_url()

    def title(self, obj: Category) -> str:
        return xml_text(_("%(site)s » %(name)s") % {"site": settings.SITE_NAME, "name": obj.name})

    def description(self, obj: Category) -> str:
        return xml_text(obj.description) or super().description(obj)

    def filter_items(self, qs: QuerySet[Article], obj: Category) -> QuerySet[Article]:
        # The archive's rule: a parent category's feed carries its children's articles.
        terms = Category.objects.filter(Q(pk=obj.pk) | Q(path__startswith=f"{obj.path}/"))
        links = Article.categories.through.objects.filter(category__in=terms)
        return qs.filter(pk__in=links.values("article_id"))


class AtomCategoryFeed(CategoryFeed):
    feed_type = AtomWithContent
    path_suffix = "feed/atom/"


class TagFeed(ArticleFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Tag:  # type: ignore[override]
        return get_object_or_404(Tag, slug=slug)

    def path(self, obj: Tag) -> str:
        return obj.get_absolute_url()

    def title(self, obj: Tag) -> str:
        return xml_text(_("%(site)s » %(name)s") % {"site": settings.SITE_NAME, "name": obj.name})

    def description(self, obj: Tag) -> str:
        return xml_text(obj.description) or super().description(obj)

    def filter_items(self, qs: QuerySet[Article], obj: Tag) -> QuerySet[Article]:
        return qs.filter(tags=obj)


class AtomTagFeed(TagFeed):
    feed_type = AtomWithContent
    path_suffix = "feed/atom/"


class AuthorFeed(ArticleFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Author:  # type: ignore[override]
        return get_object_or_404(Author, slug=slug)

    def path(self, obj: Author) -> str:
        return obj.get_absolute_url()

    def title(self, obj: Author) -> str:
        return xml_text(
            _("%(site)s » %(name)s") % {"site": settings.SITE_NAME, "name": obj.display_name}
        )

    def filter_items(self, qs: QuerySet[Article], obj: Author) -> QuerySet[Article]:
        return qs.filter(author=obj)


class AtomAuthorFeed(AuthorFeed):
    feed_type = AtomWithContent
    path_suffix = "feed/atom/"


class CommentFeed(BroadsheetFeed):
    """The newest public comments of the site (`/comments/feed/`)."""

    def get_object(self, request: HttpRequest, **kwargs: Any) -> Article | None:
        return None

    def feed_url(self, obj: Article | None) -> str:
        return site_url("/comments/" + self.path_suffix)

    def title(self, obj: Article | None) -> str:
        return xml_text(_("Comments for %(site)s") % {"site": settings.SITE_NAME})

    def comments(self, obj: Article | None) -> QuerySet[Comment]:
        return Comment.objects.public().select_related("article")

    def items(self, obj: Article | None) -> list[Comment]:
        qs = self.comments(obj).order_by("-created_at", "-id")
        return list(qs[: feed_items()])

    def item_title(self, item: Comment) -> str:
        name = item.author_name or _("Anonymous")
        return xml_text(
            _("Comment on %(title)s by %(name)s") % {"title": item.article.title, "name": name}
        )

    def item_link(self, item: Comment) -> str:
        return site_url(f"{item.article.get_absolute_url()}#comment-{item.pk}")

    def item_guid(self, item: Comment) -> str:
        return site_url(f"/?p={item.article_id}#comment-{item.pk}")

    def item_description(self, item: Comment) -> str:
        # content_html is the comments app's sanitised rendering, made on save.
        return xml_text(absolute_html(item.content_html))

    def item_author_name(self, item: Comment) -> str:
        # Names only: a commenter's email address is never published, not even here.
        return xml_text(item.author_name) or _("Anonymous")

    def item_author_email(self, item: Comment) -> None:
        return None

    def item_author_link(self, item: Comment) -> None:
        return None

    def item_pubdate(self, item: Comment) -> datetime:
        return item.created_at.replace(microsecond=0)

    def item_updateddate(self, item: Comment) -> datetime:
        return self.item_pubdate(item)


class AtomCommentFeed(CommentFeed):
    feed_type = AtomWithContent
    path_suffix = "feed/atom/"


class ArticleCommentFeed(CommentFeed):
    """One article's comments (`<article URL>feed/`)."""

    def get_object(self, request: HttpRequest, article: Article) -> Article:  # type: ignore[override]
        return article

    def path(self, obj: Article) -> str:  # type: ignore[override]
        return obj.get_absolute_url()

    def feed_url(self, obj: Article) -> str:  # type: ignore[override]
        return site_url(obj.get_absolute_url() + self.path_suffix)

    def title(self, obj: Article) -> str:  # type: ignore[override]
        return xml_text(_("Comments on: %(title)s") % {"title": obj.title})

    def comments(self, obj: Article) -> QuerySet[Comment]:  # type: ignore[override]
        return super().comments(obj).filter(article=obj)

    def item_title(self, item: Comment) -> str:
        return xml_text(_("By: %(name)s") % {"name": item.author_name or _("Anonymous")})


class AtomArticleCommentFeed(ArticleCommentFeed):
    feed_type = AtomWithContent
    path_suffix = "feed/atom/"
