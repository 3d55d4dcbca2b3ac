from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from broadsheet.wordpress.models import ApplicationPassword


def _manages_users(request: HttpRequest) -> bool:
    return request.user.has_perm("auth.change_user")


class ApplicationPasswordForm(forms.ModelForm):
    class Meta:
        model = ApplicationPassword
        fields = ["user", "name"]

    def __init__(self, *args: Any, request: HttpRequest, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.request = request
        if "user" in self.fields:
            if _manages_users(request):
                self.fields["user"].initial = request.user.pk
            else:
                # Everyone makes passwords for their own login only.
                self.fields["user"].queryset = get_user_model().objects.filter(pk=request.user.pk)
                self.fields["user"].initial = request.user.pk
                self.fields["user"].empty_label = None

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        user, name = data.get("user"), data.get("name")
        if user and name and ApplicationPassword.objects.filter(user=user, name=name).exists():
            self.add_error("name", _("Each application name should be unique."))
        return data


@admin.register(ApplicationPassword)
class ApplicationPasswordAdmin(admin.ModelAdmin):
    """WordPress's Application Passwords: one per program, shown once, revocable.

    Every staff member manages their own; administrators (who manage users) everyone's.
    Revoking is deleting; the digest is all that was stored.
    """

    list_display = ["name", "user", "created_at", "last_used_at", "last_ip"]
    list_filter = ["created_at"]
    search_fields = ["name", "user__username"]
    readonly_fields = ["user", "name", "created_at", "last_used_at", "last_ip"]
    actions = ["delete_selected"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ApplicationPassword]:
        qs = super().get_queryset(request).select_related("user")
        return qs if _manages_users(request) else qs.filter(user=request.user)

    def _is_staff(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_staff)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._is_staff(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._is_staff(request) and (
            obj is None or obj.user_id == request.user.pk or _manages_users(request)
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._is_staff(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a password is made, used and revoked; never edited

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_view_permission(request, obj)

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        if obj is not None:
            return super().get_form(request, obj, change=change, **kwargs)

        class BoundForm(ApplicationPasswordForm):
            def __init__(self, *args: Any, **kw: Any) -> None:
                super().__init__(*args, request=request, **kw)

        return BoundForm

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return self.readonly_fields if obj is not None else []

    def get_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        if obj is None:
            return ["user", "name"]
        return ["user", "name", "created_at", "last_used_at", "last_ip"]

    def save_model(
        self, request: HttpRequest, obj: ApplicationPassword, form: Any, change: bool
    ) -> None:
        item, plain = ApplicationPassword.objects.issue(obj.user, obj.name)
        obj.pk = item.pk
        obj.__dict__.update(item.__dict__)
        # Kept on the request only, for the one page that shows it.
        request._new_app_password = plain  # type: ignore[attr-defined]

    def response_add(
        self, request: HttpRequest, obj: ApplicationPassword, post_url_continue: Any = None
    ) -> HttpResponse:
        """Show the new password once, on this page; it is never stored or shown again."""
        plain = getattr(request, "_new_app_password", "")
        grouped = " ".join(plain[i : i + 4] for i in range(0, len(plain), 4))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Your new application password"),
            "opts": self.opts,
            "item": obj,
            "password": grouped,
            "username": obj.user.get_username(),
            "list_url": reverse("admin:wordpress_applicationpassword_changelist"),
        }
        response = TemplateResponse(request, "wordpress/application_password_created.html", context)
        response["Cache-Control"] = "no-store"
        return response
