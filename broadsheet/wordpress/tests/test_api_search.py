"""/wp-json/wp/v2/search: published posts and pages only, and terms with type=term."""

from __future__ import annotations

import pytest
from django.test import Client

from broadsheet.articles.models import Kind, Status
from broadsheet.articles.tests.factories import make_article, make_category

pytestmark = pytest.mark.django_db

API = "/wp-json/wp/v2"


def test_it_finds_published_posts_and_pages_only(client: Client) -> None:
    post = make_article("Harbour news")
    page = make_article("Harbour guide", kind=Kind.PAGE)
    make_article("Harbour draft", status=Status.DRAFT)
    make_article("Harbour secret", status=Status.PRIVATE)
    response = client.get(f"{API}/search", {"search": "harbour"})
    assert response["X-WP-Total"] == "2"
    found = {(i["id"], i["subtype"]) for i in response.json()}
    assert found == {(post.pk, "post"), (page.pk, "page")}
    item = response.json()[0]
    assert set(item) == {"id", "title", "url", "type", "subtype", "_links"}
    pages = client.get(f"{API}/search", {"search": "harbour", "subtype": "page"}).json()
    assert [i["id"] for i in pages] == [page.pk]
    embedded = client.get(f"{API}/search", {"search": "news", "_embed": "1"}).json()[0]
    assert embedded["_embedded"]["self"][0]["title"]["rendered"] == "Harbour news"


def test_it_searches_terms(client: Client) -> None:
    make_category("Harbours")
    [item] = client.get(f"{API}/search", {"search": "harb", "type": "term"}).json()
    assert item["type"] == "term" and item["subtype"] == "category"
    assert client.get(f"{API}/search", {"type": "nonsense"}).status_code == 400
    assert client.get(f"{API}/search", {"subtype": "movie"}).status_code == 400


def test_it_searches_in_a_constant_number_of_queries(
    client: Client, django_assert_num_queries
) -> None:
    make_article("Harbour 0")
    params = {"search": "harbour", "per_page": 100, "_embed": "1"}
    with django_assert_num_queries(2) as one:
        client.get(f"{API}/search", params)
    for n in range(1, 50):
        make_article(f"Harbour {n}")
    with django_assert_num_queries(len(one.captured_queries)):
        assert len(client.get(f"{API}/search", params).json()) == 50
