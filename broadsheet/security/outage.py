"""A database that is down or restarting answers 503 with Retry-After, not a 500.

The site cannot serve anything without its database, but it is not broken either: when
PostgreSQL restarts (bench/faults.py measures it) requests fail for the seconds it is down
and then recover on their own, as CONN_HEALTH_CHECKS reconnects. 503 says exactly that to
readers, proxies and CDNs (which may serve a stale copy meanwhile).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import connections
from django.db.utils import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader

log = logging.getLogger(__name__)
RETRY_AFTER = 5  # seconds: about what a PostgreSQL restart takes


class DatabaseOutageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        # Logged as an error (so Sentry hears of it too), with the request id.
        log.error("database unavailable: %s", exception, exc_info=exception)
        # A broken connection is not reused by the next request of this worker.
        for conn in connections.all(initialized_only=True):
            conn.close_if_unusable_or_obsolete()
        context = {"request_id": getattr(request, "id", "")}
        response = HttpResponse(
            loader.get_template("security/unavailable.html").render(context), status=503
        )
        response["Retry-After"] = str(RETRY_AFTER)
        response["Cache-Control"] = "no-store"
        return response
