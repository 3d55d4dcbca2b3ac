"""The API's self-description: /wp-json/ (the index), /wp/v2 (the namespace), and the
fixed vocabularies WordPress clients read first: types, statuses, taxonomies, settings."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router
from pydantic import BaseModel

from broadsheet.articles.models import Category
from broadsheet.people.roles import ADMINISTRATOR, role_of
from broadsheet.wordpress.api import schemas
from broadsheet.wordpress.api.errors import WPError, forbidden, invalid_param, json_response
from broadsheet.wordpress.api.params import CommonQuery, Text
from broadsheet.wordpress.api.shapes import EDIT, NAMESPACE, Ctx, can, pick_fields

index_router = Router(tags=["index"])
router = Router(tags=["site"])

# The routes, in WordPress's notation, with the methods each answers.
ROUTES: dict[str, list[str]] = {
    "/wp/v2/posts": ["GET", "POST"],
    "/wp/v2/posts/(?P<id>[\\d]+)": ["GET", "POST", "PUT", "PATCH", "DELETE"],
    "/wp/v2/pages": ["GET", "POST"],
    "/wp/v2/pages/(?P<id>[\\d]+)": ["GET", "POST", "PUT", "PATCH", "DELETE"],
    "/wp/v2/media": ["GET", "POST"],
    "/wp/v2/media/(?P<id>[\\d]+)": ["GET", "POST", "PUT", "PATCH", "DELETE"],
    "/wp/v2/types": ["GET"],
    "/wp/v2/types/(?P<type>[\\w-]+)": ["GET"],
    "/wp/v2/statuses": ["GET"],
    "/wp/v2/statuses/(?P<status>[\\w-]+)": ["GET"],
    "/wp/v2/taxonomies": ["GET"],
    "/wp/v2/taxonomies/(?P<taxonomy>[\\w-]+)": ["GET"],
    "/wp/v2/categories": ["GET", "POST"],
    "/wp/v2/categories/(?P<id>[\\d]+)": ["GET", "POST", "PUT", "PATCH", "DELETE"],
    "/wp/v2/tags": ["GET", "POST"],
    "/wp/v2/tags/(?P<id>[\\d]+)": ["GET", "POST", "PUT", "PATCH", "DELETE"],
    "/wp/v2/users": ["GET"],
    "/wp/v2/users/(?P<id>[\\d]+)": ["GET"],
    "/wp/v2/users/me": ["GET"],
    "/wp/v2/comments": ["GET", "POST"],
    "/wp/v2/comments/(?P<id>[\\d]+)": ["GET", "POST", "PUT", "PATCH", "DELETE"],
    "/wp/v2/search": ["GET"],
    "/wp/v2/settings": ["GET", "POST", "PUT", "PATCH"],
}


def _routes(ctx: Ctx) -> dict[str, Any]:
    out: dict[str, Any] = {
        f"/{NAMESPACE}": {
            "namespace": NAMESPACE,
            "methods": ["GET"],
            "endpoints": [{"methods": ["GET"], "args": {}}],
            "_links": {"self": [{"href": ctx.rest("")[:-1] + f"/{NAMESPACE}"}]},
        }
    }
    for route, methods in ROUTES.items():
        entry: dict[str, Any] = {
            "namespace": NAMESPACE,
            "methods": methods,
            "endpoints": [{"methods": [m], "args": {}} for m in methods],
        }
        if "(?P<" not in route:
            entry["_links"] = {"self": [{"href": ctx.api_root + route.lstrip("/")}]}
        out[route] = entry
    return out


def _gmt_offset() -> float | int:
    offset = timezone.localtime().utcoffset()
    hours = offset.total_seconds() / 3600 if offset else 0
    return int(hours) if hours == int(hours) else hours


@index_router.get("/", response={200: schemas.Index, **schemas.ERRORS}, summary="The API index")
def index(request: HttpRequest, q: Query[CommonQuery]) -> HttpResponse:
    ctx = Ctx(request, q)
    data = {
        "name": settings.SITE_NAME,
        "description": settings.SITE_DESCRIPTION,
        "url": ctx.site,
        "home": ctx.site,
        "gmt_offset": _gmt_offset(),
        "timezone_string": settings.TIME_ZONE,
        "page_for_posts": 0,
        "page_on_front": 0,
        "show_on_front": "posts",
        "namespaces": [NAMESPACE],
        "authentication": {
            "application-passwords": {
                "endpoints": {
                    "authorization": ctx.public("/admin/wordpress/applicationpassword/add/")
                }
            }
        },
        "routes": _routes(ctx),
        "site_logo": 0,
        "site_icon": 0,
        "site_icon_url": "",
        "_links": {"help": [{"href": "https://developer.wordpress.org/rest-api/"}]},
    }
    return json_response(pick_fields(data, ctx.fields) if ctx.fields else data)


@router.get("", response={200: dict[str, Any], **schemas.ERRORS}, summary="The wp/v2 namespace")
def namespace(request: HttpRequest, q: Query[CommonQuery]) -> HttpResponse:
    ctx = Ctx(request, q)
    routes = _routes(ctx)
    return json_response({"namespace": NAMESPACE, "routes": routes})


# Types --------------------------------------------------------------------------------------


def _type(ctx: Ctx, slug: str) -> dict[str, Any]:
    info = {
        "post": (_("Posts"), False, ["category", "post_tag"], "posts", "dashicons-admin-post"),
        "page": (_("Pages"), True, [], "pages", "dashicons-admin-page"),
        "attachment": (_("Media"), False, [], "media", "dashicons-admin-media"),
    }[slug]
    name, hierarchical, taxonomies, base, icon = info
    data: dict[str, Any] = {
        "description": "",
        "hierarchical": hierarchical,
        "has_archive": False,
        "name": name,
        "slug": slug,
        "icon": icon,
        "taxonomies": taxonomies,
        "rest_base": base,
        "rest_namespace": NAMESPACE,
        "_links": {
            "collection": [{"href": ctx.rest("types")}],
            "wp:items": [{"href": ctx.rest(base)}],
            "curies": [{"name": "wp", "href": "https://api.w.org/{rel}", "templated": True}],
        },
    }
    if ctx.context == EDIT:
        data.update(
            viewable=True,
            supports={
                "title": True,
                "editor": slug != "attachment",
                "author": True,
                "thumbnail": slug != "attachment",
                "excerpt": slug == "post",
                "comments": slug != "attachment",
                "page-attributes": slug == "page",
            },
            labels={"name": name, "singular_name": name},
        )
    return pick_fields(data, ctx.fields) if ctx.fields else data


def _edit_context_allowed(request: HttpRequest, q: CommonQuery) -> None:
    if q.context == EDIT and not can(request.user, "articles.change_article"):
        raise forbidden(
            request,
            "rest_cannot_view",
            _("Sorry, you are not allowed to edit posts in this post type."),
        )


class TypesQuery(CommonQuery):
    pass


@router.get("/types", response={200: dict[str, schemas.PostType], **schemas.ERRORS})
def list_types(request: HttpRequest, q: Query[TypesQuery]) -> HttpResponse:
    _edit_context_allowed(request, q)
    ctx = Ctx(request, q)
    return json_response({slug: _type(ctx, slug) for slug in ("post", "page", "attachment")})


@router.get("/types/{type}", response={200: schemas.PostType, **schemas.ERRORS})
def get_type(request: HttpRequest, type: str, q: Query[TypesQuery]) -> HttpResponse:
    if type not in ("post", "page", "attachment"):
        raise WPError("rest_type_invalid", _("Invalid post type."), 404)
    _edit_context_allowed(request, q)
    return json_response(_type(Ctx(request, q), type))


# Statuses -----------------------------------------------------------------------------------

STATUSES = {
    "publish": (_("Published"), False, False, True),
    "future": (_("Scheduled"), False, True, False),
    "draft": (_("Draft"), False, True, False),
    "pending": (_("Pending"), False, True, False),
    "private": (_("Private"), True, False, False),
    "trash": (_("Trash"), False, False, False),
}


def _status(ctx: Ctx, slug: str) -> dict[str, Any]:
    name, private, protected, public = STATUSES[slug]
    data = {
        "name": str(name),
        "private": private,
        "protected": protected,
        "public": public,
        "queryable": public,
        "show_in_list": slug != "trash",
        "slug": slug,
        "date_floating": slug in ("draft", "pending"),
        "_links": {"archives": [{"href": ctx.rest("posts", status=slug)}]},
    }
    return pick_fields(data, ctx.fields) if ctx.fields else data


def _sees_statuses(request: HttpRequest) -> bool:
    return can(request.user, "articles.change_article")


@router.get("/statuses", response={200: dict[str, schemas.PostStatus], **schemas.ERRORS})
def list_statuses(request: HttpRequest, q: Query[CommonQuery]) -> HttpResponse:
    _edit_context_allowed(request, q)
    ctx = Ctx(request, q)
    shown = STATUSES if _sees_statuses(request) else {"publish": STATUSES["publish"]}
    return json_response({slug: _status(ctx, slug) for slug in shown})


@router.get("/statuses/{status}", response={200: schemas.PostStatus, **schemas.ERRORS})
def get_status(request: HttpRequest, status: str, q: Query[CommonQuery]) -> HttpResponse:
    if status not in STATUSES:
        raise WPError("rest_status_invalid", _("Invalid status."), 404)
    if status != "publish" and not _sees_statuses(request):
        raise forbidden(request, "rest_cannot_read_status", _("Cannot view status."))
    _edit_context_allowed(request, q)
    return json_response(_status(Ctx(request, q), status))


# Taxonomies ---------------------------------------------------------------------------------


def _taxonomy(ctx: Ctx, slug: str) -> dict[str, Any]:
    category = slug == "category"
    base = "categories" if category else "tags"
    name = _("Categories") if category else _("Tags")
    data: dict[str, Any] = {
        "name": name,
        "slug": slug,
        "description": "",
        "types": ["post"],
        "hierarchical": category,
        "rest_base": base,
        "rest_namespace": NAMESPACE,
        "_links": {
            "collection": [{"href": ctx.rest("taxonomies")}],
            "wp:items": [{"href": ctx.rest(base)}],
            "curies": [{"name": "wp", "href": "https://api.w.org/{rel}", "templated": True}],
        },
    }
    if ctx.context == EDIT:
        data.update(
            show_cloud=not category,
            capabilities={
                "manage_terms": "manage_categories",
                "edit_terms": "manage_categories",
                "delete_terms": "manage_categories",
                "assign_terms": "edit_posts",
            },
            labels={"name": name, "singular_name": name},
        )
    return pick_fields(data, ctx.fields) if ctx.fields else data


class TaxonomiesQuery(CommonQuery):
    type: Text | None = None


@router.get("/taxonomies", response={200: dict[str, schemas.Taxonomy], **schemas.ERRORS})
def list_taxonomies(request: HttpRequest, q: Query[TaxonomiesQuery]) -> HttpResponse:
    _edit_context_allowed(request, q)
    ctx = Ctx(request, q)
    if q.type is not None and q.type != "post":
        return json_response({})
    return json_response({slug: _taxonomy(ctx, slug) for slug in ("category", "post_tag")})


@router.get("/taxonomies/{taxonomy}", response={200: schemas.Taxonomy, **schemas.ERRORS})
def get_taxonomy(request: HttpRequest, taxonomy: str, q: Query[CommonQuery]) -> HttpResponse:
    if taxonomy not in ("category", "post_tag"):
        raise WPError("rest_taxonomy_invalid", _("Invalid taxonomy."), 404)
    _edit_context_allowed(request, q)
    return json_response(_taxonomy(Ctx(request, q), taxonomy))


# Settings -----------------------------------------------------------------------------------


def _is_site_admin(user: Any) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or role_of(user) == ADMINISTRATOR))


def _settings() -> dict[str, Any]:
    first_category = Category.objects.order_by("pk").values_list("pk", flat=True).first()
    email = getattr(settings, "DEFAULT_FROM_EMAIL", "")
    return {
        "title": settings.SITE_NAME,
        "description": settings.SITE_DESCRIPTION,
        "url": settings.SITE_URL.rstrip("/"),
        "email": email if "@" in email and "localhost" not in email else "",
        "timezone": settings.TIME_ZONE,
        "date_format": "F j, Y",
        "time_format": "g:i a",
        "start_of_week": 1,
        "language": settings.LANGUAGE_CODE.replace("-", "_"),
        "use_smilies": False,
        "default_category": first_category or 0,
        "default_post_format": "0",
        "posts_per_page": settings.ARTICLES_PER_PAGE,
        # Broadsheet's front page is always the latest articles.
        "show_on_front": "posts",
        "page_on_front": 0,
        "page_for_posts": 0,
        "default_ping_status": "closed",
        "default_comment_status": "open",
        "site_logo": None,
        "site_icon": 0,
    }


def _check_admin(request: HttpRequest) -> None:
    if not _is_site_admin(request.user):
        raise forbidden(request)


@router.get("/settings", response={200: schemas.Settings, **schemas.ERRORS})
def get_settings(request: HttpRequest) -> HttpResponse:
    _check_admin(request)
    return json_response(_settings())


class SettingsWrite(BaseModel):
    model_config = {"extra": "allow"}


@router.api_operation(
    ["POST", "PUT", "PATCH"], "/settings", response={200: schemas.Settings, **schemas.ERRORS}
)
def update_settings(request: HttpRequest, payload: SettingsWrite) -> HttpResponse:
    """Broadsheet's site settings come from its environment (BROADSHEET_NAME, BROADSHEET_URL,
    BROADSHEET_TIMEZONE, ...), so a change is refused with the variable to set instead;
    sending the current values back (as editors that save a whole form do) succeeds."""
    _check_admin(request)
    current = _settings()
    changed = {
        name: value
        for name, value in (payload.model_extra or {}).items()
        if name in current and value != current[name]
    }
    if changed:
        raise invalid_param(
            {
                name: _("%(name)s is set by the site's environment and cannot be changed here.")
                % {"name": name}
                for name in changed
            }
        )
    return json_response(current)
