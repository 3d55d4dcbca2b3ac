"""/wp/v2/comments: public comments for everyone, every status for moderators; new
comments go through the same action and discussion rules as the article page's form."""

from __future__ import annotations

from typing import Any, Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db.models import Case, DateTimeField, IntegerField, Q, QuerySet, Value, When
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from pydantic import BaseModel

from broadsheet.articles.models import Article
from broadsheet.comments import actions
from broadsheet.comments.actions import CommentRefused, Submission, is_moderator
from broadsheet.comments.models import Comment, DiscussionSettings
from broadsheet.lib.clientip import client_ip
from broadsheet.lib.paging import PreparedList, window
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
    wants_force,
)
from broadsheet.wordpress.api.posts import may_read
from broadsheet.wordpress.api.shapes import (
    EDIT,
    EMBED,
    Ctx,
    article_data,
    check_orderby_include,
    collection_headers,
    comment_data,
    list_filters,
    list_total,
    page_window,
    user_data,
)

router = Router(tags=["comments"])

Status = Comment.Status
# WordPress's names for statuses, in queries and in writes.
QUERY_STATUS = {
    "approve": Status.APPROVED,
    "approved": Status.APPROVED,
    "1": Status.APPROVED,
    "hold": Status.PENDING,
    "0": Status.PENDING,
    "unapproved": Status.PENDING,
    "spam": Status.SPAM,
    "trash": Status.TRASH,
}


class CommentsQuery(CollectionQuery):
    after: Date | None = None
    before: Date | None = None
    author: IdList = Field(default_factory=list)
    author_exclude: IdList = Field(default_factory=list)
    author_email: Text | None = None
    orderby: Literal["date", "date_gmt", "id", "include", "post", "parent", "type"] = "date_gmt"
    parent: IdList = Field(default_factory=list)
    parent_exclude: IdList = Field(default_factory=list)
    post: IdList = Field(default_factory=list)
    status: Text = "approve"
    type: Text = "comment"
    password: Text | None = None


class RawText(BaseModel):
    raw: LongText | None = None


class CommentWrite(BaseModel):
    id: int | None = Field(None, ge=0, le=MAX_ID)
    post: int | None = Field(None, ge=0, le=MAX_ID)
    parent: int | None = Field(None, ge=0, le=MAX_ID)
    author: int | None = Field(None, ge=0, le=MAX_ID)
    author_name: LongText | None = None
    author_email: LongText | None = None
    author_url: LongText | None = None
    author_ip: Text | None = None
    author_user_agent: LongText | None = None
    content: LongText | RawText | None = None
    date: Date | None = None
    date_gmt: Date | None = None
    status: Text | None = None
    type: Text | None = None
    meta: dict[str, Any] | list[Any] | None = None


class DeleteQuery(Schema):
    force: bool = False
    password: Text | None = None


def _content(value: str | RawText | None) -> str:
    if isinstance(value, RawText):
        return value.raw or ""
    return value or ""


# Reading ------------------------------------------------------------------------------------


def _with_everything(qs: QuerySet[Comment]) -> QuerySet[Comment]:
    return qs.select_related(
        "article__author__photo",
        "article__featured_image",
        "user__author__photo",
        "parent__user__author",
    )


def _readable(user: Any) -> QuerySet[Comment]:
    return Comment.objects.all() if is_moderator(user) else Comment.objects.public()


def _embedded(ctx: Ctx, comment: Comment) -> dict[str, Any]:
    out: dict[str, Any] = {}
    author = getattr(comment.user, "author", None) if comment.user_id else None
    if ctx.embeds("author") and author is not None:
        out["author"] = [user_data(ctx, author, EMBED)]
    if ctx.embeds("up") and comment.article.is_public:
        out["up"] = [
            article_data(ctx, comment.article, editable=False, unlocked=False, nested=True)
        ]
    parent = comment.parent
    if ctx.embeds("in-reply-to") and parent is not None and parent.status == Status.APPROVED:
        parent.article = comment.article
        out["in-reply-to"] = [comment_data(ctx, parent, EMBED)]
    return out


