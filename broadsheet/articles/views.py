from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import CharField, DateTimeField, IntegerField, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import resolve, reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from broadsheet.articles import listings, prepared
from broadsheet.articles.models import POSTPASS_COOKIE, Article, Category, LegacyPath, Tag
from broadsheet.articles.search import search
from broadsheet.comments.threads import comment_page_url, split_comment_page
from broadsheet.comments.views import comment_context, patch_for_reader
from broadsheet.people.models import Author

HOME = listings.ArticleList(lambda posts, value: posts)
AUTHOR = listings.ArticleList(
    lambda posts, value: posts.filter(author_id=value("author", IntegerField()))
)
TAG = listings.ArticleList(lambda posts, value: posts.filter(tags__id=value("tag", IntegerField())))
# Children's articles belong to the parent's archive too, as in WordPress.
CATEGORY = listings.ArticleList(
    lambda posts, value: posts.filter(
        pk__in=Article.categories.through.objects.filter(
            category__in=Category.objects.filter(
                Q(pk=value("term", IntegerField()))
                | Q(path__startswith=value("children", CharField()))
            )
        ).values("article_id")
    )
)
# Boundaries in the site's time zone, as the dates in URLs are.
DATES = listings.ArticleList(
    lambda posts, value: posts.filter(
        published_at__gte=value("start", DateTimeField()),
        published_at__lt=value("end", DateTimeField()),
    )
)


def listing(
    request: HttpRequest,
    articles: listings.ArticleList,
    values: dict[str, Any],
    page: int | None,
    base: str,
    heading: str = "",
    **extra: Any,
) -> HttpResponse:
    """A paginated list of articles: the home page and every archive."""
    if page == 1:
        # One URL per page, as WordPress: /page/1/ is the bare listing.
        return HttpResponseRedirect(base, status=301)
    # The category route hands over a string.
    page_obj = articles.page(request.user, values, 1 if page is None else int(page), base)
    listings.furnish_cards(page_obj.object_list)

    def page_url(n: int) -> str:
        return base if n == 1 else f"{base}page/{n}/"

    ctx = {
        "page_obj": page_obj,
        "articles": page_obj.object_list,
        "heading": heading,
        "newer_url": page_url(page_obj.number - 1) if page_obj.has_previous() else None,
        "older_url": page_url(page_obj.number + 1) if page_obj.has_next() else None,
        **extra,
    }
    return render(request, "articles/listing.html", ctx)


def public(request: HttpRequest) -> QuerySet[Article]:
    return Article.objects.visible_to(request.user)


def home(request: HttpRequest, page: int | None = None) -> HttpResponse:
    if "s" in request.GET:
        return search(request, page)
    if page is None and ("p" in request.GET or "page_id" in request.GET):
        return query_redirect(request)
    return listing(request, HOME, {}, page, "/", is_home=True)


def author(request: HttpRequest, slug: str, page: int | None = None) -> HttpResponse:
    person = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
    values = {"author": person.pk}
    base = person.get_absolute_url()
    return listing(request, AUTHOR, values, page, base, person.display_name, author=person)


def category(request: HttpRequest, path: str, page: int | None = None) -> HttpResponse:
    term = get_object_or_404(Category, path=path)
    values = {"term": term.pk, "children": f"{term.path}/"}
    return listing(request, CATEGORY, values, page, term.get_absolute_url(), term.name, term=term)


def tag(request: HttpRequest, slug: str, page: int | None = None) -> HttpResponse:
    term = get_object_or_404(Tag, slug=slug)
    values = {"tag": term.pk}
    return listing(request, TAG, values, page, term.get_absolute_url(), term.name, term=term)


def date_archive(
    request: HttpRequest, year: int, month: int | None = None, page: int | None = None
) -> HttpResponse:
    try:
        # /2024/00/ is no month: only a missing month means the whole year.
        start = datetime(year, 1 if month is None else month, 1)
        end = (
            datetime(year + 1, 1, 1) if month in (None, 12) else datetime(year, month + 1, 1)  # type: ignore[operator]
        )
    except ValueError as e:
        raise Http404(_("No such date.")) from e
    values = {"start": timezone.make_aware(start), "end": timezone.make_aware(end)}
    if month:
        base = reverse("month", args=[f"{year:04d}", f"{month:02d}"])
        # Month names in the site's language (strftime would give the C locale's English).
        heading = _("Archive for %(date)s") % {"date": date_format(start, "YEAR_MONTH_FORMAT")}
    else:
        base = reverse("year", args=[f"{year:04d}"])
        heading = _("Archive for %(year)d") % {"year": year}
    return listing(request, DATES, values, page, base, heading, archive_date=start)


