"""Pages live at their hierarchy's path: /parent/child/."""

from __future__ import annotations

import pytest
from django.test import Client

from broadsheet.articles.actions import do_save_article
from broadsheet.articles.tests.factories import make_article


@pytest.mark.django_db
def test_it_serves_a_page_at_its_hierarchy_path(client: Client) -> None:
    about = make_article("About us", kind="page", body="We are a small newsroom.")
    team = make_article("Our team", kind="page", parent=about, body="Ten people.")
    assert about.path == "/about-us/"
    assert team.path == "/about-us/our-team/"

    page = client.get("/about-us/our-team/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "<h1>Our team</h1>" in body
    assert "<p>Ten people.</p>" in body
    # A page has no byline or date: it is not news.
    assert 'rel="author"' not in body
    assert "<time" not in body

    assert "We are a small newsroom." in client.get("/about-us/").content.decode()


@pytest.mark.django_db
def test_it_404s_a_child_page_outside_its_parent(client: Client) -> None:
    about = make_article("About us", kind="page")
    make_article("Our team", kind="page", parent=about)
    assert client.get("/our-team/").status_code == 404
    assert client.get("/about-us/nobody/").status_code == 404


@pytest.mark.django_db
def test_it_links_top_level_pages_in_the_menu(client: Client) -> None:
    make_article("About us", kind="page")
    body = client.get("/").content.decode()
    assert '<li><a href="/about-us/">About us</a></li>' in body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("bare", "slashed"),
    [
        ("/about-us", "/about-us/"),
        ("/about-us/our-team", "/about-us/our-team/"),
        ("/category/world", "/category/world/"),
        ("/2024", "/2024/"),
    ],
)
def test_it_redirects_a_missing_trailing_slash(client: Client, bare: str, slashed: str) -> None:
    from broadsheet.articles.tests.factories import make_category

    about = make_article("About us", kind="page")
    make_article("Our team", kind="page", parent=about)
    make_category("World")
    response = client.get(bare)
    assert response.status_code == 301
    assert response["Location"] == slashed
    assert client.get(slashed).status_code == 200


@pytest.mark.django_db
def test_it_redirects_an_article_without_its_trailing_slash(client: Client) -> None:
    story = make_article("A story")
    response = client.get(story.path.rstrip("/"))
    assert response.status_code == 301
    assert response["Location"] == story.path


@pytest.mark.django_db
def test_it_moves_child_pages_when_the_parent_moves(client: Client) -> None:
    about = make_article("About us", kind="page")
    make_article("Our team", kind="page", parent=about)
    about.slug = "about"
    do_save_article(about)
    assert client.get("/about/our-team/").status_code == 200
    response = client.get("/about-us/our-team/")
    assert response.status_code == 301
    assert response["Location"] == "/about/our-team/"
