"""/wp-json/wp/v2/categories and /tags (WordPress's WP_Test_REST_Terms_Controller, ported
where it applies): counts of published posts only, filters, and writes by role."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from broadsheet.articles.models import Category, Status, Tag
from broadsheet.articles.tests.factories import make_article, make_category
from broadsheet.wordpress.tests.api_support import API, as_user, error_code

pytestmark = pytest.mark.django_db


def send(client: Client, url: str, data: Any, method: str = "post") -> Any:
    return getattr(client, method)(url, json.dumps(data), content_type="application/json")


def test_it_lists_categories_counting_only_published_posts(client: Client) -> None:
    news = make_category("News")
    world = make_category("World", parent=news)
    make_article(categories=[news])
    make_article(categories=[news], status=Status.DRAFT)
    make_article(categories=[news], password="pw")
    response = client.get(f"{API}/categories")
    assert response["X-WP-Total"] == "2"
    by_name = {c["name"]: c for c in response.json()}
    assert by_name["News"]["count"] == 2
    assert by_name["News"]["taxonomy"] == "category" and by_name["News"]["parent"] == 0
    assert by_name["News"]["link"].endswith("/category/news/")
    assert by_name["World"]["parent"] == news.pk
    assert by_name["World"]["link"].endswith("/category/news/world/")
    assert [c["id"] for c in client.get(f"{API}/categories", {"hide_empty": "true"}).json()] == [
        news.pk
    ]
    assert [c["id"] for c in client.get(f"{API}/categories", {"parent": news.pk}).json()] == [
        world.pk
    ]
    assert [c["id"] for c in client.get(f"{API}/categories", {"parent": 0}).json()] == [news.pk]


def test_it_lists_a_posts_terms_only_if_the_post_is_readable(client: Client) -> None:
    public = make_article(tags=["economy", "budget"])
    draft = make_article(tags=["secret"], status=Status.DRAFT)
    names = {t["name"] for t in client.get(f"{API}/tags", {"post": public.pk}).json()}
    assert names == {"economy", "budget"}
    assert client.get(f"{API}/tags", {"post": draft.pk}).status_code == 401


def test_it_orders_and_searches_tags(client: Client) -> None:
    make_article(tags=["beta", "alpha"])
    make_article(tags=["beta"])
    names = lambda **p: [t["name"] for t in client.get(f"{API}/tags", p).json()]  # noqa: E731
    assert names() == ["alpha", "beta"]
    assert names(orderby="count", order="desc") == ["beta", "alpha"]
    assert names(search="alp") == ["alpha"]
    assert names(slug="beta") == ["beta"]
    tag = client.get(f"{API}/tags", {"slug": "beta"}).json()[0]
    assert set(tag) == {
        "id",
        "count",
        "description",
        "link",
        "name",
        "slug",
        "taxonomy",
        "meta",
        "_links",
    }


def test_it_answers_missing_terms_with_wordpress_error(client: Client) -> None:
    for url in (f"{API}/categories/999", f"{API}/tags/999"):
        response = client.get(url)
        assert response.status_code == 404 and error_code(response) == "rest_term_invalid"


def test_it_creates_updates_and_deletes_terms_as_an_editor(editor) -> None:
    client = as_user(editor)
    created = send(client, f"{API}/categories", {"name": "Politics", "description": "Votes"})
    assert created.status_code == 201
    politics = Category.objects.get(name="Politics")
    assert created["Location"].endswith(f"/categories/{politics.pk}")
    child = send(client, f"{API}/categories", {"name": "Elections", "parent": politics.pk})
    assert child.json()["parent"] == politics.pk
    assert Category.objects.get(name="Elections").path == "politics/elections"
    renamed = send(client, f"{API}/categories/{politics.pk}", {"slug": "pol"}, "put")
    assert renamed.json()["slug"] == "pol"
    assert Category.objects.get(name="Elections").path == "pol/elections"
    exists = send(client, f"{API}/categories", {"name": "politics"})
    assert exists.status_code == 400 and error_code(exists) == "term_exists"
    assert exists.json()["data"]["term_id"] == politics.pk
    no_parent = send(client, f"{API}/categories", {"name": "X", "parent": 999})
    assert error_code(no_parent) == "rest_term_invalid"
    assert error_code(send(client, f"{API}/tags", {})) == "rest_missing_callback_param"
    tag = send(client, f"{API}/tags", {"name": "Brexit"}).json()
    unforced = client.delete(f"{API}/tags/{tag['id']}")
    assert unforced.status_code == 400 and error_code(unforced) == "rest_trash_not_supported"
    deleted = client.delete(f"{API}/tags/{tag['id']}?force=true")
    assert deleted.json()["deleted"] is True and deleted.json()["previous"]["name"] == "Brexit"
    assert not Tag.objects.filter(name="Brexit").exists()
    protected = client.delete(f"{API}/categories/{politics.pk}?force=true")
    assert protected.status_code == 409


def test_it_refuses_term_writes_to_authors_and_strangers(client: Client, author) -> None:
    tag = Tag.objects.create(name="Kept", slug="kept")
    refused = send(as_user(author), f"{API}/tags", {"name": "New"})
    assert refused.status_code == 403 and error_code(refused) == "rest_cannot_create"
    assert send(client, f"{API}/tags", {"name": "New"}).status_code == 401
    assert (
        error_code(send(as_user(author), f"{API}/tags/{tag.pk}", {"name": "X"}))
        == "rest_cannot_update"
    )
    assert as_user(author).delete(f"{API}/tags/{tag.pk}?force=true").status_code == 403
    assert list(Tag.objects.values_list("name", flat=True)) == ["Kept"]


def test_it_lists_in_a_constant_number_of_queries(
    client: Client, django_assert_num_queries
) -> None:
    make_article(categories=[make_category("First")])
    with django_assert_num_queries(2) as one:
        client.get(f"{API}/categories", {"per_page": 100})
    for n in range(49):
        make_article(categories=[make_category(f"Cat {n}")])
    with django_assert_num_queries(len(one.captured_queries)):
        assert len(client.get(f"{API}/categories", {"per_page": 100}).json()) == 50
