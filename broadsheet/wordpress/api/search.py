"""/wp/v2/search: published posts and pages (WordPress searches only published ones),
and categories and tags with `type=term`."""

from __future__ import annotations

from typing import Any, Literal

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router
from pydantic import field_validator

from broadsheet.articles.models import Article, Category, Kind, Tag
from broadsheet.wordpress.api import schemas
from broadsheet.wordpress.api.errors import invalid_param, json_response
from broadsheet.wordpress.api.params import CollectionQuery, split_csv
from broadsheet.wordpress.api.posts import _search
from broadsheet.wordpress.api.shapes import (
    EMBED,
    Ctx,
    article_data,
    collection_headers,
    page_window,
    pick_fields,
    term_data,
)
from broadsheet.wordpress.api.terms import with_public_count

router = Router(tags=["search"])


class SearchQuery(CollectionQuery):
    type: Literal["post", "term", "post-format"] = "post"
    subtype: list[Literal["any", "post", "page", "category", "post_tag"]] = Field(
        default_factory=lambda: ["any"]
    )

    @field_validator("subtype", mode="before")
    @classmethod
    def _split(cls, value: Any) -> Any:
        return split_csv(value)


@router.get(
    "/search", response={200: list[schemas.SearchResult], **schemas.ERRORS}, summary="Search"
)
def search(request: HttpRequest, q: Query[SearchQuery]) -> HttpResponse:
    ctx = Ctx(request, q)
    subtypes = set(q.subtype) or {"any"}
    items: list[dict[str, Any]] = []
    if q.type == "post":
        allowed = {"post", "page", "any"}
        if subtypes - allowed:
            raise invalid_param({"subtype": _("subtype must be post, page or any.")})
        kinds = [Kind.POST, Kind.PAGE] if "any" in subtypes else sorted(subtypes)
        qs = Article.objects.published().filter(kind__in=kinds)
        if q.search:
            qs = _search(qs, q.search)
        if q.include:
            qs = qs.filter(pk__in=q.include)
        if q.exclude:
            qs = qs.exclude(pk__in=q.exclude)
        qs = qs.order_by("-published_at", "-id")
        total = qs.count()
        start, stop, pages = page_window(q, total, "rest_search_invalid_page_number")
        found = (
            list(qs.select_related("author", "featured_image")[start:stop]) if stop > start else []
        )
        for article in found:
            base = "pages" if article.kind == Kind.PAGE else "posts"
            item: dict[str, Any] = {
                "id": article.pk,
                "title": article.title,
                "url": ctx.public(article.get_absolute_url()),
                "type": "post",
                "subtype": article.kind,
                "_links": {
                    "self": [{"embeddable": True, "href": ctx.rest(f"{base}/{article.pk}")}],
                    "about": [{"href": ctx.rest(f"types/{article.kind}")}],
                },
            }
            if ctx.embeds("self"):
                item["_embedded"] = {
                    "self": [
                        article_data(ctx, article, editable=False, unlocked=False, nested=True)
                    ]
                }
            items.append(item)
    elif q.type == "term":
        allowed = {"category", "post_tag", "any"}
        if subtypes - allowed:
            raise invalid_param({"subtype": _("subtype must be category, post_tag or any.")})
        models = [("category", Category), ("post_tag", Tag)]
        wanted = [(tax, m) for tax, m in models if "any" in subtypes or tax in subtypes]
        rows: list[tuple[str, Any]] = []
        for taxonomy, model in wanted:
            qs = model.objects.all()
            if q.search:
                qs = qs.filter(Q(name__icontains=q.search) | Q(slug__icontains=q.search))
            if q.include:
                qs = qs.filter(pk__in=q.include)
            if q.exclude:
                qs = qs.exclude(pk__in=q.exclude)
            rows.extend((taxonomy, t) for t in with_public_count(qs, model).order_by("name")[:1000])
        total = len(rows)
        start, stop, pages = page_window(q, total, "rest_search_invalid_page_number")
        for taxonomy, term in rows[start:stop]:
            base = "categories" if taxonomy == "category" else "tags"
            item = {
                "id": term.pk,
                "title": term.name,
                "url": ctx.public(term.get_absolute_url()),
                "type": "term",
                "subtype": taxonomy,
                "_links": {
                    "self": [{"embeddable": True, "href": ctx.rest(f"{base}/{term.pk}")}],
                    "about": [{"href": ctx.rest(f"taxonomies/{taxonomy}")}],
                },
            }
            if ctx.embeds("self"):
                item["_embedded"] = {"self": [term_data(ctx, term, taxonomy, EMBED)]}
            items.append(item)
    else:
        total, pages = 0, 0  # Broadsheet has no post formats

    if ctx.fields:
        items = [pick_fields(i, ctx.fields) for i in items]
    return json_response(items, headers=collection_headers(ctx, q, total, pages))
