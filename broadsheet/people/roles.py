"""WordPress's roles, defined once as Django groups; the admin, API and commands use them.

Object-level rules (an author edits only their own articles, a contributor cannot publish)
live on the Article model (`can_edit`, `can_publish`) because permissions alone cannot say them.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

ADMINISTRATOR = "Administrator"
EDITOR = "Editor"
AUTHOR = "Author"
CONTRIBUTOR = "Contributor"

_CONTENT = [
    "articles.add_article",
    "articles.change_article",
    "articles.delete_article",
    "articles.view_article",
]
_OTHERS = [
    "articles.publish_article",
    "articles.edit_others_article",
    "articles.add_page",
    "articles.change_page",
    "articles.delete_page",
    "articles.view_page",
]
_TERMS = [
    f"articles.{verb}_{model}"
    for model in ("category", "tag")
    for verb in ("add", "change", "delete", "view")
]
_COMMENTS = [f"comments.{verb}_comment" for verb in ("add", "change", "delete", "view")]
_IMAGES = [f"images.{verb}_image" for verb in ("add", "change", "delete", "view")]
_PEOPLE = [f"people.{verb}_author" for verb in ("add", "change", "delete", "view")]
_USERS = [
    f"auth.{verb}_{model}"
    for model in ("user", "group")
    for verb in ("add", "change", "delete", "view")
]

ROLES: dict[str, list[str]] = {
    ADMINISTRATOR: _CONTENT + _OTHERS + _TERMS + _COMMENTS + _IMAGES + _PEOPLE + _USERS,
    EDITOR: _CONTENT + _OTHERS + _TERMS + _COMMENTS + _IMAGES + ["people.view_author"],
    AUTHOR: _CONTENT + ["articles.publish_article", "images.add_image", "images.view_image"],
    CONTRIBUTOR: _CONTENT,
}


def sync_roles() -> None:
    """Create the role groups and set exactly their permissions (idempotent).

    Runs after each app's post_migrate; permissions of apps not yet migrated are picked up
    by a later call, so the last one leaves every role complete.
    """
    known = {
        f"{p.content_type.app_label}.{p.codename}": p
        for p in Permission.objects.select_related("content_type")
    }
    for name, perms in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set([known[p] for p in perms if p in known])