def _shape(ctx: Ctx, comment: Comment, context: str) -> dict[str, Any]:
    data = comment_data(ctx, comment, context)
    if ctx.embedding:
        embedded = _embedded(ctx, comment)
        if embedded:
            data["_embedded"] = embedded
    return data


def _statuses(value: str) -> list[str] | None:
    """The model statuses a `status` query names; None for all of them."""
    wanted = [part.strip().lower() for part in value.split(",") if part.strip()]
    if "all" in wanted or "any" in wanted:
        return None
    out = []
    for name in wanted:
        if name not in QUERY_STATUS:
            raise invalid_param(
                {"status": _("status is not one of approve, hold, spam, trash or all.")}
            )
        out.append(QUERY_STATUS[name])
    return out or [Status.APPROVED]


def _filtered(
    qs: QuerySet[Comment], q: CommentsQuery, statuses: list[str] | None
) -> QuerySet[Comment]:
    """The comments a list's query parameters choose."""
    if statuses is not None:
        qs = qs.filter(status__in=statuses)
    if q.type != "any":
        qs = qs.filter(type=q.type)
    if q.post:
        qs = qs.filter(article_id__in=q.post)
    if q.parent:
        top = 0 in q.parent
        qs = (
            qs.filter(Q(parent_id__in=q.parent) | Q(parent__isnull=True))
            if top
            else qs.filter(parent_id__in=q.parent)
        )
    if q.parent_exclude:
        qs = qs.exclude(parent_id__in=q.parent_exclude)
    if q.author:
        qs = qs.filter(user__author__in=q.author)
    if q.author_exclude:
        qs = qs.exclude(user__author__in=q.author_exclude)
    if q.author_email:
        qs = qs.filter(author_email__iexact=q.author_email)
    if q.include:
        qs = qs.filter(pk__in=q.include)
    if q.exclude:
        qs = qs.exclude(pk__in=q.exclude)
    if q.search:
        qs = qs.filter(
            Q(content__icontains=q.search)
            | Q(author_name__icontains=q.search)
            | Q(author_url__icontains=q.search)
        )
    if q.after:
        qs = qs.filter(created_at__gt=q.after)
    if q.before:
        qs = qs.filter(created_at__lt=q.before)
    return qs


def _ordered(qs: QuerySet[Comment], q: CommentsQuery) -> QuerySet[Comment]:
    if q.orderby == "include":
        qs = qs.order_by(
            Case(
                *[When(pk=v, then=Value(i)) for i, v in enumerate(q.include)],
                default=Value(len(q.include)),
                output_field=IntegerField(),
            ),
            "id",
        )
    else:
        column = {"id": "id", "post": "article_id", "parent": "parent_id", "type": "type"}.get(
            q.orderby, "created_at"
        )
        sign = "-" if q.order == "desc" else ""
        qs = qs.order_by(f"{sign}{column}", f"{sign}id")
    return qs


# The list every anonymous client asks for first (no filters, newest first), in prepared
# statements; its first pages only, as each page number would be a statement of its own.
_DEFAULT = CommentsQuery()
_PUBLIC = PreparedList(
    lambda value: _ordered(
        _filtered(
            Comment.objects.public(now=value("now", DateTimeField())), _DEFAULT, [Status.APPROVED]
        ),
        _DEFAULT,
    ),
    furnish=_with_everything,
)
PREPARED_ROWS = 100


