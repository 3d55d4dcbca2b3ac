"""The cast, set up once per test: editor, author, contributor, reader and stranger."""

from __future__ import annotations

import os

import pytest
from django.contrib.auth.models import Group, User

from broadsheet.people.models import Author
from broadsheet.people.roles import ADMINISTRATOR, AUTHOR, CONTRIBUTOR, EDITOR
from broadsheet.testing.browser import browser, browser_page, new_page  # noqa: F401  (fixtures)

IN_CI = bool(os.environ.get("CI"))


def pytest_configure(config: pytest.Config) -> None:
    """In CI the PostgreSQL run must really reach PostgreSQL; fail loudly if it cannot."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return
    import psycopg

    try:
        # The server, not the named database: pytest-django creates its own test database.
        psycopg.connect(url, dbname="postgres", connect_timeout=5).close()
    except psycopg.OperationalError as e:
        pytest.exit(f"DATABASE_URL is set but PostgreSQL is unreachable: {e}", returncode=1)


def make_user(username: str, role: str | None, staff: bool = True) -> User:
    user = User.objects.create_user(username, f"{username}@example.com", "password", is_staff=staff)
    if role:
        user.groups.add(Group.objects.get(name=role))
        Author.objects.create(user=user, display_name=username.title(), slug=username)
    return user


@pytest.fixture
def editor(db: None) -> User:
    return make_user("editor", EDITOR)


@pytest.fixture
def author(db: None) -> User:
    return make_user("author", AUTHOR)


@pytest.fixture
def contributor(db: None) -> User:
    return make_user("contributor", CONTRIBUTOR)


@pytest.fixture
def reader(db: None) -> User:
    """Logged in, but no role: a subscriber in WordPress's terms."""
    return make_user("reader", None, staff=False)


@pytest.fixture
def administrator(db: None) -> User:
    """In the Administrator group, and deliberately not a superuser: the role alone must do."""
    return make_user("administrator", ADMINISTRATOR)
