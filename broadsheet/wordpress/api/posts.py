"""/wp/v2/posts and /wp/v2/pages: read through the visibility rule, write through the
articles' actions with the roles' rules (contributors cannot publish, authors edit only
their own, editors everything)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal

from django.db.models import Case, F, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from pydantic import BaseModel, field_validator

from broadsheet.articles import listings
from broadsheet.articles.actions import do_delete_article, do_save_article, do_trash
from broadsheet.articles.models import Article, Category, Kind, Status, Tag
from broadsheet.comments.models import Comment
from broadsheet.images.models import Image
from broadsheet.lib.paging import PreparedList, window
from broadsheet.lib.slugs import make_slug
from broadsheet.people.models import Author
from broadsheet.wordpress.api import schemas
from broadsheet.wordpress.api.errors import (
    WPError,
    auth_status,
    forbidden,
    invalid_param,
    json_response,
)
from broadsheet.wordpress.api.params import (
    MAX_ID,
    CollectionQuery,
    CommonQuery,
    Date,
    IdList,
    LongText,
    Text,
    TextList,
    split_csv,
    wants_force,
)
from broadsheet.wordpress.api.shapes import (
    EDIT,
    Ctx,
    article_data,
    can,
    check_orderby_include,
    collection_headers,
    list_filters,
    list_total,
    page_window,
    require_search_for_relevance,
    text,
)

router = Router(tags=["posts"])

StatusName = Literal["publish", "future", "draft", "pending", "private", "trash"]
REPLIES_EMBEDDED = 10


class ArticlesQuery(CollectionQuery):
    after: Date | None = None
    before: Date | None = None
    modified_after: Date | None = None
    modified_before: Date | None = None
    author: IdList = Field(default_factory=list)
    author_exclude: IdList = Field(default_factory=list)
    orderby: Literal[
        "author", "date", "id", "include", "modified", "parent", "relevance", "slug",
        "include_slugs", "title", "menu_order",
    ] = "date"  # fmt: skip
    slug: TextList = Field(default_factory=list)
    status: list[StatusName | Literal["any"]] = Field(default_factory=list)
    categories: IdList = Field(default_factory=list)
    categories_exclude: IdList = Field(default_factory=list)
    tags: IdList = Field(default_factory=list)
    tags_exclude: IdList = Field(default_factory=list)
    sticky: bool | None = None
    parent: IdList = Field(default_factory=list)
    parent_exclude: IdList = Field(default_factory=list)
    menu_order: int | None = Field(None, ge=-(2**31), le=2**31 - 1)

    @field_validator("status", mode="before")
    @classmethod
    def _split_status(cls, value: Any) -> Any:
        return split_csv(value)


class ArticleQuery(CommonQuery):
    password: Text | None = None


class DeleteQuery(Schema):
    force: bool = False


class RawText(BaseModel):
    raw: LongText | None = None


class ArticleWrite(BaseModel):
    """WordPress's writable post fields; text fields take a string or {"raw": string}."""

    id: int | None = Field(None, ge=0, le=MAX_ID)
    date: Date | None = None
    date_gmt: datetime | None = None
    slug: Text | None = Field(None, max_length=200)
    status: StatusName | None = None
    password: Text | None = Field(None, max_length=255)
    title: LongText | RawText | None = None
    content: LongText | RawText | None = None
    excerpt: LongText | RawText | None = None
    author: int | None = Field(None, ge=0, le=MAX_ID)
    featured_media: int | None = Field(None, ge=0, le=MAX_ID)
    comment_status: Literal["open", "closed"] | None = None
    ping_status: Literal["open", "closed"] | None = None
    format: Text | None = None
    meta: dict[str, Any] | list[Any] | None = None
    sticky: bool | None = None
    template: Text | None = None
    categories: IdList | None = None
    tags: IdList | None = None
    parent: int | None = Field(None, ge=0, le=MAX_ID)
    menu_order: int | None = Field(None, ge=-(2**31), le=2**31 - 1)


def _raw(value: str | RawText | None) -> str:
    if isinstance(value, RawText):
        return value.raw or ""
    return value or ""


