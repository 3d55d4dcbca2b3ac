"""A reader posts a comment through WordPress's form fields, with errors shown beside each
field, everything typed kept, and an error summary that takes focus."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from broadsheet.articles.models import Article
from broadsheet.comments.models import Comment
from broadsheet.comments.tests.helpers import make_comment, post

pytestmark = pytest.mark.django_db


def test_it_shows_the_leave_a_reply_form_under_the_article(
    client: Client, article: Article
) -> None:
    page = client.get(article.path).content.decode()
    form = page[page.index('<div id="respond"') :]
    texts = [
        "Leave a Reply",
        "Your email address will not be published.",
        "Required fields are marked",
        "Comment <span",
        "Name <span",
        "Email <span",
        "Website</label>",
        "Save my name, email, and website in this browser for the next time I comment.",
        'value="Post Comment"',
    ]
    positions = [form.index(t) for t in texts]
    assert positions == sorted(positions)
    for name in (
        "comment",
        "author",
        "email",
        "url",
        "wp-comment-cookies-consent",
        "comment_parent",
        "comment_post_ID",
    ):
        assert f'name="{name}"' in form
    assert 'action="/wp-comments-post.php"' in form
    assert form.count('aria-required="true"') == 3
    # Nothing per reader in a page the shared cache may keep.
    assert "csrfmiddlewaretoken" not in page


def test_it_stores_the_comment_and_sends_the_reader_to_it(client: Client, article: Article) -> None:
    make_comment(article, author_name="Grace Hopper", author_email="grace@example.org")
    response = post(client, article, comment="Second thoughts.\n\nOn ports.", url="example.org")
    assert response.status_code == 303
    comment = Comment.objects.latest("id")
    assert comment.status == Comment.Status.APPROVED
    assert comment.author_url == "https://example.org"
    assert response["Location"] == f"{article.path}#comment-{comment.pk}"
    page = client.get(article.path).content.decode()
    assert f'id="comment-{comment.pk}"' in page
    assert "<p>Second thoughts.</p><p>On ports.</p>" in page


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"comment": "  "}, "comment", "Please type your comment."),
        ({"author": ""}, "author", "Please enter your name."),
        ({"email": ""}, "email", "Please enter your email address."),
        ({"email": "not-an-email"}, "email", "Please enter a valid email address"),
        ({"url": "ftp://example.org"}, "url", "Please enter a web address"),
        ({"author": "n" * 246}, "author", "at most 245 characters"),
        ({"email": "e" * 90 + "@example.org"}, "email", "at most 100 characters"),
        ({"url": "https://example.org/" + "u" * 190}, "url", "at most 200 characters"),
        ({"comment": "c" * 65526}, "comment", "at most 65525 characters"),
    ],
)
def test_it_shows_each_error_beside_its_field_and_keeps_what_was_typed(
    client: Client, article: Article, fields: dict[str, str], field: str, message: str
) -> None:
    typed = {
        "comment": "My <em>careful</em> words",
        "author": "Grace",
        "url": "https://grace.example",
    }
    typed.update(fields)
    response = post(client, article, **typed, **{"wp-comment-cookies-consent": "yes"})
    assert response.status_code == 400
    page = response.content.decode()
    summary = page[
        page.index('<div class="error-summary"') : page.index(
            "</div>", page.index('<div class="error-summary"')
        )
    ]
    assert "autofocus" in summary and 'tabindex="-1"' in summary and 'role="alert"' in summary
    assert f'href="#{field}"' in summary and message in summary
    assert f'id="{field}-error">' in page
    tag = re.search(rf'<(?:input|textarea) id="{field}"[^>]*>', page)
    assert tag is not None and 'aria-invalid="true"' in tag.group(0)
    assert f"{field}-error" in tag.group(0)
    # Everything typed is still there.
    if field != "comment":
        assert "My &lt;em&gt;careful&lt;/em&gt; words</textarea>" in page
    if field != "author":
        assert 'value="Grace"' in page
    assert "checked" in page[page.index('id="wp-comment-cookies-consent"') :][:120]
    assert not Comment.objects.exists()


def test_it_accepts_the_longest_allowed_fields(client: Client, article: Article) -> None:
    response = post(
        client,
        article,
        author="n" * 245,
        email="e" * 88 + "@example.org",
        url="https://example.org/" + "u" * 180,
        comment="c" * 65525,
    )
    assert response.status_code == 303
    assert Comment.objects.get().content == "c" * 65525


def test_it_keeps_csrf_protection_for_logged_in_users(editor, article: Article) -> None:  # type: ignore[no-untyped-def]
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    page = client.get(article.path).content.decode()
    assert "csrfmiddlewaretoken" in page
    assert "Logged in as Editor." in page
    refused = post(client, article)
    assert refused.status_code == 403
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    accepted = post(client, article, csrfmiddlewaretoken=token, author=None, email=None)
    assert accepted.status_code == 303
    comment = Comment.objects.get()
    assert (comment.author_name, comment.author_email, comment.user) == (
        "Editor",
        "editor@example.com",
        editor,
    )
    assert comment.status == Comment.Status.APPROVED


def test_it_lets_anonymous_readers_post_without_a_token(article: Article) -> None:
    client = Client(enforce_csrf_checks=True)
    assert post(client, article).status_code == 303
