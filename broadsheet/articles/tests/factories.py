"""Small builders for tests: real rows, saved through the real actions."""

from __future__ import annotations

import io
from itertools import count
from typing import Any

import PIL.Image
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from broadsheet.articles.actions import do_save_article, do_save_category, tags_by_name
from broadsheet.articles.models import Article, Category, Status
from broadsheet.images.actions import do_save_image
from broadsheet.images.models import Image
from broadsheet.people.models import Author

_n = count(1)


def make_author(name: str | None = None, **fields: Any) -> Author:
    n = next(_n)
    name = name or f"Writer {n}"
    slug = fields.pop("slug", f"writer-{n}")
    return Author.objects.create(display_name=name, slug=slug, **fields)


def make_image(alt: str = "A picture", **fields: Any) -> Image:
    """A real (small) PNG stored through the image action, renditions and all."""
    buffer = io.BytesIO()
    PIL.Image.new("RGB", (64, 48), (200, 80, 40)).save(buffer, "PNG")
    upload = SimpleUploadedFile("picture.png", buffer.getvalue(), content_type="image/png")
    return do_save_image(Image(alt=alt, **fields), upload)


def make_category(name: str, parent: Category | None = None) -> Category:
    return do_save_category(Category(name=name, parent=parent))


def make_article(
    title: str | None = None,
    *,
    categories: list[Category] = (),  # type: ignore[assignment]
    tags: list[str] = (),  # type: ignore[assignment]
    **fields: Any,
) -> Article:
    fields.setdefault("status", Status.PUBLISHED)
    fields.setdefault("published_at", timezone.now())
    fields.setdefault("standfirst", "A line under the headline.")
    fields.setdefault("body", "## What happened?\n\n- One point with 12 figures\n")
    if "author" not in fields:
        fields["author"] = make_author()
    article = Article(title=title or f"Article {next(_n)}", **fields)
    return do_save_article(article, categories=list(categories), tags=tags_by_name(tags))
