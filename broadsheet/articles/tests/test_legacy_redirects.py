"""Old URLs of an article (earlier slug or date) answer 301 to where it lives now."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import quote, unquote

import pytest
from django.test import Client

from broadsheet.articles.actions import do_save_article
from broadsheet.articles.models import Article, LegacyPath
from broadsheet.articles.tests.factories import make_article

WHEN = datetime(2024, 3, 5, 12, 0, tzinfo=UTC)


def rename(article: Article, slug: str) -> Article:
    article.slug = slug
    return do_save_article(article)


def assert_moved(client: Client, old: str, new: str) -> None:
    response = client.get(old)
    assert response.status_code == 301, old
    assert unquote(response["Location"]) == new
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.django_db
def test_it_redirects_an_old_slug(client: Client) -> None:
    story = make_article("First title", published_at=WHEN)
    assert story.path == "/2024/03/05/first-title/"
    rename(story, "better-title")
    assert story.path == "/2024/03/05/better-title/"
    assert_moved(client, "/2024/03/05/first-title/", "/2024/03/05/better-title/")
    # Without the trailing slash, still one hop.
    assert_moved(client, "/2024/03/05/first-title", "/2024/03/05/better-title/")


@pytest.mark.django_db
def test_it_redirects_an_old_date(client: Client) -> None:
    story = make_article("Dated", published_at=WHEN)
    story.published_at = datetime(2024, 4, 1, 9, 0, tzinfo=UTC)
    do_save_article(story)
    assert story.path == "/2024/04/01/dated/"
    assert_moved(client, "/2024/03/05/dated/", "/2024/04/01/dated/")


@pytest.mark.django_db
def test_it_sends_every_link_in_a_chain_to_the_end_in_one_hop(client: Client) -> None:
    story = make_article("A", slug="a", published_at=WHEN)
    rename(story, "b")
    rename(story, "c")
    for old in ("/2024/03/05/a/", "/2024/03/05/b/"):
        assert_moved(client, old, "/2024/03/05/c/")


@pytest.mark.django_db
def test_it_does_not_loop_when_moving_back(client: Client) -> None:
    story = make_article("A", slug="a", published_at=WHEN)
    rename(story, "b")
    rename(story, "a")
    assert client.get("/2024/03/05/a/").status_code == 200
    assert_moved(client, "/2024/03/05/b/", "/2024/03/05/a/")
    assert not LegacyPath.objects.filter(path="/2024/03/05/a/").exists()


@pytest.mark.django_db
def test_it_lets_a_new_article_take_over_an_old_url(client: Client) -> None:
    first = make_article("A", slug="a", published_at=WHEN)
    rename(first, "moved")
    second = make_article("A", slug="a", published_at=WHEN)
    assert second.path == "/2024/03/05/a/"
    assert "<h1>A</h1>" in client.get("/2024/03/05/a/").content.decode()
    assert client.get("/2024/03/05/a/").status_code == 200


@pytest.mark.django_db
def test_it_does_not_redirect_an_unpublished_edit(client: Client) -> None:
    draft = make_article("Draft", slug="a", published_at=WHEN, status="draft")
    rename(draft, "b")
    assert not LegacyPath.objects.exists()
    assert client.get("/2024/03/05/a/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/no/such/thing/", "/2024/03/05/nothing/", "/nothing", "/%E2%98%83/", "/a/b/c/d/e/f/"]
)
def test_it_404s_an_unknown_path(client: Client, url: str) -> None:
    story = make_article("A", slug="a", published_at=WHEN)
    rename(story, "b")
    response = client.get(url, follow=True)
    assert response.status_code == 404


@pytest.mark.django_db
def test_it_serves_and_redirects_cyrillic_slugs(client: Client) -> None:
    story = make_article("Привет мир", published_at=WHEN)
    assert story.slug == "привет-мир"
    encoded = quote("/2024/03/05/привет-мир/")
    for url in (encoded, encoded.lower()):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "<h1>Привет мир</h1>" in response.content.decode()

    rename(story, "новости")
    response = client.get(encoded)
    assert response.status_code == 301
    # The Location header is a URI: non-Latin characters percent-encoded.
    assert response["Location"] == quote("/2024/03/05/новости/")
    assert unquote(response["Location"]) == "/2024/03/05/новости/"
    assert_moved(client, encoded.lower(), "/2024/03/05/новости/")


@pytest.mark.django_db
def test_it_compares_percent_encoded_latin_paths_decoded(client: Client) -> None:
    story = make_article("A", slug="old-slug", published_at=WHEN)
    rename(story, "new-slug")
    assert_moved(client, "/2024/03/05/old%2Dslug/", "/2024/03/05/new-slug/")
    assert client.get("/2024/03/05/new%2dslug/").status_code == 200


@pytest.mark.django_db
def test_it_moves_a_page_and_redirects_its_old_path(client: Client) -> None:
    page = make_article("About", kind="page")
    rename(page, "about-us")
    assert_moved(client, "/about/", "/about-us/")
    assert_moved(client, "/about", "/about-us/")


@pytest.mark.django_db
def test_it_redirects_wordpress_plain_links(client: Client) -> None:
    story = make_article("Imported", published_at=WHEN)
    page = make_article("About", kind="page")
    LegacyPath.objects.create(path="/?p=12", article=story)
    LegacyPath.objects.create(path="/?page_id=7", article=page)
    assert_moved(client, "/?p=12", story.path)
    assert_moved(client, "/?page_id=7", "/about/")
    for url in ("/?p=13", "/?p=abc", "/?page_id=", "/?p=12%00"):
        assert client.get(url).status_code == 404, url


@pytest.mark.django_db
def test_it_does_not_redirect_a_plain_link_to_a_hidden_article(client: Client) -> None:
    draft = make_article("Imported draft", status="draft")
    LegacyPath.objects.create(path="/?p=12", article=draft)
    assert client.get("/?p=12").status_code == 404
