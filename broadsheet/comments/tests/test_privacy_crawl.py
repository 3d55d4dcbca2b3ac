"""No commenter's email appears in any public output: every page, feed, sitemap, search
result and API answer an anonymous reader can reach, nor its plain md5 or sha256 (what a
Gravatar URL would carry)."""

from __future__ import annotations

import hashlib

import pytest
from django.test import Client

from broadsheet.articles.models import Article
from broadsheet.articles.tests.factories import make_article
from broadsheet.comments.models import Comment, DiscussionSettings
from broadsheet.comments.tests.helpers import make_comment
from broadsheet.testing.crawl import crawl

pytestmark = pytest.mark.django_db


def fingerprints(email: str) -> set[str]:
    out = {email}
    for variant in {email, email.lower(), email.strip().lower()}:
        out.add(hashlib.md5(variant.encode(), usedforsecurity=False).hexdigest())
        out.add(hashlib.sha256(variant.encode()).hexdigest())
    return out


def test_it_publishes_no_commenter_email_anywhere(client: Client, article: Article) -> None:
    # Five threads a page, so three comment pages are crawled without hundreds of comments.
    DiscussionSettings(per_page=5).save()
    other = make_article("Second story", author=article.author)
    emails: list[str] = []
    names: list[str] = []
    for i, (target, status) in enumerate(
        [(article, "approved")] * 16 + [(other, "approved"), (other, "pending"), (other, "spam")]
    ):
        email = f"Reader.{i}.Secret@Example-{i}.org"
        emails.append(email)
        names.append(f"Commenter {i}")
        parent = None
        if i % 7 == 3:
            parent = Comment.objects.filter(article=target, status="approved").first()
        make_comment(
            target,
            author_name=f"Commenter {i}",
            author_email=email,
            author_url=f"https://site-{i}.example",
            content=f"Comment {i} with a link https://ref-{i}.example",
            status=status,
            parent=parent,
        )

    starts = (
        "/",
        "/sitemap.xml",
        "/feed/",
        "/comments/feed/",
        f"{article.path}feed/",
        f"{article.path}comment-page-2/",
        "/?s=Comment",
        "/wp-json/",
        "/wp-json/wp/v2/comments",
        f"/wp-json/wp/v2/comments?post={article.pk}",
    )
    bodies = crawl(client, start=starts)
    # The crawl really saw the comments (so the check below can fail).
    everything = "\n".join(bodies.values())
    assert "Commenter 0" in everything and "Commenter 15" in everything
    assert f"{article.path}comment-page-3/" in bodies
    for email in emails:
        for secret in fingerprints(email):
            leaks = [path for path, body in bodies.items() if secret.lower() in body.lower()]
            assert not leaks, (email, secret, leaks)


def test_it_would_notice_a_leak() -> None:
    """The check itself: a body carrying an address's md5 is caught."""
    email = "someone@example.org"
    body = f'<img src="https://gravatar.example/{hashlib.md5(email.encode()).hexdigest()}">'  # noqa: S324
    assert any(secret in body for secret in fingerprints(email))
