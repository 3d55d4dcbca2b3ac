from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.translation import gettext_lazy as _

from broadsheet.images.validators import validate_image_file

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


class Rendition(TypedDict):
    name: str
    width: int
    height: int


def originals_storage() -> FileSystemStorage:
    # A callable, so tests that move the data folder get the right location.
    return FileSystemStorage(location=settings.ORIGINALS_ROOT)


def original_name(instance: Image, filename: str) -> str:
    # The uploaded name is never used: it may be misleading, private or unsafe on disk.
    return f"{instance.key}.orig"


class Image(models.Model):
    """An uploaded picture. Only the EXIF-free renditions under MEDIA_ROOT are public."""

    key = models.CharField(max_length=32, unique=True, editable=False)
    original = models.FileField(
        _("file"),
        upload_to=original_name,
        storage=originals_storage,
        validators=[validate_image_file],
        help_text=_("JPEG, PNG, GIF or WebP."),
    )
    alt = models.CharField(
        _("alt text"),
        max_length=500,
        help_text=_("What the picture shows, for readers who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=1000, blank=True)
    credit = models.CharField(_("credit"), max_length=300, blank=True)
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)
    renditions: models.JSONField[list[Rendition]] = models.JSONField(default=list, editable=False)
    source_url = models.URLField(_("original URL"), max_length=2000, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self) -> str:
        return self.alt[:80] or self.key

    @property
    def src(self) -> str:
        """The mid-sized rendition: a sensible default `src` beside the `srcset`."""
        if not self.renditions:
            return self.source_url
        middle = self.renditions[min(1, len(self.renditions) - 1)]
        return settings.MEDIA_URL + middle["name"]

    @property
    def srcset(self) -> str:
        return ", ".join(f"{settings.MEDIA_URL}{r['name']} {r['width']}w" for r in self.renditions)

    def can_edit(self, user: AbstractBaseUser | AnonymousUser) -> bool:
        """Editors change any image; authors only the ones they uploaded (WordPress's rule)."""
        if not user.has_perm("images.change_image"):
            return False
        return user.has_perm("articles.edit_others_article") or (
            self.uploaded_by_id is not None and self.uploaded_by_id == user.pk
        )

    def thumbnail_url(self) -> str:
        if not self.renditions:
            return self.source_url
        return settings.MEDIA_URL + self.renditions[0]["name"]
