"""Every write to comments that others notice goes through here (views, the admin, the
`comments` command), each in a transaction; notifications go out after it commits."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from broadsheet.articles.actions import tell_page_cache
from broadsheet.articles.models import Article
from broadsheet.comments.models import Comment, DiscussionSettings
from broadsheet.comments.moderation import Facts, judge
from broadsheet.comments.rendering import render_comment
from broadsheet.lib.bulk import insert_objects

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

log = logging.getLogger(__name__)

FLOOD_SECONDS = 15
Status = Comment.Status


class CommentRefused(Exception):
    """A comment that is not stored, with the message and HTTP status the reader gets."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass
class Submission:
    """What the request tells about who posts, beyond the form's fields."""

    ip: str | None = None
    user_agent: str = ""
    user: AbstractBaseUser | AnonymousUser | None = None
    honeypot_filled: bool = False
    stamp_problem: str = ""


def is_moderator(user: AbstractBaseUser | AnonymousUser | None) -> bool:
    return bool(user and user.is_authenticated and user.has_perm("comments.change_comment"))


def fingerprint(article_id: int, name: str, email: str, content: str) -> str:
    value = f"{article_id}\x00{name.strip().lower()}\x00{email.strip().lower()}\x00{content}"
    return salted_hmac("broadsheet.comments.duplicate", value).hexdigest()


def attach_parent(parent: Comment | None, max_depth: int) -> Comment | None:
    """A reply below the deepest level attaches at that level (as a sibling there)."""
    if parent is None:
        return None
    chain = [parent]
    while chain[-1].parent_id is not None and len(chain) <= 100:
        chain.append(Comment.objects.only("id", "parent_id").get(pk=chain[-1].parent_id))
    depth = len(chain)  # the parent's own depth, 1 for a top-level comment
    if depth < max_depth:
        return parent
    # chain[0] is the parent (depth `depth`); the comment must hang under depth max-1.
    return chain[depth - max_depth + 1]


def _duplicate() -> CommentRefused:
    return CommentRefused(
        _("Duplicate comment detected; it looks as though you’ve already said that!"),  # noqa: RUF001
        409,
    )


def _check_duplicate(comment: Comment) -> None:
    same = Comment.objects.filter(fingerprint=comment.fingerprint)
    if same.exclude(status=Status.TRASH).exists():
        raise _duplicate()


def _check_limits(comment: Comment, conf: DiscussionSettings) -> None:
    """Duplicates (409), then flooding and the hourly cap per IP (429), as WordPress orders."""
    _check_duplicate(comment)
    now = timezone.now()
    recent = Q(author_email__iexact=comment.author_email) if comment.author_email else Q(pk=None)
    if comment.author_ip:
        recent |= Q(author_ip=comment.author_ip)
    if Comment.objects.filter(recent, created_at__gte=now - timedelta(seconds=FLOOD_SECONDS)):
        raise CommentRefused(
            _("You are posting comments too quickly. Wait a few seconds and post again."), 429
        )
    if comment.author_ip and conf.max_per_ip_hour:
        hour = Comment.objects.filter(
            author_ip=comment.author_ip, created_at__gte=now - timedelta(hours=1)
        )
        if hour.count() >= conf.max_per_ip_hour:
            raise CommentRefused(
                _("Too many comments from your address this hour. Please try again later."),
                429,
            )


