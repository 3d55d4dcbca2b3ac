"""WordPress's roles against every action, through the real admin forms.

Each action reports whether it really happened (read back from the database), so a refusal
that looks polite but saves anyway fails here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from broadsheet.articles.models import Article, Category, Status
from broadsheet.articles.tests.admin_forms import post_admin
from broadsheet.articles.tests.factories import make_article, make_author
from broadsheet.images.models import Image
from broadsheet.images.tests import samples
from broadsheet.people.models import Author

ADD = "/admin/articles/article/add/"


def form(author: Author, **fields: Any) -> dict[str, Any]:
    """The article form as the admin page posts it."""
    return {
        "title": "Harbour dues rise again",
        "standfirst": "The third rise in two years.",
        "body": "## Why?\n\n- Dredging costs $12 million\n",
        "status": Status.DRAFT,
        "published_at_0": "",
        "published_at_1": "",
        "password": "",
        "author": author.pk,
        "slug": "",
        "comments_open": "on",
        **fields,
    }


def check(response: Any) -> None:
    # Whatever a role may not do is refused with a redirect, a 403 or a form error; never 500.
    assert response.status_code in (200, 302, 403), response.status_code


def own(user: User) -> Author:
    return Author.objects.get(user=user)


def create_draft(client: Client, user: User) -> bool:
    check(post_admin(client, ADD, form(own(user), title="A draft")))
    return Article.objects.filter(title="A draft", status=Status.DRAFT).exists()


def submit_for_review(client: Client, user: User) -> bool:
    check(post_admin(client, ADD, form(own(user), title="For review", status=Status.PENDING)))
    return Article.objects.filter(title="For review", status=Status.PENDING).exists()


def publish(client: Client, user: User) -> bool:
    check(post_admin(client, ADD, form(own(user), title="Out now", status=Status.PUBLISHED)))
    return Article.objects.filter(title="Out now", status=Status.PUBLISHED).exists()


def publish_own_pending(client: Client, user: User) -> bool:
    article = make_article("Waiting", author=own(user), status=Status.PENDING)
    url = f"/admin/articles/article/{article.pk}/change/"
    check(post_admin(client, url, form(own(user), title="Waiting", status=Status.PUBLISHED)))
    article.refresh_from_db()
    return article.status == Status.PUBLISHED


def edit_own(client: Client, user: User) -> bool:
    article = make_article("Mine", author=own(user), status=Status.DRAFT)
    url = f"/admin/articles/article/{article.pk}/change/"
    check(post_admin(client, url, form(own(user), title="Mine, revised")))
    article.refresh_from_db()
    return article.title == "Mine, revised"


def edit_own_published(client: Client, user: User) -> bool:
    article = make_article("Mine, out", author=own(user))
    url = f"/admin/articles/article/{article.pk}/change/"
    check(
        post_admin(client, url, form(own(user), title="Mine, out, revised", status=article.status))
    )
    article.refresh_from_db()
    return article.title == "Mine, out, revised"


def edit_others(client: Client, user: User) -> bool:
    other = make_author("Someone Else")
    article = make_article("Theirs", author=other)
    url = f"/admin/articles/article/{article.pk}/change/"
    check(post_admin(client, url, form(other, title="Theirs, rewritten", status=article.status)))
    article.refresh_from_db()
    return article.title == "Theirs, rewritten"


def delete_others(client: Client, user: User) -> bool:
    article = make_article("Theirs", author=make_author("Someone Else"))
    check(client.post(f"/admin/articles/article/{article.pk}/delete/", {"post": "yes"}))
    return not Article.objects.filter(pk=article.pk).exists()


def delete_others_in_bulk(client: Client, user: User) -> bool:
    article = make_article("Theirs", author=make_author("Someone Else"))
    data = {"action": "delete_selected", "_selected_action": [article.pk], "post": "yes"}
    check(client.post("/admin/articles/article/", data))
    return not Article.objects.filter(pk=article.pk).exists()


def upload_image(client: Client, user: User) -> bool:
    upload = samples.upload(samples.png(), "chart.png", "image/png")
    check(client.post("/admin/images/image/add/", {"original": upload, "alt": "A chart"}))
    return Image.objects.exists()


def manage_categories(client: Client, user: User) -> bool:
    check(client.post("/admin/articles/category/add/", {"name": "Ports", "slug": "ports"}))
    return Category.objects.filter(slug="ports").exists()


def manage_pages(client: Client, user: User) -> bool:
    data = form(own(user), title="About us", status=Status.PUBLISHED, menu_order=0)
    check(post_admin(client, "/admin/articles/page/add/", data))
    return Article.objects.pages().filter(title="About us").exists()


def manage_users(client: Client, user: User) -> bool:
    data = {
        "username": "newcomer",
        "password1": "a long and unusual passphrase",
        "password2": "a long and unusual passphrase",
        "usable_password": "true",
    }
    check(client.post("/admin/auth/user/add/", data))
    return User.objects.filter(username="newcomer").exists()


ACTIONS: dict[str, Callable[[Client, User], bool]] = {
    "create draft": create_draft,
    "submit for review": submit_for_review,
    "publish": publish,
    "publish own pending": publish_own_pending,
    "edit own": edit_own,
    "edit own published": edit_own_published,
    "edit other's": edit_others,
    "delete other's": delete_others,
    "delete other's in bulk": delete_others_in_bulk,
    "upload image": upload_image,
    "manage categories": manage_categories,
    "manage pages": manage_pages,
    "manage users": manage_users,
}
# WordPress's capability table, for the actions above.
ALLOWED: dict[str, set[str]] = {
    "administrator": set(ACTIONS),
    "editor": set(ACTIONS) - {"manage users"},
    "author": {
        "create draft",
        "submit for review",
        "publish",
        "publish own pending",
        "edit own",
        "edit own published",
        "upload image",
    },
    "contributor": {"create draft", "submit for review", "edit own"},
}
MATRIX = [
    pytest.param(role, action, action in allowed, id=f"{role}-{action.replace(' ', '-')}")
    for role, allowed in ALLOWED.items()
    for action in ACTIONS
]


@pytest.mark.parametrize(("role", "action", "allowed"), MATRIX)
def test_it_gives_each_role_what_wordpress_gives_it(
    client: Client, request: pytest.FixtureRequest, role: str, action: str, allowed: bool
) -> None:
    user = request.getfixturevalue(role)
    client.force_login(user)
    assert ACTIONS[action](client, user) is allowed


def test_the_administrator_role_is_not_superuser_status(administrator: User) -> None:
    assert not administrator.is_superuser
    assert administrator.has_perm("auth.change_user")
    assert administrator.has_perm("articles.edit_others_article")


@pytest.mark.parametrize("status", [Status.PUBLISHED, Status.SCHEDULED, Status.PRIVATE])
def test_a_contributor_forging_a_publishing_status_gets_a_form_error(
    client: Client, contributor: User, status: str
) -> None:
    client.force_login(contributor)
    data = form(
        own(contributor),
        title="Sneaked out",
        status=status,
        published_at_0="2030-01-01",
        published_at_1="09:00",
    )
    response = post_admin(client, ADD, data)
    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    assert not Article.objects.filter(title="Sneaked out").exists()


def test_a_contributor_cannot_publish_their_draft_by_editing_it(
    client: Client, contributor: User
) -> None:
    article = make_article("Draft", author=own(contributor), status=Status.DRAFT)
    client.force_login(contributor)
    url = f"/admin/articles/article/{article.pk}/change/"
    response = post_admin(
        client, url, form(own(contributor), title="Draft", status=Status.PUBLISHED)
    )
    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_a_contributor_is_offered_only_draft_and_review(client: Client, contributor: User) -> None:
    client.force_login(contributor)
    page = client.get(ADD).content.decode()
    assert 'value="draft"' in page and 'value="pending"' in page
    assert 'value="publish"' not in page and 'value="future"' not in page


@pytest.mark.parametrize("role", ["author", "contributor"])
def test_a_writer_cannot_credit_someone_else(
    client: Client, request: pytest.FixtureRequest, role: str
) -> None:
    user = request.getfixturevalue(role)
    other = make_author("Someone Else")
    client.force_login(user)
    response = post_admin(client, ADD, form(other, title="Whose is it"))
    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    assert not Article.objects.filter(title="Whose is it").exists()


@pytest.mark.parametrize("role", ["author", "contributor"])
def test_a_writer_sees_and_previews_only_their_own(
    client: Client, request: pytest.FixtureRequest, role: str
) -> None:
    user = request.getfixturevalue(role)
    mine = make_article("My own draft", author=own(user), status=Status.DRAFT)
    theirs = make_article("A rival's draft", author=make_author(), status=Status.DRAFT)
    client.force_login(user)
    listing = client.get("/admin/articles/article/").content.decode()
    assert "My own draft" in listing and "A rival&#x27;s draft" not in listing
    assert client.get(f"/admin/articles/article/{mine.pk}/preview/").status_code == 200
    assert client.get(f"/admin/articles/article/{theirs.pk}/preview/").status_code == 404


def test_readers_without_a_role_get_no_admin(client: Client, reader: User) -> None:
    client.force_login(reader)
    response = client.get(ADD)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
