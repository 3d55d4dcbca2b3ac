"""Malformed posts get a clear 4xx, never a 500, and nothing is stored."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from broadsheet.articles.actions import do_save_article
from broadsheet.articles.models import Article, Status
from broadsheet.articles.tests.factories import make_article
from broadsheet.comments.models import Comment
from broadsheet.comments.tests.helpers import form, post

pytestmark = pytest.mark.django_db
URL = "/wp-comments-post.php"


@pytest.fixture(autouse=True)
def nothing_stored() -> object:
    yield
    assert not Comment.objects.exists()


def test_it_refuses_missing_fields(client: Client, article: Article) -> None:
    assert client.post(URL, {}).status_code == 400
    assert post(client, article, comment=None, author=None, email=None).status_code == 400
    assert post(client, article, comment_post_ID=None).status_code == 400


@pytest.mark.parametrize(
    "fields",
    [
        {"comment_post_ID": "abc"},
        {"comment_post_ID": "-1"},
        {"comment_post_ID": "9" * 40},
        {"comment_parent": "abc"},
        {"comment_parent": "-3"},
        {"comment_parent": "9" * 40},
        {"comment_parent": "99999"},
        {"comment": "null\x00byte"},
    ],
)
def test_it_refuses_wrong_types(client: Client, article: Article, fields: dict[str, str]) -> None:
    assert post(client, article, **fields).status_code == 400


def test_it_refuses_a_body_over_a_megabyte(client: Client, article: Article) -> None:
    response = post(client, article, comment="x" * (1024 * 1024 + 1))
    assert response.status_code == 413


def test_it_refuses_invalid_utf8(client: Client, article: Article) -> None:
    body = f"comment=caf%E9&author=A&email=a%40example.org&comment_post_ID={article.pk}"
    response = client.post(URL, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    raw = (
        b'--B\r\nContent-Disposition: form-data; name="comment"\r\n\r\ncaf\xe9\r\n'
        + b'--B\r\nContent-Disposition: form-data; name="comment_post_ID"\r\n\r\n'
        + f"{article.pk}\r\n".encode()
        + b"--B--\r\n"
    )
    response = client.post(URL, raw, content_type="multipart/form-data; boundary=B")
    assert response.status_code == 400


def test_it_refuses_what_is_not_a_form(client: Client, article: Article) -> None:
    response = client.post(URL, '{"comment": "hi"}', content_type="application/json")
    assert response.status_code == 415


def test_it_answers_get_with_method_not_allowed(client: Client) -> None:
    assert client.get(URL).status_code == 405


def test_it_refuses_unknown_draft_and_private_articles(client: Client, article: Article) -> None:
    assert post(client, article, comment_post_ID="999999").status_code == 404
    draft = make_article("Draft", status=Status.DRAFT, published_at=None)
    assert post(client, draft).status_code == 404
    private = make_article("Private", status=Status.PRIVATE)
    assert post(client, private).status_code == 404
    later = make_article("Later", published_at=timezone.now() + timedelta(days=1))
    assert post(client, later).status_code == 404


def test_it_refuses_closed_articles(client: Client, article: Article) -> None:
    article.comments_open = False
    do_save_article(article)
    response = post(client, article)
    assert response.status_code == 403
    assert "Comments are closed" in response.content.decode()


def test_it_refuses_pages(client: Client, article: Article) -> None:
    page = make_article("About", kind="page", author=article.author)
    assert post(client, page).status_code == 403


def test_it_refuses_a_locked_article(client: Client, article: Article) -> None:
    article.password = "secret"
    do_save_article(article)
    assert post(client, article).status_code == 403


def test_it_survives_repeated_and_strange_keys(client: Client, article: Article) -> None:
    data = form(article, comment="")
    body = "&".join(f"{k}={v}" for k, v in data.items()) + "&comment=&comment[]=x&%ff=%fe"
    response = client.post(URL, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400


def test_it_never_answers_500_to_random_bodies(client: Client, article: Article) -> None:
    bodies = [b"", b"&&&", b"=", b"comment_post_ID", b"%", b"\xff\xfe\x00", b"a=%zz"]
    for body in bodies:
        response = client.post(URL, body, content_type="application/x-www-form-urlencoded")
        assert 400 <= response.status_code < 500, body
