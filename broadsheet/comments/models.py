from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from broadsheet.comments.avatars import identicon_svg
from broadsheet.comments.rendering import render_comment
from broadsheet.lib.sitewide import memoised

if TYPE_CHECKING:
    from broadsheet.articles.models import Article

_WEB_URL = re.compile(r"^https?://[^\s\x00-\x1f]+$", re.IGNORECASE)


class CommentQuerySet(models.QuerySet["Comment"]):
    def public(self, now: object = None) -> CommentQuerySet:
        """Comments anyone may read: approved, on an article the visibility rule shows.

        Password-protected articles' comments stay hidden, as their bodies do. `now` as in
        `published_q` (a placeholder in a prepared query).
        """
        from broadsheet.articles.models import published_q

        # A join on the article, not a subquery: listings count comments for 10 articles
        # and must not scan every published one.
        return self.filter(
            published_q("article__", now=now), status=Comment.Status.APPROVED, article__password=""
        )

    def held(self) -> CommentQuerySet:
        """Waiting for a moderator: WordPress's "pending" queue."""
        return self.filter(status=Comment.Status.PENDING)

    @staticmethod
    def unapproved_q(**where: object) -> Q:
        """Held or spam comments matching `where`: what their writer alone may still see."""
        return Q(status__in=(Comment.Status.PENDING, Comment.Status.SPAM), **where)

    def by_writer(self, email: str) -> CommentQuerySet:
        """Someone's own comments not yet approved, which they (and only they) may see."""
        return self.filter(self.unapproved_q(author_email__iexact=email))

    def for_display(self) -> CommentQuerySet:
        """Only the columns a comment list shows (the email is kept for the avatar only)."""
        return self.only(
            "id",
            "article_id",
            "parent_id",
            "author_name",
            "author_email",
            "author_url",
            "content_html",
            "status",
            "created_at",
        ).order_by("created_at", "id")


class Comment(models.Model):
    """A reader's comment; every write goes through broadsheet.comments.actions."""

    class Status(models.TextChoices):
        APPROVED = "approved", _("Approved")
        PENDING = "pending", _("Pending")
        SPAM = "spam", _("Spam")
        TRASH = "trash", _("Trash")

    class Type(models.TextChoices):
        COMMENT = "comment", _("Comment")
        PINGBACK = "pingback", _("Pingback")
        TRACKBACK = "trackback", _("Trackback")

    article = models.ForeignKey(
        "articles.Article", models.CASCADE, related_name="comments", verbose_name=_("article")
    )
    parent = models.ForeignKey(
        "self",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("in reply to"),
    )
    author_name = models.CharField(_("name"), max_length=245)
    author_email = models.EmailField(_("email"), max_length=100, blank=True)
    author_url = models.URLField(_("website"), max_length=200, blank=True)
    author_ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=255, blank=True)
    # The login that wrote it, when a logged-in user did (staff replies, subscribers).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("login"),
    )
    content = models.TextField(_("comment"), max_length=65525)
    # Rendered and sanitised on save, so showing 200 comments never parses anything.
    content_html = models.TextField(blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    type = models.CharField(max_length=10, choices=Type.choices, default=Type.COMMENT)
    created_at = models.DateTimeField(_("submitted"), default=timezone.now)
    # Keyed hash of (article, name, email, text): a unique index refuses the same comment
    # twice even when two identical posts race. Keyed, so it says nothing about the email.
    fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    # Why the rules held it or called it spam, for the moderator ("2 links", "honeypot").
    moderation_note = models.CharField(_("why held"), max_length=255, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["article", "status", "created_at"]),
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["author_ip", "created_at"]),
            models.Index(fields=["author_email", "created_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["fingerprint"],
                condition=~Q(fingerprint="") & ~Q(status="trash"),
                name="comment_unique_fingerprint",
            )
        ]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return f"{self.author_name}: {self.content[:40]}"

    def save(self, *args: object, **kwargs: object) -> None:
        # PostgreSQL cannot store NUL in text; the form refuses it, imports are cleaned here.
        for name in ("author_name", "author_email", "author_url", "content", "user_agent"):
            setattr(self, name, getattr(self, name).replace("\x00", ""))
        # Whoever writes the row (actions, the admin, an importer), readers get sanitised HTML.
        self.content_html = render_comment(self.content)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "content_html"}  # type: ignore[misc]
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def get_absolute_url(self) -> str:
        """The article's comment page holding this comment, with its #comment-ID."""
        from broadsheet.comments.threads import page_url_of

        return page_url_of(self)

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def website(self) -> str:
        """The commenter's website when it is an http(s) URL; the form only takes those, but
        rows from imports or old versions are not trusted to."""
        url = self.author_url.strip()
        return url if _WEB_URL.match(url) else ""

    @property
    def avatar(self) -> SafeString:
        """An identicon drawn from a keyed hash of the email: no request to anyone, and no
        hash of the address in the page for a lookup table to reverse."""
        return identicon_svg(self.author_email or self.author_name)

    def moderation_hash(self) -> str:
        """WordPress's `moderation-hash`: lets the writer, sent back after posting, see the
        held comment with no cookie. Signed over the id and time, so ids cannot be guessed."""
        value = f"{self.pk}:{self.created_at.isoformat()}"
        return salted_hmac("broadsheet.comments.unapproved", value).hexdigest()[:32]

    def check_moderation_hash(self, given: str) -> bool:
        return constant_time_compare(given, self.moderation_hash())

    @property
    def excerpt(self) -> str:
        text = " ".join(self.content.split())
        return text if len(text) <= 60 else text[:60]


