"""Privacy in the admin (/admin/privacy/…): the log of requests, and the export and erase
tools reached from it, for staff with the privacy permissions (Administrators)."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from broadsheet.privacy.actions import do_erase_personal_data, do_export_personal_data
from broadsheet.privacy.forms import EraseForm, ExportForm
from broadsheet.privacy.models import PrivacyRequest

EXPORT_PERM = "privacy.export_personal_data"
ERASE_PERM = "privacy.erase_personal_data"


@admin.register(PrivacyRequest)
class PrivacyRequestAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "email", "requested_by", "summary"]
    list_filter = ["kind"]
    search_fields = ["email"]
    list_display_links = None
    actions = None
    change_list_template = "privacy/change_list.html"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_module_permission(self, request: HttpRequest) -> bool:
        return super().has_module_permission(request) or self._can_use_tools(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_view_permission(request, obj) or self._can_use_tools(request)

    @staticmethod
    def _can_use_tools(request: HttpRequest) -> bool:
        return request.user.has_perm(EXPORT_PERM) or request.user.has_perm(ERASE_PERM)

    def get_urls(self) -> list[Any]:
        wrap = self.admin_site.admin_view
        return [
            path("export/", wrap(self.export_view), name="privacy_export"),
            path("erase/", wrap(self.erase_view), name="privacy_erase"),
            *super().get_urls(),
        ]

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        extra = {
            "can_export": request.user.has_perm(EXPORT_PERM),
            "can_erase": request.user.has_perm(ERASE_PERM),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra)

    def _render(self, request: HttpRequest, title: str, form: Any, **extra: Any) -> HttpResponse:
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            "form": form,
            **extra,
        }
        return TemplateResponse(request, "privacy/tool.html", context)

    def export_view(self, request: HttpRequest) -> HttpResponse:
        """Download everything held for an email address as a JSON file."""
        if not request.user.has_perm(EXPORT_PERM):
            raise PermissionDenied
        form = ExportForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            data = do_export_personal_data(form.cleaned_data["email"], by=request.user)
            name = f"personal-data-{slugify(data['email'])}-{timezone.now():%Y%m%d}.json"
            response = HttpResponse(
                json.dumps(data, indent=2, ensure_ascii=False),
                content_type="application/json; charset=utf-8",
            )
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            response["Cache-Control"] = "no-store"
            return response
        return self._render(
            request,
            _("Export personal data"),
            form,
            intro=_(
                "Download, as a JSON file, everything this site holds for an email address: "
                "comments (with the IP address and browser they were sent from), and the "
                "author profile and login that use the address, if any."
            ),
            submit=_("Download the personal data"),
        )

    def erase_view(self, request: HttpRequest) -> HttpResponse:
        """Anonymise or delete the comments written with an email address."""
        if not request.user.has_perm(ERASE_PERM):
            raise PermissionDenied
        form = EraseForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            result = do_erase_personal_data(
                form.cleaned_data["email"], mode=form.cleaned_data["mode"], by=request.user
            )
            self.message_user(request, result.summary(), messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:privacy_privacyrequest_changelist"))
        return self._render(
            request,
            _("Erase personal data"),
            form,
            intro=_(
                "Erase the comments written with an email address: anonymised (the text "
                "stays, under the name “Anonymous”, without email, website, IP address or "
                "browser) or deleted. Author profiles and logins are kept and listed, to "
                "change under People."
            ),
            submit=_("Erase the personal data"),
            danger=True,
        )