@transaction.atomic
def do_post_comment(
    article: Article,
    *,
    name: str,
    email: str,
    url: str,
    content: str,
    parent: Comment | None = None,
    submission: Submission | None = None,
) -> Comment:
    """Store a reader's comment with the status the discussion rules give it.

    Raises CommentRefused (nothing stored) for duplicates, flooding and closed articles.
    The article row is locked for the check-then-insert, and a unique index on the
    comment's fingerprint backs it up, so a form submitted twice at once is stored once.
    """
    submission = submission or Submission()
    conf = DiscussionSettings.load()
    # Serialises comments on one article (PostgreSQL; SQLite's IMMEDIATE transactions
    # serialise all writers anyway).
    locked = Article.objects.select_for_update().filter(pk=article.pk).first()
    if locked is None or not conf.comments_open(locked):
        raise CommentRefused(_("Comments are closed on this article."), 403)
    user = submission.user if submission.user and submission.user.is_authenticated else None
    if conf.require_login and user is None:
        raise CommentRefused(_("You must be logged in to post a comment."), 401)
    comment = Comment(
        article=locked,
        parent=attach_parent(parent, conf.thread_depth),
        author_name=name.strip(),
        author_email=email.strip(),
        author_url=url.strip(),
        content=content.strip(),
        author_ip=submission.ip,
        user_agent=submission.user_agent[:255],
        user=user,  # type: ignore[misc]
    )
    comment.fingerprint = fingerprint(
        locked.pk, comment.author_name, comment.author_email, comment.content
    )
    moderator = is_moderator(user)
    if moderator:  # WordPress spares moderators the flood checks
        _check_duplicate(comment)
    else:
        _check_limits(comment, conf)
    comment.content_html = render_comment(comment.content)  # the rules count its links
    writes_here = bool(user and locked.author.user_id == user.pk)
    facts = Facts(
        honeypot_filled=submission.honeypot_filled,
        stamp_problem=submission.stamp_problem,
        trusted=moderator or writes_here,
        previously_approved=Comment.objects.filter(
            author_name=comment.author_name,
            author_email__iexact=comment.author_email,
            status=Status.APPROVED,
        ).exists(),
    )
    verdict = judge(comment, conf, facts)
    comment.status = verdict.status
    comment.moderation_note = verdict.note
    try:
        with transaction.atomic():
            comment.save()
    except IntegrityError as e:
        # The twin of a request that passed the duplicate check at the same moment.
        raise _duplicate() from e
    _notify_after_commit(comment, conf)
    return comment


def _notify_after_commit(comment: Comment, conf: DiscussionSettings) -> None:
    from broadsheet.comments.tasks import notify_comment

    if comment.status == Status.APPROVED and conf.notify_author:
        event = "published"
    elif comment.status == Status.PENDING and conf.notify_moderators:
        event = "held"
    else:
        return
    pk = comment.pk
    # In the background, never in the reader's request: a slow mail server must not be
    # the reader's wait, and a failing one not their error page.
    transaction.on_commit(lambda: notify_comment.enqueue(pk, event))


@transaction.atomic
def do_set_status(
    comments: Iterable[Comment],
    status: str,
    *,
    by: AbstractBaseUser | AnonymousUser | None = None,
) -> int:
    """Approve, unapprove (back to pending), mark as spam or trash; also restore from spam
    or trash (to pending). Returns how many comments changed."""
    conf = DiscussionSettings.load()
    changed = 0
    for comment in comments:
        old = comment.status
        if old == status:
            continue
        comment.status = status
        if old == Status.TRASH and status != Status.TRASH:
            # Restoring: a trashed twin may have been posted again meanwhile.
            comment.fingerprint = "" if _fingerprint_taken(comment) else comment.fingerprint
        comment.save(update_fields=["status", "fingerprint"])
        changed += 1
        if status == Status.APPROVED and old == Status.PENDING:
            _notify_after_commit(comment, conf)
    return changed


def _fingerprint_taken(comment: Comment) -> bool:
    if not comment.fingerprint:
        return False
    others = Comment.objects.filter(fingerprint=comment.fingerprint).exclude(pk=comment.pk)
    return others.exclude(status=Status.TRASH).exists()


def do_approve(comment: Comment, by: AbstractBaseUser | AnonymousUser | None = None) -> Comment:
    do_set_status([comment], Status.APPROVED, by=by)
    return comment


