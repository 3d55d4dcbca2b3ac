"""Failed application-password logins count towards the same lockout as the admin's."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from broadsheet.wordpress.models import ApplicationPassword
from broadsheet.wordpress.tests.api_support import API, basic, error_code

pytestmark = pytest.mark.django_db


def test_it_locks_out_an_account_after_repeated_wrong_passwords(editor: User, settings) -> None:  # type: ignore[no-untyped-def]
    _item, plain = ApplicationPassword.objects.issue(editor, "Phone")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        wrong = Client(HTTP_AUTHORIZATION=basic("editor", "x" * 24)).get(f"{API}/users/me")
        assert wrong.status_code == 401
        assert wrong["Content-Type"].startswith("application/json")
    # Now even the right password is refused, in the API's shape, not the admin's page.
    locked = Client(HTTP_AUTHORIZATION=basic("editor", plain)).get(f"{API}/users/me")
    assert locked.status_code == 429
    assert error_code(locked) == "rest_too_many_attempts"


def test_it_counts_unknown_accounts_against_the_address(editor: User, settings) -> None:  # type: ignore[no-untyped-def]
    _item, plain = ApplicationPassword.objects.issue(editor, "Phone")
    for n in range(settings.AXES_FAILURE_LIMIT):
        Client(HTTP_AUTHORIZATION=basic(f"nobody{n}", plain)).get(f"{API}/posts")
    locked = Client(HTTP_AUTHORIZATION=basic("editor", plain)).get(f"{API}/users/me")
    assert locked.status_code == 429


def test_it_does_not_count_successful_logins(editor: User, settings) -> None:  # type: ignore[no-untyped-def]
    _item, plain = ApplicationPassword.objects.issue(editor, "Phone")
    client = Client(HTTP_AUTHORIZATION=basic("editor", plain))
    for _ in range(settings.AXES_FAILURE_LIMIT + 2):
        assert client.get(f"{API}/users/me").status_code == 200
