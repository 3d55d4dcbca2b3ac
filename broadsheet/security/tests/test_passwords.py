"""Argon2 in production; the test settings swap in MD5 only for speed."""

from __future__ import annotations

import importlib

import pytest
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import override_settings


def production_settings():  # type: ignore[no-untyped-def]
    return importlib.import_module("broadsheet.settings")


def test_it_lists_argon2_first_in_the_production_settings() -> None:
    hashers = production_settings().PASSWORD_HASHERS
    assert hashers[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    # The test settings are the only place MD5 appears.
    assert not any("MD5" in h for h in hashers)


def test_it_hashes_a_new_users_password_with_argon2(db: None) -> None:
    with override_settings(PASSWORD_HASHERS=production_settings().PASSWORD_HASHERS):
        user = User.objects.create_user("ada", "ada@example.com", "correct horse battery")
        assert user.password.startswith("argon2$argon2id$")
        assert user.check_password("correct horse battery")


def test_it_upgrades_an_old_pbkdf2_hash_on_login(db: None) -> None:
    hashers = production_settings().PASSWORD_HASHERS
    with override_settings(PASSWORD_HASHERS=hashers[1:]):  # as an older Django made them
        user = User.objects.create_user("old", "old@example.com", "correct horse battery")
    assert user.password.startswith("pbkdf2_sha256$")
    with override_settings(PASSWORD_HASHERS=hashers):
        assert user.check_password("correct horse battery")
        user.refresh_from_db()
        assert user.password.startswith("argon2$")


@pytest.mark.parametrize("weak", ["password", "12345678", "short", "editor-editor"])
def test_it_refuses_weak_passwords(db: None, weak: str) -> None:
    user = User(username="editor-editor", email="editor@example.com")
    with pytest.raises(ValidationError):
        validate_password(weak, user)
