"""Responsive, EXIF-free renditions of an uploaded image."""

from __future__ import annotations

import io

import PIL.Image
import PIL.ImageOps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from broadsheet.images.models import Rendition

_LANCZOS = PIL.Image.Resampling.LANCZOS


def make_renditions(image: PIL.Image.Image, key: str) -> list[Rendition]:
    """Write one re-encoded copy per configured width (never upscaled) and describe them.

    Re-encoding from pixels drops every metadata block (EXIF, GPS, XMP, comments); the
    orientation is applied first so that dropping EXIF does not turn photos sideways.
    """
    # Kept so colours stay right; an ICC profile describes a colour space, not a person.
    icc_profile = image.info.get("icc_profile")
    image = PIL.ImageOps.exif_transpose(image)
    has_alpha = image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
        image.mode == "P" and "transparency" in image.info
    )
    image = image.convert("RGBA" if has_alpha else "RGB")
    widths = sorted(
        {w for w in settings.IMAGE_RENDITION_WIDTHS if w < image.width}
        | {min(image.width, max(settings.IMAGE_RENDITION_WIDTHS))}
    )
    out: list[Rendition] = []
    try:
        for width in widths:
            height = max(1, round(image.height * width / image.width))
            copy = image if width == image.width else image.resize((width, height), _LANCZOS)
            data, ext = _encode(copy, has_alpha, icc_profile)
            name = default_storage.save(f"images/{key}-{width}.{ext}", ContentFile(data))
            out.append({"name": name, "width": width, "height": height})
    except BaseException:
        # Nothing half-made stays on disk: the caller stores either all renditions or none.
        for done in out:
            default_storage.delete(done["name"])
        raise
    return out


def _encode(
    image: PIL.Image.Image, has_alpha: bool, icc_profile: bytes | None
) -> tuple[bytes, str]:
    """Encode from pixels only: no EXIF, GPS, XMP or comments are passed on."""
    buffer = io.BytesIO()
    if has_alpha:
        image.save(buffer, "WEBP", quality=82, method=4, icc_profile=icc_profile)
        return buffer.getvalue(), "webp"
    image.save(buffer, "JPEG", quality=82, optimize=True, progressive=True, icc_profile=icc_profile)
    return buffer.getvalue(), "jpg"