def article_detail(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    """An article at /YYYY/MM/DD/slug/, a page at /parent/child/, else an old URL."""
    # <article URL>comment-page-N/ shows the article with its Nth page of comments.
    path, comment_page = split_comment_page(request.path)
    if request.user.is_authenticated:
        # Paths are unique: no ORDER BY (first() would add one, and building it costs a
        # third of this query's time).
        item = next(iter(_readable(request).filter(path=path).order_by()[:1]), None)
    else:
        # Readers: the same query (the visibility rule for anonymous users), prepared.
        item = prepared.published_at_path(path)
    # Old paths of imported items are not unique, so those keep first().
    item = item or _readable(request).filter(original_path=path).first()
    if item is None:
        return legacy_redirect(request)
    if item.get_absolute_url() != path or comment_page == 1:
        target = comment_page_url(item.get_absolute_url(), comment_page)
        return HttpResponseRedirect(target, status=301)
    return render_article(request, item, comment_page=comment_page)


def _readable(request: HttpRequest) -> QuerySet[Article]:
    return public(request).select_related("author__photo", "featured_image")


def render_article(
    request: HttpRequest, item: Article, preview: bool = False, comment_page: int | None = None
) -> HttpResponse:
    unlocked = item.unlocked_for(request)
    ctx = {
        "article": item,
        "unlocked": unlocked,
        "wrong_password": request.GET.get("password") == "wrong",
        "preview": preview,
    }
    if item.kind == "post":
        ctx["categories"] = prepared.categories_of(item)
        ctx["tags"] = prepared.tags_of(item)
    ctx.update(comment_context(request, item, comment_page, unlocked))
    template = "articles/page.html" if item.kind == "page" else "articles/article.html"
    return patch_for_reader(render(request, template, ctx), ctx)


def legacy_redirect(request: HttpRequest) -> HttpResponse:
    """Redirect an old URL of an item to where it lives now, or 404."""
    paths = [request.path]
    if not request.path.endswith("/"):
        paths.append(f"{request.path}/")
        found = public(request).filter(path=paths[1]).first()
        if found:
            return HttpResponseRedirect(found.get_absolute_url(), status=301)
    old = (
        LegacyPath.objects.filter(path__in=paths, article__in=public(request))
        .select_related("article")
        .first()
    )
    if old is not None:
        return HttpResponseRedirect(old.article.get_absolute_url(), status=301)
    # The catch-all route means CommonMiddleware's APPEND_SLASH never fires: do its job for
    # every route that only answers with the slash (archives, terms, articles). It says
    # nothing about what exists: an unknown slug is redirected alike, then 404s.
    if len(paths) > 1 and resolve(f"{request.path_info}/").url_name != "page":
        return HttpResponseRedirect(request.get_full_path(force_append_slash=True), status=301)
    raise Http404(_("Nothing lives at this address."))


def query_redirect(request: HttpRequest) -> HttpResponse:
    """WordPress's plain links (/?p=N, /?page_id=N), kept as legacy paths by the importer."""
    key = "p" if "p" in request.GET else "page_id"
    value = request.GET[key]
    # Ids only: anything else (NUL bytes included, which PostgreSQL refuses) cannot match.
    old = None
    if value.isascii() and value.isdigit() and len(value) < 20:
        old = LegacyPath.objects.filter(path=f"/?{key}={value}").first()
    if old is None or not public(request).filter(pk=old.article_id).exists():
        raise Http404(_("Nothing lives at this address."))
    return HttpResponseRedirect(old.article.get_absolute_url(), status=301)


# WordPress's postpass form has no CSRF token either: the article page may come from the
# shared page cache, which must hold nothing per reader. Forging it only sets a cookie.
@csrf_exempt
@require_POST
def postpass(request: HttpRequest) -> HttpResponse:
    """Check a password-protected article's password and remember it in a cookie."""
    pk = request.POST.get("article", "")
    article = None
    if pk.isdigit() and len(pk) < 18:
        article = Article.objects.published().filter(pk=int(pk)).first()
    if article is None or not article.password:
        raise Http404(_("No such article."))
    target = article.get_absolute_url()
    if not constant_time_compare(request.POST.get("password", ""), article.password):
        return HttpResponseRedirect(f"{target}?password=wrong", status=303)
    response = HttpResponseRedirect(target, status=303)
    response.set_cookie(
        POSTPASS_COOKIE,
        Article.password_token(article.password),
        max_age=10 * 24 * 3600,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response
