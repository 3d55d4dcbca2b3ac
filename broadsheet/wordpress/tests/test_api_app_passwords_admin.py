"""Application Passwords in /admin/: made per user, named, shown once, revocable."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from broadsheet.wordpress.models import ApplicationPassword
from broadsheet.wordpress.tests.api_support import API, basic

pytestmark = pytest.mark.django_db

ADD = "/admin/wordpress/applicationpassword/add/"
LIST = "/admin/wordpress/applicationpassword/"


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_it_shows_a_new_password_once_and_it_works(author: User) -> None:
    client = logged_in(author)
    assert client.get(ADD).status_code == 200
    response = client.post(ADD, {"user": author.pk, "name": "Phone app"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    shown = re.search(r"<kbd[^>]*>([A-Za-z0-9 ]+)</kbd>", response.content.decode()).group(1)
    assert len(shown.replace(" ", "")) == 24
    item = ApplicationPassword.objects.get(user=author, name="Phone app")
    api = Client(HTTP_AUTHORIZATION=basic("author", shown))
    assert api.get(f"{API}/users/me").json()["slug"] == "author"
    # Never shown again: neither the list nor the item's page has it.
    listing = client.get(LIST).content.decode()
    assert "Phone app" in listing and shown not in listing
    detail = client.get(f"{LIST}{item.pk}/change/").content.decode()
    assert shown.replace(" ", "") not in detail and shown not in detail


def test_it_refuses_a_second_password_with_the_same_name(author: User) -> None:
    client = logged_in(author)
    client.post(ADD, {"user": author.pk, "name": "Phone"})
    again = client.post(ADD, {"user": author.pk, "name": "Phone"})
    assert "should be unique" in again.content.decode()
    assert ApplicationPassword.objects.filter(user=author).count() == 1


def test_it_lets_writers_manage_only_their_own(author: User, editor: User) -> None:
    theirs, _plain = ApplicationPassword.objects.issue(editor, "Editor's script")
    client = logged_in(author)
    assert "Editor&#x27;s script" not in client.get(LIST).content.decode()
    assert client.get(f"{LIST}{theirs.pk}/change/").status_code in (302, 403, 404)
    # A made-up user id in the form is refused.
    client.post(ADD, {"user": editor.pk, "name": "Sneaky"})
    assert not ApplicationPassword.objects.filter(name="Sneaky").exists()
    assert client.post(f"{LIST}{theirs.pk}/delete/", {"post": "yes"}).status_code in (302, 403, 404)
    assert ApplicationPassword.objects.filter(pk=theirs.pk).exists()


def test_it_revokes_a_password(author: User) -> None:
    item, plain = ApplicationPassword.objects.issue(author, "Old")
    client = logged_in(author)
    response = client.post(f"{LIST}{item.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not ApplicationPassword.objects.filter(pk=item.pk).exists()
    assert (
        Client(HTTP_AUTHORIZATION=basic("author", plain)).get(f"{API}/users/me").status_code == 401
    )


def test_it_keeps_readers_out(reader: User) -> None:
    assert logged_in(reader).get(LIST).status_code == 302
