"""Bad values for the admin's autocomplete fields answer with the form, never a 500.

Django's autocomplete widgets look up the chosen ids as given while rendering, so an add page
opened with `?photo=abc` (Django fills initial data from the query string), or a posted id
past the database's integers, raised. Found by the URL fuzz test; fixed for every app at once
in broadsheet/security/admin_widgets.py.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from broadsheet.articles.tests.factories import make_image

HUGE = "9" * 30
BAD = ["abc", HUGE, "-1", "\x00", "1,abc"]


@pytest.mark.parametrize("value", BAD)
def test_it_ignores_bad_initial_values_in_the_query(
    client: Client, administrator: User, value: str
) -> None:
    client.force_login(administrator)
    pages = {
        "/admin/people/author/add/": ("photo", "user"),
        "/admin/articles/article/add/": ("categories", "tags", "featured_image"),
    }
    for page, fields in pages.items():
        for field in fields:
            assert client.get(page, {field: value}).status_code == 200, (page, field)


def test_it_shows_the_form_again_for_a_bad_posted_value(
    client: Client, administrator: User
) -> None:
    photo = make_image("A portrait")
    client.force_login(administrator)
    response = client.post(
        "/admin/people/author/add/",
        {"display_name": "Ann", "slug": "ann", "photo": HUGE, "user": "abc"},
    )
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    response = client.post(
        "/admin/people/author/add/", {"display_name": "", "slug": "ann", "photo": str(photo.pk)}
    )
    assert response.status_code == 200
    # A valid choice is still shown as chosen beside the other field's error.
    assert f'<option value="{photo.pk}" selected>' in response.content.decode()
