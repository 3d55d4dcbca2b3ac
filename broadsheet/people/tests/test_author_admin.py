"""Authors in /admin/: administrators manage every byline; writers keep their own."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from broadsheet.articles.tests.factories import make_article, make_author, make_image
from broadsheet.people.models import Author


def form(**fields: Any) -> dict[str, Any]:
    return {
        "display_name": "Ada Lovelace",
        "slug": "ada",
        "user": "",
        "bio": "",
        "photo": "",
        **fields,
    }


def test_an_administrator_adds_an_author_linked_to_a_login(
    client: Client, administrator: User, editor: User
) -> None:
    photo = make_image("Portrait of Ada")
    client.force_login(administrator)
    data = form(bio="Ada covers trade.", photo=photo.pk, user=editor.pk, slug="ada")
    # The editor already has a profile: one login, one byline.
    response = client.post("/admin/people/author/add/", data)
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    newcomer = User.objects.create_user("ada")
    response = client.post("/admin/people/author/add/", {**data, "user": newcomer.pk})
    assert response.status_code == 302
    ada = Author.objects.get(slug="ada")
    assert (ada.user, ada.photo, ada.bio) == (newcomer, photo, "Ada covers trade.")
    make_article("Ships", author=ada)
    page = Client().get("/author/ada/").content.decode()
    assert "Ada covers trade." in page and "Ships" in page


@pytest.mark.parametrize("role", ["editor", "author", "contributor"])
def test_a_writer_edits_their_own_profile_only(
    client: Client, request: pytest.FixtureRequest, role: str
) -> None:
    user = request.getfixturevalue(role)
    mine = Author.objects.get(user=user)
    other = make_author("Someone Else", slug="someone")
    client.force_login(user)
    url = f"/admin/people/author/{mine.pk}/change/"
    # Forged login and slug are ignored: those are the administrator's to set.
    data = form(display_name="New Name", bio="A new bio.", slug="hijack", user="")
    assert client.post(url, data).status_code == 302
    mine.refresh_from_db()
    assert (mine.display_name, mine.bio, mine.slug, mine.user) == (
        "New Name",
        "A new bio.",
        role,
        user,
    )
    response = client.post(f"/admin/people/author/{other.pk}/change/", form(bio="Defaced"))
    assert response.status_code in (302, 403)
    other.refresh_from_db()
    assert other.bio == ""
    assert client.post("/admin/people/author/add/", form(slug="new")).status_code == 403


def test_the_user_admin_shows_roles_and_makes_role_holders_staff(
    client: Client,
    administrator: User,
    django_assert_max_num_queries,  # type: ignore[no-untyped-def]
) -> None:
    from django.contrib.auth.models import Group

    client.force_login(administrator)
    newcomer = User.objects.create_user("newcomer", password="x")
    data = {
        "username": "newcomer",
        "email": "",
        "first_name": "",
        "last_name": "",
        "is_active": "on",
        "groups": [Group.objects.get(name="Author").pk],
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
        "author-TOTAL_FORMS": "1",
        "author-INITIAL_FORMS": "0",
        "author-MIN_NUM_FORMS": "0",
        "author-MAX_NUM_FORMS": "1",
        "author-0-display_name": "New Comer",
        "author-0-slug": "new-comer",
        "author-0-bio": "",
        "author-0-photo": "",
    }
    response = client.post(f"/admin/auth/user/{newcomer.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    newcomer.refresh_from_db()
    assert newcomer.is_staff
    assert newcomer.author.display_name == "New Comer"
    for n in range(5):
        User.objects.create_user(f"user{n}")
    with django_assert_max_num_queries(12):
        listing = client.get("/admin/auth/user/").content.decode()
    assert "Author" in listing and "Administrator" in listing
