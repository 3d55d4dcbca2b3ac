"""Password-protected articles: a form instead of the body until the right password."""

from __future__ import annotations

import pytest
from django.test import Client

from broadsheet.articles.models import POSTPASS_COOKIE, Article, Status
from broadsheet.articles.tests.factories import make_article
from broadsheet.testing.crawl import crawl


@pytest.fixture
def locked(db: None) -> Article:
    return make_article(
        "Locked headline",
        password="open sesame",
        standfirst="locked-standfirst-marker",
        body="## A heading\n\nlocked-body-marker",
        tags=["Locked tag"],
    )


def test_it_shows_the_password_form_instead_of_the_body(client: Client, locked: Article) -> None:
    response = client.get(locked.path)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Locked headline</h1>" in page
    assert '<form class="postpass" method="post" action="/postpass/">' in page
    assert f'<input type="hidden" name="article" value="{locked.pk}">' in page
    assert 'name="password" type="password"' in page
    assert "locked-body-marker" not in page
    assert "locked-standfirst-marker" not in page
    assert 'role="alert"' not in page


def test_it_leaks_nothing_in_listings_or_anywhere_else(client: Client, locked: Article) -> None:
    pages = crawl(client)
    assert locked.path in pages
    assert "/" in pages and "Locked headline" in pages["/"]
    for path, body in pages.items():
        assert "locked-body-marker" not in body, path
        assert "locked-standfirst-marker" not in body, path
    assert "Protected: Locked headline" in pages["/"]
    assert "This article is protected by a password." in pages["/"]


def test_it_keeps_the_standfirst_out_of_the_meta_description(
    client: Client, locked: Article
) -> None:
    page = client.get(locked.path).content.decode()
    assert '<meta name="description" content="Locked headline">' in page


def test_it_says_when_the_password_is_wrong(client: Client, locked: Article) -> None:
    response = client.post("/postpass/", {"article": locked.pk, "password": "guess"})
    assert response.status_code == 303
    assert POSTPASS_COOKIE not in response.cookies
    page = client.get(response["Location"]).content.decode()
    assert "That password is not right. Please try again." in page
    assert 'aria-invalid="true"' in page
    assert "locked-body-marker" not in page


def test_it_shows_the_body_after_the_right_password(client: Client, locked: Article) -> None:
    response = client.post("/postpass/", {"article": locked.pk, "password": "open sesame"})
    assert response.status_code == 303
    assert response["Location"] == locked.path
    cookie = response.cookies[POSTPASS_COOKIE]
    assert cookie["httponly"]
    assert "open sesame" not in cookie.value

    page = client.get(locked.path).content.decode()
    assert "locked-body-marker" in page
    assert "locked-standfirst-marker" in page
    assert 'href="/tag/locked-tag/"' in page
    assert "postpass" not in page


def test_it_unlocks_only_articles_with_that_password(client: Client, locked: Article) -> None:
    other = make_article("Other locked", password="different", body="other-body-marker")
    client.post("/postpass/", {"article": locked.pk, "password": "open sesame"})
    assert "other-body-marker" not in client.get(other.path).content.decode()


def test_it_locks_again_when_the_password_changes(client: Client, locked: Article) -> None:
    client.post("/postpass/", {"article": locked.pk, "password": "open sesame"})
    Article.objects.filter(pk=locked.pk).update(password="new secret")
    assert "locked-body-marker" not in client.get(locked.path).content.decode()


def test_it_ignores_a_forged_cookie(client: Client, locked: Article) -> None:
    client.cookies[POSTPASS_COOKIE] = "open sesame"
    assert "locked-body-marker" not in client.get(locked.path).content.decode()


@pytest.mark.django_db
def test_it_will_not_confirm_a_hidden_articles_password(client: Client) -> None:
    draft = make_article("Draft", password="pw", status=Status.DRAFT)
    response = client.post("/postpass/", {"article": draft.pk, "password": "pw"})
    assert response.status_code == 404
    assert POSTPASS_COOKIE not in response.cookies


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"password": "open sesame"},
        {"article": "", "password": "x"},
        {"article": "abc", "password": "x"},
        {"article": "-1", "password": "x"},
        {"article": "1e3", "password": "x"},
        {"article": "9" * 40, "password": "x"},
        {"article": "١٢", "password": "x"},
        {"article": "0", "password": "x"},
        {"article": "1\x00", "password": "x"},
        {"article": ["1", "2"], "password": ["a", "b"]},
    ],
)
def test_it_answers_garbage_with_a_4xx(client: Client, locked: Article, data: dict) -> None:
    response = client.post("/postpass/", data)
    assert 400 <= response.status_code < 500


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b'{"article": 1}', "application/json"),
        (b"\xff\xfe\x00garbage", "application/x-www-form-urlencoded"),
        (b"--x\r\nbroken", "multipart/form-data; boundary=x"),
    ],
)
def test_it_answers_malformed_bodies_with_a_4xx(
    client: Client, locked: Article, body: bytes, content_type: str
) -> None:
    response = client.generic("POST", "/postpass/", body, content_type=content_type)
    assert 400 <= response.status_code < 500


def test_it_refuses_other_methods(client: Client, locked: Article) -> None:
    assert client.get("/postpass/").status_code == 405