# Who may do what --------------------------------------------------------------------------


def _perm(kind: str, verb: str) -> str:
    return f"articles.{verb}_{'page' if kind == Kind.PAGE else 'article'}"


def may_edit(user: Any, article: Article) -> bool:
    return can(user, _perm(article.kind, "change")) and article.can_edit(user)


def may_delete(user: Any, article: Article) -> bool:
    return can(user, _perm(article.kind, "delete")) and article.can_edit(user)


def editable_by(user: Any, kind: str) -> QuerySet[Article]:
    """Items `user` works on in the admin: every one for editors, their own for writers."""
    qs = Article.objects.filter(kind=kind)
    if not can(user, _perm(kind, "change")):
        return qs.none()
    if user.has_perm("articles.edit_others_article"):
        return qs
    return qs.filter(author__user=user).exclude(status=Status.TRASH)


def may_read(user: Any, article: Article) -> bool:
    if article.is_public:
        return True
    if Article.objects.visible_to(user).filter(pk=article.pk).exists():
        return True
    return may_edit(user, article)


def _by_status(user: Any, kind: str, statuses: list[str]) -> QuerySet[Article]:
    """Published items for everyone; the other statuses only as far as `user` may edit
    (private ones also as far as the visibility rule shows them)."""
    wanted = set(statuses) or {"publish"}
    if wanted == {"publish"}:
        # The usual list, and what anonymous readers get: the visibility rule alone, so the
        # listing index serves it (the union below is planned as a scan of every article).
        return Article.objects.published().filter(kind=kind)
    if "any" in wanted:
        wanted = (wanted - {"any"}) | {"publish", "future", "draft", "pending", "private"}
    now = timezone.now()
    visible = Article.objects.visible_to(user).filter(kind=kind)
    parts = Q(pk__in=[])
    ids_editable = editable_by(user, kind).values("pk")
    if "publish" in wanted:
        parts |= Q(pk__in=Article.objects.published().filter(kind=kind).values("pk"))
    if "future" in wanted:
        parts |= Q(status=Status.SCHEDULED, published_at__gt=now, pk__in=ids_editable)
    for status in ("draft", "pending", "trash"):
        if status in wanted:
            parts |= Q(status=status, pk__in=ids_editable)
    if "private" in wanted:
        parts |= Q(status=Status.PRIVATE) & (
            Q(pk__in=visible.values("pk")) | Q(pk__in=ids_editable)
        )
    return Article.objects.filter(kind=kind).filter(parts)


# Reading ------------------------------------------------------------------------------------


_RELATED = ("author__photo", "author__user", "featured_image", "parent")


def _with_everything(qs: QuerySet[Article], kind: str, ctx: Ctx) -> QuerySet[Article]:
    qs = qs.select_related(*_RELATED)
    if kind == Kind.POST:
        qs = qs.prefetch_related("categories", "tags")
    if ctx.embeds("replies"):
        qs = qs.prefetch_related(
            Prefetch(
                "comments",
                queryset=Comment.objects.public().order_by("-created_at", "-id"),
                to_attr="public_comments",
            )
        )
    return qs


_PUBLIC_POSTS = PreparedList(
    listings.public_posts, furnish=lambda rows: rows.select_related(*_RELATED)
)


def _search(qs: QuerySet[Article], search: str) -> QuerySet[Article]:
    # A password-protected item is found by its headline only: matching its text would let
    # anyone probe the hidden words one search at a time.
    for word in search.split()[:20]:
        qs = qs.filter(
            Q(title__icontains=word)
            | Q(password="") & (Q(standfirst__icontains=word) | Q(body__icontains=word))
        )
    return qs


def _in_terms(model: type[Category] | type[Tag], ids: list[int]) -> Q:
    through = Article.categories.through if model is Category else Article.tags.through
    column = "category_id" if model is Category else "tag_id"
    return Q(pk__in=through.objects.filter(**{f"{column}__in": ids}).values("article_id"))


