"""A request id for every request: taken from a proxy's X-Request-ID when it is well formed,
else a new UUID; sent back in the X-Request-ID response header, put on every log record made
while the request is handled, shown on the 500 page and attached to Sentry events. An
operator given the id by a reader finds the traceback in the log with it."""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
# What proxies send (UUIDs, hex, base64url-ish ids); anything else could be a log-injection
# attempt ("\n" and friends) or just too long, and is replaced.
WELL_FORMED = re.compile(r"^[A-Za-z0-9._:+/=-]{8,128}$")
NO_REQUEST = "-"

current: ContextVar[str] = ContextVar("broadsheet_request_id", default=NO_REQUEST)


def request_id_from(header: str | None) -> str:
    if header and WELL_FORMED.match(header):
        return header
    return uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        rid = request_id_from(request.META.get("HTTP_X_REQUEST_ID"))
        request.id = rid  # type: ignore[attr-defined]
        token = current.set(rid)
        try:
            _tag_sentry(rid)
            response = self.get_response(request)
            response[HEADER] = rid
            return response
        finally:
            current.reset(token)


def _tag_sentry(rid: str) -> None:
    try:
        import sentry_sdk
    except ImportError:  # pragma: no cover  (a dependency, but an optional one to run)
        return
    if sentry_sdk.is_initialized():
        sentry_sdk.get_isolation_scope().set_tag("request_id", rid)


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record (NO_REQUEST outside a request), for the formatter."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            # django.request logs a 5xx after the middleware has returned, with the request
            # attached: take the id from it.
            request = getattr(record, "request", None)
            record.request_id = getattr(request, "id", None) or current.get()
        return True
