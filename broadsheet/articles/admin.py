from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from broadsheet.articles import actions
from broadsheet.articles.models import Article, Category, Kind, LegacyPath, Page, Status, Tag
from broadsheet.articles.views import render_article
from broadsheet.people.models import Author

WRITER_STATUSES = (Status.DRAFT, Status.PENDING)


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    kind = Kind.POST
    list_display = ["title", "status", "author", "published_at", "public_link"]
    list_filter = ["status", "categories", "author"]
    search_fields = ["title", "standfirst"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["categories", "tags", "featured_image"]
    readonly_fields = ["preview_link"]
    fieldsets = [
        (None, {"fields": ["title", "standfirst", "body", "preview_link"]}),
        (_("Publishing"), {"fields": ["status", "published_at", "password", "author", "slug"]}),
        (_("Filing"), {"fields": ["categories", "tags", "featured_image"]}),
        (_("Discussion"), {"fields": ["comments_open", "sticky"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        qs = super().get_queryset(request).filter(kind=self.kind).select_related("author")
        if request.user.has_perm("articles.edit_others_article"):
            return qs
        return qs.filter(author__user=request.user).exclude(status=Status.TRASH)

    def has_change_permission(self, request: HttpRequest, obj: Article | None = None) -> bool:
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or obj.can_edit(request.user))

    def has_delete_permission(self, request: HttpRequest, obj: Article | None = None) -> bool:
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or obj.can_edit(request.user))

    def get_form(
        self, request: HttpRequest, obj: Any = None, **kwargs: Any
    ) -> type[forms.ModelForm]:
        form = super().get_form(request, obj, **kwargs)
        fields = form.base_fields
        if "status" in fields and not Article.can_publish(request.user):
            # Contributors write and submit for review; publishing is an editor's call.
            keep = {*WRITER_STATUSES, *([obj.status] if obj else [])}
            fields["status"].choices = [c for c in Status.choices if c[0] in keep]
        if "author" in fields:
            if request.user.has_perm("articles.edit_others_article"):
                fields["author"].initial = Author.objects.filter(user=request.user).first()
            else:
                fields["author"].queryset = Author.objects.filter(user=request.user)
                fields["author"].initial = fields["author"].queryset.first()
                fields["author"].empty_label = None
        return form

    def save_model(self, request: HttpRequest, obj: Article, form: Any, change: bool) -> None:
        obj.kind = self.kind
        actions.do_save_article(obj)

    def delete_model(self, request: HttpRequest, obj: Article) -> None:
        actions.do_delete_article(obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        for obj in queryset:
            actions.do_delete_article(obj)

    @admin.display(description=_("address"))
    def public_link(self, obj: Article) -> str:
        if obj.is_public:
            return format_html('<a href="{0}">{0}</a>', obj.get_absolute_url())
        return "—"

    @admin.display(description=_("preview"))
    def preview_link(self, obj: Article) -> str:
        if not obj.pk:
            return _("Save a draft to preview it.")
        url = reverse(f"admin:articles_{self.opts.model_name}_preview", args=[obj.pk])
        return format_html(
            '<a href="{}" target="_blank">{}</a>', url, _("Preview as readers will see it")
        )

    def get_urls(self) -> list:  # type: ignore[type-arg]
        name = f"articles_{self.opts.model_name}_preview"
        preview = self.admin_site.admin_view(self.preview)
        return [path("<int:pk>/preview/", preview, name=name), *super().get_urls()]

    def preview(self, request: HttpRequest, pk: int) -> HttpResponse:
        """The public template, for any status, with the saved text."""
        article = get_object_or_404(
            Article.objects.select_related("author__photo"), pk=pk, kind=self.kind
        )
        if not article.can_edit(request.user) and not self.has_view_permission(request, article):
            raise PermissionDenied
        response = render_article(request, article, preview=True)
        response["X-Robots-Tag"] = "noindex"
        return response


@admin.register(Page)
class PageAdmin(ArticleAdmin):
    kind = Kind.PAGE
    list_display = ["title", "status", "path", "menu_order"]
    list_filter = ["status"]
    date_hierarchy = None
    autocomplete_fields = ["featured_image"]
    fieldsets = [
        (None, {"fields": ["title", "standfirst", "body", "preview_link"]}),
        (_("Publishing"), {"fields": ["status", "published_at", "password", "author"]}),
        (_("Place"), {"fields": ["parent", "slug", "menu_order"]}),
    ]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "path"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "parent", "description"]

    def save_model(self, request: HttpRequest, obj: Category, form: Any, change: bool) -> None:
        actions.do_save_category(obj)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def save_model(self, request: HttpRequest, obj: Tag, form: Any, change: bool) -> None:
        actions.do_save_tag(obj)


@admin.register(LegacyPath)
class LegacyPathAdmin(admin.ModelAdmin):
    list_display = ["path", "article", "created_at"]
    search_fields = ["path"]
    raw_id_fields = ["article"]
