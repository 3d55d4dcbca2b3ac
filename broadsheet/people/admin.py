from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from broadsheet.people.models import Author
from broadsheet.people.roles import ROLES, role_of


def _has_profile(request: HttpRequest) -> bool:
    return Author.objects.filter(user_id=request.user.pk).exists()


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    """Administrators manage every author; every writer edits their own profile (as in
    WordPress, where everyone keeps their own bio and picture)."""

    list_display = ["display_name", "slug", "user"]
    search_fields = ["display_name", "slug"]
    prepopulated_fields = {"slug": ["display_name"]}
    autocomplete_fields = ["photo", "user"]
    fields = ["display_name", "slug", "user", "bio", "photo"]

    @staticmethod
    def _manages_all(request: HttpRequest) -> bool:
        return request.user.has_perm("people.change_author")

    def _is_own(self, request: HttpRequest, obj: Author | None) -> bool:
        if obj is None:
            return _has_profile(request)
        return obj.user_id is not None and obj.user_id == request.user.pk

    def has_module_permission(self, request: HttpRequest) -> bool:
        return super().has_module_permission(request) or _has_profile(request)

    def has_view_permission(self, request: HttpRequest, obj: Author | None = None) -> bool:
        return super().has_view_permission(request, obj) or self._is_own(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Author | None = None) -> bool:
        return super().has_change_permission(request, obj) or self._is_own(request, obj)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Author]:
        qs = super().get_queryset(request).select_related("user")
        if request.user.has_perm("people.view_author") or self._manages_all(request):
            return qs
        return qs.filter(user_id=request.user.pk)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        if self._manages_all(request):
            return []
        # Who the login is and where the archive lives are an administrator's decisions.
        readonly = ["user", "slug"]
        if not request.user.has_perm("images.view_image"):
            readonly.append("photo")
        return readonly

    def get_prepopulated_fields(self, request: HttpRequest, obj: Any = None) -> dict:  # type: ignore[type-arg]
        return super().get_prepopulated_fields(request, obj) if self._manages_all(request) else {}


class AuthorInline(admin.StackedInline):
    model = Author
    fk_name = "user"
    fields = ["display_name", "slug", "bio", "photo"]
    autocomplete_fields = ["photo"]
    prepopulated_fields = {"slug": ["display_name"]}
    can_delete = False
    verbose_name = _("public profile")


admin.site.unregister(User)


@admin.register(User)
class BroadsheetUserAdmin(UserAdmin):
    """Django's user admin, with the role shown and the byline edited on the same page."""

    inlines = [AuthorInline]
    list_display = ["username", "email", "role", "is_active", "last_login"]
    list_filter = ["groups", "is_active", "is_superuser"]

    def get_inline_instances(self, request: HttpRequest, obj: Any = None) -> list:  # type: ignore[type-arg]
        # The add form only asks for a name and password; the profile comes on the next page.
        return super().get_inline_instances(request, obj) if obj is not None else []

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("role"))
    def role(self, obj: User) -> str:
        return role_of(obj) or "—"

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        user = form.instance
        # Every role works in the admin (WordPress's dashboard), so a role implies staff.
        if not user.is_staff and user.groups.filter(name__in=ROLES).exists():
            user.is_staff = True
            user.save(update_fields=["is_staff"])
