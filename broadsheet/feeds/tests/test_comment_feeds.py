from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from broadsheet.articles.actions import do_save_article
from broadsheet.articles.models import Status
from broadsheet.articles.tests.factories import make_article
from broadsheet.comments.models import Comment
from broadsheet.feeds.tests.conftest import Site, approve
from broadsheet.feeds.tests.helpers import get, parse_feed


def test_it_lists_the_sites_newest_public_comments(client: Client, site: Site) -> None:
    other = make_article("Another story")
    approve(other, "Dan", "dan@example.net", "Second thoughts.")
    entries = parse_feed(client, "/comments/feed/").entries
    assert [e.title for e in entries] == [
        "Comment on Another story by Dan",
        "Comment on Budget day by Carol Reader",
    ]
    assert entries[1].author == "Carol Reader"
    assert entries[1].link.startswith(f"{settings.SITE_URL}{site.article.path}#comment-")
    assert "A fair summary." in entries[1].summary


def test_it_lists_one_articles_comments_at_its_url(client: Client, site: Site) -> None:
    other = make_article("Another story")
    approve(other, "Dan", "dan@example.net", "Elsewhere.")
    parsed = parse_feed(client, f"{site.article.path}feed/")
    assert parsed.feed.title == "Comments on: Budget day"
    assert [e.title for e in parsed.entries] == ["By: Carol Reader"]
    atom = parse_feed(client, f"{site.article.path}feed/atom/")
    assert [e.author for e in atom.entries] == ["Carol Reader"]


@pytest.mark.parametrize("status", ["pending", "spam", "trash"])
def test_it_leaves_out_comments_not_approved(client: Client, site: Site, status: str) -> None:
    Comment.objects.create(
        article=site.article,
        author_name="Hidden Person",
        author_email="hidden@example.com",
        content="Buy cheap pills",
        status=status,
    )
    for url in ("/comments/feed/", f"{site.article.path}feed/", "/comments/feed/atom/"):
        text = get(client, url)
        assert "Hidden Person" not in text and "cheap pills" not in text


def test_it_leaves_out_comments_on_articles_readers_cannot_see(client: Client, site: Site) -> None:
    hidden = {
        "draft": make_article("Draft", status=Status.DRAFT),
        "private": make_article("Private", status=Status.PRIVATE),
        "trash": make_article("Trash", status=Status.TRASH),
        "scheduled": make_article(
            "Scheduled", status=Status.PUBLISHED, published_at=timezone.now() + timedelta(days=1)
        ),
        "protected": make_article("Protected", password="sesame"),
    }
    for name, article in hidden.items():
        approve(article, f"Commenter on {name}", f"{name}@example.com", f"Words about {name}")
    text = get(client, "/comments/feed/") + get(client, "/comments/feed/atom/")
    for name in hidden:
        assert f"Words about {name}" not in text
    # An article no reader may see has no comments feed; a protected one shows none.
    for name in ("draft", "private", "trash", "scheduled"):
        assert client.get(f"{hidden[name].path}feed/").status_code == 404
    assert parse_feed(client, f"{hidden['protected'].path}feed/").entries == []


def test_it_never_shows_a_commenters_email(client: Client, site: Site) -> None:
    for url in ("/comments/feed/", "/comments/feed/atom/", f"{site.article.path}feed/"):
        assert "carol.secret@example.org" not in get(client, url)


def test_it_sanitises_comment_html(client: Client, site: Site) -> None:
    approve(
        site.article,
        "Mallory",
        "m@example.com",
        'Hi <script>alert(1)</script><a href="/x" onclick="evil()">link</a>',
    )
    text = get(client, "/comments/feed/")
    # The description is HTML escaped into XML: "&lt;script" would be a live element.
    assert "&lt;script" not in text
    assert 'onclick="' not in text


def test_it_moves_an_articles_comment_feed_with_the_article(client: Client, site: Site) -> None:
    old = site.article.path
    site.article.slug = "budget-day-moved"
    do_save_article(site.article)
    response = client.get(f"{old}feed/")
    assert response.status_code == 301
    assert response["Location"] == f"{site.article.path}feed/"
