from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from broadsheet.images.actions import do_save_image
from broadsheet.images.models import Image


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    list_display = ["thumbnail", "alt", "caption", "width", "height", "created_at"]
    search_fields = ["alt", "caption", "credit"]
    fields = ["original", "alt", "caption", "credit", "markdown", "thumbnail"]
    readonly_fields = ["markdown", "thumbnail"]

    def save_model(self, request: HttpRequest, obj: Image, form: Any, change: bool) -> None:
        upload = form.cleaned_data["original"] if "original" in form.changed_data else None
        if not change:
            obj.uploaded_by = request.user
        do_save_image(obj, upload)

    @admin.display(description=_("preview"))
    def thumbnail(self, obj: Image) -> str:
        if not obj.renditions:
            return "—"
        return format_html('<img src="{}" alt="" width="120">', obj.thumbnail_url())

    @admin.display(description=_("Markdown"))
    def markdown(self, obj: Image) -> str:
        if not obj.pk:
            return _("Save the image to get the line to paste into an article.")
        return format_html("<code>![{}](image:{})</code>", obj.alt, obj.pk)
