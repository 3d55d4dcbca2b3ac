"""Upload checks: a file is an image only if Pillow can decode it within our limits.

The name and the Content-Type header are ignored everywhere here: both are chosen by the
uploader. What is stored for readers is re-encoded from pixels (renditions.py), so these
checks are about refusing early and clearly, and about never keeping files that are also
something else (a web page, a script, an archive) on disk.
"""

from __future__ import annotations

import re
import warnings
import zipfile
from typing import IO

import PIL.Image
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.translation import gettext as _

ALLOWED_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}

# Markup and code that browsers or servers would act on. Compressed pixel data matches one of
# these by chance with a probability far below one in a billion per file, so a hit means the
# file was built to be read as something else too (a polyglot).
_ACTIVE_CONTENT = re.compile(
    rb"<\s*(?:script|html|body|iframe|object|embed|svg|\?php|!doctype)\b|<\?=|javascript:|%PDF-",
    re.IGNORECASE,
)
_SVG = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype svg|<svg)", re.I | re.S)
_CHUNK = 1024 * 1024
_OVERLAP = 64


def _invalid() -> ValidationError:
    return ValidationError(
        _("The file is not an image that can be read (JPEG, PNG, GIF or WebP)."),
        # Not "invalid": the admin's form field would swap in its own message for that code.
        code="unreadable",
    )


def _scan(f: IO[bytes]) -> None:
    """Refuse SVG (it can carry scripts) and files that are an image and something else."""
    f.seek(0)
    head = f.read(4096)
    if _SVG.match(head.lstrip(b"\xef\xbb\xbf")):
        raise ValidationError(
            _(
                "SVG files are not accepted, because they can contain scripts. "
                "Export the drawing as PNG and upload that."
            ),
            code="svg",
        )
    f.seek(0)
    tail = b""
    while chunk := f.read(_CHUNK):
        if _ACTIVE_CONTENT.search(tail + chunk):
            raise ValidationError(
                _(
                    "The file contains web page, script or document content as well as an "
                    "image, so it was refused. Save the picture again from an image editor."
                ),
                code="polyglot",
            )
        tail = chunk[-_OVERLAP:]
    f.seek(0)
    # An archive glued to an image (a "GIFAR"): zipfile finds the end record by structure,
    # so ordinary images do not match by chance.
    if zipfile.is_zipfile(f):
        raise ValidationError(
            _("The file contains an archive as well as an image, so it was refused."),
            code="polyglot",
        )
    f.seek(0)


def open_checked(f: File) -> PIL.Image.Image:
    """Decode an uploaded file fully and return the image, or raise ValidationError."""
    if f.size is not None and f.size > settings.IMAGE_MAX_BYTES:
        raise ValidationError(
            _("The file is too large (at most %(mb)d MB).")
            % {"mb": settings.IMAGE_MAX_BYTES // (1024 * 1024)},
            code="too_large",
        )
    _scan(f)
    try:
        with warnings.catch_warnings():
            # Pillow only warns between MAX_IMAGE_PIXELS and twice that; refuse those too.
            warnings.simplefilter("error", PIL.Image.DecompressionBombWarning)
            image = PIL.Image.open(f)
            if image.format not in ALLOWED_FORMATS:
                raise ValidationError(
                    _("Only JPEG, PNG, GIF and WebP images can be uploaded."), code="format"
                )
            # Checked from the header, before a single pixel is decompressed.
            if image.width * image.height > settings.IMAGE_MAX_PIXELS:
                raise ValidationError(
                    _("The image has too many pixels (at most %(mp)d megapixels).")
                    % {"mp": settings.IMAGE_MAX_PIXELS // 1_000_000},
                    code="too_many_pixels",
                )
            image.load()
    except ValidationError:
        raise
    except (PIL.Image.DecompressionBombError, PIL.Image.DecompressionBombWarning) as e:
        raise ValidationError(_("The image is too large to process."), code="bomb") from e
    except (OSError, SyntaxError, ValueError, EOFError) as e:
        # Truncated, corrupt and mislabelled files all end here.
        raise _invalid() from e
    finally:
        f.seek(0)
    return image


def validate_image_file(f: File) -> None:
    """The model field's validator: checks new uploads; stored files were checked on upload
    (decoding a large original again on every caption edit would be pure cost)."""
    if getattr(f, "_committed", False):
        return
    open_checked(f)
