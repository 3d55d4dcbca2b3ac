from __future__ import annotations

import secrets

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction

from broadsheet.images.models import Image
from broadsheet.images.renditions import make_renditions
from broadsheet.images.validators import open_checked


@transaction.atomic
def do_save_image(image: Image, upload: File | None = None) -> Image:
    """Store an image and its renditions; validates the file by decoding it.

    `upload` is a new file to store (None when only the text fields changed).
    Used by the admin, the demo loader and, later, the importer and the API.
    """
    if upload is not None:
        decoded = open_checked(upload)
        stale = [r["name"] for r in image.renditions]
        image.key = secrets.token_hex(12)
        image.original.save("upload", upload, save=False)
        image.width, image.height = decoded.size
        image.renditions = make_renditions(decoded, image.key)
    elif not image.key:
        image.key = secrets.token_hex(12)
    image.full_clean(exclude=["original"])
    image.save()
    if upload is not None and stale:
        transaction.on_commit(lambda: [default_storage.delete(name) for name in stale])
    return image
