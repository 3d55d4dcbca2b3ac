"""Optional TOTP two-factor authentication for staff (django-otp).

Staff who have a confirmed authenticator must give a code from it at the admin login; staff
without one log in with their password as before. Whether a session's user needs a code is
remembered in the session at login, so admin pages ask the database nothing more for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth.signals import user_logged_in
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

SESSION_KEY = "broadsheet.security.two_factor"
# Authenticator apps show 6 digits; allow for spaces people type between the groups.
MAX_TOKEN_LENGTH = 16


def confirmed_devices(user: AbstractBaseUser) -> list[TOTPDevice]:
    return list(TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk"))


def clean_token(token: str) -> str:
    return "".join(token.split())


class Throttled(Exception):
    """Too many wrong codes lately: the device refuses to check any for a while."""


def verify(user: AbstractBaseUser, token: str) -> TOTPDevice | None:
    """The user's confirmed device that accepts `token`, or None.

    Each device throttles itself after failures (django-otp's ThrottlingMixin: the wait
    doubles with each wrong code), so guessing codes gets nowhere; raises Throttled when
    every device is waiting.
    """
    token = clean_token(token)
    if not token.isdigit() or len(token) > MAX_TOKEN_LENGTH:
        return None
    waiting = 0
    devices = confirmed_devices(user)
    for device in devices:
        allowed, _extra = device.verify_is_allowed()
        if not allowed:
            waiting += 1
        elif device.verify_token(token):
            return device
    if devices and waiting == len(devices):
        raise Throttled
    return None


def verify_pending(device: TOTPDevice, token: str) -> bool:
    """Check the first code from a device being set up (not yet confirmed)."""
    token = clean_token(token)
    if not token.isdigit() or len(token) > MAX_TOKEN_LENGTH:
        return False
    allowed, _extra = device.verify_is_allowed()
    if not allowed:
        raise Throttled
    return bool(device.verify_token(token))


def needs_code(request: HttpRequest) -> bool:
    """True when the logged-in user has an authenticator but this session has not given a
    code from it (django-otp's middleware sets `is_verified`)."""
    user = request.user
    if not user.is_authenticated:
        return False
    if user.is_verified():  # type: ignore[union-attr]
        return False
    has_device = request.session.get(SESSION_KEY)
    if has_device is None:
        # A session from before two-factor existed here: ask once, then remember.
        has_device = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        request.session[SESSION_KEY] = has_device
    return bool(has_device)


def remember_on_login(
    sender: Any, request: HttpRequest | None, user: AbstractBaseUser, **kwargs: Any
) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def turned_on(request: HttpRequest, device: TOTPDevice) -> None:
    """The session that just confirmed a device counts as verified with it."""
    otp_login(request, device)
    request.session[SESSION_KEY] = True


user_logged_in.connect(remember_on_login, dispatch_uid="broadsheet.security.two_factor")
