from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

from broadsheet.lib.remembered import url_of

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
    from django.http import HttpRequest

    User = AbstractBaseUser | AnonymousUser

POSTPASS_COOKIE = "broadsheet-postpass"


class Status(models.TextChoices):
    # WordPress's own status names, so imports, exports and the REST API need no mapping.
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Pending review")
    SCHEDULED = "future", _("Scheduled")
    PUBLISHED = "publish", _("Published")
    PRIVATE = "private", _("Private")
    TRASH = "trash", _("Trash")


class Kind(models.TextChoices):
    POST = "post", _("Article")
    PAGE = "page", _("Page")


PUBLIC_STATUSES = (Status.PUBLISHED, Status.SCHEDULED)


class Category(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, allow_unicode=True)
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    description = models.TextField(_("description"), blank=True)
    # "parent/child", kept in step by actions.do_save_category so links need no parent walk.
    path = models.CharField(max_length=1000, unique=True, editable=False)

    class Meta:
        ordering = ["path"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return url_of("category", self.path)


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, allow_unicode=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return url_of("tag", self.slug)


def published_q(prefix: str = "", now: Any = None) -> Q:
    """The visibility rule as a condition, for queries that reach articles through a
    relation (`published_q("article__")` on comments) and so join instead of subquerying.

    `now` is the time to compare with: the current time, or a placeholder bound to it
    later (a prepared query, broadsheet.lib.prepared)."""
    return Q(
        **{
            f"{prefix}status__in": PUBLIC_STATUSES,
            f"{prefix}published_at__lte": timezone.now() if now is None else now,
        }
    )


class ArticleQuerySet(models.QuerySet["Article"]):
    """The one visibility rule lives here; every page, feed and API list goes through it."""

    def published(self) -> ArticleQuerySet:
        """What an anonymous reader may see: published, or scheduled and due.

        Compared with the clock rather than trusting the worker to flip the status, so a
        scheduled article is public at its time even when the worker is late.
        """
        return self.filter(published_q())

    def visible_to(self, user: User | None) -> ArticleQuerySet:
        """What `user` may read on the public site: the public ones, plus private ones
        for those who can edit them (as WordPress's read_private_posts)."""
        if user is None or not user.is_authenticated:
            return self.published()
        public = published_q()
        if user.has_perm("articles.edit_others_article"):
            return self.filter(public | Q(status=Status.PRIVATE))
        return self.filter(public | Q(status=Status.PRIVATE, author__user=user))

    def posts(self) -> ArticleQuerySet:
        return self.filter(kind=Kind.POST)

    def pages(self) -> ArticleQuerySet:
        return self.filter(kind=Kind.PAGE)


class Article(models.Model):
    """An article (WordPress's post) or a page; one table so one rule covers both."""

    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.POST)
    title = models.CharField(_("headline"), max_length=500)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        blank=True,
        allow_unicode=True,
        help_text=_("The last part of the address. Made from the headline when left empty."),
    )
    standfirst = models.TextField(
        _("standfirst"), blank=True, help_text=_("One line under the headline.")
    )
    body = models.TextField(_("body"), blank=True, help_text=_("Markdown."))
    body_format = models.CharField(
        max_length=10,
        choices=[("markdown", "Markdown"), ("html", "HTML")],
        default="markdown",
        editable=False,
    )
    # Rendered and sanitised on save, so a page view never parses Markdown.
    body_html = models.TextField(blank=True, editable=False)
    word_count = models.PositiveIntegerField(default=0, editable=False)
    author = models.ForeignKey(
        "people.Author", models.PROTECT, related_name="articles", verbose_name=_("author")
    )
    categories = models.ManyToManyField(
        Category, blank=True, related_name="articles", verbose_name=_("categories")
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles", verbose_name=_("tags"))
    featured_image = models.ForeignKey(
        "images.Image",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("featured image"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    password = models.CharField(
        _("password"),
        max_length=255,
        blank=True,
        help_text=_("Readers must type this to read the article. Leave empty for none."),
    )
    published_at = models.DateTimeField(
        _("publish time"),
        null=True,
        blank=True,
        help_text=_("Set a future time to schedule. Empty means now, on publishing."),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    comments_open = models.BooleanField(_("comments open"), default=True)
    sticky = models.BooleanField(_("sticky"), default=False)
    parent = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        limit_choices_to={"kind": Kind.PAGE},
        verbose_name=_("parent page"),
    )
    menu_order = models.IntegerField(_("menu order"), default=0)
    # The native path ("/2026/05/04/slug/" or "/parent/child/"), kept by the actions.
    path = models.CharField(max_length=1000, blank=True, editable=False, db_index=True)
    # An imported item's path on the old site, where it keeps answering 200.
    original_path = models.CharField(max_length=1000, blank=True, editable=False, db_index=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [
            ("publish_article", "Can publish articles"),
            ("edit_others_article", "Can edit and read others' articles"),
        ]
        indexes = [
            models.Index(fields=["kind", "status", "published_at"]),
            # The newest-first lists (home, date archives, feeds, the API's posts, and the
            # milestones of every list): listings filter on two statuses, so only a
            # (kind, published_at) prefix yields their order without sorting every
            # published article; id and status make it covering, so a deep page's skipped
            # entries are passed over in the index alone (docs/performance.md).
            models.Index(fields=["kind", "published_at", "id", "status"], name="article_listing"),
            # An author's archive, in order, without walking everyone's articles.
            models.Index(
                fields=["author", "kind", "published_at", "id", "status"],
                name="article_author_listing",
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["path"], condition=~Q(path=""), name="unique_path")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.original_path or self.path

    @property
    def local_published(self) -> datetime | None:
        return timezone.localtime(self.published_at) if self.published_at else None

    def native_path(self) -> str:
        """Where this item lives when nothing older claims a URL for it."""
        if not self.slug:
            return ""
        if self.kind == Kind.PAGE:
            return (
                f"{self.parent.path.rstrip('/')}/{self.slug}/" if self.parent else f"/{self.slug}/"
            )
        when = self.local_published or timezone.localtime(self.created_at)
        return f"/{when:%Y/%m/%d}/{self.slug}/"

    @property
    def is_public(self) -> bool:
        return (
            self.status in PUBLIC_STATUSES
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def reading_minutes(self) -> int:
        return max(1, round(self.word_count / 230))

    @property
    def is_protected(self) -> bool:
        return bool(self.password)

    # Password protection (WordPress's post password): the cookie holds a keyed hash of the
    # password typed, never the password, and unlocks every article sharing that password.
    @staticmethod
    def password_token(password: str) -> str:
        return salted_hmac("broadsheet.postpass", password).hexdigest()

    def unlocked_for(self, request: HttpRequest) -> bool:
        if not self.password:
            return True
        token = request.COOKIES.get(POSTPASS_COOKIE, "")
        return constant_time_compare(token, self.password_token(self.password))

    # Role rules that permissions alone cannot express (WordPress's edit_others_posts).
    def can_edit(self, user: User) -> bool:
        if not user.has_perm("articles.change_article"):
            return False
        if user.has_perm("articles.edit_others_article"):
            return True
        if self.author.user_id != user.pk or self.status == Status.TRASH:
            return False
        # WordPress's edit_published_posts: a contributor's article is out of their hands
        # once an editor has published (or scheduled) it.
        return self.status in (Status.DRAFT, Status.PENDING) or self.can_publish(user)

    @staticmethod
    def can_publish(user: User) -> bool:
        return user.has_perm("articles.publish_article")


class Page(Article):
    """Pages in the admin: the same table and rules as articles, their own menu entry."""

    class Meta:
        proxy = True
        verbose_name = _("page")
        verbose_name_plural = _("pages")


class LegacyPath(models.Model):
    """An old URL of an item (earlier slug or date, or its path on an imported site).

    Looked up only after every other route missed, and answered with a 301 to the item.
    """

    path = models.CharField(max_length=1000, unique=True)
    article = models.ForeignKey(Article, models.CASCADE, related_name="legacy_paths")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")

    def __str__(self) -> str:
        return self.path
