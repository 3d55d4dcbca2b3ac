"""Crawl the whole public site, feeds and sitemaps included, as an anonymous reader: nothing
hidden shows anywhere, and a protected article shows no more than its title."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from broadsheet.articles.models import Kind, Status
from broadsheet.articles.tests.factories import make_article, make_author, make_category
from broadsheet.comments.models import Comment
from broadsheet.feeds.tests.conftest import approve
from broadsheet.testing.crawl import crawl

HIDDEN = {
    "draft": {"status": Status.DRAFT},
    "pending": {"status": Status.PENDING},
    "private": {"status": Status.PRIVATE},
    "trash": {"status": Status.TRASH},
    "scheduled": {"published_at": timezone.now() + timedelta(days=3)},
    "draftpage": {"status": Status.DRAFT, "kind": Kind.PAGE},
}


@pytest.mark.django_db
def test_it_shows_nothing_hidden_through_any_output(client: Client) -> None:
    author = make_author("Ada", slug="ada")
    news = make_category("News")
    visible = make_article("Visible story", author=author, categories=[news], tags=["Budget"])
    approve(visible, "Carol", "carol.private@example.org", "Public words.")
    for name, fields in HIDDEN.items():
        fields = dict(fields)
        if "published_at" in fields:
            fields["published_at"] = timezone.now() + timedelta(days=3)
        article = make_article(
            f"Hidden{name}title",
            author=author,
            categories=[news],
            tags=["Budget"],
            standfirst=f"Hidden{name}standfirst",
            body=f"Hidden{name}body",
            slug=f"hidden{name}slug",
            **fields,
        )
        Comment.objects.create(
            article=article,
            author_name=f"Hidden{name}commenter",
            author_email=f"hidden{name}@example.com",
            content=f"Hidden{name}comment",
            status=Comment.Status.APPROVED,
        )
    locked = make_article(
        "Locked story",
        author=author,
        categories=[news],
        tags=["Budget"],
        password="sesame",
        standfirst="Lockedstandfirst",
        body="Lockedbody",
    )
    approve(locked, "Locker", "locker@example.com", "Lockedcomment")
    Comment.objects.create(
        article=visible,
        author_name="Heldcommenter",
        author_email="held@example.com",
        content="Heldcomment",
        status=Comment.Status.PENDING,
    )

    pages = crawl(client)
    # The crawl reached every kind of output this issue adds.
    for path in (
        "/feed/",
        "/comments/feed/",
        f"{visible.path}feed/",
        "/category/news/feed/",
        "/tag/budget/feed/",
        "/author/ada/feed/",
    ):
        assert any(p.endswith(path) for p in pages), path
    assert any("sitemap-posts-1.xml" in p for p in pages)
    assert any("sitemap-tags-1.xml" in p for p in pages)
    # Search is reached by a form, not a link: ask it directly.
    for word in ("hidden", "locked", "held", "story", "budget", "comment"):
        pages[f"/?s={word}"] = client.get("/", {"s": word}).content.decode()
    for word in [f"Hidden{name}{part}" for name in HIDDEN for part in ("title", "body")] + [
        "Lockedstandfirst",
        "Lockedbody",
    ]:
        # These pages repeat the query itself, so only their results are checked.
        found = client.get("/", {"s": word}).content.decode()
        assert "0 results" in found and "search-hit" not in found, word

    everything = "\n".join(pages.values()).lower()
    for name in HIDDEN:
        for part in ("title", "standfirst", "body", "slug", "commenter", "comment"):
            assert f"hidden{name}{part}" not in everything, (name, part)
        assert f"hidden{name}@example.com" not in everything
    for secret in ("lockedstandfirst", "lockedbody", "lockedcomment", "heldcomment"):
        assert secret not in everything, secret
    for email in ("carol.private@example.org", "locker@example.com", "held@example.com"):
        assert email not in everything
    assert "locked story" in everything and "public words." in everything
