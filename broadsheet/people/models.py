from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from broadsheet.lib.remembered import url_of


class Author(models.Model):
    """The public face of a writer: the byline, the bio box and the author archive."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="author",
        verbose_name=_("login"),
    )
    display_name = models.CharField(_("display name"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, allow_unicode=True)
    bio = models.TextField(_("bio"), blank=True)
    photo = models.ForeignKey(
        "images.Image",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("photo"),
    )
    # Kept for the WordPress import/export round trip; never shown to readers.
    email = models.EmailField(_("email"), blank=True)
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)

    class Meta:
        ordering = ["display_name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return url_of("author", self.slug)
