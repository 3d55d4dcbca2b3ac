from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from broadsheet.wordpress.actions import do_queue_import
from broadsheet.wordpress.models import ApplicationPassword, ImportRun
from broadsheet.wordpress.wxr import WXRError


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


# WordPress imports -------------------------------------------------------------------------

# Importing makes authors (logins that cannot sign in until given a password), terms,
# pages and anyone's articles and comments: the add permission is given to Editors and
# Administrators (people/roles.py).
IMPORT_PERM = "wordpress.add_importrun"


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("WordPress export file"),
        help_text=_("The .xml file from Tools → Export in WordPress's dashboard."),
    )
    fetch_media = forms.BooleanField(
        label=_("Download the media files"),
        required=False,
        help_text=_(
            "Copy images from the old site (public http/https addresses only). Otherwise "
            "they keep their original addresses."
        ),
    )


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    """Imports from WordPress: "add" is the upload form, each run's page its progress and
    summary. Runs are made by the importer, never edited."""

    list_display = ["file_name", "state", "progress", "started_at", "finished_at", "requested_by"]
    list_filter = ["state"]
    list_select_related = ["requested_by"]
    actions = None
    change_list_template = "wordpress/importrun_change_list.html"

    @admin.display(description=_("progress"))
    def progress(self, run: ImportRun) -> str:
        return f"{run.done} / {run.total}"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(IMPORT_PERM)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.is_active:
            return False  # the worker is using it
        return super().has_delete_permission(request, obj)

    def add_view(
        self, request: HttpRequest, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied
        posted = request.method == "POST"
        form = ImportUploadForm(request.POST, request.FILES) if posted else ImportUploadForm()
        if posted and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                run = do_queue_import(
                    upload, user=request.user, fetch_media=form.cleaned_data["fetch_media"]
                )
            except WXRError as e:
                form.add_error(
                    "file",
                    gettext("%(file)s was refused: %(problem)s")
                    % {"file": upload.name, "problem": e},
                )
            else:
                return HttpResponseRedirect(
                    reverse("admin:wordpress_importrun_change", args=[run.pk])
                )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Import from WordPress"),
            "form": form,
        }
        return TemplateResponse(request, "wordpress/import_upload.html", context)

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        """The run's progress (the page reloads itself while it runs) and its summary."""
        run = self.get_object(request, object_id)
        if run is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_permission(request, run):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Import of %(file)s") % {"file": run.file_name},
            "run": run,
            "percent": round(100 * run.done / run.total) if run.total else 0,
            "refresh_seconds": 3,
        }
        response = TemplateResponse(request, "wordpress/import_run.html", context)
        response["Cache-Control"] = "no-store"
        return response
