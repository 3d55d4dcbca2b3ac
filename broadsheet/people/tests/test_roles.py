"""The role groups themselves; what each role may do in the admin is in test_admin_roles."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission, User

from broadsheet.people.roles import ADMINISTRATOR, AUTHOR, CONTRIBUTOR, EDITOR, role_of, sync_roles


def perms(role: str) -> set[str]:
    group = Group.objects.get(name=role)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


def test_it_creates_the_four_roles_after_migrate(db: None) -> None:
    assert set(Group.objects.values_list("name", flat=True)) >= {
        ADMINISTRATOR,
        EDITOR,
        AUTHOR,
        CONTRIBUTOR,
    }


def test_an_administrator_holds_every_permission(db: None) -> None:
    assert Group.objects.get(name=ADMINISTRATOR).permissions.count() == Permission.objects.count()


def test_each_role_holds_what_it_should(db: None) -> None:
    editor, author, contributor = perms(EDITOR), perms(AUTHOR), perms(CONTRIBUTOR)
    assert {"articles.publish_article", "articles.edit_others_article"} <= editor
    assert {"articles.add_category", "comments.change_comment", "images.add_image"} <= editor
    assert not any(p.startswith("auth.") for p in editor)
    assert {"articles.publish_article", "images.add_image"} <= author
    assert "articles.edit_others_article" not in author
    assert "articles.add_category" not in author
    assert "articles.publish_article" not in contributor
    assert not any(p.startswith("images.") for p in contributor)
    # Each role can do at least what the one below it can.
    assert contributor <= author <= editor


def test_syncing_again_changes_nothing_and_repairs_drift(db: None) -> None:
    before = {role: perms(role) for role in (EDITOR, AUTHOR, CONTRIBUTOR)}
    Group.objects.get(name=CONTRIBUTOR).permissions.add(
        Permission.objects.get(codename="publish_article")
    )
    sync_roles()
    sync_roles()
    assert {role: perms(role) for role in before} == before


@pytest.mark.parametrize(
    ("groups", "expected"),
    [([], None), ([CONTRIBUTOR], CONTRIBUTOR), ([AUTHOR, EDITOR], EDITOR)],
)
def test_a_users_role_is_the_strongest_group(
    db: None, groups: list[str], expected: str | None
) -> None:
    user = User.objects.create_user("someone")
    user.groups.set(Group.objects.filter(name__in=groups))
    assert role_of(user) == expected
