"""Plain INSERTs store what a save would: dates, addresses, JSON, choices, foreign keys."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from broadsheet.articles.tests.factories import make_article
from broadsheet.comments.models import Comment
from broadsheet.lib.bulk import insert_objects, insert_values
from broadsheet.wordpress.models import ImportedObject, ImportedSite

pytestmark = pytest.mark.django_db

FIELDS = ["article", "author_name", "author_ip", "content", "status", "type", "created_at"]


def test_it_stores_rows_as_save_does() -> None:
    article = make_article("Story")
    when = datetime(2020, 5, 4, 10, 30, tzinfo=UTC)
    saved = Comment(
        article=article,
        author_name="Ann",
        author_ip="2001:db8::1",
        content="Saved «quoted» \\ text",
        status=Comment.Status.SPAM,
        type=Comment.Type.PINGBACK,
        created_at=when,
    )
    saved.save()
    inserted = Comment(
        pk=saved.pk + 1000,
        article_id=article.pk,
        author_name="Ann",
        author_ip="2001:db8::1",
        content="Saved «quoted» \\ text",
        content_html=saved.content_html,
        status=Comment.Status.SPAM,
        type=Comment.Type.PINGBACK,
        created_at=when,
    )
    assert insert_objects(Comment, [inserted]) == 1
    assert not inserted._state.adding
    rows = Comment.objects.filter(pk__in=[saved.pk, inserted.pk]).order_by("pk")
    a, b = (tuple(getattr(c, f) for f in [*FIELDS, "content_html"]) for c in rows)
    assert a == b


def test_it_converts_json_and_leaves_ids_to_the_database() -> None:
    site = ImportedSite.objects.create(key="https://example.org")
    count = insert_values(
        ImportedObject,
        ["site", "kind", "wp_id", "object_id", "wp_parent", "digest", "meta", "extra"],
        [
            (site.pk, "comment", str(n), n, 0, "", [["k", "v"]], {"n": n, "ok": True})
            for n in range(5)
        ],
    )
    assert count == 5
    stored = ImportedObject.objects.get(wp_id="3")
    assert stored.meta == [["k", "v"]] and stored.extra == {"n": 3, "ok": True}
    assert stored.pk is not None


def test_it_refuses_a_mix_of_rows_with_and_without_keys() -> None:
    article = make_article("Story")
    with pytest.raises(ValueError, match="primary key"):
        insert_objects(
            Comment,
            [Comment(pk=5000, article=article), Comment(article=article)],
        )
