from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PrivacyRequest(models.Model):
    """A record of each export or erasure: who asked for whose data, when, and what was done
    (as WordPress keeps its export and erasure requests), so the site can show it answered."""

    class Kind(models.TextChoices):
        EXPORT = "export", _("Export personal data")
        ERASE = "erase", _("Erase personal data")

    kind = models.CharField(_("request"), max_length=10, choices=Kind.choices)
    email = models.EmailField(_("email"), max_length=254)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )
    created_at = models.DateTimeField(_("date"), default=timezone.now)
    summary = models.CharField(_("what was done"), max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("personal data request")
        verbose_name_plural = _("personal data requests")
        default_permissions = ("view",)
        permissions = [
            ("export_personal_data", _("Can export personal data")),
            ("erase_personal_data", _("Can erase personal data")),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.email}"
