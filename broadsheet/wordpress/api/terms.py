"""/wp/v2/categories and /wp/v2/tags, written through the articles' term actions."""

from __future__ import annotations

from typing import Any, Literal

from django.db.models import (
    Count,
    IntegerField,
    OuterRef,
    ProtectedError,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from pydantic import BaseModel

from broadsheet.articles.actions import do_save_category, do_save_tag
from broadsheet.articles.models import Article, Category, Tag
from broadsheet.lib.slugs import make_slug
from broadsheet.wordpress.api import schemas
from broadsheet.wordpress.api.errors import WPError, forbidden, json_response
from broadsheet.wordpress.api.params import (
    MAX_ID,
    CollectionQuery,
    CommonQuery,
    LongText,
    Text,
    TextList,
    wants_force,
)
from broadsheet.wordpress.api.posts import may_read
from broadsheet.wordpress.api.shapes import (
    EDIT,
    Ctx,
    can,
    check_orderby_include,
    collection_headers,
    page_window,
    term_data,
    text,
)

router = Router(tags=["terms"])

TAXONOMY = {Category: "category", Tag: "post_tag"}
PERM = {Category: "category", Tag: "tag"}


class TermsQuery(CollectionQuery):
    order: Literal["asc", "desc"] = "asc"
    orderby: Literal[
        "id", "include", "name", "slug", "include_slugs", "term_group", "description", "count"
    ] = "name"
    hide_empty: bool = False
    parent: int | None = Field(None, ge=0, le=MAX_ID)
    post: int | None = Field(None, ge=0, le=MAX_ID)
    slug: TextList = Field(default_factory=list)


class DeleteQuery(Schema):
    force: bool = False


class TermWrite(BaseModel):
    id: int | None = Field(None, ge=0, le=MAX_ID)
    name: Text | None = Field(None, max_length=200)
    description: LongText | None = None
    slug: Text | None = Field(None, max_length=200)
    parent: int | None = Field(None, ge=0, le=MAX_ID)
    meta: dict[str, Any] | list[Any] | None = None


def with_public_count(qs: QuerySet[Any], model: type[Category] | type[Tag]) -> QuerySet[Any]:
    """Each term's number of published posts (WordPress's `count`), in the same query."""
    through = Article.categories.through if model is Category else Article.tags.through
    column = "category" if model is Category else "tag"
    counts = (
        through.objects.filter(
            **{column: OuterRef("pk")},
            article__in=Article.objects.published().posts(),
        )
        .values(column)
        .annotate(n=Count("*"))
        .values("n")
    )
    return qs.annotate(
        public_count=Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))
    )


def get_term(model: type[Category] | type[Tag], pk: int) -> Category | Tag:
    term = with_public_count(model.objects.filter(pk=pk), model).first() if pk <= MAX_ID else None
    if term is None:
        raise WPError("rest_term_invalid", _("Term does not exist."), 404)
    return term


def list_terms(
    request: HttpRequest, q: TermsQuery, model: type[Category] | type[Tag]
) -> HttpResponse:
    ctx = Ctx(request, q)
    taxonomy = TAXONOMY[model]
    if q.context == EDIT and not can(request.user, f"articles.change_{PERM[model]}"):
        raise forbidden(
            request,
            "rest_forbidden_context",
            _("Sorry, you are not allowed to edit terms in this taxonomy."),
        )
    check_orderby_include(q.orderby, q.include)
    qs = with_public_count(model.objects.all(), model)
    if q.post is not None:
        article = Article.objects.filter(pk=q.post).first()
        if article is None:
            raise WPError("rest_post_invalid_id", _("Invalid post ID."), 404)
        if not may_read(request.user, article):
            raise forbidden(
                request,
                "rest_forbidden_context",
                _("Sorry, you are not allowed to view terms for this post."),
            )
        qs = qs.filter(articles=article)
    if q.search:
        qs = qs.filter(Q(name__icontains=q.search) | Q(slug__icontains=q.search))
    if q.include:
        qs = qs.filter(pk__in=q.include)
    if q.exclude:
        qs = qs.exclude(pk__in=q.exclude)
    if q.slug:
        qs = qs.filter(slug__in=q.slug)
    if q.hide_empty:
        qs = qs.filter(public_count__gt=0)
    if model is Category and q.parent is not None:
        qs = qs.filter(parent__isnull=True) if q.parent == 0 else qs.filter(parent_id=q.parent)
    column = {
        "id": "id", "name": "name", "slug": "slug", "description": "description",
        "count": "public_count", "term_group": "name",
    }.get(q.orderby)  # fmt: skip
    if column:
        qs = qs.order_by(f"-{column}" if q.order == "desc" else column, "id")
    else:
        from django.db.models import Case, When

        key, values = ("pk", q.include) if q.orderby == "include" else ("slug", q.slug)
        qs = qs.order_by(
            Case(
                *[When(**{key: v}, then=Value(i)) for i, v in enumerate(values)],
                default=Value(len(values)),
                output_field=IntegerField(),
            ),
            "id",
        )
    total = qs.count()
    start, stop, pages = page_window(q, total, "rest_term_invalid_page_number")
    items = list(qs[start:stop]) if stop > start else []
    data = [term_data(ctx, t, taxonomy, q.context) for t in items]
    return json_response(data, headers=collection_headers(ctx, q, total, pages))


