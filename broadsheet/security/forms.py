from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext_lazy as _

from broadsheet.security import two_factor


class LoginForm(AdminAuthenticationForm):
    """The admin login: user name and password, plus a code for staff who have set up an
    authenticator app. The code is asked for on the same page, so the form says nothing
    about whether an account has two-factor before the password is right."""

    otp_token = forms.CharField(
        label=_("Two-factor code"),
        required=False,
        max_length=two_factor.MAX_TOKEN_LENGTH,
        help_text=_("Only if you have set up an authenticator app."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autocapitalize": "none",
            }
        ),
    )

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "token_required": _(
            "This account uses two-factor authentication: enter the code your authenticator "
            "app shows."
        ),
        "invalid_token": _("That two-factor code is not right, or has expired. Try the next one."),
        "throttled": _(
            "Too many wrong two-factor codes: wait a few seconds, then enter the next code."
        ),
    }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()  # the password check (and django-axes' lockout)
        user = self.get_user()
        if user is None or not two_factor.confirmed_devices(user):
            return cleaned
        token = cleaned.get("otp_token") or ""
        if not two_factor.clean_token(token):
            raise forms.ValidationError(
                self.error_messages["token_required"], code="token_required"
            )
        try:
            device = two_factor.verify(user, token)
        except two_factor.Throttled:
            self._failed(cleaned)
            raise forms.ValidationError(
                self.error_messages["throttled"], code="throttled"
            ) from None
        if device is None:
            self._failed(cleaned)
            raise forms.ValidationError(self.error_messages["invalid_token"], code="invalid_token")
        # django-otp's user_logged_in receiver stores the device in the session.
        user.otp_device = device  # type: ignore[attr-defined]
        return cleaned

    def _failed(self, cleaned: dict[str, Any]) -> None:
        # Counted by django-axes like a wrong password, so codes cannot be guessed from many
        # addresses without locking the account.
        user_login_failed.send(
            sender=__name__,
            credentials={"username": cleaned.get("username", "")},
            request=self.request,
        )


class ConfirmDeviceForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=64,
        initial=_("Authenticator app"),
        help_text=_("To tell your devices apart, e.g. “Phone”."),
    )
    token = forms.CharField(
        label=_("Code from the app"),
        max_length=two_factor.MAX_TOKEN_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