class DiscussionSettings(models.Model):
    """The site's discussion settings (WordPress's Settings → Discussion), one row.

    Defaults are WordPress's, so a site moving over behaves as it did.
    """

    require_login = models.BooleanField(
        _("users must be logged in to comment"),
        default=False,
        help_text=_("Anonymous readers then see no form, and the API answers 401."),
    )

    require_previous_approval = models.BooleanField(
        _("hold first comments"),
        default=True,
        help_text=_(
            "A commenter whose name and email have no approved comment yet is held for moderation."
        ),
    )
    max_links = models.PositiveSmallIntegerField(
        _("hold comments with this many links"),
        default=2,
        help_text=_("A comment with at least this many links is held. 0 switches this off."),
    )
    hold_words = models.TextField(
        _("hold words"),
        blank=True,
        help_text=_(
            "One word, name, email, URL or IP a line. A comment containing any of them in "
            "its text, name, email, website, IP or browser is held for moderation."
        ),
    )
    disallowed_words = models.TextField(
        _("disallowed words"),
        blank=True,
        help_text=_("As hold words, but a comment containing one goes to spam."),
    )
    close_old_articles = models.BooleanField(
        _("close comments on old articles"),
        default=False,
    )
    close_after_days = models.PositiveIntegerField(
        _("close comments on articles older than (days)"), default=14
    )
    thread_depth = models.PositiveSmallIntegerField(
        _("threaded replies, levels deep"),
        default=5,
        help_text=_("A reply deeper than this attaches at the deepest level."),
    )
    per_page = models.PositiveSmallIntegerField(_("top-level comments per page"), default=50)
    max_per_ip_hour = models.PositiveIntegerField(
        _("comments per IP address per hour"),
        default=20,
        help_text=_("More than this from one address in an hour are refused."),
    )
    notify_author = models.BooleanField(
        _("email the article's author about new comments"), default=True
    )
    notify_moderators = models.BooleanField(
        _("email moderators about comments held for moderation"), default=True
    )

    class Meta:
        verbose_name = _("discussion settings")
        verbose_name_plural = _("discussion settings")

    def __str__(self) -> str:
        return str(_("Discussion settings"))

    def save(self, *args: object, **kwargs: object) -> None:
        self.pk = 1  # one row, always
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @classmethod
    def load(cls) -> DiscussionSettings:
        found = cls.objects.filter(pk=1).first()
        return found if found is not None else cls(pk=1)

    @classmethod
    def current(cls) -> DiscussionSettings:
        """The settings as pages show them: `load()`, kept by each process until they change
        (broadsheet.lib.sitewide). Shared between requests, so read it, never change it."""
        return memoised("discussion-settings", lambda: (cls.load(), None))

    @staticmethod
    def words(text: str) -> list[str]:
        return [w.strip().lower() for w in text.splitlines() if w.strip()]

    @property
    def hold_list(self) -> list[str]:
        return self.words(self.hold_words)

    @property
    def disallowed_list(self) -> list[str]:
        return self.words(self.disallowed_words)

    def comments_open(self, article: Article) -> bool:
        """Whether readers may comment on `article` now."""
        if not article.comments_open or article.kind != "post" or not article.is_public:
            return False
        if self.close_old_articles and article.published_at is not None:
            return timezone.now() - article.published_at <= timedelta(days=self.close_after_days)
        return True
