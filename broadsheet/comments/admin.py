"""Comment moderation in /admin/, shaped like WordPress's Comments screen: tabs (all,
pending, approved, spam, trash) with counts, row and bulk actions, edit, reply, and a
pending-count badge in the admin's header (templates/admin/base_site.html)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from broadsheet.comments import actions
from broadsheet.comments.defences import client_ip
from broadsheet.comments.models import Comment, DiscussionSettings

Status = Comment.Status

# What each row button and bulk action does: (target status, label, past tense).
VERBS: dict[str, tuple[str, Any]] = {
    "approve": (Status.APPROVED, _("Approve")),
    "unapprove": (Status.PENDING, _("Unapprove")),
    "spam": (Status.SPAM, _("Spam")),
    "notspam": (Status.PENDING, _("Not spam")),
    "trash": (Status.TRASH, _("Trash")),
    "restore": (Status.PENDING, _("Restore")),
}
# Which row buttons a comment in each status shows, as WordPress does.
ROW_VERBS = {
    Status.PENDING: ["approve", "spam", "trash"],
    Status.APPROVED: ["unapprove", "spam", "trash"],
    Status.SPAM: ["notspam", "trash"],
    Status.TRASH: ["restore", "spam"],
}
TAB_PARAMETER = "comment_status"


class StatusTab(admin.SimpleListFilter):
    """WordPress's tabs: "All" is everything but spam and trash."""

    title = _("status")
    parameter_name = TAB_PARAMETER

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [
            (s.value, s.label) for s in (Status.PENDING, Status.APPROVED, Status.SPAM, Status.TRASH)
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Comment]) -> QuerySet[Comment]:
        if self.value() in Status.values:
            return queryset.filter(status=self.value())
        return queryset.exclude(status__in=(Status.SPAM, Status.TRASH))


class CommentEditForm(forms.ModelForm):
    author_url = forms.URLField(
        label=_("website"), max_length=200, required=False, assume_scheme="https"
    )

    class Meta:
        model = Comment
        fields = ["author_name", "author_email", "author_url", "content", "status"]
        widgets = {"content": forms.Textarea(attrs={"rows": 10, "cols": 80})}


class ReplyForm(forms.Form):
    content = forms.CharField(
        label=_("Your reply"),
        max_length=65525,
        widget=forms.Textarea(attrs={"rows": 8, "cols": 80, "autofocus": True}),
    )


def _row_id(pk: int) -> int:
    """An id from the URL that the database can compare (a 30-digit one would overflow)."""
    if not 0 < pk < 2**63:
        raise Http404
    return pk


