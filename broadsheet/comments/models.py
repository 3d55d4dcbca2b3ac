from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CommentQuerySet(models.QuerySet["Comment"]):
    def public(self) -> CommentQuerySet:
        """Comments anyone may read: approved, on an article the visibility rule shows.

        Password-protected articles' comments stay hidden, as their bodies do.
        """
        from broadsheet.articles.models import Article

        return self.filter(
            status=Comment.Status.APPROVED,
            article__in=Article.objects.published().filter(password=""),
        )


class Comment(models.Model):
    """A reader's comment. The form, moderation and display arrive with the comments issue."""

    class Status(models.TextChoices):
        APPROVED = "approved", _("Approved")
        PENDING = "pending", _("Pending")
        SPAM = "spam", _("Spam")
        TRASH = "trash", _("Trash")

    class Type(models.TextChoices):
        COMMENT = "comment", _("Comment")
        PINGBACK = "pingback", _("Pingback")
        TRACKBACK = "trackback", _("Trackback")

    article = models.ForeignKey("articles.Article", models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", models.CASCADE, null=True, blank=True, related_name="replies"
    )
    author_name = models.CharField(_("name"), max_length=245)
    author_email = models.EmailField(_("email"), max_length=100, blank=True)
    author_url = models.URLField(_("website"), max_length=200, blank=True)
    author_ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=255, blank=True)
    content = models.TextField(_("comment"), max_length=65525)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    type = models.CharField(max_length=10, choices=Type.choices, default=Type.COMMENT)
    created_at = models.DateTimeField(default=timezone.now)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["article", "status", "created_at"])]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return f"{self.author_name}: {self.content[:40]}"
