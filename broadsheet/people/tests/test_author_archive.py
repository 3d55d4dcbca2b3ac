"""The author archive at /author/slug/: the author's box, then their articles, paginated."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client

from broadsheet.articles.tests.factories import make_article, make_author, make_image

NOW = datetime(2024, 6, 15, 12, 0, tzinfo=UTC)


@pytest.mark.django_db
def test_it_lists_only_the_authors_articles(client: Client) -> None:
    ada = make_author("Ada Lovelace", slug="ada")
    make_article("Ada's story", author=ada)
    make_article("Someone else's story")
    body = client.get("/author/ada/").content.decode()
    assert "Ada&#x27;s story" in body
    assert "Someone else" not in body


@pytest.mark.django_db
def test_it_shows_the_authors_name_photo_and_bio(client: Client) -> None:
    ada = make_author(
        "Ada Lovelace", slug="ada", bio="Ada covers trade.", photo=make_image("Portrait of Ada")
    )
    make_article("A story", author=ada)
    body = client.get("/author/ada/").content.decode()
    assert "<h1>Ada Lovelace</h1>" in body
    assert 'alt="Portrait of Ada"' in body
    assert "Ada covers trade." in body
    assert '<meta name="description" content="Ada covers trade.">' in body


@pytest.mark.django_db
def test_it_answers_for_an_author_with_nothing_published(client: Client) -> None:
    make_author("Quiet One", slug="quiet")
    response = client.get("/author/quiet/")
    assert response.status_code == 200
    assert "Nothing has been published here yet." in response.content.decode()


@pytest.mark.django_db
def test_it_paginates(client: Client) -> None:
    ada = make_author("Ada Lovelace", slug="ada")
    for i in range(12):
        make_article(f"Story {i}", author=ada, published_at=NOW - timedelta(minutes=i))
    first = client.get("/author/ada/").content.decode()
    assert "Story 9<" in first and "Story 10<" not in first
    assert '<link rel="next" href="/author/ada/page/2/">' in first
    second = client.get("/author/ada/page/2/").content.decode()
    assert "Story 10<" in second and "Story 11<" in second and "Story 9<" not in second
    assert '<link rel="prev" href="/author/ada/">' in second
    assert client.get("/author/ada/page/3/").status_code == 404


@pytest.mark.django_db
def test_it_404s_an_unknown_author(client: Client) -> None:
    assert client.get("/author/nobody/").status_code == 404
    assert client.get("/author/nobody/page/2/").status_code == 404


@pytest.mark.django_db
def test_it_serves_a_non_latin_author_slug(client: Client) -> None:
    ivan = make_author("Иван Петров", slug="иван-петров")
    make_article("Ivan's story", author=ivan)
    response = client.get("/author/%D0%B8%D0%B2%D0%B0%D0%BD-%D0%BF%D0%B5%D1%82%D1%80%D0%BE%D0%B2/")
    assert response.status_code == 200
    assert "<h1>Иван Петров</h1>" in response.content.decode()
