"""WordPress's roles, defined once as Django groups; the admin, API and commands use them.

- Administrator: everything (every permission there is, users and roles included).
- Editor: all content (anyone's articles and pages, publishing), comments, terms, images.
- Author: writes, publishes and deletes their own articles; uploads images.
- Contributor: writes their own drafts and submits them for review; cannot publish or upload.

Object-level rules (an author edits only their own articles, a contributor cannot touch an
article once published, an author changes only images they uploaded) live on the models
(`Article.can_edit`, `Article.can_publish`, `Image.can_edit`) because permissions alone
cannot say them. A role is membership of its group: an administrator need not be a superuser.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import Group, Permission

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

ADMINISTRATOR = "Administrator"
EDITOR = "Editor"
AUTHOR = "Author"
CONTRIBUTOR = "Contributor"

ALL = "*"

_OWN_ARTICLES = [
    "articles.add_article",
    "articles.change_article",
    "articles.delete_article",
    "articles.view_article",
]
# Writers file their articles under existing categories and tags: they see the terms (the
# admin's pickers need that) but do not manage them.
_SEE_TERMS = ["articles.view_category", "articles.view_tag"]
_OTHERS = [
    "articles.publish_article",
    "articles.edit_others_article",
    "articles.add_page",
    "articles.change_page",
    "articles.delete_page",
    "articles.view_page",
    "articles.view_legacypath",
    "articles.add_legacypath",
    "articles.change_legacypath",
    "articles.delete_legacypath",
]
_TERMS = [
    f"articles.{verb}_{model}"
    for model in ("category", "tag")
    for verb in ("add", "change", "delete", "view")
]
_COMMENTS = [f"comments.{verb}_comment" for verb in ("add", "change", "delete", "view")]
_IMAGES = [f"images.{verb}_image" for verb in ("add", "change", "delete", "view")]
# Importing a WordPress export (admin upload): it writes anyone's articles, pages, terms and
# comments, as Editors may; the authors it makes cannot sign in until given a password.
_IMPORT = ["wordpress.add_importrun", "wordpress.view_importrun"]

ROLES: dict[str, list[str]] = {
    ADMINISTRATOR: [ALL],
    EDITOR: [
        *_OWN_ARTICLES,
        *_OTHERS,
        *_TERMS,
        *_COMMENTS,
        *_IMAGES,
        *_IMPORT,
        "people.view_author",
    ],
    # change/delete_image cover only their own uploads (Image.can_edit).
    AUTHOR: _OWN_ARTICLES + _SEE_TERMS + ["articles.publish_article"] + _IMAGES,
    CONTRIBUTOR: _OWN_ARTICLES + _SEE_TERMS,
}
# Most powerful first: a user's role is the first of these they hold.
ORDER = [ADMINISTRATOR, EDITOR, AUTHOR, CONTRIBUTOR]


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
        if perms == [ALL]:
            group.permissions.set(known.values())
        else:
            group.permissions.set([known[p] for p in perms if p in known])


def role_of(user: AbstractBaseUser | AnonymousUser) -> str | None:
    """The most powerful role `user` holds, or None (a reader)."""
    if not user.is_authenticated:
        return None
    # .all() so a list that prefetched the groups asks nothing more.
    names = {group.name for group in user.groups.all()}
    return next((role for role in ORDER if role in names), None)
