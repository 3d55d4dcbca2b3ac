"""/wp-json/wp/v2/users: the public faces of authors for everyone, the login's details only
to administrators and to the user themself (WP_Test_REST_Users_Controller, ported)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from broadsheet.articles.models import Status
from broadsheet.articles.tests.factories import make_article, make_author
from broadsheet.conftest import make_user
from broadsheet.people.models import Author
from broadsheet.people.roles import ADMINISTRATOR
from broadsheet.wordpress.tests.api_support import API, as_user, error_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(db: None) -> User:
    return make_user("admin", ADMINISTRATOR)


def test_it_lists_only_people_with_published_posts_to_strangers(client: Client, editor) -> None:
    published = make_author("Pat Published", bio="Writes about money.")
    make_article(author=published)
    drafter = make_author("Dora Draft")
    make_article(author=drafter, status=Status.DRAFT)
    response = client.get(f"{API}/users")
    [item] = response.json()
    assert item["id"] == published.pk and item["name"] == "Pat Published"
    assert item["description"] == "Writes about money."
    assert item["link"].endswith("/author/" + published.slug + "/")
    assert set(item) == {
        "id",
        "name",
        "url",
        "description",
        "link",
        "slug",
        "avatar_urls",
        "meta",
        "_links",
    }
    refused = client.get(f"{API}/users/{drafter.pk}")
    assert refused.status_code == 401 and error_code(refused) == "rest_user_cannot_view"
    assert client.get(f"{API}/users/{published.pk}").status_code == 200
    missing = client.get(f"{API}/users/99999")
    assert missing.status_code == 404 and error_code(missing) == "rest_user_invalid_id"


def test_it_keeps_login_details_for_administrators(client: Client, editor, administrator) -> None:
    profile = Author.objects.get(user=editor)
    make_article(author=profile)
    assert error_code(client.get(f"{API}/users", {"context": "edit"})) == "rest_forbidden_context"
    assert as_user(editor).get(f"{API}/users", {"context": "edit"}).status_code == 403
    assert "editor@example.com" not in client.get(f"{API}/users").content.decode()
    data = as_user(administrator).get(f"{API}/users/{profile.pk}", {"context": "edit"}).json()
    assert data["username"] == "editor" and data["email"] == "editor@example.com"
    assert data["roles"] == ["editor"]
    everyone = as_user(administrator).get(f"{API}/users").json()
    assert {u["slug"] for u in everyone} >= {"editor", "admin"}
    by_role = as_user(administrator).get(f"{API}/users", {"roles": "editor"}).json()
    assert [u["slug"] for u in by_role] == ["editor"]
    assert error_code(client.get(f"{API}/users", {"roles": "editor"})) == "rest_user_cannot_view"
    assert error_code(client.get(f"{API}/users", {"orderby": "email"})) == "rest_forbidden_orderby"


def test_it_lists_in_a_constant_number_of_queries(
    client: Client, django_assert_num_queries
) -> None:
    make_article()
    with django_assert_num_queries(2) as one:
        client.get(f"{API}/users", {"per_page": 100})
    for _ in range(49):
        make_article()
    with django_assert_num_queries(len(one.captured_queries)):
        assert len(client.get(f"{API}/users", {"per_page": 100}).json()) == 50


def test_it_keeps_admin_listing_constant_too(administrator) -> None:
    client = as_user(administrator)
    params = {"per_page": 100, "context": "edit"}
    _count(client, params)  # records the password's first use, a write done once a minute
    group = Group.objects.get(name="Author")
    for n in range(20):
        user = User.objects.create_user(f"writer{n}")
        user.groups.add(group)
        Author.objects.create(user=user, display_name=f"W {n}", slug=f"w-{n}")
    first = _count(client, params)
    for n in range(20, 40):
        Author.objects.create(display_name=f"W {n}", slug=f"w-{n}")
    assert len(_count(client, params)) == len(first)


def _count(client: Client, params: dict) -> list:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(f"{API}/users", params).status_code == 200
    return ctx.captured_queries
