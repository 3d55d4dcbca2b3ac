"""Staff export everything held for an email address, as WordPress's privacy tools do."""

from __future__ import annotations

import json

from django.contrib.auth.models import User
from django.test import Client

from broadsheet.articles.models import Article
from broadsheet.comments.models import Comment
from broadsheet.people.models import Author
from broadsheet.privacy.actions import do_export_personal_data
from broadsheet.privacy.models import PrivacyRequest

EXPORT = "/admin/privacy/privacyrequest/export/"


def test_it_exports_every_comment_with_its_ip_address(graces: list[Comment]) -> None:
    data = do_export_personal_data("GRACE@example.org")
    assert [c["content"] for c in data["comments"]] == ["First thoughts.", "Second thoughts."]
    first = data["comments"][0]
    assert first["author_ip"] == "203.0.113.9"
    assert first["user_agent"] == "Mozilla/5.0 (Grace's phone)"
    assert first["author_url"] == "https://grace.example.org/"
    assert first["article_url"].endswith(graces[0].article.get_absolute_url())
    assert first["status"] == "approved"
    assert "Alan's." not in json.dumps(data)
    assert data["author_profiles"] == [] and data["accounts"] == []


def test_it_exports_the_author_profile_and_login(article: Article, author: User) -> None:
    author.email = "writer@example.org"
    author.save()
    Author.objects.filter(user=author).update(bio="Writes about ports.")
    data = do_export_personal_data("writer@example.org")
    assert [p["bio"] for p in data["author_profiles"]] == ["Writes about ports."]
    account = data["accounts"][0]
    assert account["username"] == "author" and account["roles"] == ["Author"]
    assert author.password not in json.dumps(data)  # never the password hash


def test_it_downloads_a_json_file_from_the_admin(
    client: Client, privacy_admin: User, graces: list[Comment]
) -> None:
    client.force_login(privacy_admin)
    index = client.get("/admin/").content.decode()
    assert "/admin/privacy/privacyrequest/" in index
    listing = client.get("/admin/privacy/privacyrequest/").content.decode()
    assert EXPORT in listing

    response = client.post(EXPORT, {"email": "grace@example.org"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment; filename=")
    data = json.loads(response.content)
    assert len(data["comments"]) == 2

    record = PrivacyRequest.objects.get()
    assert record.kind == "export" and record.email == "grace@example.org"
    assert record.requested_by == privacy_admin
    assert "grace@example.org" in client.get("/admin/privacy/privacyrequest/").content.decode()


def test_it_refuses_what_is_not_an_email_address(client: Client, privacy_admin: User) -> None:
    client.force_login(privacy_admin)
    response = client.post(EXPORT, {"email": "not an address"})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not PrivacyRequest.objects.exists()


def test_it_keeps_the_tools_from_staff_without_the_permission(
    client: Client, editor: User, graces: list[Comment]
) -> None:
    client.force_login(editor)
    assert client.post(EXPORT, {"email": "grace@example.org"}).status_code == 403
    assert client.get("/admin/privacy/privacyrequest/erase/").status_code == 403
    assert "/admin/privacy/" not in client.get("/admin/").content.decode()