@router.get(
    "/comments", response={200: list[schemas.Comment], **schemas.ERRORS}, summary="List comments"
)
def list_comments(request: HttpRequest, q: Query[CommentsQuery]) -> HttpResponse:
    user = request.user
    ctx = Ctx(request, q)
    moderator = is_moderator(user)
    if q.context == EDIT and not moderator:
        raise forbidden(
            request, "rest_forbidden_context", _("Sorry, you are not allowed to edit comments.")
        )
    statuses = _statuses(q.status)
    if statuses != [Status.APPROVED] and not moderator:
        raise forbidden(request, "rest_forbidden_param", _("Query parameter not permitted: status"))
    if q.author_email and not moderator:
        raise forbidden(
            request, "rest_forbidden_param", _("Query parameter not permitted: author_email")
        )
    check_orderby_include(q.orderby, q.include)
    if q.post and not moderator:
        for article in Article.objects.filter(pk__in=q.post):
            if not may_read(user, article):
                raise forbidden(
                    request,
                    "rest_cannot_read_post",
                    _("Sorry, you are not allowed to read the post for this comment."),
                )

    qs = _ordered(_filtered(_readable(user), q, statuses), q)
    total = list_total(request, qs, "comments", ("articles", "comments"))
    start, stop, pages = page_window(q, total, "rest_comment_invalid_page_number")
    if (
        not moderator
        and not list_filters(request)
        and q.orderby in ("date", "date_gmt")
        and q.order == "desc"
        and q.offset is None
        and stop <= PREPARED_ROWS
        and PREPARED_ROWS % q.per_page == 0  # so a few hundred page shapes at most
    ):
        items = _PUBLIC.window({"now": timezone.now()}, start, stop)
    else:
        # Skipped comments are passed over by key, not read whole with their joins.
        items = window(qs, start, stop, _with_everything)
    data = [_shape(ctx, c, q.context) for c in items]
    return json_response(data, headers=collection_headers(ctx, q, total, pages))


def get_comment(pk: int) -> Comment:
    comment = _with_everything(Comment.objects.filter(pk=pk)).first() if pk <= MAX_ID else None
    if comment is None:
        raise WPError("rest_comment_invalid_id", _("Invalid comment ID."), 404)
    return comment


def _may_read_comment(user: Any, comment: Comment) -> bool:
    return is_moderator(user) or Comment.objects.public().filter(pk=comment.pk).exists()


@router.get(
    "/comments/{int:id}",
    response={200: schemas.Comment, **schemas.ERRORS},
    summary="Retrieve a comment",
)
def get_comment_route(request: HttpRequest, id: int, q: Query[CommonQuery]) -> HttpResponse:
    comment = get_comment(id)
    if not _may_read_comment(request.user, comment):
        raise forbidden(
            request, "rest_cannot_read", _("Sorry, you are not allowed to read this comment.")
        )
    if q.context == EDIT and not is_moderator(request.user):
        raise forbidden(
            request, "rest_forbidden_context", _("Sorry, you are not allowed to edit comments.")
        )
    return json_response(_shape(Ctx(request, q), comment, q.context))


# Writing ------------------------------------------------------------------------------------

_email = EmailValidator()
_url = URLValidator(schemes=["http", "https"])
MAX_LENGTHS = {"author_name": 245, "author_email": 100, "author_url": 200, "content": 65525}
LENGTH_CODES = {
    "author_name": "comment_author_column_length",
    "author_email": "comment_author_email_column_length",
    "author_url": "comment_author_url_column_length",
    "content": "comment_content_column_length",
}


def _check_values(values: dict[str, str]) -> None:
    for name, limit in MAX_LENGTHS.items():
        if len(values.get(name, "")) > limit:
            raise WPError(
                LENGTH_CODES[name], _("Comment field exceeds maximum length allowed."), 400
            )
    if values.get("author_email"):
        try:
            _email(values["author_email"])
        except DjangoValidationError as e:
            raise invalid_param({"author_email": _("Invalid email address.")}) from e
    if values.get("author_url"):
        try:
            _url(values["author_url"])
        except DjangoValidationError as e:
            raise invalid_param(
                {"author_url": _("Invalid URL: only http and https addresses.")}
            ) from e


def _status_for_write(value: str) -> str:
    if value.lower() not in QUERY_STATUS:
        raise invalid_param({"status": _("status is not one of approved, hold, spam or trash.")})
    return QUERY_STATUS[value.lower()]


def _refused(e: CommentRefused) -> WPError:
    if e.status == 409:
        return WPError("comment_duplicate", e.message, 409)
    if e.status == 429:
        # WordPress answers a flood with 400 comment_flood; clients know that code.
        return WPError("comment_flood", e.message, 400)
    if e.status == 403:
        return WPError("rest_comment_closed", _("Sorry, comments are closed for this item."), 403)
    return WPError("rest_comment_failed_create", e.message, e.status)


def _created(request: HttpRequest, comment: Comment) -> HttpResponse:
    ctx = Ctx(request, CommonQuery(context="edit" if is_moderator(request.user) else "view"))
    fresh = get_comment(comment.pk)
    return json_response(
        comment_data(ctx, fresh, ctx.context),
        status=201,
        headers={"Location": ctx.rest(f"comments/{comment.pk}")},
    )


