"""Local spam and abuse defences for the comment form: nothing leaves the site.

- a honeypot field people never see, which form-filling robots fill;
- a signed render time: posted under MIN_SECONDS after the form was rendered (no person
  types a comment that fast) or over MAX_SECONDS later (a scraped form replayed), or with
  the stamp missing or forged, the comment is kept as spam. Cached pages live at most an
  hour, so the stamp in a cached form is never too old;
- the client's IP, believed from X-Forwarded-For only behind a trusted proxy;
- an Origin/Referer check standing in for CSRF on the anonymous form (see views.py).
"""

from __future__ import annotations

import time
from typing import Final
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.http import HttpRequest
from django.utils.translation import gettext as _

# The client's address has one rule for the whole site (logins use it too); re-exported here
# for the comment code that imports it from this module.
from broadsheet.lib.clientip import client_ip as client_ip
from broadsheet.lib.clientip import is_trusted_proxy as is_trusted_proxy

HONEYPOT_FIELD: Final = "comment_hp"
STAMP_FIELD: Final = "comment_stamp"
MIN_SECONDS: Final = 3
MAX_SECONDS: Final = 24 * 3600
_SALT: Final = "broadsheet.comments.form-stamp"


def make_stamp(article_id: int, at: float | None = None) -> str:
    """The signed render time put in the form (no secret in it, only a signature)."""
    return signing.dumps(
        {"a": article_id, "t": int(at if at is not None else time.time())}, salt=_SALT
    )


def stamp_problem(value: str, article_id: int, now: float | None = None) -> str:
    """'' when the stamp is fine, else why the comment should be kept as spam."""
    if not value:
        return _("form stamp missing")
    try:
        data = signing.loads(value, salt=_SALT)
    except signing.BadSignature:
        return _("form stamp forged")
    if (
        not isinstance(data, dict)
        or data.get("a") != article_id
        or not isinstance(data.get("t"), int)
    ):
        return _("form stamp for another article")
    age = (now if now is not None else time.time()) - data["t"]
    min_seconds = getattr(settings, "BROADSHEET_COMMENT_MIN_SECONDS", MIN_SECONDS)
    if age < min_seconds:
        return _("posted %(n)d seconds after the form was shown") % {"n": max(0, int(age))}
    if age > MAX_SECONDS:
        return _("posted more than a day after the form was shown")
    return ""


def _site_hosts(request: HttpRequest) -> set[str]:
    hosts = {request.get_host().lower()}
    site = urlsplit(settings.SITE_URL)
    if site.netloc:
        hosts.add(site.netloc.lower())
    for origin in getattr(settings, "CSRF_TRUSTED_ORIGINS", []):
        hosts.add(urlsplit(origin).netloc.lower())
    return hosts


def cross_site(request: HttpRequest) -> bool:
    """True when the browser says the form was posted from another site.

    Origin wins when sent; else Referer. Neither sent is allowed: privacy tools, some
    browsers' settings and scripts send none, and the other defences still apply. An
    "Origin: null" (sandboxed frames, data: pages) is refused: no page of ours sends it.
    """
    origin = request.META.get("HTTP_ORIGIN")
    if origin is not None:
        if origin.strip().lower() == "null":
            return True
        return urlsplit(origin).netloc.lower() not in _site_hosts(request)
    referer = request.META.get("HTTP_REFERER")
    if referer:
        parts = urlsplit(referer)
        return parts.scheme not in ("http", "https") or parts.netloc.lower() not in _site_hosts(
            request
        )
    return False
