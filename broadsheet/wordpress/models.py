from __future__ import annotations

import hashlib
import secrets
import string
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_lazy as _

# WXR import bookkeeping ---------------------------------------------------------------------
# (Reconstructed field for field from migration 0001 after an editing collision; the
# importer's author may restore docstrings and methods.)


class ImportedSite(models.Model):
    key = models.CharField(max_length=500, unique=True)
    base_site_url = models.CharField(max_length=500, blank=True)
    base_blog_url = models.CharField(max_length=500, blank=True)
    title = models.CharField(max_length=500, blank=True)
    hosts = models.JSONField(default=list)
    first_imported_at = models.DateTimeField(default=timezone.now)
    last_imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("imported WordPress site")
        verbose_name_plural = _("imported WordPress sites")

    def __str__(self) -> str:
        return self.title or self.key


class ImportRun(models.Model):
    """One import of a WXR file, from the command line or uploaded in the admin (then
    queued, and run by the background worker: see wordpress.tasks)."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    site = models.ForeignKey(ImportedSite, models.SET_NULL, null=True, blank=True)
    file_name = models.CharField(_("file"), max_length=500, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.RUNNING
    )
    done = models.PositiveIntegerField(_("items done"), default=0)
    total = models.PositiveIntegerField(_("items in the file"), default=0)
    summary = models.TextField(_("summary"), blank=True)
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    # An uploaded file waiting for the worker: its path inside the data folder (removed
    # once imported), whether to fetch its media, and who asked.
    upload = models.CharField(max_length=500, blank=True, editable=False)
    fetch_media = models.BooleanField(_("fetch media"), default=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("WordPress import")
        verbose_name_plural = _("WordPress imports")

    def __str__(self) -> str:
        return self.file_name or str(self.pk)

    @property
    def is_active(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RUNNING)


class ImportedObject(models.Model):
    site = models.ForeignKey(ImportedSite, models.CASCADE, related_name="imported_objects")
    kind = models.CharField(max_length=20)
    wp_id = models.CharField(max_length=200)
    object_id = models.BigIntegerField()
    wp_parent = models.BigIntegerField(default=0)
    digest = models.CharField(max_length=64, blank=True)
    meta = models.JSONField(default=list, blank=True)
    extra = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(ImportRun, models.SET_NULL, null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["kind", "object_id"])]
        constraints = [
            models.UniqueConstraint(fields=["site", "kind", "wp_id"], name="unique_wp_object")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.wp_id}"


# Application Passwords (WordPress 5.6+) --------------------------------------------------------

APP_PASSWORD_ALPHABET = string.ascii_letters + string.digits
APP_PASSWORD_LENGTH = 24


def app_password_digest(password: str) -> str:
    """The stored form of an application password.

    A plain SHA-256 is enough here, unlike for login passwords: the secret is 24 random
    characters chosen by us (over 140 bits), so there is nothing to guess from the digest,
    and a fast check keeps every API request cheap.
    """
    return hashlib.sha256(password.encode()).hexdigest()


def normalise_app_password(password: str) -> str:
    # Shown in groups of four ("abcd EFGH 1234 ..."); clients may send it with the spaces.
    return "".join(password.split())


class ApplicationPasswordQuerySet(models.QuerySet["ApplicationPassword"]):
    def issue(self, user: settings.AUTH_USER_MODEL, name: str) -> tuple[ApplicationPassword, str]:
        """Create a named password for `user`; the plain password is returned only here."""
        plain = "".join(secrets.choice(APP_PASSWORD_ALPHABET) for _ in range(APP_PASSWORD_LENGTH))
        item = self.create(user=user, name=name, digest=app_password_digest(plain))
        return item, plain

    def matching(self, user_id: int, password: str) -> ApplicationPassword | None:
        digest = app_password_digest(normalise_app_password(password))
        for item in self.filter(user_id=user_id):
            if constant_time_compare(item.digest, digest):
                return item
        return None


class ApplicationPassword(models.Model):
    """A named, revocable password for one program to use the REST API as its user.

    Only its digest is stored; the password itself is shown once, when it is made.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="application_passwords",
        verbose_name=_("user"),
    )
    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("Which program will use it, e.g. “Phone app” or “Publishing script”."),
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    digest = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    last_ip = models.GenericIPAddressField(_("last IP"), null=True, blank=True, editable=False)

    objects = ApplicationPasswordQuerySet.as_manager()

    class Meta:
        ordering = ["user", "name"]
        verbose_name = _("application password")
        verbose_name_plural = _("application passwords")
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="unique_app_password_name")
        ]

    def __str__(self) -> str:
        return self.name
