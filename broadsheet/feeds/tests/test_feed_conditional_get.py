from __future__ import annotations

from django.test import Client
from django.utils.http import http_date

from broadsheet.articles.actions import do_save_article
from broadsheet.articles.tests.factories import make_article
from broadsheet.feeds.tests.conftest import Site, approve


def test_it_sends_an_etag_and_last_modified(client: Client, site: Site) -> None:
    response = client.get("/feed/")
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"] == http_date(
        max(site.article.updated_at, site.article.published_at).replace(microsecond=0).timestamp()
    )


def test_it_answers_304_when_the_reader_has_it(client: Client, site: Site) -> None:
    for url in ("/feed/", "/feed/atom/", "/comments/feed/", f"{site.article.path}feed/"):
        first = client.get(url)
        again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304, url
        assert again.content == b""
        since = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
        assert since.status_code == 304, url


def test_it_answers_200_after_an_edit(client: Client, site: Site) -> None:
    first = client.get("/feed/")
    site.article.title = "Budget day: the numbers"
    do_save_article(site.article)
    again = client.get("/feed/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert b"the numbers" in again.content


def test_it_answers_200_after_an_unpublish(client: Client, site: Site) -> None:
    older = make_article("Older")
    first = client.get("/feed/")
    site.article.status = "draft"
    do_save_article(site.article)
    again = client.get("/feed/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert b"Budget day" not in again.content and older.title.encode() in again.content


def test_it_answers_200_after_a_new_comment(client: Client, site: Site) -> None:
    first = client.get("/comments/feed/")
    approve(site.article, "Eve", "eve@example.com", "Late to the party.")
    again = client.get("/comments/feed/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert b"Late to the party." in again.content
