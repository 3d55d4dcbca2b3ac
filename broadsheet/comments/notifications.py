"""Emails about comments: to the article's author when one is published, to moderators
when one is held. Built here, sent by the background task in tasks.py.

Recipients are staff (or the article's author), so the commenter's email may appear in
these messages, as it does in WordPress's; it never appears anywhere public.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from broadsheet.comments.models import Comment


@dataclass
class Message:
    subject: str
    body: str
    to: list[str]


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def moderator_emails() -> list[str]:
    """Active users who may moderate comments (by group, by own permission, or superuser)."""
    perm = Permission.objects.filter(content_type__app_label="comments", codename="change_comment")
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    users = users.filter(
        Q(is_superuser=True) | Q(groups__permissions__in=perm) | Q(user_permissions__in=perm)
    )
    return sorted(set(users.values_list("email", flat=True)))


def author_email(comment: Comment) -> str:
    author = comment.article.author
    if author.user_id and author.user.email:  # type: ignore[union-attr]
        return author.user.email  # type: ignore[union-attr]
    return author.email


def _describe(comment: Comment) -> str:
    lines = [
        _("Author: %(name)s") % {"name": comment.author_name},
        _("Email: %(email)s") % {"email": comment.author_email or "-"},
        _("Website: %(url)s") % {"url": comment.author_url or "-"},
        _("IP address: %(ip)s") % {"ip": comment.author_ip or "-"},
        _("Comment:"),
        comment.content,
        "",
    ]
    return "\n".join(lines)


def message_for(comment: Comment, event: str) -> Message | None:
    """The email for `event` ("published" or "held"), or None when nobody should get one."""
    site = settings.SITE_NAME
    title = comment.article.title
    admin_url = _absolute(reverse("admin:comments_comment_change", args=[comment.pk]))
    if event == "published":
        if comment.status != Comment.Status.APPROVED:
            return None
        to = author_email(comment)
        # Nobody needs telling about their own comment.
        if not to or to.lower() == comment.author_email.lower():
            return None
        body = (
            _("New comment on your article “%(title)s”") % {"title": title}
            + "\n\n"
            + _describe(comment)
            + _("You can see all comments on this article here:")
            + "\n"
            + _absolute(comment.get_absolute_url())
            + "\n\n"
            + _("Moderate it: %(url)s") % {"url": admin_url}
            + "\n"
        )
        return Message(f"[{site}] " + _("Comment: “%(title)s”") % {"title": title}, body, [to])
    if event == "held":
        if comment.status != Comment.Status.PENDING:
            return None
        to_list = moderator_emails()
        if not to_list:
            return None
        pending = Comment.objects.held().count()
        queue = _absolute(reverse("admin:comments_comment_changelist")) + "?comment_status=pending"
        body = (
            _("A new comment on the article “%(title)s” is waiting for your approval")
            % {"title": title}
            + "\n"
            + _absolute(comment.article.get_absolute_url())
            + "\n\n"
            + _describe(comment)
            + (_("Why it was held: %(why)s") % {"why": comment.moderation_note} + "\n\n")
            + _("Approve, spam or trash it: %(url)s") % {"url": admin_url}
            + "\n"
            + _("Comments waiting for approval: %(n)d (%(url)s)") % {"n": pending, "url": queue}
            + "\n"
        )
        return Message(
            f"[{site}] " + _("Please moderate: “%(title)s”") % {"title": title}, body, to_list
        )
    return None
