"""The CDN purge hook: when pages change, tell the CDN (off unless BROADSHEET_PURGE_URL)."""

from __future__ import annotations

import json
import logging
import urllib.request

from django.conf import settings
from django_tasks import task

log = logging.getLogger(__name__)


def request_purge() -> None:
    """Queue one purge (called after a commit that changed what readers see)."""
    if settings.BROADSHEET_PURGE_URL:
        purge_cdn.enqueue()


@task()
def purge_cdn() -> None:
    """POST {"purge": "all", "site": URL} to the configured hook, in the background.

    Everything is purged: the page cache works by generations, and a CDN keeps pages for
    only a short max-age anyway.
    """
    body = json.dumps({"purge": "all", "site": settings.SITE_URL}).encode()
    request = urllib.request.Request(  # noqa: S310  (an operator-configured http(s) URL)
        settings.BROADSHEET_PURGE_URL,
        data=body,
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        log.info("CDN purge answered %s", response.status)