def show_term(
    request: HttpRequest, pk: int, q: CommonQuery, model: type[Category] | type[Tag]
) -> HttpResponse:
    term = get_term(model, pk)
    if q.context == EDIT and not can(request.user, f"articles.change_{PERM[model]}"):
        raise forbidden(
            request, "rest_forbidden_context", _("Sorry, you are not allowed to edit this term.")
        )
    return json_response(term_data(Ctx(request, q), term, TAXONOMY[model], q.context))


def _save(
    request: HttpRequest, term: Category | Tag, payload: TermWrite, creating: bool
) -> Category | Tag:
    model = type(term)
    given = payload.model_fields_set
    if "name" in given and payload.name is not None:
        term.name = text(payload.name)
    if not term.name:
        if creating and "name" not in given:
            raise WPError(
                "rest_missing_callback_param", _("Missing parameter(s): name"), 400, params=["name"]
            )
        raise WPError(
            "rest_invalid_param",
            _("Invalid parameter(s): name"),
            400,
            params={"name": _("A name is required.")},
        )
    if "description" in given and payload.description is not None:
        term.description = payload.description
    if "slug" in given and payload.slug is not None:
        term.slug = make_slug(payload.slug)
        if term.slug and model.objects.exclude(pk=term.pk).filter(slug=term.slug).exists():
            raise WPError(
                "duplicate_term_slug",
                _("The slug “%(slug)s” is already in use by another term.") % {"slug": term.slug},
                400,
            )
    if model is Category and "parent" in given and payload.parent is not None:
        if payload.parent == 0:
            term.parent = None  # type: ignore[union-attr]
        else:
            parent = Category.objects.filter(pk=payload.parent).first()
            if parent is None:
                raise WPError("rest_term_invalid", _("Parent term does not exist."), 400)
            term.parent = parent  # type: ignore[union-attr]
    same_name = model.objects.exclude(pk=term.pk).filter(name__iexact=term.name)
    if model is Category:
        same_name = same_name.filter(parent=term.parent)  # type: ignore[union-attr]
    existing = same_name.first()
    if existing is not None:
        raise WPError(
            "term_exists",
            _("A term with the name provided already exists with this parent."),
            400,
            term_id=existing.pk,
        )
    return do_save_category(term) if model is Category else do_save_tag(term)  # type: ignore[arg-type]


def create_term(
    request: HttpRequest, payload: TermWrite, model: type[Category] | type[Tag]
) -> HttpResponse:
    if not can(request.user, f"articles.add_{PERM[model]}"):
        raise forbidden(
            request,
            "rest_cannot_create",
            _("Sorry, you are not allowed to create terms in this taxonomy."),
        )
    if payload.id:
        raise WPError("rest_term_exists", _("Cannot create existing term."), 400)
    term = _save(request, model(), payload, creating=True)
    ctx = Ctx(request, CommonQuery(context="edit"))
    base = "categories" if model is Category else "tags"
    return json_response(
        term_data(ctx, get_term(model, term.pk), TAXONOMY[model], EDIT),
        status=201,
        headers={"Location": ctx.rest(f"{base}/{term.pk}")},
    )


