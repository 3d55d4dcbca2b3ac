from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from broadsheet.articles.models import Article, Kind


class RelatedArticle(models.Model):
    """One entry of an article's related list: computed by the engine, or pinned by hand.

    Both kinds live in one table so the article page reads its whole block in one indexed
    query. The engine only ever replaces the computed rows (`pinned=False`); an editor's
    pins are left alone, and come first.
    """

    article = models.ForeignKey(
        Article, models.CASCADE, related_name="related_links", verbose_name=_("article")
    )
    related = models.ForeignKey(
        Article,
        models.CASCADE,
        related_name="+",
        limit_choices_to={"kind": Kind.POST},
        verbose_name=_("related article"),
    )
    pinned = models.BooleanField(_("pinned"), default=False)
    # Pins: the editor's order. Computed: 0 is the most similar.
    rank = models.PositiveSmallIntegerField(_("position"), default=0)
    score = models.FloatField(default=0, editable=False)

    class Meta:
        ordering = ["article", "-pinned", "rank"]
        verbose_name = _("related article")
        verbose_name_plural = _("related articles")
        constraints = [
            # An editor may pin an article the engine also chose: shown once, as the pin.
            models.UniqueConstraint(
                fields=["article", "related", "pinned"], name="related_link_unique"
            ),
            models.CheckConstraint(condition=~Q(article=F("related")), name="related_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.article_id} → {self.related_id}"


class PinnedManager(models.Manager["PinnedArticle"]):
    def get_queryset(self) -> models.QuerySet[PinnedArticle]:
        return super().get_queryset().filter(pinned=True)


class PinnedArticle(RelatedArticle):
    """The pins alone, for the article's admin page."""

    objects = PinnedManager()

    class Meta:
        proxy = True
        ordering = ["rank", "id"]
        verbose_name = _("pinned related article")
        verbose_name_plural = _("pinned related articles")

    def save(self, *args: object, **kwargs: object) -> None:
        self.pinned = True
        super().save(*args, **kwargs)  # type: ignore[arg-type]
