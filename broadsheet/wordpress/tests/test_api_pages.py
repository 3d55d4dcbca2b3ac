"""/wp-json/wp/v2/pages: pages by the same visibility rule, their hierarchy, and page
writes for editors only (authors cannot publish pages in WordPress either)."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from broadsheet.articles.models import Article, Kind, Status
from broadsheet.articles.tests.factories import make_article
from broadsheet.wordpress.tests.api_support import API, as_user, error_code

pytestmark = pytest.mark.django_db


def test_it_lists_public_pages_with_their_place(client: Client) -> None:
    about = make_article("About", kind=Kind.PAGE, menu_order=2)
    team = make_article("Team", kind=Kind.PAGE, parent=about)
    make_article("Hidden", kind=Kind.PAGE, status=Status.DRAFT)
    make_article("A post")
    response = client.get(f"{API}/pages", {"orderby": "menu_order", "order": "asc"})
    items = response.json()
    assert [p["id"] for p in items] == [team.pk, about.pk]
    page = next(p for p in items if p["id"] == team.pk)
    assert page["parent"] == about.pk and page["type"] == "page"
    assert page["link"].endswith("/about/team/")
    assert "categories" not in page and "sticky" not in page and "menu_order" in page
    assert [p["id"] for p in client.get(f"{API}/pages", {"parent": about.pk}).json()] == [team.pk]
    assert [p["id"] for p in client.get(f"{API}/pages", {"parent": 0}).json()] == [about.pk]
    embedded = client.get(f"{API}/pages/{team.pk}", {"_embed": "up"}).json()["_embedded"]
    assert embedded["up"][0]["id"] == about.pk
    assert client.get(f"{API}/pages/{make_article().pk}").status_code == 404


def test_it_lets_editors_write_pages_and_not_authors(editor, author) -> None:
    refused = as_user(author).post(
        f"{API}/pages", json.dumps({"title": "Mine"}), content_type="application/json"
    )
    assert refused.status_code == 403 and error_code(refused) == "rest_cannot_create"
    client = as_user(editor)
    parent = make_article("Parent", kind=Kind.PAGE)
    created = client.post(
        f"{API}/pages",
        json.dumps({"title": "Child", "status": "publish", "parent": parent.pk, "menu_order": 3}),
        content_type="application/json",
    )
    assert created.status_code == 201
    page = Article.objects.get(pk=created.json()["id"])
    assert page.kind == Kind.PAGE and page.parent == parent and page.path == "/parent/child/"
    bad_parent = client.post(
        f"{API}/pages/{page.pk}", json.dumps({"parent": page.pk}), content_type="application/json"
    )
    assert bad_parent.status_code == 400 and error_code(bad_parent) == "rest_post_invalid_id"
    assert Client().get("/parent/child/").status_code == 200


def test_it_lists_in_a_constant_number_of_queries(
    client: Client, django_assert_num_queries
) -> None:
    parent = make_article("Parent", kind=Kind.PAGE)
    make_article("Child 0", kind=Kind.PAGE, parent=parent)
    params = {"per_page": 100, "_embed": "1"}
    # The count, the pages (ids found in a subquery), and the embedded replies.
    with django_assert_num_queries(3) as one:
        client.get(f"{API}/pages", params)
    for n in range(1, 49):
        make_article(f"Child {n}", kind=Kind.PAGE, parent=parent)
    with django_assert_num_queries(len(one.captured_queries)):
        assert len(client.get(f"{API}/pages", params).json()) == 50
