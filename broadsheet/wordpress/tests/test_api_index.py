"""/wp-json/ (the index), /wp-json/wp/v2 (the namespace), routes with and without their
trailing slash (never redirected), WordPress's JSON 404 for anything else, CORS."""

from __future__ import annotations

import pytest
from django.test import Client

from broadsheet.wordpress.api.meta import ROUTES
from broadsheet.wordpress.tests.api_support import API, error_code

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/wp-json", "/wp-json/"])
def test_it_describes_the_site_and_its_routes(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    data = response.json()
    assert data["name"] == "Broadsheet" and data["namespaces"] == ["wp/v2"]
    assert data["url"] == data["home"]
    assert "/wp/v2/posts" in data["routes"]
    assert data["routes"]["/wp/v2/posts"]["methods"] == ["GET", "POST"]
    assert data["authentication"]["application-passwords"]["endpoints"]["authorization"].endswith(
        "/admin/wordpress/applicationpassword/add/"
    )


def test_it_describes_the_namespace(client: Client) -> None:
    for url in (API, f"{API}/"):
        data = client.get(url).json()
        assert data["namespace"] == "wp/v2" and "/wp/v2/comments" in data["routes"]


def test_it_never_redirects_a_route(client: Client) -> None:
    for route in ROUTES:
        path = "/wp-json" + route.replace("(?P<id>[\\d]+)", "1").replace(
            "(?P<type>[\\w-]+)", "post"
        ).replace("(?P<status>[\\w-]+)", "publish").replace("(?P<taxonomy>[\\w-]+)", "category")
        for url in (path, path + "/"):
            response = client.get(url)
            assert response.status_code not in (301, 302, 308), url
            assert response["Content-Type"].startswith("application/json"), url


def test_it_answers_unknown_routes_and_methods_with_rest_no_route(client: Client) -> None:
    for method, url in [
        ("get", f"{API}/nothing"),
        ("get", "/wp-json/wp/v1/posts"),
        ("get", f"{API}/posts/abc"),
        ("get", f"{API}/media/l%0A%F1%A0x"),
        ("get", f"{API}/media/1%0A"),
        ("get", f"{API}/posts/1%00"),
        ("get", "/wp-json/oembed/1.0/embed"),
        ("put", f"{API}/posts"),
        ("delete", f"{API}/types"),
        ("post", f"{API}/users/1"),
    ]:
        response = getattr(client, method)(url)
        assert response.status_code == 404, url
        assert error_code(response) == "rest_no_route"
        assert response.json()["data"] == {"status": 404}


def test_it_answers_preflight_and_cross_origin_reads(client: Client) -> None:
    preflight = client.options(f"{API}/posts", HTTP_ORIGIN="https://front.example")
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "Authorization" in preflight["Access-Control-Allow-Headers"]
    response = client.get(f"{API}/posts", HTTP_ORIGIN="https://front.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "X-WP-Total" in response["Access-Control-Expose-Headers"]
    assert "Access-Control-Allow-Credentials" not in response


def test_it_publishes_an_openapi_schema_of_every_route(client: Client) -> None:
    response = client.get("/wp-json/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    paths = schema["paths"]
    for route in ROUTES:
        path = "/wp-json" + route.replace("(?P<id>[\\d]+)", "{id}").replace(
            "(?P<type>[\\w-]+)", "{type}"
        ).replace("(?P<status>[\\w-]+)", "{status}").replace("(?P<taxonomy>[\\w-]+)", "{taxonomy}")
        assert path in paths, path
    posts = paths["/wp-json/wp/v2/posts"]["get"]
    names = {p["name"] for p in posts["parameters"]}
    assert {"page", "per_page", "context", "_fields", "_embed", "status", "categories"} <= names
    per_page = next(p for p in posts["parameters"] if p["name"] == "per_page")
    assert per_page["schema"]["maximum"] == 100
    assert {"200", "400", "401"} <= set(posts["responses"])
    assert schema["components"]["securitySchemes"]["applicationPassword"]["scheme"] == "basic"
    post_schema = schema["components"]["schemas"]["Post"]
    assert "required" not in post_schema and "_links" in post_schema["properties"]


def test_it_answers_head_like_get_without_a_body(client: Client) -> None:
    response = client.head(f"{API}/posts")
    assert response.status_code == 200 and response.content == b""
    assert response["X-WP-Total"] == "0"
    assert 'rel="https://api.w.org/"' in response["Link"]
