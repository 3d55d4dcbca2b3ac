"""Staff erase the personal data held for an email address: comments anonymised or deleted."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from broadsheet.articles.models import Article
from broadsheet.comments.models import Comment
from broadsheet.privacy.actions import PrivacyError, do_erase_personal_data
from broadsheet.privacy.models import PrivacyRequest
from broadsheet.privacy.tests.conftest import comment

ERASE = "/admin/privacy/privacyrequest/erase/"


def test_it_anonymises_the_comments_and_keeps_their_text(
    client: Client, graces: list[Comment]
) -> None:
    result = do_erase_personal_data("grace@example.org", mode="anonymise")
    assert (result.anonymised, result.deleted) == (2, 0)
    for c in Comment.objects.filter(pk__in=[c.pk for c in graces]):
        assert c.author_name == "Anonymous"
        assert (c.author_email, c.author_url, c.author_ip, c.user_agent) == ("", "", None, "")
        assert c.user is None
    assert Comment.objects.filter(content="Second thoughts.").exists()
    alan = Comment.objects.get(author_name="Alan")
    assert alan.author_ip == "198.51.100.4"  # someone else's, untouched
    page = client.get(graces[0].article.get_absolute_url()).content.decode()
    assert "First thoughts." in page and "Grace Hopper" not in page


def test_it_deletes_the_comments_and_moves_replies_up(article: Article) -> None:
    parent = comment(article, author_name="Alan", author_email="alan@example.org")
    middle = comment(article, parent=parent, content="Grace replies.")
    own_reply = comment(article, parent=middle, content="Grace again.")
    reply = comment(
        article,
        parent=own_reply,
        author_name="Alan",
        author_email="alan@example.org",
        content="Alan answers.",
    )
    result = do_erase_personal_data("grace@example.org", mode="delete")
    assert result.deleted == 2
    assert not Comment.objects.filter(author_email__iexact="grace@example.org").exists()
    reply.refresh_from_db()
    assert reply.parent_id == parent.pk


def test_it_lists_author_profiles_and_logins_it_keeps(article: Article, author: User) -> None:
    author.email = "writer@example.org"
    author.save()
    comment(article, author_email="writer@example.org", user=author)
    result = do_erase_personal_data("writer@example.org")
    assert result.anonymised == 1
    assert any("Author" in line for line in result.kept)
    assert any("author" in line for line in result.kept)
    author.refresh_from_db()
    assert author.email == "writer@example.org"


def test_it_refuses_what_is_not_an_email_address(db: None) -> None:
    with pytest.raises(PrivacyError):
        do_erase_personal_data("")
    with pytest.raises(PrivacyError):
        do_erase_personal_data("grace@example.org", mode="shred")  # type: ignore[arg-type]


def test_it_erases_from_the_admin_after_confirmation(
    client: Client, privacy_admin: User, graces: list[Comment]
) -> None:
    client.force_login(privacy_admin)
    assert "cannot be undone" in client.get(ERASE).content.decode()
    unconfirmed = client.post(ERASE, {"email": "grace@example.org", "mode": "delete"})
    assert unconfirmed.status_code == 200
    assert Comment.objects.filter(author_email__iexact="grace@example.org").count() == 2

    response = client.post(ERASE, {"email": "grace@example.org", "mode": "delete", "confirm": "on"})
    assert response.status_code == 302
    assert not Comment.objects.filter(author_email__iexact="grace@example.org").exists()
    record = PrivacyRequest.objects.get()
    assert record.kind == "erase" and "2 comments deleted" in record.summary
    assert "2 comments deleted" in client.get(response["Location"]).content.decode()
