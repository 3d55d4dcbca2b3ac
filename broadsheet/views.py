"""Site-wide views that belong to no one app."""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from broadsheet.wordpress.api.errors import no_route

log = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """503 when the database is down (nothing can be served); a cache outage is reported
    but stays 200, because the site keeps serving without it."""
    checks = {"database": "ok", "cache": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        log.exception("health check: database unreachable")
        checks["database"] = "down"
    ping = getattr(cache, "ping", None)
    if ping is not None and not ping():
        checks["cache"] = "down"
    elif ping is None:
        try:
            cache.set("broadsheet:healthz", 1, timeout=10)
        except Exception:
            log.exception("health check: cache unusable")
            checks["cache"] = "down"
    return JsonResponse(checks, status=503 if checks["database"] != "ok" else 200)


@require_safe
def media(request: HttpRequest, name: str) -> HttpResponse:
    """Uploaded renditions. Names are generated and never reused, so they cache forever."""
    if "\x00" in name:  # a NUL makes path resolution raise, not miss
        raise Http404
    root = Path(settings.MEDIA_ROOT).resolve()
    target = (root / name).resolve()
    if not target.is_relative_to(root) or not target.is_file():
        raise Http404
    content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    response = FileResponse(target.open("rb"), content_type=content_type)
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/wp-json"):
        # API clients parse every answer as JSON, even a 404 raised before the API's views
        # (a NUL byte in the path, say).
        return no_route().response()
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors: whatever broke the page may break them too. The request id
    # (broadsheet.security.requestid) lets a reader's report be matched to the logged error.
    context = {"request_id": getattr(request, "id", "")}
    return HttpResponse(loader.get_template("500.html").render(context), status=500)
