from __future__ import annotations

import secrets

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction

from broadsheet.images.models import Image, originals_storage
from broadsheet.images.renditions import make_renditions
from broadsheet.images.validators import open_checked


def _delete_files(renditions: list[str], original: str) -> None:
    for name in renditions:
        default_storage.delete(name)
    if original:
        originals_storage().delete(original)


def _rerender_articles_using(image: Image) -> None:
    """Articles bake an image's `srcset` into their rendered body; refresh those that use it
    so they never point at renditions that are about to be deleted."""
    from broadsheet.articles.actions import do_save_article
    from broadsheet.articles.models import Article

    for article in Article.objects.filter(body__contains=f"(image:{image.pk}"):
        do_save_article(article, keep_slug=True)


@transaction.atomic
def do_save_image(image: Image, upload: File | None = None) -> Image:
    """Store an image and its renditions; validates the file by decoding it.

    `upload` is a new file to store (None when only the text fields changed). The uploaded
    name is never used; files replaced by a new upload are deleted once the change commits,
    and files written by a save that fails are deleted at once.
    Used by the admin, the demo loader and, later, the importer and the API.
    """
    if upload is None:
        if not image.key:
            image.key = secrets.token_hex(12)
        image.full_clean(exclude=["original"])
        image.save()
        return image

    decoded = open_checked(upload)
    # What is on disk now, from the database: a form has already put the upload in
    # image.original by this point.
    stored = (
        Image.objects.filter(pk=image.pk).values("original", "renditions").first()
        if image.pk
        else None
    )
    stale_renditions = [r["name"] for r in stored["renditions"]] if stored else []
    stale_original = stored["original"] if stored else ""
    replacing = stored is not None
    image.key = secrets.token_hex(12)
    image.renditions = []
    new_original = ""
    try:
        image.original.save("upload", upload, save=False)
        new_original = image.original.name
        image.width, image.height = decoded.size
        image.renditions = make_renditions(decoded, image.key)
        image.full_clean(exclude=["original"])
        image.save()
        if replacing:
            _rerender_articles_using(image)
    except BaseException:
        _delete_files([r["name"] for r in image.renditions], new_original)
        raise
    if stale_renditions or stale_original:
        transaction.on_commit(lambda: _delete_files(stale_renditions, stale_original))
    return image


@transaction.atomic
def do_delete_image(image: Image) -> None:
    """Delete an image and, once that commits, its files. Articles using it inline are
    re-rendered without it (the reference no longer resolves)."""
    renditions = [r["name"] for r in image.renditions]
    original = image.original.name or ""
    pk = image.pk
    image.delete()
    image.pk = pk
    _rerender_articles_using(image)
    transaction.on_commit(lambda: _delete_files(renditions, original))
