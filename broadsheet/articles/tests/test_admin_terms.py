"""Categories and tags in /admin/."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from broadsheet.articles.models import Category, Tag
from broadsheet.articles.tests.factories import make_article, make_category


@pytest.fixture
def editor_client(client: Client, editor: User) -> Client:
    client.force_login(editor)
    return client


def category_form(name: str, slug: str, parent: Category | None = None) -> dict[str, object]:
    return {"name": name, "slug": slug, "parent": parent.pk if parent else "", "description": ""}


def test_it_adds_nested_categories_and_moves_their_archives(editor_client: Client) -> None:
    add = "/admin/articles/category/add/"
    assert editor_client.post(add, category_form("Economy", "economy")).status_code == 302
    economy = Category.objects.get(slug="economy")
    assert editor_client.post(add, category_form("Ports", "ports", economy)).status_code == 302
    ports = Category.objects.get(slug="ports")
    assert ports.path == "economy/ports"
    make_article("Harbour dues rise", categories=[ports])
    assert "Harbour dues rise" in Client().get("/category/economy/ports/").content.decode()

    url = f"/admin/articles/category/{economy.pk}/change/"
    assert editor_client.post(url, category_form("Money", "money")).status_code == 302
    ports.refresh_from_db()
    assert ports.path == "money/ports"
    assert "Harbour dues rise" in Client().get("/category/money/ports/").content.decode()


def test_it_offers_no_parent_that_would_make_a_loop(editor_client: Client) -> None:
    economy = make_category("Economy")
    ports = make_category("Ports", economy)
    url = f"/admin/articles/category/{economy.pk}/change/"
    response = editor_client.post(url, category_form("Economy", "economy", ports))
    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    economy.refresh_from_db()
    assert economy.parent is None


def test_it_refuses_a_slug_already_used(editor_client: Client) -> None:
    make_category("Economy")
    response = editor_client.post(
        "/admin/articles/category/add/", category_form("Economics", "economy")
    )
    assert response.status_code == 200
    assert "already exists" in response.content.decode()


def test_it_adds_and_renames_tags(editor_client: Client) -> None:
    add = "/admin/articles/tag/add/"
    data = {"name": "Shipping", "slug": "shipping", "description": ""}
    assert editor_client.post(add, data).status_code == 302
    tag = Tag.objects.get()
    make_article("Harbour dues rise", tags=["Shipping"])
    data = {"name": "Sea freight", "slug": "shipping", "description": ""}
    assert editor_client.post(f"/admin/articles/tag/{tag.pk}/change/", data).status_code == 302
    page = Client().get("/tag/shipping/").content.decode()
    assert "Sea freight" in page and "Harbour dues rise" in page


def test_the_pickers_search_terms_for_writers(client: Client, contributor: User) -> None:
    """Writers file under existing terms, so the article form's search boxes must answer."""
    make_category("Economy")
    client.force_login(contributor)
    url = (
        "/admin/autocomplete/?term=eco&app_label=articles&model_name=article&field_name=categories"
    )
    response = client.get(url)
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Economy"]
