"""Personal data, as WordPress's privacy tools handle it: export everything held for an email
address, erase it (comments anonymised or deleted), and forget commenters' IP addresses
after PRIVACY_IP_RETENTION_DAYS. Views, the admin and the `privacy` command call these."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from broadsheet.comments.actions import do_delete_comment
from broadsheet.comments.models import Comment
from broadsheet.people.models import Author
from broadsheet.privacy.models import PrivacyRequest

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

log = logging.getLogger(__name__)

Mode = Literal["anonymise", "delete"]
MODES: tuple[Mode, ...] = ("anonymise", "delete")


class PrivacyError(ValueError):
    """A request that cannot be carried out (not an email address, unknown mode)."""


def normalise_email(email: str) -> str:
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError as e:
        raise PrivacyError(_("“%(email)s” is not an email address.") % {"email": email}) from e
    return email


def _comments_of(email: str) -> Any:
    # By the address the commenter gave, and by the login that wrote it (a user may have
    # changed their email since).
    return Comment.objects.filter(
        Q(author_email__iexact=email) | Q(user__email__iexact=email)
    ).order_by("created_at", "id")


def _absolute(url: str) -> str:
    return url if url.startswith(("http://", "https://")) or not url else settings.SITE_URL + url


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def personal_data(email: str) -> dict[str, Any]:
    """Everything Broadsheet holds about `email`, as plain JSON-ready data."""
    email = normalise_email(email)
    comments = [
        {
            "id": c.pk,
            "article": c.article.title,
            "article_url": settings.SITE_URL + c.article.get_absolute_url(),
            "status": c.status,
            "submitted": _iso(c.created_at),
            "author_name": c.author_name,
            "author_email": c.author_email,
            "author_url": c.author_url,
            "author_ip": c.author_ip,
            "user_agent": c.user_agent,
            "content": c.content,
        }
        for c in _comments_of(email).select_related("article")
    ]
    User = get_user_model()
    users = list(User.objects.filter(email__iexact=email).prefetch_related("groups"))
    authors = Author.objects.filter(
        Q(email__iexact=email) | Q(user__in=[u.pk for u in users])
    ).select_related("photo")
    profiles = [
        {
            "display_name": a.display_name,
            "slug": a.slug,
            "url": settings.SITE_URL + a.get_absolute_url(),
            "bio": a.bio,
            "email": a.email,
            "first_name": a.first_name,
            "last_name": a.last_name,
            "photo": _absolute(a.photo.src) if a.photo_id else None,
        }
        for a in authors
    ]
    accounts = [
        {
            "username": u.get_username(),
            "email": u.email,
            "first_name": u.first_name,
            "last_name": u.last_name,
            "date_joined": _iso(u.date_joined),
            "last_login": _iso(u.last_login),
            "roles": sorted(g.name for g in u.groups.all()),
            "application_passwords": _app_passwords(u),
        }
        for u in users
    ]
    return {
        "email": email,
        "site": settings.SITE_URL,
        "exported_at": timezone.now().isoformat(),
        "comments": comments,
        "author_profiles": profiles,
        "accounts": accounts,
    }


def _app_passwords(user: AbstractBaseUser) -> list[dict[str, Any]]:
    from broadsheet.wordpress.models import ApplicationPassword

    return [
        {
            "name": p.name,
            "created": _iso(p.created_at),
            "last_used": _iso(p.last_used_at),
            "last_ip": p.last_ip,
        }
        for p in ApplicationPassword.objects.filter(user=user)
    ]


def _by(user: AbstractBaseUser | AnonymousUser | None) -> Any:
    return user if user is not None and user.is_authenticated else None


@transaction.atomic
def do_export_personal_data(
    email: str, *, by: AbstractBaseUser | AnonymousUser | None = None
) -> dict[str, Any]:
    """The personal data held for `email` (see personal_data), with the export recorded."""
    data = personal_data(email)
    PrivacyRequest.objects.create(
        kind=PrivacyRequest.Kind.EXPORT,
        email=data["email"],
        requested_by=_by(by),
        summary=_("%(comments)d comments, %(profiles)d author profiles, %(accounts)d accounts")
        % {
            "comments": len(data["comments"]),
            "profiles": len(data["author_profiles"]),
            "accounts": len(data["accounts"]),
        },
    )
    return data


@dataclass
class Erasure:
    anonymised: int = 0
    deleted: int = 0
    # What was deliberately left, for the person doing it to handle by hand.
    kept: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [
            _("%(n)d comments anonymised") % {"n": self.anonymised},
            _("%(n)d comments deleted") % {"n": self.deleted},
        ]
        return "; ".join(parts + self.kept)


@transaction.atomic
def do_erase_personal_data(
    email: str,
    *,
    mode: Mode = "anonymise",
    by: AbstractBaseUser | AnonymousUser | None = None,
) -> Erasure:
    """Erase the comments written with `email`: "anonymise" keeps their text under the name
    "Anonymous" with no email, website, IP, browser or login; "delete" removes them (replies
    move up a level, as when a moderator deletes one).

    Author profiles and staff accounts are kept (bylines would break): the result lists
    them so that the person erasing can edit or delete them under People.
    """
    email = normalise_email(email)
    if mode not in MODES:
        raise PrivacyError(_("Choose to anonymise or to delete the comments."))
    result = Erasure()
    ids = list(_comments_of(email).values_list("pk", flat=True))
    for pk in ids:
        # Fetched one at a time, afresh: deleting one comment moves its replies, so a
        # list loaded up front would hold stale parents.
        comment = Comment.objects.filter(pk=pk).first()
        if comment is None:
            continue
        if mode == "delete":
            do_delete_comment(comment)
            result.deleted += 1
        else:
            comment.author_name = _("Anonymous")
            comment.author_email = ""
            comment.author_url = ""
            comment.author_ip = None
            comment.user_agent = ""
            comment.user = None
            # The duplicate check's hash was made from the name and email: drop it.
            comment.fingerprint = ""
            # save(), not update(): the page cache and feeds must notice the change.
            comment.save(
                update_fields=[
                    "author_name",
                    "author_email",
                    "author_url",
                    "author_ip",
                    "user_agent",
                    "user",
                    "fingerprint",
                ]
            )
            result.anonymised += 1
    User = get_user_model()
    for a in Author.objects.filter(
        Q(email__iexact=email) | Q(user__email__iexact=email)
    ).distinct():
        result.kept.append(_("author profile “%(name)s” kept") % {"name": a.display_name})
    for u in User.objects.filter(email__iexact=email):
        result.kept.append(_("login “%(name)s” kept") % {"name": u.get_username()})
    PrivacyRequest.objects.create(
        kind=PrivacyRequest.Kind.ERASE,
        email=email,
        requested_by=_by(by),
        summary=result.summary()[:500],
    )
    log.info("personal data erased (%s): %s", mode, result.summary())
    return result


@transaction.atomic
def do_erase_old_ips(days: int | None = None, *, now: datetime | None = None) -> int:
    """Forget commenters' IP addresses older than `days` (PRIVACY_IP_RETENTION_DAYS), and
    failed-login records of that age (they hold addresses too). Returns comments changed.

    A bulk update: IP addresses appear on no public page, so no cache needs to notice.
    """
    days = settings.PRIVACY_IP_RETENTION_DAYS if days is None else days
    if days <= 0:
        return 0
    cutoff = (now or timezone.now()) - timedelta(days=days)
    changed = Comment.objects.filter(created_at__lt=cutoff, author_ip__isnull=False).update(
        author_ip=None
    )
    from axes.models import AccessAttempt, AccessFailureLog

    AccessAttempt.objects.filter(attempt_time__lt=cutoff).delete()
    AccessFailureLog.objects.filter(attempt_time__lt=cutoff).delete()
    return changed
