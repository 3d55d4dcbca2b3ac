"""Loads the demo site (our own text, in content.py) through the same actions editors use."""

from __future__ import annotations

import re
import secrets
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from broadsheet.articles.actions import do_save_article, do_save_category, tags_by_name
from broadsheet.articles.models import Article, Category, Kind, Status
from broadsheet.demo import content, pictures
from broadsheet.images.actions import do_save_image
from broadsheet.images.models import Image
from broadsheet.people.models import Author
from broadsheet.people.roles import EDITOR

IMAGE_REF = re.compile(r"\(image:([\w-]+)")


def site_is_empty() -> bool:
    return not Article.objects.exists() and not Author.objects.exists()


def _image(png: bytes, alt: str, caption: str = "", credit: str = "") -> Image:
    return do_save_image(
        Image(alt=alt, caption=caption, credit=credit), ContentFile(png, name="demo.png")
    )


def _when(text: str) -> datetime:
    return timezone.make_aware(datetime.fromisoformat(text))


@transaction.atomic
def load_demo() -> None:
    authors: dict[str, Author] = {}
    for a in content.AUTHORS:
        photo = _image(
            pictures.avatar(a["initials"], a["colour"]), f"Portrait of {a['display_name']}"
        )
        authors[a["slug"]] = Author.objects.create(
            display_name=a["display_name"], slug=a["slug"], bio=a["bio"], photo=photo
        )

    categories: dict[str, Category] = {}
    for c in sorted(content.CATEGORIES, key=lambda c: c["parent"] is not None):
        categories[c["slug"]] = do_save_category(
            Category(
                name=c["name"],
                slug=c["slug"],
                description=c["description"],
                parent=categories.get(c["parent"]) if c["parent"] else None,
            )
        )

    charts = {
        i["key"]: _image(
            pictures.bar_chart(i["title"], i["labels"], i["values"], i["unit"]),
            i["alt"],
            i["caption"],
            i["credit"],
        )
        for i in content.IMAGES
    }

    def link_images(body: str) -> str:
        return IMAGE_REF.sub(lambda m: f"(image:{charts[m.group(1)].pk}", body)

    for item in content.ARTICLES:
        body = link_images(item["body"])
        first_chart = IMAGE_REF.search(body)
        do_save_article(
            Article(
                kind=Kind.POST,
                title=item["title"],
                slug=item["slug"],
                standfirst=item["standfirst"],
                body=body,
                author=authors[item["author"]],
                status=Status.PUBLISHED,
                published_at=_when(item["published"]),
                password=item.get("password", ""),
                featured_image_id=int(first_chart.group(1)) if first_chart else None,
            ),
            categories=[categories[c] for c in item["categories"]],
            tags=tags_by_name(item["tags"]),
        )

    pages: dict[str, Article] = {}
    for p in sorted(content.PAGES, key=lambda p: p["parent"] is not None):
        pages[p["slug"]] = do_save_article(
            Article(
                kind=Kind.PAGE,
                title=p["title"],
                slug=p["slug"],
                body=p["body"],
                author=next(iter(authors.values())),
                status=Status.PUBLISHED,
                published_at=_when("2026-05-01T09:00"),
                parent=pages.get(p["parent"]) if p["parent"] else None,
            )
        )


def ensure_editor() -> str | None:
    """Make the demo's staff login once; return its password only when just made."""
    if User.objects.filter(username="editor").exists():
        return None
    password = secrets.token_urlsafe(12)
    user = User.objects.create_user("editor", password=password, is_staff=True)
    user.groups.add(Group.objects.get(name=EDITOR))
    path = Path(settings.DATA_DIR) / "demo-credentials.txt"
    path.write_text(f"user: editor\npassword: {password}\n")
    path.chmod(0o600)
    return password
