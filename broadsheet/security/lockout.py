from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """django-axes' answer once an account or an address has failed too often: 429 with a
    page that says so and when to try again. It is the same page whether the account exists
    or not, so it tells nothing about which user names are real."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    response = TemplateResponse(
        request,
        "security/locked_out.html",
        {**admin.site.each_context(request), "minutes": minutes, "title": ""},
        status=429,
    )
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response.render()


def attempted_username(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str:
    """The user name django-axes records for a failed login, made storable: cut to the
    column's 255 characters (Django's own names stop at 150, so nothing real is lost) and
    without NUL bytes, which PostgreSQL refuses in text."""
    name = (credentials or {}).get("username")
    if name is None:
        name = request.POST.get("username", "")
    return str(name).replace("\x00", "")[:255]
