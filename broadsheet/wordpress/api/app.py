"""The Django Ninja API object: routers, error handlers and the OpenAPI description."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError
from ninja.openapi.schema import OpenAPISchema

from broadsheet.wordpress.api.errors import (
    WPError,
    forbidden,
    invalid_param,
    missing_param,
    no_route,
)
from broadsheet.wordpress.api.params import WPParser

log = logging.getLogger(__name__)

DESCRIPTION = """
A WordPress-compatible REST API (the `wp/v2` namespace), so tools written for WordPress work
against Broadsheet unchanged.

* **Authentication**: HTTP Basic with an Application Password (made in /admin/, one per
  program), accepted over HTTPS or from this machine; or the admin session plus an
  `X-WP-Nonce` header holding the page's CSRF token. A session without a nonce counts as
  anonymous, as in WordPress.
* **Variants**: `context=view|embed|edit` changes which fields appear (raw fields only in
  `edit`, and only for those who may edit the item); `_fields=a,b.c` keeps only those fields;
  `_embed` (or `_embed=author,wp:term`) adds `_embedded`. Every property of an item is
  therefore optional in the schemas below.
* **Collections** send `X-WP-Total`, `X-WP-TotalPages` and a `Link` header with `rel="next"`
  and `rel="prev"`; `per_page` is 1-100.
* **Errors** have WordPress's shape `{"code", "message", "data": {"status"}}` and codes.
* **Comments**: a comment sent too soon after the last one from the same address or email
  is refused with **400 `comment_flood`**, as WordPress does; a duplicate with 409
  `comment_duplicate`.
"""


class WordPressAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs: Any) -> OpenAPISchema:
        # Built once per process: building it takes about a second, and /wp-json/openapi.json
        # is open to anyone, so rebuilding it per request would hand out a cheap way to load
        # the server (found by the URL fuzz test in broadsheet/security).
        key = repr(sorted(kwargs.items()))
        cache: dict[str, OpenAPISchema] = self.__dict__.setdefault("_schema_cache", {})
        if key not in cache:
            cache[key] = self._build_openapi_schema(**kwargs)
        return cache[key]

    def _build_openapi_schema(self, **kwargs: Any) -> OpenAPISchema:
        schema = super().get_openapi_schema(**kwargs)
        components = schema.setdefault("components", {})
        components.setdefault("securitySchemes", {})["applicationPassword"] = {
            "type": "http",
            "scheme": "basic",
            "description": "A user name and one of their Application Passwords.",
        }
        # Optional everywhere: anonymous readers use the API too.
        schema["security"] = [{}, {"applicationPassword": []}]
        return schema

    def get_openapi_operation_id(self, operation: Any) -> str:
        return operation.view_func.__name__


api = WordPressAPI(
    title="Broadsheet — WordPress REST API",
    version="2",
    description=DESCRIPTION,
    urls_namespace="wp",
    openapi_url="/openapi.json",
    docs_url=None,
    parser=WPParser(),
)


@api.exception_handler(WPError)
def _wp_error(request: HttpRequest, exc: WPError) -> HttpResponse:
    return exc.response()


def _param_name(loc: tuple[Any, ...]) -> str:
    # ("query", "per_page"), ("body", "payload", "title", "raw"): the request's own name.
    parts = [p for p in loc[1:] if isinstance(p, str)]
    if parts and parts[0] in ("q", "payload", "query"):
        parts = parts[1:]
    return parts[0] if parts else "body"


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    missing = [_param_name(tuple(e["loc"])) for e in exc.errors if e.get("type") == "missing"]
    if missing and len(missing) == len(exc.errors):
        return missing_param(missing).response()
    params: dict[str, str] = {}
    for error in exc.errors:
        name = _param_name(tuple(error["loc"]))
        params.setdefault(name, _describe(name, error))
    return invalid_param(params).response()


def _describe(name: str, error: dict[str, Any]) -> str:
    ctx = error.get("ctx") or {}
    kind = error.get("type", "")
    if kind == "greater_than_equal":
        return _("%(name)s must be greater than or equal to %(n)s") % {
            "name": name,
            "n": ctx.get("ge"),
        }
    if kind == "less_than_equal":
        return _("%(name)s must be less than or equal to %(n)s") % {
            "name": name,
            "n": ctx.get("le"),
        }
    if kind.startswith("int_"):
        return _("%(name)s is not of type integer.") % {"name": name}
    if kind.startswith("bool"):
        return _("%(name)s is not of type boolean.") % {"name": name}
    if kind in ("literal_error", "enum"):
        return _("%(name)s is not one of %(values)s.") % {
            "name": name,
            "values": ctx.get("expected", ""),
        }
    return _("%(name)s is not valid: %(reason)s") % {"name": name, "reason": error.get("msg", "")}


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 400:
        return WPError("rest_invalid_json", _("Invalid JSON body passed."), 400).response()
    return WPError("rest_error", str(exc), exc.status_code).response()


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return no_route().response()


@api.exception_handler(PermissionDenied)
def _denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return forbidden(request).response()


@api.exception_handler(DjangoValidationError)
def _model_invalid(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    if hasattr(exc, "error_dict"):
        params = {name: " ".join(str(m) for m in msgs) for name, msgs in exc.message_dict.items()}
    else:
        params = {"body": " ".join(exc.messages)}
    return invalid_param(params).response()


@api.exception_handler(SuspiciousOperation)
def _suspicious(request: HttpRequest, exc: SuspiciousOperation) -> HttpResponse:
    if isinstance(exc, RequestDataTooBig):
        return WPError(
            "rest_upload_file_too_big", _("The request body is too large."), 413
        ).response()
    return WPError(
        "rest_invalid_request", _("The request could not be understood."), 400
    ).response()


@api.exception_handler(Exception)
def _crash(request: HttpRequest, exc: Exception) -> HttpResponse:
    log.exception("REST API error on %s %s", request.method, request.path, exc_info=exc)
    return WPError(
        "internal_server_error", _("There has been a critical error on this website."), 500
    ).response()


def _register() -> None:
    from broadsheet.wordpress.api import comments, media, meta, posts, search, terms, users

    api.add_router("", meta.index_router)
    for module in (posts, terms, comments, users, media, search, meta):
        api.add_router("/wp/v2/", module.router)


_register()
