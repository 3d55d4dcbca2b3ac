"""URL patterns for /wp-json/: every route with and without its trailing slash (never a
redirect), WordPress's JSON 404 for anything else under /wp-json/, and the checks every
API request shares (authentication, method override, CORS, caching headers)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import HttpRequest, HttpResponse, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.urls import include, path, re_path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from broadsheet.wordpress.api.app import api
from broadsheet.wordpress.api.auth import authenticate
from broadsheet.wordpress.api.errors import WPError, json_response, no_route

METHODS = "OPTIONS, GET, POST, PUT, PATCH, DELETE"
OVERRIDABLE = {"PUT", "PATCH", "DELETE"}


def _override_method(request: HttpRequest) -> None:
    """WordPress's `_method` / X-HTTP-Method-Override, for clients that can only POST."""
    if request.method != "POST":
        return
    wanted = (
        request.META.get("HTTP_X_HTTP_METHOD_OVERRIDE") or request.GET.get("_method") or ""
    ).upper()
    if wanted in OVERRIDABLE:
        request.method = wanted


def _finish(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    # WordPress's discovery header: clients find the API root from any response.
    root = f'<{request.build_absolute_uri("/wp-json/")}>; rel="https://api.w.org/"'
    response["Link"] = f"{response['Link']}, {root}" if response.has_header("Link") else root
    response["X-Robots-Tag"] = "noindex"
    response["Access-Control-Expose-Headers"] = "X-WP-Total, X-WP-TotalPages, Link"
    response["Access-Control-Allow-Headers"] = (
        "Authorization, X-WP-Nonce, Content-Disposition, Content-MD5, Content-Type"
    )
    # Open to every origin, without credentials: a session cookie counts for nothing
    # without its nonce anyway, and "*" (not the caller's origin) keeps a response that
    # the shared page cache stores right for every reader.
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Methods"] = METHODS
    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        response["Cache-Control"] = "no-cache, must-revalidate, max-age=0, private"
    return response


def guarded(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "OPTIONS":
            response = json_response({"namespace": "wp/v2", "methods": METHODS.split(", ")})
            response["Allow"] = METHODS
            return _finish(request, response)
        try:
            # Parsed once here, so a malformed query or form body (too many fields, a
            # multipart body without its boundary) is WordPress's JSON 400, never a 500.
            request.GET  # noqa: B018
            if request.method in ("POST", "PUT", "PATCH", "DELETE"):
                # Buffered first (within DATA_UPLOAD_MAX_MEMORY_SIZE), so the raw body
                # stays readable after the form fields are parsed from it.
                request.body  # noqa: B018
                request.POST  # noqa: B018
        except RequestDataTooBig:
            return _finish(
                request,
                WPError(
                    "rest_request_too_large", _("The request body is too large."), 413
                ).response(),
            )
        except (SuspiciousOperation, MultiPartParserError, UnreadablePostError):
            return _finish(
                request,
                WPError(
                    "rest_invalid_request", _("The request could not be understood."), 400
                ).response(),
            )
        head = request.method == "HEAD"
        if head:
            request.method = "GET"
        _override_method(request)
        try:
            authenticate(request)
        except WPError as e:
            response = e.response()
        else:
            response = view(request, *args, **kwargs)
            if response.status_code == 405:
                response = no_route().response()
        if head:
            response.content = b""
        return _finish(request, response)

    return csrf_exempt(wrapper)


def _no_route(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    return no_route().response()


def _patterns() -> tuple[list[Any], Callable[..., HttpResponse]]:
    patterns, _app, _namespace = api.urls
    out: list[Any] = []
    seen: set[str] = set()
    index = None
    for pattern in patterns:
        route = str(pattern.pattern)
        view = guarded(pattern.callback)
        if route in seen:
            # Shadowed, but kept for its name (ninja reverses "api-root" for the schema).
            if pattern.name:
                out.append(path(route, view, name=pattern.name))
            continue
        seen.add(route)
        if route == "" and index is None:
            index = view
        out.append(path(route, view, name=pattern.name))
        other = route[:-1] if route.endswith("/") else f"{route}/"
        if other and other != "/":
            out.append(path(other, view))
    # [\s\S], not ".": a path may hold a newline (%0A), and it must still get JSON.
    out.append(re_path(r"^[\s\S]*$", guarded(_no_route)))
    assert index is not None
    return out, index


_inner, _index = _patterns()

urlpatterns = [
    path("wp-json", _index),
    path("wp-json/", include((_inner, "wp"), namespace="wp")),
]
