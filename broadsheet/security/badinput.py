"""Requests whose URL carries a NUL byte are refused before any view sees them.

No real address holds one, and PostgreSQL refuses NUL in text, so letting it through would
turn a typo or a probe into a database error deep in some query.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest


class RejectNulBytesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path or "%00" in query or "\x00" in query:
            return HttpResponseBadRequest("Bad request: the address contains a NUL byte.")
        return self.get_response(request)