def do_unapprove(comment: Comment, by: AbstractBaseUser | AnonymousUser | None = None) -> Comment:
    do_set_status([comment], Status.PENDING, by=by)
    return comment


def do_spam(comment: Comment, by: AbstractBaseUser | AnonymousUser | None = None) -> Comment:
    do_set_status([comment], Status.SPAM, by=by)
    return comment


def do_trash(comment: Comment, by: AbstractBaseUser | AnonymousUser | None = None) -> Comment:
    do_set_status([comment], Status.TRASH, by=by)
    return comment


@transaction.atomic
def do_edit_comment(comment: Comment) -> Comment:
    """Save a moderator's edit (text, name, email, website); the HTML is re-rendered."""
    comment.fingerprint = fingerprint(
        comment.article_id, comment.author_name, comment.author_email, comment.content
    )
    if _fingerprint_taken(comment):
        comment.fingerprint = ""
    comment.full_clean(exclude=["article", "parent", "user"])
    comment.save()
    return comment


@transaction.atomic
def do_reply(
    parent: Comment, user: AbstractBaseUser, content: str, *, ip: str | None = None
) -> Comment:
    """A staff member's reply from the admin: published at once, and (as WordPress's
    "Approve and Reply") approving the comment replied to."""
    if parent.status != Status.APPROVED:
        do_set_status([parent], Status.APPROVED, by=user)
    author = getattr(user, "author", None)
    name = author.display_name if author else (user.get_full_name() or user.get_username())  # type: ignore[attr-defined]
    conf = DiscussionSettings.load()
    comment = Comment(
        article_id=parent.article_id,
        parent=attach_parent(parent, conf.thread_depth),
        author_name=name,
        author_email=getattr(user, "email", "") or "",
        content=content.strip(),
        author_ip=ip,
        user=user,  # type: ignore[misc]
        status=Status.APPROVED,
    )
    comment.fingerprint = fingerprint(
        comment.article_id, comment.author_name, comment.author_email, comment.content
    )
    _check_duplicate(comment)
    comment.save()
    _notify_after_commit(comment, conf)
    return comment


@transaction.atomic
def do_delete_comment(comment: Comment) -> None:
    """Delete for good. Replies move up to the deleted comment's parent (as WordPress does)
    instead of vanishing with it."""
    Comment.objects.filter(parent=comment).update(parent=comment.parent_id)
    comment.delete()


@transaction.atomic
def do_empty_spam(older_than_days: int = 15) -> int:
    """Delete spam older than `older_than_days` (WordPress/Akismet keep it 15 days)."""
    cutoff = timezone.now() - timedelta(days=older_than_days)
    old = Comment.objects.filter(status=Status.SPAM, created_at__lt=cutoff)
    count = 0
    for comment in old.iterator():
        do_delete_comment(comment)
        count += 1
    return count


@transaction.atomic
def do_import_comments(
    new: Sequence[Comment], changed: Sequence[Comment] = (), fields: Sequence[str] = ()
) -> None:
    """Store comments brought over from another site (the WordPress import), in bulk.

    They were moderated where they were written: their status is kept, no rule is applied
    and nobody is notified. The HTML is rendered here, as Comment.save would; `fields` are
    those of `changed` to write. The page cache is told once (bulk writes send no signals).
    """
    for comment in new:
        comment.content_html = render_comment(comment.content)
    if "content" in fields:
        for comment in changed:
            comment.content_html = render_comment(comment.content)
        fields = [*fields, "content_html"]
    # Comments given their ids go in with plain INSERTs (lib.bulk); the others through
    # bulk_create, which reads their new ids back.
    insert_objects(Comment, [c for c in new if c.pk is not None])
    Comment.objects.bulk_create([c for c in new if c.pk is None], batch_size=1000)
    if changed and fields:
        Comment.objects.bulk_update(changed, fields, batch_size=500)
    if new or changed:
        tell_page_cache(Comment)
