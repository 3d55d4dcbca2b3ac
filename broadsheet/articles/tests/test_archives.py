"""Category, tag, year and month archives (the author archive is tested in people/)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client

from broadsheet.articles.tests.factories import make_article, make_category

NOW = datetime(2024, 6, 15, 12, 0, tzinfo=UTC)


def titles_on(client: Client, url: str) -> set[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    body = response.content.decode()
    return {t for t in ALL_TITLES if f">{t}</a></h2>" in body}


ALL_TITLES = [f"Story {i}" for i in range(30)] + ["Parent story", "Child story", "Other story"]


@pytest.mark.django_db
def test_it_includes_child_categories_in_the_parent_archive(client: Client) -> None:
    world = make_category("World")
    europe = make_category("Europe", parent=world)
    sport = make_category("Sport")
    make_article("Parent story", categories=[world])
    make_article("Child story", categories=[europe])
    make_article("Other story", categories=[sport])

    assert titles_on(client, "/category/world/") == {"Parent story", "Child story"}
    assert titles_on(client, "/category/world/europe/") == {"Child story"}
    assert titles_on(client, "/category/sport/") == {"Other story"}
    body = client.get("/category/world/europe/").content.decode()
    assert "<h1>Europe</h1>" in body


@pytest.mark.django_db
def test_it_lists_an_article_in_two_child_categories_once(client: Client) -> None:
    world = make_category("World")
    europe = make_category("Europe", parent=world)
    asia = make_category("Asia", parent=world)
    make_article("Child story", categories=[europe, asia])
    body = client.get("/category/world/").content.decode()
    assert body.count(">Child story</a></h2>") == 1


@pytest.mark.django_db
def test_it_does_not_mix_up_categories_sharing_a_path_prefix(client: Client) -> None:
    make_article("Parent story", categories=[make_category("Art")])
    make_article("Other story", categories=[make_category("Arts", parent=None)])
    assert titles_on(client, "/category/art/") == {"Parent story"}


@pytest.mark.django_db
def test_it_serves_a_grandchild_category_by_its_full_path(client: Client) -> None:
    world = make_category("World")
    europe = make_category("Europe", parent=world)
    france = make_category("France", parent=europe)
    make_article("Child story", categories=[france])
    assert titles_on(client, "/category/world/europe/france/") == {"Child story"}
    assert titles_on(client, "/category/world/") == {"Child story"}
    # A child only lives under its own parent.
    assert client.get("/category/france/").status_code == 404
    assert client.get("/category/europe/france/").status_code == 404


@pytest.mark.django_db
def test_it_lists_a_tag(client: Client) -> None:
    make_article("Parent story", tags=["Energy"])
    make_article("Other story", tags=["Water"])
    assert titles_on(client, "/tag/energy/") == {"Parent story"}
    assert "<h1>Energy</h1>" in client.get("/tag/energy/").content.decode()


@pytest.mark.django_db
def test_it_lists_a_year_and_a_month(client: Client) -> None:
    make_article("Parent story", published_at=datetime(2023, 12, 31, 12, tzinfo=UTC))
    make_article("Child story", published_at=datetime(2024, 1, 1, 12, tzinfo=UTC))
    make_article("Other story", published_at=datetime(2024, 2, 10, 12, tzinfo=UTC))

    assert titles_on(client, "/2023/") == {"Parent story"}
    assert titles_on(client, "/2024/") == {"Child story", "Other story"}
    assert titles_on(client, "/2024/01/") == {"Child story"}
    assert titles_on(client, "/2024/02/") == {"Other story"}
    assert titles_on(client, "/2023/12/") == {"Parent story"}
    assert titles_on(client, "/2024/03/") == set()
    assert "<h1>Archive for January 2024</h1>" in client.get("/2024/01/").content.decode()
    assert "<h1>Archive for 2024</h1>" in client.get("/2024/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/2024/13/", "/2024/00/", "/0000/", "/2024/13/page/2/"])
def test_it_404s_an_impossible_date(client: Client, url: str) -> None:
    make_article("Parent story", published_at=NOW)
    assert client.get(url).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/category/nowhere/",
        "/category/world/nowhere/",
        "/tag/nowhere/",
        "/author/nobody/",
        "/category/nowhere/page/2/",
        "/tag/nowhere/page/2/",
    ],
)
def test_it_404s_an_unknown_term(client: Client, url: str) -> None:
    make_article("Parent story", categories=[make_category("World")], tags=["Energy"])
    assert client.get(url).status_code == 404


def fill(n: int, **fields: object) -> None:
    for i in range(n):
        make_article(f"Story {i}", published_at=NOW - timedelta(minutes=i), **fields)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("base", "setup"),
    [
        ("/category/world/", lambda: {"categories": [make_category("World")]}),
        (
            "/category/world/europe/",
            lambda: {"categories": [make_category("Europe", parent=make_category("World"))]},
        ),
        ("/tag/energy/", lambda: {"tags": ["Energy"]}),
        ("/2024/", dict),
        ("/2024/06/", dict),
    ],
)
def test_it_paginates_every_archive(client: Client, base: str, setup) -> None:  # type: ignore[no-untyped-def]
    fill(23, **setup())
    first, second, third = (
        titles_on(client, u) for u in (base, f"{base}page/2/", f"{base}page/3/")
    )
    assert first == {f"Story {i}" for i in range(10)}
    assert second == {f"Story {i}" for i in range(10, 20)}
    assert third == {f"Story {i}" for i in range(20, 23)}

    body = client.get(f"{base}page/2/").content.decode()
    assert f'<link rel="prev" href="{base}">' in body
    assert f'<link rel="next" href="{base}page/3/">' in body
    assert f'class="older" rel="next" href="{base}page/3/"' in body
    assert f'class="newer" rel="prev" href="{base}"' in body
    assert client.get(f"{base}page/4/").status_code == 404
