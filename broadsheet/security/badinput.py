"""Addresses whose path carries a NUL byte are answered 404 before any view sees them.

No real page lives at one, and PostgreSQL refuses NUL in text, so letting it through would
turn a probe into a database error deep in some lookup. (Query strings may carry anything:
search answers every query with a page, and each view that reads one checks its values.)
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse


class RejectNulBytesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path:
            raise Http404("No page has a NUL byte in its address.")
        return self.get_response(request)
