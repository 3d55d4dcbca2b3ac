"""Who the API thinks is asking: Application Passwords over HTTP Basic (HTTPS or loopback
only), the admin session with a nonce, and nobody otherwise."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import User
from django.middleware.csrf import get_token
from django.test import Client

from broadsheet.articles.models import Article, Status
from broadsheet.articles.tests.factories import make_article
from broadsheet.wordpress.models import ApplicationPassword, app_password_digest
from broadsheet.wordpress.tests.api_support import API, basic, error_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft() -> Article:
    return make_article("Draft", status=Status.DRAFT)


def drafts_seen(client: Client, **extra: str) -> int:
    response = client.get(f"{API}/posts", {"status": "draft"}, **extra)
    return response.status_code


def test_it_authenticates_with_an_application_password(editor: User, draft: Article) -> None:
    item, plain = ApplicationPassword.objects.issue(editor, "Phone")
    client = Client(HTTP_AUTHORIZATION=basic("editor", plain))
    response = client.get(f"{API}/posts/{draft.pk}")
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("no-cache")
    item.refresh_from_db()
    assert item.last_used_at is not None and item.last_ip == "127.0.0.1"
    # WordPress shows the password in groups of four; spaces are ignored.
    spaced = " ".join(plain[i : i + 4] for i in range(0, 24, 4))
    assert (
        Client(HTTP_AUTHORIZATION=basic("editor", spaced)).get(f"{API}/users/me").status_code == 200
    )
    # The email address works as the user name too.
    by_email = Client(HTTP_AUTHORIZATION=basic("editor@example.com", plain))
    assert by_email.get(f"{API}/users/me").json()["slug"] == "editor"


def test_it_stores_only_a_hash(editor: User) -> None:
    item, plain = ApplicationPassword.objects.issue(editor, "Script")
    assert len(plain) == 24 and plain.isalnum()
    stored = ApplicationPassword.objects.filter(pk=item.pk).values().get()
    assert plain not in json.dumps(stored, default=str)
    assert stored["digest"] == app_password_digest(plain)


def test_it_refuses_wrong_credentials(editor: User) -> None:
    _item, plain = ApplicationPassword.objects.issue(editor, "Phone")
    wrong = Client(HTTP_AUTHORIZATION=basic("editor", "x" * 24)).get(f"{API}/posts")
    assert wrong.status_code == 401 and error_code(wrong) == "incorrect_password"
    # The login password is not an application password.
    login = Client(HTTP_AUTHORIZATION=basic("editor", "password")).get(f"{API}/posts")
    assert login.status_code == 401
    unknown = Client(HTTP_AUTHORIZATION=basic("nobody", plain)).get(f"{API}/posts")
    assert unknown.status_code == 401 and error_code(unknown) == "incorrect_password"
    assert unknown.json()["message"] == wrong.json()["message"]
    for header in ("Basic !!!", "Basic " + "YWJj", "Bearer abc", "Basic"):
        response = Client(HTTP_AUTHORIZATION=header).get(f"{API}/posts")
        assert response.status_code == 401, header
    editor.is_active = False
    editor.save()
    assert Client(HTTP_AUTHORIZATION=basic("editor", plain)).get(f"{API}/posts").status_code == 401


def test_it_stops_accepting_a_revoked_password(editor: User) -> None:
    item, plain = ApplicationPassword.objects.issue(editor, "Old laptop")
    client = Client(HTTP_AUTHORIZATION=basic("editor", plain))
    assert client.get(f"{API}/users/me").status_code == 200
    item.delete()
    assert client.get(f"{API}/users/me").status_code == 401


def test_it_refuses_basic_auth_over_plain_http_from_elsewhere(editor: User) -> None:
    _item, plain = ApplicationPassword.objects.issue(editor, "Phone")
    header = basic("editor", plain)
    remote = Client(HTTP_AUTHORIZATION=header, REMOTE_ADDR="203.0.113.7")
    refused = remote.get(f"{API}/users/me")
    assert refused.status_code == 401
    assert error_code(refused) == "application_passwords_disabled"
    # Through a proxy on this machine, the client is not on this machine.
    proxied = Client(HTTP_AUTHORIZATION=header, HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert proxied.get(f"{API}/users/me").status_code == 401
    # Over HTTPS it is fine from anywhere.
    secure = remote.get(f"{API}/users/me", secure=True)
    assert secure.status_code == 200
    ipv6 = Client(HTTP_AUTHORIZATION=header, REMOTE_ADDR="::1")
    assert ipv6.get(f"{API}/users/me").status_code == 200


def test_it_treats_a_session_without_nonce_as_nobody(editor: User, draft: Article) -> None:
    client = Client()
    client.force_login(editor)
    assert client.get(f"{API}/posts/{draft.pk}").status_code == 401
    response = client.post(
        f"{API}/posts", json.dumps({"title": "Forged"}), content_type="application/json"
    )
    assert response.status_code == 401
    assert not Article.objects.filter(title="Forged").exists()


def test_it_accepts_a_session_with_its_nonce(editor: User, draft: Article) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    # The nonce is the CSRF token the site's own pages carry.
    page = client.get("/admin/")
    token = get_token(page.wsgi_request)
    client.cookies["csrftoken"] = page.wsgi_request.META["CSRF_COOKIE"]
    ok = client.get(f"{API}/posts/{draft.pk}", HTTP_X_WP_NONCE=token)
    assert ok.status_code == 200
    created = client.post(
        f"{API}/posts",
        json.dumps({"title": "From the admin"}),
        content_type="application/json",
        HTTP_X_WP_NONCE=token,
    )
    assert created.status_code == 201
    bad = client.get(f"{API}/posts/{draft.pk}", HTTP_X_WP_NONCE="x" * 64)
    assert bad.status_code == 403 and error_code(bad) == "rest_cookie_invalid_nonce"


def test_it_reports_the_current_user(client: Client, editor: User) -> None:
    anonymous = client.get(f"{API}/users/me")
    assert anonymous.status_code == 401 and error_code(anonymous) == "rest_not_logged_in"
    _item, plain = ApplicationPassword.objects.issue(editor, "Phone")
    me = Client(HTTP_AUTHORIZATION=basic("editor", plain)).get(
        f"{API}/users/me", {"context": "edit"}
    )
    assert me.status_code == 200
    assert me.json()["username"] == "editor" and me.json()["roles"] == ["editor"]
