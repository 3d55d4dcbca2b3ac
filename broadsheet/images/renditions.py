"""Responsive, EXIF-free renditions of an uploaded image."""

from __future__ import annotations

import io

import PIL.Image
import PIL.ImageOps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from broadsheet.images.models import Rendition


def make_renditions(image: PIL.Image.Image, key: str) -> list[Rendition]:
    """Write one re-encoded copy per configured width (never upscaled) and describe them.

    Re-encoding from pixels drops every metadata block (EXIF, GPS, XMP, comments); the
    orientation is applied first so that dropping EXIF does not turn photos sideways.
    """
    image = PIL.ImageOps.exif_transpose(image)
    has_alpha = image.mode in ("RGBA", "LA", "P") and (
        image.mode != "P" or "transparency" in image.info
    )
    image = image.convert("RGBA" if has_alpha else "RGB")
    widths = sorted(
        {w for w in settings.IMAGE_RENDITION_WIDTHS if w < image.width}
        | {min(image.width, max(settings.IMAGE_RENDITION_WIDTHS))}
    )
    out: list[Rendition] = []
    for width in widths:
        height = max(1, round(image.height * width / image.width))
        copy = image if width == image.width else image.resize((width, height), PIL.Image.LANCZOS)
        buffer = io.BytesIO()
        if has_alpha:
            copy.save(buffer, "WEBP", quality=82, method=4)
            ext = "webp"
        else:
            copy.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
            ext = "jpg"
        name = default_storage.save(f"images/{key}-{width}.{ext}", ContentFile(buffer.getvalue()))
        out.append({"name": name, "width": width, "height": height})
    return out