def _requires_login() -> bool:
    conf = DiscussionSettings.load()
    return bool(
        getattr(conf, "require_login", False) or getattr(conf, "comment_registration", False)
    )


@router.post(
    "/comments",
    response={201: schemas.Comment, 409: schemas.Error, **schemas.ERRORS},
    summary="Create a comment",
)
def create_comment(request: HttpRequest, payload: CommentWrite) -> HttpResponse:
    user = request.user
    code = auth_status(request)
    moderator = is_moderator(user)
    given = payload.model_fields_set
    if not user.is_authenticated and _requires_login():
        raise WPError(
            "rest_comment_login_required", _("Sorry, you must be logged in to comment."), 401
        )
    own_author = getattr(user, "author", None) if user.is_authenticated else None
    if payload.author and not moderator and (own_author is None or payload.author != own_author.pk):
        raise WPError(
            "rest_comment_invalid_author",
            _("Sorry, you are not allowed to edit '%(name)s' for comments.") % {"name": "author"},
            code,
        )
    if payload.author_ip and not moderator and payload.author_ip != client_ip(request):
        raise WPError(
            "rest_comment_invalid_author_ip",
            _("Sorry, you are not allowed to edit '%(name)s' for comments.")
            % {"name": "author_ip"},
            code,
        )
    if "status" in given and payload.status is not None and not moderator:
        raise WPError(
            "rest_comment_invalid_status",
            _("Sorry, you are not allowed to edit '%(name)s' for comments.") % {"name": "status"},
            code,
        )
    article = (
        Article.objects.select_related("author").filter(pk=payload.post).first()
        if payload.post
        else None
    )
    if article is None:
        raise WPError(
            "rest_comment_invalid_post_id",
            _("Sorry, you are not allowed to create this comment without a post."),
            403,
        )
    if article.status == "draft":
        raise WPError(
            "rest_comment_draft_post",
            _("Sorry, you are not allowed to create a comment on this post."),
            403,
        )
    if article.status == "trash":
        raise WPError(
            "rest_comment_trash_post",
            _("Sorry, you are not allowed to create a comment on this post."),
            403,
        )
    if not may_read(user, article) or (
        article.password
        and not article.unlocked_for(request)
        and payload_password_wrong(request, article)
    ):
        raise WPError(
            "rest_cannot_read_post",
            _("Sorry, you are not allowed to read the post for this comment."),
            code,
        )
    if not DiscussionSettings.load().comments_open(article):
        raise WPError("rest_comment_closed", _("Sorry, comments are closed for this item."), 403)
    if payload.id:
        raise WPError("rest_comment_exists", _("Cannot create existing comment."), 400)
    if payload.type not in (None, "", "comment"):
        raise WPError(
            "rest_invalid_comment_type", _("Cannot create a comment with that type."), 400
        )

    values = {
        "author_name": (payload.author_name or "").strip(),
        "author_email": (payload.author_email or "").strip(),
        "author_url": (payload.author_url or "").strip(),
        "content": _content(payload.content).strip(),
    }
    if user.is_authenticated and not (
        values["author_name"] or values["author_email"] or values["author_url"]
    ):
        values["author_name"] = (
            own_author.display_name if own_author else (user.get_full_name() or user.get_username())
        )
        values["author_email"] = user.email
    if not values["content"]:
        raise WPError("rest_comment_content_invalid", _("Invalid comment content."), 400)
    if not values["author_name"] or not values["author_email"]:
        raise WPError(
            "rest_comment_author_data_required",
            _("Creating a comment requires valid author name and email values."),
            400,
        )
    _check_values(values)
    parent = None
    if payload.parent:
        parent = Comment.objects.filter(
            pk=payload.parent, article=article, status=Status.APPROVED
        ).first()
        if parent is None:
            raise WPError("rest_comment_invalid_parent", _("Invalid comment parent ID."), 400)
    status = _status_for_write(payload.status) if payload.status else None

    submission = Submission(
        ip=client_ip(request),
        user_agent=(
            payload.author_user_agent
            if moderator and payload.author_user_agent
            else request.META.get("HTTP_USER_AGENT", "")
        )[:255],
        user=user if user.is_authenticated else None,
    )
    try:
        comment = actions.do_post_comment(
            article,
            name=values["author_name"],
            email=values["author_email"],
            url=values["author_url"],
            content=values["content"],
            parent=parent,
            submission=submission,
        )
    except CommentRefused as e:
        raise _refused(e) from e
    if status is not None and status != comment.status:
        actions.do_set_status([comment], status, by=user)
    return _created(request, comment)