def update_term(
    request: HttpRequest, pk: int, payload: TermWrite, model: type[Category] | type[Tag]
) -> HttpResponse:
    term = get_term(model, pk)
    if not can(request.user, f"articles.change_{PERM[model]}"):
        raise forbidden(
            request, "rest_cannot_update", _("Sorry, you are not allowed to edit this term.")
        )
    _save(request, term, payload, creating=False)
    ctx = Ctx(request, CommonQuery(context="edit"))
    return json_response(term_data(ctx, get_term(model, pk), TAXONOMY[model], EDIT))


def delete_term(
    request: HttpRequest, pk: int, force: bool, model: type[Category] | type[Tag]
) -> HttpResponse:
    term = get_term(model, pk)
    if not can(request.user, f"articles.delete_{PERM[model]}"):
        raise forbidden(
            request, "rest_cannot_delete", _("Sorry, you are not allowed to delete this term.")
        )
    if not force:
        raise WPError(
            "rest_trash_not_supported",
            _("Terms do not support trashing. Set “force=true” to delete."),
            # WordPress answers 501 here; a 4xx keeps "no server errors" a contract.
            400,
        )
    ctx = Ctx(request, CommonQuery(context="edit"))
    previous = term_data(ctx, term, TAXONOMY[model], EDIT)
    try:
        _delete(term)
    except ProtectedError as e:
        raise WPError(
            "rest_cannot_delete",
            _("This category has child categories; move or delete them first."),
            409,
        ) from e
    return json_response({"deleted": True, "previous": previous})


def _delete(term: Category | Tag) -> None:
    from broadsheet.articles import actions

    delete = getattr(
        actions, "do_delete_category" if isinstance(term, Category) else "do_delete_tag", None
    )
    if delete is not None:
        delete(term)
    else:
        # No delete action exists for terms yet; deleting a term changes no article's URL,
        # so there is nothing for others to notice beyond the row itself.
        term.delete()


ERR = schemas.ERRORS
LIST = {200: list[schemas.Term], **ERR}
ONE = {200: schemas.Term, **ERR}
WRITTEN = {200: schemas.Term, 201: schemas.Term, **ERR}
DELETED = {200: schemas.DeletedTerm, 409: schemas.Error, **ERR}


@router.get("/categories", response=LIST, summary="List categories")
def list_categories(request: HttpRequest, q: Query[TermsQuery]) -> HttpResponse:
    return list_terms(request, q, Category)


@router.post("/categories", response=WRITTEN, summary="Create a category")
def create_category(request: HttpRequest, payload: TermWrite) -> HttpResponse:
    return create_term(request, payload, Category)


@router.get("/categories/{int:id}", response=ONE, summary="Retrieve a category")
def get_category(request: HttpRequest, id: int, q: Query[CommonQuery]) -> HttpResponse:
    return show_term(request, id, q, Category)


@router.api_operation(
    ["POST", "PUT", "PATCH"], "/categories/{int:id}", response=WRITTEN, summary="Update a category"
)
def update_category(request: HttpRequest, id: int, payload: TermWrite) -> HttpResponse:
    return update_term(request, id, payload, Category)


@router.delete("/categories/{int:id}", response=DELETED, summary="Delete a category")
def delete_category(request: HttpRequest, id: int, q: Query[DeleteQuery]) -> HttpResponse:
    return delete_term(request, id, wants_force(request, q.force), Category)


@router.get("/tags", response=LIST, summary="List tags")
def list_tags(request: HttpRequest, q: Query[TermsQuery]) -> HttpResponse:
    return list_terms(request, q, Tag)


@router.post("/tags", response=WRITTEN, summary="Create a tag")
def create_tag(request: HttpRequest, payload: TermWrite) -> HttpResponse:
    return create_term(request, payload, Tag)


@router.get("/tags/{int:id}", response=ONE, summary="Retrieve a tag")
def get_tag(request: HttpRequest, id: int, q: Query[CommonQuery]) -> HttpResponse:
    return show_term(request, id, q, Tag)


@router.api_operation(
    ["POST", "PUT", "PATCH"], "/tags/{int:id}", response=WRITTEN, summary="Update a tag"
)
def update_tag(request: HttpRequest, id: int, payload: TermWrite) -> HttpResponse:
    return update_term(request, id, payload, Tag)


@router.delete("/tags/{int:id}", response=DELETED, summary="Delete a tag")
def delete_tag(request: HttpRequest, id: int, q: Query[DeleteQuery]) -> HttpResponse:
    return delete_term(request, id, wants_force(request, q.force), Tag)
