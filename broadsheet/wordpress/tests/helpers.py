"""Running the importer and exporter as the command line does, for the tests."""

from __future__ import annotations

import io
from pathlib import Path

from django.core.management import call_command

from broadsheet.articles.models import Article, Category, LegacyPath, Tag
from broadsheet.comments.models import Comment
from broadsheet.images.models import Image
from broadsheet.people.models import Author


def import_file(path: Path | str, *args: str) -> str:
    """`import-wordpress FILE [args]`; returns what it printed on stdout (the summary)."""
    out, err = io.StringIO(), io.StringIO()
    call_command("import_wordpress", str(path), *args, stdout=out, stderr=err)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    return {
        "articles": Article.objects.count(),
        "comments": Comment.objects.count(),
        "categories": Category.objects.count(),
        "tags": Tag.objects.count(),
        "authors": Author.objects.count(),
        "images": Image.objects.count(),
        "legacy": LegacyPath.objects.count(),
    }


def snapshot() -> list[tuple[object, ...]]:
    """Everything a reader or an export could tell apart, article by article."""
    rows = []
    articles = Article.objects.select_related("author").prefetch_related(
        "categories", "tags", "comments"
    )
    for a in articles.order_by("pk"):
        rows.append(
            (
                a.pk,
                a.kind,
                a.title,
                a.slug,
                a.status,
                a.get_absolute_url(),
                a.parent_id,
                a.body,
                a.body_html,
                a.standfirst,
                a.password,
                a.sticky,
                a.menu_order,
                a.comments_open,
                a.published_at,
                a.author.display_name,
                a.author.email,
                tuple(sorted((c.slug, c.path, c.name) for c in a.categories.all())),
                tuple(sorted((t.slug, t.name) for t in a.tags.all())),
                tuple(
                    sorted(
                        (
                            c.pk,
                            c.parent_id,
                            c.status,
                            c.type,
                            c.content,
                            c.author_name,
                            c.author_email,
                            c.author_url,
                            c.author_ip,
                            c.created_at,
                        )
                        for c in a.comments.all()
                    )
                ),
            )
        )
    return rows