def _bulk(verb: str) -> Any:
    status, label = VERBS[verb]

    @admin.action(description=label, permissions=["change"])
    def run(modeladmin: CommentAdmin, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        changed = actions.do_set_status(list(queryset), status, by=request.user)
        modeladmin.message_user(
            request,
            ngettext("%(n)d comment changed.", "%(n)d comments changed.", changed) % {"n": changed},
            messages.SUCCESS,
        )

    run.__name__ = f"bulk_{verb}"
    return run


@admin.action(description=_("Delete permanently"), permissions=["delete"])
def delete_permanently(
    modeladmin: CommentAdmin, request: HttpRequest, queryset: QuerySet[Comment]
) -> None:
    count = 0
    for comment in queryset:
        actions.do_delete_comment(comment)
        count += 1
    modeladmin.message_user(
        request,
        ngettext("%(n)d comment deleted.", "%(n)d comments deleted.", count) % {"n": count},
        messages.SUCCESS,
    )


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    form = CommentEditForm
    list_display = [
        "author_column",
        "comment_column",
        "article_column",
        "created_at",
        "row_actions",
    ]
    list_display_links = None
    list_filter = [StatusTab]
    search_fields = ["author_name", "author_email", "author_url", "author_ip", "content"]
    date_hierarchy = "created_at"
    list_per_page = 50
    ordering = ["-created_at", "-id"]
    actions = [*(_bulk(v) for v in VERBS), delete_permanently]
    readonly_fields = [
        "article_link",
        "parent",
        "created_at",
        "author_ip",
        "user_agent",
        "moderation_note",
    ]
    fieldsets = [
        (None, {"fields": ["content", "status"]}),
        (_("Author"), {"fields": ["author_name", "author_email", "author_url"]}),
        (
            _("Details"),
            {
                "fields": [
                    "article_link",
                    "parent",
                    "created_at",
                    "author_ip",
                    "user_agent",
                    "moderation_note",
                ]
            },
        ),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Comment]:
        return super().get_queryset(request).select_related("article", "parent")

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        found = super().get_actions(request)
        found.pop("delete_selected", None)  # deletes go through actions.do_delete_comment
        return found

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # comments come from readers; staff write replies (the Reply button)

    # --- columns ---------------------------------------------------------------------

    @admin.display(description=_("author"))
    def author_column(self, obj: Comment) -> str:
        lines = [format_html("<strong>{}</strong>", obj.author_name)]
        if obj.author_email:
            lines.append(format_html('<a href="mailto:{0}">{0}</a>', obj.author_email))
        if obj.author_url:
            lines.append(
                format_html('<a href="{0}" rel="nofollow noreferrer">{0}</a>', obj.author_url)
            )
        if obj.author_ip:
            lines.append(format_html("{}", obj.author_ip))
        return format_html_join("<br>", "{}", ((line,) for line in lines))

    @admin.display(description=_("comment"))
    def comment_column(self, obj: Comment) -> str:
        parts = []
        if obj.status != Status.APPROVED:
            parts.append(
                format_html(
                    "<p><strong>{}</strong>{}</p>",
                    obj.get_status_display(),
                    f" — {obj.moderation_note}" if obj.moderation_note else "",
                )
            )
        if obj.parent_id:
            parts.append(
                format_html(
                    "<p>{} {}</p>",
                    gettext("In reply to"),
                    obj.parent.author_name if obj.parent else "?",
                )
            )
        text = obj.content if len(obj.content) <= 300 else obj.content[:300] + "…"
        parts.append(format_html('<div style="white-space: pre-wrap">{}</div>', text))
        return format_html_join("", "{}", ((p,) for p in parts))

    @admin.display(description=_("in response to"))
    def article_column(self, obj: Comment) -> str:
        return format_html('<a href="{}">{}</a>', obj.article.get_absolute_url(), obj.article.title)

    @admin.display(description=_("article"))
    def article_link(self, obj: Comment) -> str:
        return self.article_column(obj)

    @admin.display(description=_("actions"))
    def row_actions(self, obj: Comment) -> str:
        # Buttons post the changelist's own form (CSRF token included) to a row's URL.
        buttons = [
            format_html(
                '<button type="submit" class="button" formaction="{}" formmethod="post">'
                "{}</button>",
                reverse("admin:comments_comment_moderate", args=[obj.pk, verb]),
                VERBS[verb][1],
            )
            for verb in ROW_VERBS.get(obj.status, [])
        ]
        buttons.append(
            format_html(
                '<a class="button" href="{}">{}</a>',
                reverse("admin:comments_comment_reply", args=[obj.pk]),
                gettext("Reply"),
            )
        )
        buttons.append(
            format_html(
                '<a class="button" href="{}">{}</a>',
                reverse("admin:comments_comment_change", args=[obj.pk]),
                gettext("Edit"),
            )
        )
        return format_html_join(" ", "{}", ((b,) for b in buttons))

    def view_on_site(self, obj: Comment) -> str:
        return obj.get_absolute_url()

    # --- tabs with counts ------------------------------------------------------------

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        counts = dict(
            Comment.objects.values_list("status").annotate(n=Count("id")).values_list("status", "n")
        )
        current = request.GET.get(TAB_PARAMETER, "")
        changelist = reverse("admin:comments_comment_changelist")
        tabs = [
            {
                "label": gettext("All"),
                "count": counts.get(Status.PENDING, 0) + counts.get(Status.APPROVED, 0),
                "url": changelist,
                "current": current not in Status.values,
            }
        ]
        for status in (Status.PENDING, Status.APPROVED, Status.SPAM, Status.TRASH):
            tabs.append(
                {
                    "label": status.label,
                    "count": counts.get(status, 0),
                    "url": f"{changelist}?{TAB_PARAMETER}={status.value}",
                    "current": current == status.value,
                }
            )
        return super().changelist_view(request, {"comment_tabs": tabs, **(extra_context or {})})

    # --- saving ----------------------------------------------------------------------

    def save_model(self, request: HttpRequest, obj: Comment, form: Any, change: bool) -> None:
        new_status = obj.status
        old_status = Comment.objects.filter(pk=obj.pk).values_list("status", flat=True).first()
        obj.status = old_status or new_status
        actions.do_edit_comment(obj)
        if new_status != obj.status:
            actions.do_set_status([obj], new_status, by=request.user)

    def delete_model(self, request: HttpRequest, obj: Comment) -> None:
        actions.do_delete_comment(obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        for obj in queryset:
            actions.do_delete_comment(obj)

    # --- row actions and reply -------------------------------------------------------

    def get_urls(self) -> list:  # type: ignore[type-arg]
        wrap = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/moderate/<str:verb>/",
                wrap(require_POST(self.moderate)),
                name="comments_comment_moderate",
            ),
            path("<int:pk>/reply/", wrap(self.reply), name="comments_comment_reply"),
            *super().get_urls(),
        ]

    def _back(self, request: HttpRequest) -> str:
        referer = request.META.get("HTTP_REFERER", "")
        if referer and url_has_allowed_host_and_scheme(
            referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return referer
        return reverse("admin:comments_comment_changelist")

    def moderate(self, request: HttpRequest, pk: int, verb: str) -> HttpResponse:
        if not self.has_change_permission(request) or verb not in VERBS:
            raise PermissionDenied
        comment = get_object_or_404(Comment, pk=_row_id(pk))
        status, label = VERBS[verb]
        actions.do_set_status([comment], status, by=request.user)
        self.message_user(
            request,
            gettext("%(action)s: comment by %(name)s.")
            % {"action": label, "name": comment.author_name},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(self._back(request))

    def reply(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not self.has_change_permission(request):
            raise PermissionDenied
        parent = get_object_or_404(Comment.objects.select_related("article"), pk=_row_id(pk))
        form = ReplyForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                actions.do_reply(
                    parent, request.user, form.cleaned_data["content"], ip=client_ip(request)
                )
            except actions.CommentRefused as refusal:
                form.add_error("content", refusal.message)
            else:
                self.message_user(request, gettext("Your reply is published."), messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:comments_comment_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Reply to %(name)s") % {"name": parent.author_name},
            "parent": parent,
            "form": form,
        }
        return TemplateResponse(request, "admin/comments/comment/reply.html", context)


@admin.register(DiscussionSettings)
class DiscussionSettingsAdmin(admin.ModelAdmin):
    """One row: the list goes straight to it, and it is never added twice nor deleted."""

    fieldsets = [
        (
            _("Before a comment appears"),
            {"fields": ["require_previous_approval", "max_links", "hold_words"]},
        ),
        (_("Spam"), {"fields": ["disallowed_words", "max_per_ip_hour"]}),
        (
            _("Closing and threading"),
            {"fields": ["close_old_articles", "close_after_days", "thread_depth", "per_page"]},
        ),
        (_("Email me whenever"), {"fields": ["notify_author", "notify_moderators"]}),
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        if not DiscussionSettings.objects.filter(pk=1).exists():
            DiscussionSettings().save()  # the row exists from the first visit on
        return HttpResponseRedirect(reverse("admin:comments_discussionsettings_change", args=[1]))
