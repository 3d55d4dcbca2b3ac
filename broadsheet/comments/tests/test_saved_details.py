"""The "save my details" cookie: set only when ticked, pre-fills the form next time,
forgotten when unticked, signed, and named so the page cache recognises it."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from broadsheet.articles.models import Article
from broadsheet.comments.cookies import COMMENT_AUTHOR_COOKIE_PREFIX, cookie_name
from broadsheet.comments.tests.helpers import make_comment, post

pytestmark = pytest.mark.django_db
CONSENT = {"wp-comment-cookies-consent": "yes"}


def field(page: str, name: str) -> str:
    m = re.search(rf'<input id="{name}"[^>]* value="([^"]*)"', page)
    assert m is not None
    return m.group(1)


def test_it_sets_no_cookie_unless_the_box_is_ticked(client: Client, article: Article) -> None:
    response = post(client, article)
    assert not response.cookies


def test_it_remembers_and_prefills_when_ticked(client: Client, article: Article) -> None:
    response = post(client, article, url="https://grace.example", **CONSENT)
    cookie = response.cookies[cookie_name()]
    assert cookie.key.startswith(COMMENT_AUTHOR_COOKIE_PREFIX) and cookie["httponly"]
    assert cookie["samesite"] == "Lax" and int(cookie["max-age"]) > 300 * 24 * 3600
    page = client.get(article.path).content.decode()
    assert field(page, "author") == "Grace Hopper"
    assert field(page, "email") == "grace@example.org"
    assert field(page, "url") == "https://grace.example"
    assert re.search(r'id="wp-comment-cookies-consent"[^>]*checked', page)


def test_it_forgets_when_the_box_is_left_unticked(client: Client, article: Article) -> None:
    make_comment(article, author_name="Grace Hopper", author_email="grace@example.org")
    post(client, article, comment="One.", **CONSENT)
    client.cookies[cookie_name()]["expires"] = ""
    response = post(client, article, comment="Two.", ip="10.1.1.1", email="g2@example.org")
    assert response.cookies[cookie_name()].value == ""
    assert field(client.get(article.path).content.decode(), "author") == ""


def test_it_ignores_a_forged_cookie(client: Client, article: Article) -> None:
    client.cookies[cookie_name()] = "eyJuIjoiWCIsImUiOiJ4QGV4YW1wbGUub3JnIn0:forged:sig"
    page = client.get(article.path).content.decode()
    assert field(page, "author") == ""


def test_it_never_prefills_a_page_for_anyone_else(article: Article) -> None:
    writer = Client()
    post(writer, article, **CONSENT)
    page = Client().get(article.path).content.decode()
    assert "grace@example.org" not in page and "Grace Hopper" not in page