def _ordered(qs: QuerySet[Article], q: ArticlesQuery, dated: bool = False) -> QuerySet[Article]:
    """`dated`: every row has a publish time (published ones only), so the date order is
    published_at itself, which the listing index yields without sorting."""
    desc = q.order == "desc"

    def by(expr: Any) -> Any:
        expr = F(expr) if isinstance(expr, str) else expr
        return expr.desc() if desc else expr.asc()

    tie = by("id")
    if q.orderby in ("include", "include_slugs"):
        key, values = ("pk", q.include) if q.orderby == "include" else ("slug", q.slug)
        position = Case(
            *[When(**{key: v}, then=Value(i)) for i, v in enumerate(values)],
            default=Value(len(values)),
            output_field=IntegerField(),
        )
        return qs.order_by(position, "id")
    if q.orderby == "relevance":
        match = Case(
            When(title__icontains=q.search, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
        return qs.order_by(match.desc(), by(Coalesce("published_at", "created_at")), tie)
    column = {
        "author": "author_id",
        "id": "id",
        "modified": "updated_at",
        "parent": "parent_id",
        "slug": "slug",
        "title": "title",
        "menu_order": "menu_order",
    }.get(q.orderby)
    if column:
        return qs.order_by(by(column), tie)
    if dated:
        return qs.order_by(by("published_at"), tie)
    return qs.order_by(by(Coalesce("published_at", "created_at")), tie)


def list_articles(request: HttpRequest, q: ArticlesQuery, kind: str) -> HttpResponse:
    user = request.user
    ctx = Ctx(request, q)
    if q.context == EDIT and not can(user, _perm(kind, "change")):
        raise forbidden(
            request,
            "rest_forbidden_context",
            _("Sorry, you are not allowed to edit posts in this post type."),
        )
    if any(s != "publish" for s in q.status) and not can(user, _perm(kind, "change")):
        raise WPError("rest_forbidden_status", _("Status is forbidden."), auth_status(request))
    check_orderby_include(q.orderby, q.include)
    require_search_for_relevance(q.orderby, q.search)

    qs = _by_status(user, kind, list(q.status))
    if q.search:
        qs = _search(qs, q.search)
    if q.include:
        qs = qs.filter(pk__in=q.include)
    if q.exclude:
        qs = qs.exclude(pk__in=q.exclude)
    if q.slug:
        qs = qs.filter(slug__in=q.slug)
    if q.author:
        qs = qs.filter(author_id__in=q.author)
    if q.author_exclude:
        qs = qs.exclude(author_id__in=q.author_exclude)
    date = Coalesce("published_at", "created_at")
    if q.after:
        qs = qs.alias(sort_date=date).filter(sort_date__gt=q.after)
    if q.before:
        qs = qs.alias(sort_date=date).filter(sort_date__lt=q.before)
    if q.modified_after:
        qs = qs.filter(updated_at__gt=q.modified_after)
    if q.modified_before:
        qs = qs.filter(updated_at__lt=q.modified_before)
    if kind == Kind.POST:
        if q.categories:
            qs = qs.filter(_in_terms(Category, q.categories))
        if q.categories_exclude:
            qs = qs.exclude(_in_terms(Category, q.categories_exclude))
        if q.tags:
            qs = qs.filter(_in_terms(Tag, q.tags))
        if q.tags_exclude:
            qs = qs.exclude(_in_terms(Tag, q.tags_exclude))
        if q.sticky is not None:
            qs = qs.filter(sticky=q.sticky)
    else:
        if q.parent:
            top = 0 in q.parent
            qs = qs.filter(
                Q(parent_id__in=q.parent) | Q(parent__isnull=top)
                if top
                else Q(parent_id__in=q.parent)
            )
        if q.parent_exclude:
            qs = qs.exclude(parent_id__in=q.parent_exclude)
        if q.menu_order is not None:
            qs = qs.filter(menu_order=q.menu_order)

    total = list_total(request, qs, kind, ("articles",))
    start, stop, pages = page_window(q, total, "rest_post_invalid_page_number")
    dated = set(q.status) <= {"publish"}
    # Deep pages skip rows in the listing index, not by reading whole articles; the usual
    # list (public, newest first) seen anonymously starts them from its milestones.
    seek = None
    if dated and q.orderby == "date" and q.order == "desc" and not user.is_authenticated:
        filters = list_filters(request)
        seek = listings.seek(f"api:{kind}", filters)
    if (
        seek is not None
        and kind == Kind.POST
        and not filters
        and not ctx.embeds("replies")
        and q.offset is None
        and seek.every % q.per_page == 0  # so few page shapes: see PreparedList
    ):
        # The list nearly every anonymous client asks for, in prepared statements.
        items = _PUBLIC_POSTS.window({"now": timezone.now()}, start, stop, seek)
        listings.attach_terms(items)
    else:
        items = window(
            _ordered(qs, q, dated),
            start,
            stop,
            lambda rows: _with_everything(rows, kind, ctx),
            seek,
        )
    data = [
        article_data(
            ctx,
            article,
            editable=q.context == EDIT and may_edit(user, article),
            unlocked=may_edit(user, article) or article.unlocked_for(request),
            comments=_replies(article),
        )
        for article in items
    ]
    return json_response(data, headers=collection_headers(ctx, q, total, pages))


def _replies(article: Article) -> list[Comment] | None:
    comments = getattr(article, "public_comments", None)
    return None if comments is None else comments[:REPLIES_EMBEDDED]


def get_article(pk: int, kind: str, ctx: Ctx | None = None) -> Article:
    qs = Article.objects.filter(kind=kind)
    if ctx is not None:
        qs = _with_everything(qs, kind, ctx)
    article = qs.filter(pk=pk).first() if pk <= MAX_ID else None
    if article is None:
        raise WPError("rest_post_invalid_id", _("Invalid post ID."), 404)
    return article


def show_article(request: HttpRequest, pk: int, q: ArticleQuery, kind: str) -> HttpResponse:
    user = request.user
    ctx = Ctx(request, q)
    article = get_article(pk, kind, ctx)
    if not may_read(user, article):
        raise forbidden(request)
    editable = may_edit(user, article)
    if q.context == EDIT and not editable:
        raise forbidden(
            request, "rest_forbidden_context", _("Sorry, you are not allowed to edit this post.")
        )
    unlocked = editable or article.unlocked_for(request)
    if article.password and q.password is not None and not editable:
        if not constant_time_compare(q.password, article.password):
            raise WPError("rest_post_incorrect_password", _("Incorrect post password."), 403)
        unlocked = True
    data = article_data(
        ctx, article, editable=editable, unlocked=unlocked, comments=_replies(article)
    )
    return json_response(data)


# Writing ------------------------------------------------------------------------------------


def _own_author(user: Any) -> Author:
    author = Author.objects.filter(user=user).first()
    if author is None:
        raise WPError(
            "rest_invalid_author",
            _("You have no author profile yet; ask an administrator to add one."),
            400,
        )
    return author


def _terms(model: type[Category] | type[Tag], ids: list[int], name: str) -> list[Any]:
    found = {t.pk: t for t in model.objects.filter(pk__in=ids)}
    missing = [i for i in ids if i not in found]
    if missing:
        raise invalid_param(
            {name: _("Invalid term ID: %(ids)s") % {"ids": ", ".join(map(str, missing))}}
        )
    return [found[i] for i in dict.fromkeys(ids)]


def _apply(
    request: HttpRequest, article: Article, payload: ArticleWrite, creating: bool
) -> tuple[list[Category] | None, list[Tag] | None]:
    """Copy what the request sets onto `article`, refusing what the user's role forbids."""
    user = request.user
    given = payload.model_fields_set
    code = auth_status(request)

    if "author" in given and payload.author is not None:
        author = Author.objects.select_related("user").filter(pk=payload.author).first()
        if author is None:
            raise WPError("rest_invalid_author", _("Invalid author ID."), 400)
        if author.user_id != user.pk and not user.has_perm("articles.edit_others_article"):
            raise WPError(
                "rest_cannot_edit_others",
                _("Sorry, you are not allowed to update posts as this user."),
                code,
            )
        article.author = author
    elif creating:
        article.author = _own_author(user)

    if "status" in given and payload.status is not None:
        publishing = payload.status in (Status.PUBLISHED, Status.SCHEDULED, Status.PRIVATE)
        if publishing and payload.status != article.status and not Article.can_publish(user):
            raise WPError(
                "rest_cannot_publish",
                _("Sorry, you are not allowed to publish posts in this post type."),
                code,
            )
        article.status = payload.status
    if "sticky" in given and payload.sticky is not None and article.kind == Kind.POST:
        if payload.sticky != article.sticky and not user.has_perm("articles.edit_others_article"):
            raise WPError(
                "rest_cannot_assign_sticky",
                _("Sorry, you are not allowed to make posts sticky."),
                code,
            )
        article.sticky = payload.sticky

    if payload.date_gmt is not None:
        value = payload.date_gmt
        article.published_at = value if timezone.is_aware(value) else value.replace(tzinfo=UTC)
    elif payload.date is not None:
        article.published_at = payload.date
    if "title" in given:
        article.title = text(_raw(payload.title))[:500]
    if "content" in given:
        # WordPress clients write HTML; it is sanitised when the body is rendered.
        article.body = _raw(payload.content)
        article.body_format = "html"
    if "excerpt" in given:
        article.standfirst = text(_raw(payload.excerpt))
    if "slug" in given and payload.slug is not None:
        article.slug = make_slug(payload.slug)[:200]
    if "password" in given and payload.password is not None:
        article.password = payload.password
    if payload.comment_status is not None:
        article.comments_open = payload.comment_status == "open"
    if "featured_media" in given and payload.featured_media is not None:
        if payload.featured_media == 0:
            article.featured_image = None
        else:
            image = Image.objects.filter(pk=payload.featured_media).first()
            if image is None:
                raise WPError("rest_invalid_featured_media", _("Invalid featured media ID."), 400)
            article.featured_image = image
    if article.kind == Kind.PAGE:
        if "parent" in given and payload.parent is not None:
            if payload.parent == 0:
                article.parent = None
            else:
                parent = Article.objects.pages().filter(pk=payload.parent).first()
                if parent is None or parent.pk == article.pk:
                    raise WPError("rest_post_invalid_id", _("Invalid post parent ID."), 400)
                article.parent = parent
        if payload.menu_order is not None:
            article.menu_order = payload.menu_order

    if not article.title.strip():
        if creating and not (article.body or article.standfirst):
            raise WPError("empty_content", _("Content, title, and excerpt are empty."), 400)
        raise invalid_param({"title": _("A headline is required.")})

    categories = tags = None
    if article.kind == Kind.POST:
        if payload.categories is not None:
            categories = _terms(Category, list(payload.categories), "categories")
        if payload.tags is not None:
            tags = _terms(Tag, list(payload.tags), "tags")
    return categories, tags


def _edit_view(request: HttpRequest, pk: int, kind: str) -> dict[str, Any]:
    ctx = Ctx(request, CommonQuery(context="edit"))
    article = get_article(pk, kind, ctx)
    return article_data(ctx, article, editable=True, unlocked=True)


def create_article(request: HttpRequest, payload: ArticleWrite, kind: str) -> HttpResponse:
    user = request.user
    if not can(user, _perm(kind, "add")):
        raise forbidden(
            request,
            "rest_cannot_create",
            _("Sorry, you are not allowed to create posts as this user."),
        )
    if payload.id:
        raise WPError("rest_post_exists", _("Cannot create existing post."), 400)
    article = Article(kind=kind, status=Status.DRAFT, body_format="html")
    categories, tags = _apply(request, article, payload, creating=True)
    do_save_article(article, categories=categories, tags=tags or [])
    ctx = Ctx(request, CommonQuery())
    return json_response(
        _edit_view(request, article.pk, kind),
        status=201,
        headers={"Location": ctx.rest(f"{'pages' if kind == Kind.PAGE else 'posts'}/{article.pk}")},
    )


def update_article(request: HttpRequest, pk: int, payload: ArticleWrite, kind: str) -> HttpResponse:
    article = get_article(pk, kind)
    if not may_edit(request.user, article):
        raise forbidden(
            request, "rest_cannot_edit", _("Sorry, you are not allowed to edit this post.")
        )
    categories, tags = _apply(request, article, payload, creating=False)
    do_save_article(article, categories=categories, tags=tags)
    return json_response(_edit_view(request, article.pk, kind))


def delete_article(request: HttpRequest, pk: int, force: bool, kind: str) -> HttpResponse:
    article = get_article(pk, kind)
    if not may_delete(request.user, article):
        raise forbidden(
            request, "rest_cannot_delete", _("Sorry, you are not allowed to delete this post.")
        )
    previous = _edit_view(request, pk, kind)
    if force:
        do_delete_article(article)
        return json_response({"deleted": True, "previous": previous})
    if article.status == Status.TRASH:
        raise WPError("rest_already_trashed", _("The post has already been deleted."), 410)
    do_trash(article)
    return json_response(_edit_view(request, pk, kind))


# Routes -------------------------------------------------------------------------------------

ERRORS = schemas.ERRORS
LIST = {200: list[schemas.Post], **ERRORS}
ONE = {200: schemas.Post, **ERRORS}
WRITTEN = {200: schemas.Post, 201: schemas.Post, **ERRORS}
DELETED = {200: schemas.DeletedPost | schemas.Post, 410: schemas.Error, **ERRORS}


@router.get("/posts", response=LIST, summary="List posts")
def list_posts(request: HttpRequest, q: Query[ArticlesQuery]) -> HttpResponse:
    return list_articles(request, q, Kind.POST)


@router.post("/posts", response=WRITTEN, summary="Create a post")
def create_post(request: HttpRequest, payload: ArticleWrite) -> HttpResponse:
    return create_article(request, payload, Kind.POST)


@router.get("/posts/{int:id}", response=ONE, summary="Retrieve a post")
def get_post(request: HttpRequest, id: int, q: Query[ArticleQuery]) -> HttpResponse:
    return show_article(request, id, q, Kind.POST)


@router.api_operation(
    ["POST", "PUT", "PATCH"], "/posts/{int:id}", response=WRITTEN, summary="Update a post"
)
def update_post(request: HttpRequest, id: int, payload: ArticleWrite) -> HttpResponse:
    return update_article(request, id, payload, Kind.POST)


@router.delete("/posts/{int:id}", response=DELETED, summary="Delete a post")
def delete_post(request: HttpRequest, id: int, q: Query[DeleteQuery]) -> HttpResponse:
    return delete_article(request, id, wants_force(request, q.force), Kind.POST)


@router.get("/pages", response=LIST, summary="List pages")
def list_pages(request: HttpRequest, q: Query[ArticlesQuery]) -> HttpResponse:
    return list_articles(request, q, Kind.PAGE)


@router.post("/pages", response=WRITTEN, summary="Create a page")
def create_page(request: HttpRequest, payload: ArticleWrite) -> HttpResponse:
    return create_article(request, payload, Kind.PAGE)


@router.get("/pages/{int:id}", response=ONE, summary="Retrieve a page")
def get_page(request: HttpRequest, id: int, q: Query[ArticleQuery]) -> HttpResponse:
    return show_article(request, id, q, Kind.PAGE)


@router.api_operation(
    ["POST", "PUT", "PATCH"], "/pages/{int:id}", response=WRITTEN, summary="Update a page"
)
def update_page(request: HttpRequest, id: int, payload: ArticleWrite) -> HttpResponse:
    return update_article(request, id, payload, Kind.PAGE)


@router.delete("/pages/{int:id}", response=DELETED, summary="Delete a page")
def delete_page(request: HttpRequest, id: int, q: Query[DeleteQuery]) -> HttpResponse:
    return delete_article(request, id, wants_force(request, q.force), Kind.PAGE)
