"""The "save my details" cookie, WordPress's comment_author_<hash>.

Set only when the reader ticks the box; it pre-fills their form and lets them see their own
held comments. A request carrying it gets a page made for that reader, so the shared page
cache must pass it by: its name starts with COMMENT_AUTHOR_COOKIE_PREFIX (as WordPress's
comment_author_*, comment_author_email_* and comment_author_url_* cookies do, so caches
configured for WordPress recognise it too).

The value is signed: nobody can forge one to see another person's held comments.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Final

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse

COMMENT_AUTHOR_COOKIE_PREFIX: Final = "comment_author_"
# Query parameters that make a page someone's own (WordPress's signed "see your held
# comment" link); responses to them are marked private.
PERSONAL_QUERY_PARAMETERS: Final = ("unapproved", "moderation-hash")
# WordPress's comment_cookie_lifetime: 30,000,000 seconds (about 347 days).
MAX_AGE: Final = 30_000_000
_SALT: Final = "broadsheet.comments.author-cookie"


def cookie_name() -> str:
    # WordPress's COOKIEHASH is md5(site URL); the same shape keeps two sites on one host apart.
    digest = hashlib.md5(settings.SITE_URL.encode(), usedforsecurity=False).hexdigest()
    return f"{COMMENT_AUTHOR_COOKIE_PREFIX}{digest}"


@dataclass
class Commenter:
    name: str
    email: str
    url: str


def read(request: HttpRequest) -> Commenter | None:
    raw = request.COOKIES.get(cookie_name())
    if not raw:
        return None
    try:
        data = signing.loads(raw, salt=_SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    name, email, url = (str(data.get(k, ""))[:250] for k in ("n", "e", "u"))
    return Commenter(name, email, url) if name and email else None


def remember(response: HttpResponse, request: HttpRequest, who: Commenter) -> None:
    value = signing.dumps({"n": who.name, "e": who.email, "u": who.url}, salt=_SALT)
    response.set_cookie(
        cookie_name(),
        value,
        max_age=MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )


def forget(response: HttpResponse, request: HttpRequest) -> None:
    if cookie_name() in request.COOKIES:
        response.delete_cookie(cookie_name(), samesite="Lax")
