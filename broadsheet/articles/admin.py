from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, resolve, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from broadsheet.articles import actions
from broadsheet.articles.models import Article, Category, Kind, LegacyPath, Page, Status, Tag
from broadsheet.articles.views import render_article
from broadsheet.lib.slugs import make_slug
from broadsheet.people.models import Author

# What someone who may not publish (a contributor) can choose: write, then submit.
WRITER_STATUSES = (Status.DRAFT, Status.PENDING)


_MAX_ID = 2**63 - 1


def _could_be_id(value: object) -> bool:
    if not isinstance(value, str) or value == "":
        return True  # not typed by anyone (an instance or a number), or "none chosen"
    return value.isascii() and value.isdigit() and int(value) <= _MAX_ID


class ArticleForm(forms.ModelForm):
    """Checks that need more than one field; the role rules are applied in `get_form`.

    The model and fields come from the ModelAdmin (modelform_factory), per request.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The autocomplete widgets look up whatever ids they are given (from the POST, or
        # from ?categories=… on the add page) while rendering, and a non-number or one past
        # the database's integers is a 500 there. No form ever sends those: drop them.
        relations = [n for n, f in self.fields.items() if isinstance(f, forms.ModelChoiceField)]
        if self.is_bound and hasattr(self.data, "getlist"):
            data = self.data.copy()
            for name in relations:
                key = self.add_prefix(name)
                if key in data:
                    data.setlist(key, [v for v in data.getlist(key) if _could_be_id(v)])
            self.data = data
        for name in relations:
            value = self.initial.get(name)
            if isinstance(value, list | tuple):
                self.initial[name] = [v for v in value if _could_be_id(v)]
            elif not _could_be_id(value):
                del self.initial[name]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        status = data.get("status")
        when = data.get("published_at")
        changed_to_scheduled = status == Status.SCHEDULED and (
            self.instance.pk is None or self.instance.status != Status.SCHEDULED
        )
        if changed_to_scheduled and (when is None or when <= timezone.now()):
            self.add_error(
                "published_at", gettext("To schedule, choose a publish time in the future.")
            )
        return data


class PageForm(ArticleForm):
    def clean(self) -> dict[str, Any]:
        data = super().clean()
        parent: Article | None = data.get("parent")
        ancestor = parent
        while ancestor is not None:
            if self.instance.pk and ancestor.pk == self.instance.pk:
                self.add_error("parent", gettext("A page cannot be inside itself."))
                return data
            ancestor = ancestor.parent
        slug = data.get("slug") or make_slug(data.get("title") or "")
        if slug:
            where = f"{parent.path.rstrip('/')}/{slug}/" if parent else f"/{slug}/"
            # A page only lives at an address the catch-all route gets to answer.
            if resolve(where).url_name != "page":
                self.add_error(
                    "slug",
                    gettext("The address %(path)s belongs to the site itself; choose another.")
                    % {"path": where},
                )
        return data


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    kind = Kind.POST
    form = ArticleForm
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

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> list:  # type: ignore[type-arg]
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.has_perm("images.view_image"):
            return fieldsets
        # Without access to the image library the picker could only fail.
        return [
            (name, {**opts, "fields": [f for f in opts["fields"] if f != "featured_image"]})
            for name, opts in fieldsets
        ]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        readonly = [*super().get_readonly_fields(request, obj)]
        if not Article.can_publish(request.user):
            # Choosing the time is part of publishing, which is an editor's call here.
            readonly.append("published_at")
        if not request.user.has_perm("articles.edit_others_article"):
            readonly.append("sticky")
        return readonly

    def get_form(
        self, request: HttpRequest, obj: Any = None, **kwargs: Any
    ) -> type[forms.ModelForm]:
        form = super().get_form(request, obj, **kwargs)
        fields = form.base_fields
        if "status" in fields and not Article.can_publish(request.user):
            # The choices are also what the form accepts: a forged "publish" is refused
            # with a form error, never saved.
            fields["status"].choices = [c for c in Status.choices if c[0] in WRITER_STATUSES]
        if "author" in fields:
            own = Author.objects.filter(user=request.user)
            if request.user.has_perm("articles.edit_others_article"):
                fields["author"].initial = own.first()
            else:
                fields["author"].queryset = own
                fields["author"].initial = own.first()
                fields["author"].empty_label = None
        if "parent" in fields and obj is not None:
            fields["parent"].queryset = fields["parent"].queryset.exclude(pk=obj.pk)
        return form

    def save_model(self, request: HttpRequest, obj: Article, form: Any, change: bool) -> None:
        obj.kind = self.kind
        # Categories and tags follow in save_related (form.save_m2m), in the same transaction
        # and before article_changed is sent on commit.
        actions.do_save_article(obj)

    def delete_model(self, request: HttpRequest, obj: Article) -> None:
        actions.do_delete_article(obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        for obj in queryset:
            if obj.can_edit(request.user):
                actions.do_delete_article(obj)

    def view_on_site(self, obj: Article) -> str:
        # A draft has no public address yet; the preview is where it can be seen.
        if obj.is_public:
            return obj.get_absolute_url()
        return reverse(f"admin:articles_{self.opts.model_name}_preview", args=[obj.pk])

    @admin.display(description=_("address"))
    def public_link(self, obj: Article) -> str:
        if obj.is_public:
            return format_html('<a href="{0}">{0}</a>', obj.get_absolute_url())
        return "—"

    @admin.display(description=_("preview"))
    def preview_link(self, obj: Article) -> str:
        if not obj.pk:
            return gettext("Save a draft to preview it.")
        url = reverse(f"admin:articles_{self.opts.model_name}_preview", args=[obj.pk])
        return format_html(
            '<a href="{}" target="_blank">{}</a>', url, gettext("Preview as readers will see it")
        )

    def get_urls(self) -> list:  # type: ignore[type-arg]
        name = f"articles_{self.opts.model_name}_preview"
        preview = self.admin_site.admin_view(self.preview)
        return [path("<int:pk>/preview/", preview, name=name), *super().get_urls()]

    def preview(self, request: HttpRequest, pk: int) -> HttpResponse:
        """The public template, for any status, with the saved text.

        Looked up through the admin's own queryset, so a writer previews only what they
        could open in the admin (their own articles; an editor, everyone's).
        """
        if not self.has_view_permission(request):
            raise PermissionDenied
        qs = self.get_queryset(request).select_related("author__photo", "featured_image")
        article = get_object_or_404(qs, pk=pk)
        response = render_article(request, article, preview=True)
        response["X-Robots-Tag"] = "noindex"
        return response


@admin.register(Page)
class PageAdmin(ArticleAdmin):
    kind = Kind.PAGE
    form = PageForm
    list_display = ["title", "status", "path", "parent", "menu_order"]
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

    def get_form(
        self, request: HttpRequest, obj: Any = None, **kwargs: Any
    ) -> type[forms.ModelForm]:
        form = super().get_form(request, obj, **kwargs)
        if "parent" in form.base_fields and obj is not None:
            # Neither itself nor anything below it: that would make a loop.
            below = Category.objects.filter(path__startswith=f"{obj.path}/")
            parent = form.base_fields["parent"]
            parent.queryset = parent.queryset.exclude(pk=obj.pk).exclude(pk__in=below)  # type: ignore[attr-defined]
        return form

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
