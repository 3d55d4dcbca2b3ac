"""Two-factor authentication in the admin: each staff member sees, adds and removes their
own authenticator apps, and nobody else's. The QR code (and the secret it holds) is shown
only while a new authenticator is being set up, never again once it is confirmed."""

from __future__ import annotations

from base64 import b32encode
from typing import Any

import segno
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from broadsheet.security import two_factor
from broadsheet.security.forms import ConfirmDeviceForm
from broadsheet.security.models import Authenticator

PENDING_KEY = "broadsheet.security.pending_device"


def _staff(request: HttpRequest) -> bool:
    return bool(request.user.is_active and request.user.is_staff)


@admin.register(Authenticator)
class AuthenticatorAdmin(admin.ModelAdmin):
    list_display = ["name", "created_at", "last_used_at"]
    list_display_links = None
    fields = ["name", "created_at", "last_used_at"]  # never the key
    actions = None

    def get_queryset(self, request: HttpRequest) -> QuerySet[Authenticator]:
        return super().get_queryset(request).filter(user=request.user, confirmed=True)

    # Every staff member manages their own, whatever their role: no model permission needed.
    def has_module_permission(self, request: HttpRequest) -> bool:
        return _staff(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # The list only: a device's own page would show its settings, secret included.
        return _staff(request) and obj is None

    def has_add_permission(self, request: HttpRequest) -> bool:
        return _staff(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _staff(request) and (obj is None or obj.user_id == request.user.pk)

    def delete_model(self, request: HttpRequest, obj: Authenticator) -> None:
        super().delete_model(request, obj)
        self._refresh_session(request)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Authenticator]) -> None:
        super().delete_queryset(request, queryset.filter(user=request.user))
        self._refresh_session(request)

    @staticmethod
    def _refresh_session(request: HttpRequest) -> None:
        # Without this, removing one's last authenticator would leave the session asking for
        # a code that no device can give any more.
        request.session[two_factor.SESSION_KEY] = bool(
            two_factor.confirmed_devices(request.user)  # type: ignore[arg-type]
        )

    def add_view(
        self, request: HttpRequest, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """Set up an authenticator: a new secret and its QR code, confirmed by one code."""
        if not self.has_add_permission(request):
            return HttpResponseRedirect(reverse("admin:index"))
        device = None
        if request.method == "POST":
            device = Authenticator.objects.filter(
                pk=request.session.get(PENDING_KEY), user=request.user, confirmed=False
            ).first()
        if device is None:
            # A fresh secret for each new setup: an abandoned one is never reused.
            Authenticator.objects.filter(user=request.user, confirmed=False).delete()
            device = Authenticator.objects.create(
                user=request.user, name=_("Authenticator app"), confirmed=False
            )
            request.session[PENDING_KEY] = device.pk
            form = ConfirmDeviceForm()
        else:
            form = ConfirmDeviceForm(request.POST)
            if form.is_valid():
                try:
                    right = two_factor.verify_pending(device, form.cleaned_data["token"])
                except two_factor.Throttled:
                    right = False
                    form.add_error(
                        "token", _("Too many wrong codes: wait a few seconds, then try again.")
                    )
                if right:
                    device.name = form.cleaned_data["name"]
                    device.confirmed = True
                    device.save(update_fields=["name", "confirmed"])
                    request.session.pop(PENDING_KEY, None)
                    two_factor.turned_on(request, device)
                    self.message_user(
                        request,
                        _(
                            "Two-factor authentication is on: from now on the admin login "
                            "asks for a code from “%(name)s”."
                        )
                        % {"name": device.name},
                        messages.SUCCESS,
                    )
                    return HttpResponseRedirect(reverse("admin:security_authenticator_changelist"))
                elif not form.errors:
                    form.add_error(
                        "token", _("That code is not right. Check the app and try again.")
                    )
        secret = b32encode(device.bin_key).decode()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Set up an authenticator app"),
            "form": form,
            # segno draws the QR code as inline SVG: no script, no image request, no data: URL.
            "qr_svg": mark_safe(  # noqa: S308  (segno's own markup of our own URL)
                segno.make(device.config_url, error="m").svg_inline(scale=5, light="#fff")
            ),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "security/authenticator_setup.html", context)
