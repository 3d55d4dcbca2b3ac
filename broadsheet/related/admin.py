"""Editors pin related articles on the article's own admin page.

Added to the articles app's ArticleAdmin from here, at registration time, so the related
posts engine keeps to its own files. Only articles (not pages) get the inline.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from broadsheet.articles.admin import ArticleAdmin, PageAdmin
from broadsheet.articles.models import Article
from broadsheet.related.models import PinnedArticle


class PinFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        seen: set[int] = set()
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            related = form.cleaned_data.get("related")
            if related is None:
                continue
            if self.instance.pk and related.pk == self.instance.pk:
                raise ValidationError(_("An article cannot be related to itself."))
            if related.pk in seen:
                raise ValidationError(_("Each article can be pinned only once."))
            seen.add(related.pk)


class PinnedInline(admin.TabularInline):
    model = PinnedArticle
    fk_name = "article"
    formset = PinFormSet
    fields = ["related", "rank"]
    autocomplete_fields = ["related"]
    extra = 0
    verbose_name = _("pinned related article")
    verbose_name_plural = _(
        "Related posts pinned by hand (shown first, in this order; the rest are chosen "
        "by similarity)"
    )

    # Pinning is an editor's call (as choosing what others' articles link to), decided by
    # the articles' own permissions rather than a separate one for this table.
    def _may_pin(self, request: HttpRequest, obj: Article | None) -> bool:
        user = request.user
        if not user.has_perm("articles.edit_others_article"):
            return False
        return obj is None or obj.can_edit(user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may_pin(request, obj)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may_pin(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may_pin(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may_pin(request, obj)


# PageAdmin inherits ArticleAdmin's inlines unless it has its own: give it its own first.
PageAdmin.inlines = list(PageAdmin.inlines)
ArticleAdmin.inlines = [*ArticleAdmin.inlines, PinnedInline]
