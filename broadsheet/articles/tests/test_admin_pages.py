"""Pages in /admin/: a place in the hierarchy, a menu order, a preview; no clashes."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from broadsheet.articles.models import Article, Kind, Status
from broadsheet.articles.tests.admin_forms import post_admin
from broadsheet.people.models import Author

ADD = "/admin/articles/page/add/"


@pytest.fixture
def editor_client(client: Client, editor: User) -> Client:
    client.force_login(editor)
    return client


def form(**fields: Any) -> dict[str, Any]:
    return {
        "title": "About us",
        "standfirst": "",
        "body": "## Who we are\n\nA small newsroom.",
        "status": Status.PUBLISHED,
        "published_at_0": "",
        "published_at_1": "",
        "password": "",
        "author": Author.objects.get(user__username="editor").pk,
        "parent": "",
        "slug": "",
        "menu_order": 0,
        **fields,
    }


def add(client: Client, **fields: Any) -> Article:
    response = post_admin(client, ADD, form(**fields))
    assert response.status_code == 302, response.content.decode()[:3000]
    return Article.objects.pages().get(title=fields.get("title", "About us"))


def test_it_adds_pages_in_a_hierarchy_with_a_menu_order(editor_client: Client) -> None:
    about = add(editor_client, menu_order=2)
    add(editor_client, title="Contact", menu_order=1)
    team = add(editor_client, title="The team", parent=about.pk)
    assert about.kind == Kind.PAGE
    assert team.path == "/about-us/the-team/"
    page = Client().get("/about-us/the-team/")
    assert page.status_code == 200
    assert "<h1>The team</h1>" in page.content.decode()
    # The top-level pages are in the menu, in menu order.
    home = Client().get("/").content.decode()
    assert home.index('href="/contact/"') < home.index('href="/about-us/"')
    assert "/about-us/the-team/" not in home


def test_it_previews_a_draft_page(editor_client: Client) -> None:
    page = add(editor_client, status=Status.DRAFT)
    assert Client().get("/about-us/").status_code == 404
    preview = editor_client.get(f"/admin/articles/page/{page.pk}/preview/")
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "<h1>About us</h1>" in html and '<h2 id="who-we-are">Who we are</h2>' in html
    assert "Preview — this page is Draft." in html


def test_it_refuses_a_page_inside_itself(editor_client: Client) -> None:
    about = add(editor_client)
    team = add(editor_client, title="The team", parent=about.pk)
    url = f"/admin/articles/page/{about.pk}/change/"
    response = post_admin(editor_client, url, form(parent=team.pk, slug="about-us"))
    assert response.status_code == 200
    assert "A page cannot be inside itself." in response.content.decode()
    about.refresh_from_db()
    assert about.parent is None
    own = post_admin(editor_client, url, form(parent=about.pk, slug="about-us"))
    assert own.status_code == 200
    assert "Select a valid choice." in own.content.decode()


@pytest.mark.parametrize(("slug", "path"), [("admin", "/admin/"), ("2024", "/2024/")])
def test_it_refuses_an_address_the_site_itself_uses(
    editor_client: Client, slug: str, path: str
) -> None:
    response = post_admin(editor_client, ADD, form(slug=slug))
    assert response.status_code == 200
    assert f"The address {path} belongs to the site itself" in response.content.decode()
    assert not Article.objects.exists()


def test_pages_and_articles_keep_to_their_own_lists(editor_client: Client) -> None:
    add(editor_client)
    assert "About us" in editor_client.get("/admin/articles/page/").content.decode()
    assert "About us" not in editor_client.get("/admin/articles/article/").content.decode()
