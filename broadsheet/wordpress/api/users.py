"""/wp/v2/users: Broadsheet's authors (the bylines), public fields for everyone, the
login's details only to administrators and to the user themself."""

from __future__ import annotations

from typing import Literal

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router

from broadsheet.articles.models import Article
from broadsheet.people.models import Author
from broadsheet.wordpress.api import schemas
from broadsheet.wordpress.api.errors import WPError, forbidden, json_response
from broadsheet.wordpress.api.params import MAX_ID, CollectionQuery, CommonQuery, TextList
from broadsheet.wordpress.api.shapes import (
    EDIT,
    Ctx,
    can,
    check_orderby_include,
    collection_headers,
    page_window,
    user_data,
)

router = Router(tags=["users"])

LIST_USERS = "auth.view_user"  # WordPress's list_users: administrators


class UsersQuery(CollectionQuery):
    order: Literal["asc", "desc"] = "asc"
    orderby: Literal[
        "id", "include", "name", "registered_date", "slug", "include_slugs", "email", "url"
    ] = "name"
    slug: TextList = Field(default_factory=list)
    roles: TextList = Field(default_factory=list)
    has_published_posts: bool | None = None
    who: Literal["authors"] | None = None


def _with_published(qs: QuerySet[Author]) -> QuerySet[Author]:
    return qs.annotate(has_public=Exists(Article.objects.published().filter(author=OuterRef("pk"))))


def _everything(qs: QuerySet[Author]) -> QuerySet[Author]:
    return qs.select_related("user", "photo").prefetch_related("user__groups")


@router.get("/users", response={200: list[schemas.User], **schemas.ERRORS}, summary="List users")
def list_users(request: HttpRequest, q: Query[UsersQuery]) -> HttpResponse:
    user = request.user
    ctx = Ctx(request, q)
    lists_users = can(user, LIST_USERS)
    if q.context == EDIT and not lists_users:
        raise forbidden(
            request, "rest_forbidden_context", _("Sorry, you are not allowed to list users.")
        )
    if q.orderby in ("email", "registered_date") and not lists_users:
        raise forbidden(
            request,
            "rest_forbidden_orderby",
            _("Sorry, you are not allowed to order users by this parameter."),
        )
    if q.roles and not lists_users:
        raise forbidden(
            request,
            "rest_user_cannot_view",
            _("Sorry, you are not allowed to filter users by role."),
        )
    check_orderby_include(q.orderby, q.include)
    qs = _with_published(Author.objects.all())
    if not lists_users or q.has_published_posts or q.who == "authors":
        # Strangers see only people with something published, as in WordPress.
        qs = qs.filter(has_public=True)
    elif q.has_published_posts is False:
        qs = qs.filter(has_public=False)
    if q.search:
        qs = qs.filter(Q(display_name__icontains=q.search) | Q(slug__icontains=q.search))
    if q.include:
        qs = qs.filter(pk__in=q.include)
    if q.exclude:
        qs = qs.exclude(pk__in=q.exclude)
    if q.slug:
        qs = qs.filter(slug__in=q.slug)
    if q.roles:
        qs = qs.filter(user__groups__name__in=[r.title() for r in q.roles]).distinct()
    sign = "-" if q.order == "desc" else ""
    if q.orderby in ("include", "include_slugs"):
        key, values = ("pk", q.include) if q.orderby == "include" else ("slug", q.slug)
        qs = qs.order_by(
            Case(
                *[When(**{key: v}, then=Value(i)) for i, v in enumerate(values)],
                default=Value(len(values)),
                output_field=IntegerField(),
            ),
            "id",
        )
    else:
        column = {
            "id": "id", "name": "display_name", "slug": "slug", "email": "email",
            "registered_date": "user__date_joined", "url": "slug",
        }[q.orderby]  # fmt: skip
        qs = qs.order_by(f"{sign}{column}", f"{sign}id")
    total = qs.count()
    start, stop, pages = page_window(q, total, "rest_user_invalid_page_number")
    items = list(_everything(qs)[start:stop]) if stop > start else []
    data = [user_data(ctx, a, q.context) for a in items]
    return json_response(data, headers=collection_headers(ctx, q, total, pages))


def _show(request: HttpRequest, author: Author, q: CommonQuery) -> HttpResponse:
    user = request.user
    own = user.is_authenticated and author.user_id == user.pk
    if q.context == EDIT and not (own or can(user, LIST_USERS)):
        raise forbidden(
            request, "rest_user_cannot_view", _("Sorry, you are not allowed to list users.")
        )
    return json_response(user_data(Ctx(request, q), author, q.context))


@router.get("/users/me", response={200: schemas.User, **schemas.ERRORS}, summary="The current user")
def get_me(request: HttpRequest, q: Query[CommonQuery]) -> HttpResponse:
    if not request.user.is_authenticated:
        raise WPError("rest_not_logged_in", _("You are not currently logged in."), 401)
    author = _everything(Author.objects.filter(user=request.user)).first()
    if author is None:
        raise WPError(
            "rest_user_invalid_id",
            _("Your login has no author profile yet; ask an administrator to add one."),
            404,
        )
    return _show(request, author, q)


@router.get(
    "/users/{int:id}", response={200: schemas.User, **schemas.ERRORS}, summary="Retrieve a user"
)
def get_user(request: HttpRequest, id: int, q: Query[CommonQuery]) -> HttpResponse:
    author = (
        _everything(_with_published(Author.objects.filter(pk=id))).first() if id <= MAX_ID else None
    )
    if author is None:
        raise WPError("rest_user_invalid_id", _("Invalid user ID."), 404)
    user = request.user
    own = user.is_authenticated and author.user_id == user.pk
    if not (author.has_public or own or can(user, LIST_USERS)):
        raise forbidden(
            request, "rest_user_cannot_view", _("Sorry, you are not allowed to list users.")
        )
    return _show(request, author, q)
