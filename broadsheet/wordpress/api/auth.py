"""Who is asking: Application Passwords over HTTP Basic, or the admin session plus a nonce.

As in WordPress, a session cookie without a nonce counts as nobody (so a forged cross-site
request carries no one's rights), and Basic credentials are refused over plain HTTP unless
the client is on this machine.
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
from datetime import timedelta

from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest
from django.middleware.csrf import (
    CsrfViewMiddleware,
    InvalidTokenFormat,
    _check_token_format,
    _does_token_match,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from broadsheet.lib.clientip import client_ip
from broadsheet.wordpress.api.errors import WPError
from broadsheet.wordpress.models import ApplicationPassword

# Recording every use would make every API request a write; a minute's precision is plenty.
LAST_USED_PRECISION = timedelta(minutes=1)


def is_loopback_client(request: HttpRequest) -> bool:
    """A client on this machine, talking to us directly (not through a proxy, whose own
    loopback address says nothing about where the request came from)."""
    if "HTTP_X_FORWARDED_FOR" in request.META:
        return False
    try:
        return ipaddress.ip_address(request.META.get("REMOTE_ADDR", "")).is_loopback
    except ValueError:
        return False


def _basic_credentials(header: str) -> tuple[str, str]:
    try:
        decoded = base64.b64decode(header.split(" ", 1)[1].strip(), validate=True).decode("utf-8")
    except (IndexError, binascii.Error, UnicodeDecodeError) as e:
        raise WPError(
            "rest_invalid_authorization", _("The Authorization header is malformed."), 401
        ) from e
    username, sep, password = decoded.partition(":")
    if not sep:
        raise WPError(
            "rest_invalid_authorization", _("The Authorization header is malformed."), 401
        )
    return username, password


def _by_app_password(request: HttpRequest, header: str) -> None:
    if not (request.is_secure() or is_loopback_client(request)):
        raise WPError(
            "application_passwords_disabled",
            _("Application passwords are only accepted over HTTPS."),
            401,
        )
    username, password = _basic_credentials(header)
    credentials = {"username": username}
    # Application passwords are logins too: the same per-account and per-address throttle
    # as the admin's (django-axes), answered in the API's own shape.
    if not AxesProxyHandler.is_allowed(request, credentials):
        raise WPError(
            "rest_too_many_attempts",
            _("Too many failed login attempts. Try again later."),
            429,
        )
    User = get_user_model()
    user = (
        User.objects.filter(username=username).first()
        or User.objects.filter(email__iexact=username).order_by("pk").first()
        if username and "\x00" not in username
        else None
    )
    item = (
        ApplicationPassword.objects.matching(user.pk, password)
        if user is not None and user.is_active
        else None
    )
    if item is None:
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        # axes would swap this answer for its HTML lockout page; the next request gets
        # the JSON 429 above instead.
        request.axes_locked_out = False  # type: ignore[attr-defined]
        # One answer whether or not the account exists: no user-name enumeration.
        raise WPError(
            "incorrect_password",
            _("Unknown user name or incorrect application password."),
            401,
        )
    now = timezone.now()
    # The reader's address, not a proxy's: the one rule for client addresses.
    ip = client_ip(request)
    if (
        item.last_used_at is None
        or now - item.last_used_at > LAST_USED_PRECISION
        or item.last_ip != ip
    ):
        ApplicationPassword.objects.filter(pk=item.pk).update(last_used_at=now, last_ip=ip)
    request.user = user
    request.app_password = item  # type: ignore[attr-defined]


def _nonce_valid(request: HttpRequest, nonce: str) -> bool:
    """The nonce is the site's CSRF token (as WordPress's wp_rest nonce is tied to the
    login session): only pages of this site can read it."""
    try:
        secret = CsrfViewMiddleware(lambda r: None)._get_secret(request)  # type: ignore[arg-type,return-value]
        if secret is None:
            return False
        _check_token_format(nonce)
    except InvalidTokenFormat:
        return False
    return _does_token_match(nonce, secret)


def authenticate(request: HttpRequest) -> None:
    """Set request.user to whoever the API request speaks for; raise on bad credentials."""
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if header[:6].lower() == "basic ":
        _by_app_password(request, header)
        return
    if header:
        raise WPError(
            "rest_invalid_authorization",
            _("Only Basic authentication with an application password is supported."),
            401,
        )
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        request.user = AnonymousUser()
        return
    nonce = (
        request.META.get("HTTP_X_WP_NONCE")
        or request.GET.get("_wpnonce")
        or request.META.get("HTTP_X_CSRFTOKEN")
    )
    if not nonce:
        # WordPress: a cookie without a nonce is treated as logged out.
        request.user = AnonymousUser()
        return
    if not _nonce_valid(request, nonce):
        raise WPError("rest_cookie_invalid_nonce", _("Cookie check failed"), 403)
