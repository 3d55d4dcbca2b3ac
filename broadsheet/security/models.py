from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice


class Authenticator(TOTPDevice):
    """A staff member's own view of their TOTP devices (the admin's "Two-factor
    authentication" page); the rows are django-otp's."""

    class Meta:
        proxy = True
        verbose_name = _("two-factor authenticator")
        verbose_name_plural = _("two-factor authentication")
