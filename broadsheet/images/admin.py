from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from broadsheet.images.actions import do_delete_image, do_save_image
from broadsheet.images.models import Image


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    list_display = ["thumbnail", "alt", "caption", "credit", "width", "height", "created_at"]
    search_fields = ["alt", "caption", "credit"]
    fields = ["original", "alt", "caption", "credit", "markdown", "thumbnail"]
    readonly_fields = ["markdown", "thumbnail"]

    def has_change_permission(self, request: HttpRequest, obj: Image | None = None) -> bool:
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or obj.can_edit(request.user))

    def has_delete_permission(self, request: HttpRequest, obj: Image | None = None) -> bool:
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or obj.can_edit(request.user))

    def save_model(self, request: HttpRequest, obj: Image, form: Any, change: bool) -> None:
        # The file was decoded and checked by the form (the model field's validator); the
        # action checks again because it is also called from outside the admin.
        upload = form.cleaned_data["original"] if "original" in form.changed_data else None
        if not change:
            obj.uploaded_by = request.user
        do_save_image(obj, upload)

    def delete_model(self, request: HttpRequest, obj: Image) -> None:
        do_delete_image(obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Image]) -> None:
        for obj in queryset:
            if obj.can_edit(request.user):
                do_delete_image(obj)

    @admin.display(description=_("preview"))
    def thumbnail(self, obj: Image) -> str:
        if not obj.renditions:
            return "—"
        return format_html(
            '<img src="{}" srcset="{}" sizes="120px" alt="" width="120">',
            obj.thumbnail_url(),
            obj.srcset,
        )

    @admin.display(description=_("Markdown"))
    def markdown(self, obj: Image) -> str:
        if not obj.pk:
            return _("Save the image to get the line to paste into an article.")
        return format_html("<code>![{}](image:{})</code>", obj.alt, obj.pk)