def payload_password_wrong(request: HttpRequest, article: Article) -> bool:
    """A protected article takes comments only from readers who know its password
    (given as ?password=, as WordPress's REST API takes it)."""
    from django.utils.crypto import constant_time_compare

    given = request.GET.get("password", "")
    return not (given and constant_time_compare(given, article.password))


def _may_edit_comment(user: Any, comment: Comment) -> bool:
    return is_moderator(user) or bool(user.is_authenticated and comment.user_id == user.pk)


@router.api_operation(
    ["POST", "PUT", "PATCH"],
    "/comments/{int:id}",
    response={200: schemas.Comment, **schemas.ERRORS},
    summary="Update a comment",
)
def update_comment(request: HttpRequest, id: int, payload: CommentWrite) -> HttpResponse:
    comment = get_comment(id)
    user = request.user
    if not _may_edit_comment(user, comment):
        raise forbidden(
            request, "rest_cannot_edit", _("Sorry, you are not allowed to edit this comment.")
        )
    given = payload.model_fields_set
    moderator = is_moderator(user)
    if payload.type not in (None, comment.type):
        raise WPError(
            "rest_comment_invalid_type",
            _("Sorry, you are not allowed to change the comment type."),
            404,
        )
    if "status" in given and payload.status is not None and not moderator:
        raise WPError(
            "rest_comment_invalid_status",
            _("Sorry, you are not allowed to edit '%(name)s' for comments.") % {"name": "status"},
            auth_status(request),
        )
    if "post" in given and payload.post and payload.post != comment.article_id:
        raise WPError("rest_comment_invalid_post_id", _("Invalid post ID."), 403)
    values = {
        "author_name": comment.author_name,
        "author_email": comment.author_email,
        "author_url": comment.author_url,
        "content": comment.content,
    }
    for name in ("author_name", "author_email", "author_url"):
        value = getattr(payload, name)
        if name in given and value is not None:
            values[name] = value.strip()
    if "content" in given and payload.content is not None:
        values["content"] = _content(payload.content).strip()
        if not values["content"]:
            raise WPError("rest_comment_content_invalid", _("Invalid comment content."), 400)
    _check_values(values)
    changed = any(getattr(comment, k) != v for k, v in values.items())
    if changed:
        for name, value in values.items():
            setattr(comment, name, value)
        actions.do_edit_comment(comment)
    if "status" in given and payload.status:
        actions.do_set_status([comment], _status_for_write(payload.status), by=user)
    ctx = Ctx(request, CommonQuery(context="edit" if moderator else "view"))
    return json_response(comment_data(ctx, get_comment(id), ctx.context))


@router.delete(
    "/comments/{int:id}",
    response={200: schemas.DeletedComment | schemas.Comment, 410: schemas.Error, **schemas.ERRORS},
    summary="Delete a comment",
)
def delete_comment(request: HttpRequest, id: int, q: Query[DeleteQuery]) -> HttpResponse:
    comment = get_comment(id)
    user = request.user
    if not (is_moderator(user) and user.has_perm("comments.delete_comment")):
        raise forbidden(
            request, "rest_cannot_delete", _("Sorry, you are not allowed to delete this comment.")
        )
    ctx = Ctx(request, CommonQuery(context="edit"))
    previous = comment_data(ctx, comment, EDIT)
    if wants_force(request, q.force):
        actions.do_delete_comment(comment)
        return json_response({"deleted": True, "previous": previous})
    if comment.status == Status.TRASH:
        raise WPError("rest_already_trashed", _("The comment has already been trashed."), 410)
    actions.do_trash(comment, by=user)
    return json_response(comment_data(ctx, get_comment(id), EDIT))
