"""Upload checks: a file is an image only if Pillow can decode it within our limits."""

from __future__ import annotations

import warnings

import PIL.Image
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.translation import gettext as _

ALLOWED_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}


def open_checked(f: File) -> PIL.Image.Image:
    """Decode an uploaded file fully and return the image, or raise ValidationError.

    The name and the Content-Type header are ignored: both are chosen by the uploader.
    """
    if f.size is not None and f.size > settings.IMAGE_MAX_BYTES:
        raise ValidationError(
            _("The file is too large (at most %(mb)d MB).")
            % {"mb": settings.IMAGE_MAX_BYTES // (1024 * 1024)},
            code="too_large",
        )
    f.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow only warns between MAX_IMAGE_PIXELS and twice that; refuse those too.
            warnings.simplefilter("error", PIL.Image.DecompressionBombWarning)
            image = PIL.Image.open(f)
            if image.format not in ALLOWED_FORMATS:
                raise ValidationError(
                    _("Only JPEG, PNG, GIF and WebP images can be uploaded."), code="format"
                )
            if image.width * image.height > settings.IMAGE_MAX_PIXELS:
                raise ValidationError(
                    _("The image is too large (at most %(mp)d megapixels).")
                    % {"mp": settings.IMAGE_MAX_PIXELS // 1_000_000},
                    code="too_many_pixels",
                )
            image.load()
    except ValidationError:
        raise
    except (PIL.Image.DecompressionBombError, PIL.Image.DecompressionBombWarning) as e:
        raise ValidationError(_("The image is too large to process."), code="bomb") from e
    except (OSError, SyntaxError, ValueError) as e:
        # SVG, truncated and mislabelled files all end here.
        raise ValidationError(
            _("The file is not an image that can be read (JPEG, PNG, GIF or WebP)."),
            code="invalid",
        ) from e
    finally:
        f.seek(0)
    return image


def validate_image_file(f: File) -> None:
    open_checked(f)
